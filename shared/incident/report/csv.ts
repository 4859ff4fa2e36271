import type { LogEntry } from '../entry';
import { describeEntry } from './describeEntry';
import type { RequestedAction } from './phrases';
import { Redactor } from './redact';
import { plain, text, type ReportLanguage } from './strings';

export interface CsvExportOptions {
  language: ReportLanguage;
  redact: boolean;
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): `=`, `+`,
 * `-`, `@`, tab and carriage return, plus their full-width forms, which some spreadsheets fold to
 * the ASCII ones. Checked after leading spaces, which spreadsheets may skip.
 */
const FORMULA_START = /^[\s\u00A0]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Invisible and control characters escaped in the JSON column so a viewer cannot hide or reorder text. */
const HIDDEN = /[\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * One CSV field (RFC 4180): neutralised against formula injection by a leading single quote, as
 * OWASP recommends, and quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** JSON that shows invisible characters as `\uXXXX` escapes (still valid JSON, same meaning). */
export function visibleJson(value: unknown): string {
  return JSON.stringify(value).replace(HIDDEN, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 on the recording computer's clock, with its offset: `2025-11-24T23:01:00.000+07:00`. */
function localIso(ts: string, tz: string): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const d = new Date(Date.parse(ts) + offset * 60_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${date}T${time}${match ? tz : '+00:00'}`;
}

/**
 * The log as a spreadsheet: one row per entry (sequence, UTC time, local time, kind, participant,
 * summary, the entry's data as JSON, and the hash-chain link), UTF-8 with a byte-order mark so
 * spreadsheets detect the encoding, CRLF line ends per RFC 4180.
 */
export function exportCsv(entries: readonly LogEntry[], options: CsvExportOptions): string {
  const { language } = options;
  const redactor = new Redactor(entries, { redact: options.redact, language });
  const actions = new Map<string, RequestedAction>();
  for (const entry of entries) {
    if (entry.kind !== 'action.requested') continue;
    const { action, target, parentId } = entry.data;
    actions.set(action.id, { action, ...(target !== undefined ? { target } : {}), ...(parentId !== undefined ? { parentId } : {}) });
  }
  const ctx = { language, redactor, actions };
  const header = (
    ['col.seq', 'col.utcTime', 'col.localTime', 'col.kind', 'col.participant', 'col.summary', 'col.detail', 'col.prev'] as const
  )
    .map((key) => csvCell(text(language, key)))
    .join(',');
  const rows: string[] = [header];
  for (const entry of entries) {
    const { line, participant } = describeEntry(entry, ctx);
    const shown = redactor.entry(entry);
    rows.push(
      [
        String(entry.seq),
        csvCell(entry.ts),
        csvCell(localIso(entry.ts, entry.tz)),
        csvCell(entry.kind),
        csvCell(participant ?? ''),
        csvCell(plain(line)),
        csvCell(visibleJson((shown as { data?: unknown }).data ?? null)),
        csvCell(entry.prev),
      ].join(','),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
