import { NUMBER_MARKS, REPORT_MONTHS, text, type ReportLanguage } from './strings';

/** A moment, written every way the report needs it. */
export interface TimePoint {
  /** Milliseconds since the Unix epoch (UTC). */
  ms: number;
  /** ISO 8601 in UTC with milliseconds, as in the log. */
  iso: string;
  /** The recording computer's offset from UTC at the time, e.g. `+07:00`. */
  tz: string;
  /** Date and time in UTC, e.g. "24 November 2025, 16:01:00 UTC". */
  utc: string;
  /** Date and time on the recording computer's clock, e.g. "24 November 2025, 23:01:00 (UTC+07:00)". */
  local: string;
  /** Time of day in UTC, for tables. */
  utcTime: string;
  /** Time of day on the recording computer's clock, for tables. */
  localTime: string;
  /** The date on the recording computer's clock, e.g. "24 November 2025". */
  localDate: string;
}

function offsetMinutes(tz: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

const pad = (n: number) => String(n).padStart(2, '0');

function clock(date: Date, language: ReportLanguage): string {
  // PUEBI writes times with full stops (16.01.00); English uses colons.
  const sep = language === 'id' ? '.' : ':';
  return `${pad(date.getUTCHours())}${sep}${pad(date.getUTCMinutes())}${sep}${pad(date.getUTCSeconds())}`;
}

function day(date: Date, language: ReportLanguage): string {
  return `${date.getUTCDate()} ${REPORT_MONTHS[language][date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/**
 * Writes a moment in UTC and in the local time of the machine that recorded it. The offset comes
 * from the log entry (`tz`), not from the machine making the report, so the report reads the same
 * wherever it is produced.
 */
export function timePoint(ms: number, tz: string, language: ReportLanguage): TimePoint {
  const utc = new Date(ms);
  const local = new Date(ms + offsetMinutes(tz) * 60_000);
  const utcTime = clock(utc, language);
  const localTime = clock(local, language);
  return {
    ms,
    iso: utc.toISOString(),
    tz,
    utc: `${text(language, 'format.dateTime', { date: day(utc, language), time: utcTime })} UTC`,
    local: `${text(language, 'format.dateTime', { date: day(local, language), time: localTime })} (UTC${tz})`,
    utcTime,
    localTime,
    localDate: day(local, language),
  };
}

/** A number with a fixed count of decimals, with the language's decimal mark. */
export function formatDecimal(value: number, digits: number, language: ReportLanguage): string {
  const [whole = '0', fraction] = value.toFixed(digits).split('.');
  const marks = NUMBER_MARKS[language];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, marks.group);
  return fraction === undefined ? grouped : `${grouped}${marks.decimal}${fraction}`;
}

/** A duration in words a reader takes in at once: 850 ms, 30.1 s, 4 min 5 s, 1 h 20 min. */
export function formatDuration(ms: number, language: ReportLanguage): string {
  const value = Math.max(0, ms);
  if (value < 1000) return text(language, 'unit.ms', { n: formatDecimal(value, 0, language) });
  if (value < 60_000) return text(language, 'unit.s', { n: formatDecimal(value / 1000, 1, language) });
  const totalSeconds = Math.round(value / 1000);
  if (totalSeconds < 3600) return text(language, 'unit.min', { m: String(Math.floor(totalSeconds / 60)), s: String(totalSeconds % 60) });
  const totalMinutes = Math.round(value / 60_000);
  return text(language, 'unit.h', { h: String(Math.floor(totalMinutes / 60)), m: String(totalMinutes % 60) });
}
