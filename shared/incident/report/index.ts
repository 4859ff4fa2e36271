/**
 * The incident report and its exporters. Pure: no Node, no DOM. The host verifies the chain
 * (hashing is injected there) and passes the result in.
 */
export { buildReport, type ReportOptions } from './reportModel';
export type * from './reportTypes';
export { exportJson, logJsonSchema, LogExport, type JsonExportOptions } from './json';
export { exportCsv, csvCell, type CsvExportOptions } from './csv';
export { renderMarkdown, escapeMarkdown } from './markdown';
export { renderHtml, escapeHtml, REPORT_CSP } from './html';
export { REPORT_LANGUAGES, REPORT_STRINGS, plain, type ReportLanguage, type Phrase, type NameSpan } from './strings';
export type { TimePoint } from './format';
