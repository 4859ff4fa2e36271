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
 * the ASCII ones. Checked after leading spaces too, which spreadsheets may skip.
 */
const FORMULA_START = /^[ \u00A0]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Invisible and control characters escaped in the JSON column so a viewer cannot hide or reorder text. */
const HIDDEN = /[\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'g');

/**
 * One CSV field (RFC 4180): neutralised against formula injection by a leading single quote, as
 * OWASP recommends, and quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** JSON that shows invisible characters as `\\uXXXX` escapes (still valid JSON, same meaning). */
export function visibleJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Test before replacing: almost no entry has such characters, and a test allocates nothing.
  return HIDDEN.test(json) ? json.replace(HIDDEN_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

const offsets = new Map<string, number | undefined>();

/** Minutes east of UTC for an offset like `+07:00` (cached: a log has one or two offsets). */
function offsetMinutes(tz: string): number | undefined {
  if (offsets.has(tz)) return offsets.get(tz);
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : undefined;
  if (offsets.size < 100) offsets.set(tz, minutes);
  return minutes;
}

let lastMinute = '';
let lastLocalMinute = '';

/**
 * ISO 8601 on the recording computer's clock, with its offset: `2025-11-24T23:01:00.000+07:00`.
 * Offsets are whole minutes, so only the minute changes; consecutive entries (a log is in time
 * order) mostly share it, and one remembered minute saves a date conversion per row.
 */
function localIso(ts: string, tz: string): string {
  const minutes = offsetMinutes(tz);
  const zone = minutes === undefined ? '+00:00' : tz;
  if (ts.length !== 24 || ts[23] !== 'Z') return '';
  const key = `${ts.slice(0, 16)}${zone}`;
  if (key !== lastMinute) {
    const ms = Date.parse(`${ts.slice(0, 16)}:00.000Z`);
    if (Number.isNaN(ms)) return '';
    lastMinute = key;
    lastLocalMinute = new Date(ms + (minutes ?? 0) * 60_000).toISOString().slice(0, 16);
  }
  return `${lastLocalMinute}${ts.slice(16, 23)}${zone}`;
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
    const data = (redactor.entry(entry) as { data?: unknown }).data ?? null;
    // Every field goes through csvCell, even those Hostdeck generates: the file read back may have been edited.
    const cells = [
      String(entry.seq),
      entry.ts,
      localIso(entry.ts, entry.tz),
      entry.kind,
      participant ?? '',
      plain(line),
      visibleJson(data),
      entry.prev,
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
