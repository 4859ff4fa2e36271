import { HostdeckError } from '../../shared/contract/reply';
import { buildReport, exportCsv, exportJson, renderHtml, renderMarkdown, type ReportLanguage } from '../../shared/incident/report';
import type { LogLibrary } from './log/logLibrary';

export type ExportFormat = 'json' | 'csv' | 'markdown' | 'html' | 'pdf';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

/** Prints a self-contained HTML document to PDF (the desktop app's printToPDF); absent in browser mode. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

const TYPES: Record<Exclude<ExportFormat, 'pdf'>, { ext: string; mime: string }> = {
  json: { ext: 'json', mime: 'application/json' },
  csv: { ext: 'csv', mime: 'text/csv;charset=utf-8' },
  markdown: { ext: 'md', mime: 'text/markdown;charset=utf-8' },
  html: { ext: 'html', mime: 'text/html;charset=utf-8' },
};

/** The report of one session as HTML, with the chain verified first (browser mode serves this to print). */
export async function reportHtml(
  library: LogLibrary,
  sessionId: string,
  language: ReportLanguage,
  redact: boolean,
  now: number,
): Promise<string> {
  const entries = await library.read(sessionId);
  const check = await library.verify(sessionId);
  return renderHtml(
    buildReport(entries, {
      redact,
      language,
      headHash: check.ok ? check.headHash : await library.lastLineHash(sessionId),
      verified: check.ok,
      ...(check.ok ? {} : { brokenAt: check.line }),
      generatedAt: now,
      fileName: `${sessionId}.jsonl`,
    }),
  );
}

/**
 * Exports a session's record: the full log (JSON with its schema version and head hash, or CSV for
 * spreadsheets) or the report (Markdown, HTML, PDF). The chain is verified first and the result is
 * stated in the report, so a tampered log cannot produce a clean-looking report.
 */
export async function exportSession(
  library: LogLibrary,
  request: { sessionId: string; format: ExportFormat; language: ReportLanguage; redact: boolean },
  now: number,
  printPdf: PdfPrinter | undefined,
): Promise<ExportedFile> {
  const { sessionId, format, language, redact } = request;
  const base = `hostdeck-${sessionId}${redact ? '-redacted' : ''}`;
  if (format === 'pdf') {
    if (!printPdf) {
      throw new HostdeckError(
        'invalidInput',
        'PDF is printed by the desktop app. In browser mode, open the HTML report (Print report) and use the browser’s Print → Save as PDF.',
      );
    }
    const pdf = await printPdf(await reportHtml(library, sessionId, language, redact, now));
    return { fileName: `${base}.pdf`, mimeType: 'application/pdf', encoding: 'base64', content: Buffer.from(pdf).toString('base64') };
  }
  const entries = await library.read(sessionId);
  const check = await library.verify(sessionId);
  // The hash of the file's last line, even when the chain is broken: the exported document states it.
  const headHash = check.ok ? check.headHash : await library.lastLineHash(sessionId);
  let content: string;
  if (format === 'json') content = exportJson(entries, { headHash, redact, language });
  else if (format === 'csv') content = exportCsv(entries, { language, redact });
  else {
    const report = buildReport(entries, {
      redact,
      language,
      headHash,
      verified: check.ok,
      ...(check.ok ? {} : { brokenAt: check.line }),
      generatedAt: now,
      fileName: `${sessionId}.jsonl`,
    });
    content = format === 'markdown' ? renderMarkdown(report) : renderHtml(report);
  }
  return { fileName: `${base}.${TYPES[format].ext}`, mimeType: TYPES[format].mime, encoding: 'utf8', content };
}
