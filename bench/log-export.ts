import { createHash } from 'node:crypto';
import type { LogEntry } from '../shared/incident/entry';
import { buildReport, exportCsv, exportJson, renderHtml } from '../shared/incident/report/index';
import { generateLog } from '../shared/incident/report/testing/generateLog';

/** How many entries the export figures are measured on (issue 5: 100,000 each). */
export const EXPORT_ENTRIES = 100_000;

export interface ExportTimings {
  export_json_ms: number;
  export_csv_ms: number;
  /** The whole way from entries to the HTML document: building the report, then rendering it. */
  export_html_ms: number;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function timed(run: () => string): number {
  const started = performance.now();
  const output = run();
  const elapsed = performance.now() - started;
  if (output.length === 0) throw new Error('an export produced nothing');
  return elapsed;
}

/**
 * Times each export of the same entries, unredacted, in English. Each is run once to warm up and
 * then `rounds` times; the median is reported, so one garbage collection does not decide a figure.
 */
export function measureExports(entries: readonly LogEntry[], rounds = 3): ExportTimings {
  const headHash = sha256(JSON.stringify(entries.at(-1) ?? null));
  const median = (run: () => string) => {
    timed(run);
    const times = Array.from({ length: rounds }, () => timed(run)).sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] as number;
  };
  return {
    export_json_ms: median(() => exportJson(entries, { headHash })),
    export_csv_ms: median(() => exportCsv(entries, { language: 'en', redact: false })),
    export_html_ms: median(() => renderHtml(buildReport(entries, { language: 'en', redact: false, headHash, verified: true }))),
  };
}

/** A realistic chained log of `count` entries: joins, leaves, updates, flags, contain plans, refused joins, notes. */
export function benchLog(count = EXPORT_ENTRIES): LogEntry[] {
  return generateLog(count, sha256).log.entries;
}
