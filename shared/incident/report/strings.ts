import { EN, EN_MONTHS, type ReportKey } from './stringsEn';
import { ID, ID_MONTHS } from './stringsId';

export type { ReportKey } from './stringsEn';

/** Languages the report is written in. */
export const REPORT_LANGUAGES = ['en', 'id'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** The report's own text (not the UI's: the report is a document with its own register). */
export const REPORT_STRINGS: Readonly<Record<ReportLanguage, Readonly<Record<ReportKey, string>>>> = { en: EN, id: ID };

export const REPORT_MONTHS: Readonly<Record<ReportLanguage, readonly string[]>> = { en: EN_MONTHS, id: ID_MONTHS };

/** Digit grouping and decimal mark: Indonesian writes 100.000 and 2,5. */
export const NUMBER_MARKS: Readonly<Record<ReportLanguage, { group: string; decimal: string }>> = {
  en: { group: ',', decimal: '.' },
  id: { group: '.', decimal: ',' },
};

/**
 * Text chosen by a participant or read from a person's record (a display name, an identifier),
 * kept apart inside a phrase so a renderer can isolate it (HTML `<bdi>`): a right-to-left name
 * must not reorder the words around it.
 */
export interface NameSpan {
  readonly name: string;
}
export type Segment = string | NameSpan;
/** A sentence of the report: literal text and names, in order. */
export type Phrase = readonly Segment[];
export type PhraseParam = string | number | NameSpan | Phrase;

type Compiled = readonly (string | { param: string })[];
const compiled = new Map<string, Compiled>();

function compile(template: string): Compiled {
  const parts: (string | { param: string })[] = [];
  const pattern = /\{(\w+)\}/g;
  let last = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ param: match[1] as string });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** Groups digits the way the language does (integers only; see formatDecimal for fractions). */
export function formatInteger(value: number, language: ReportLanguage): string {
  const digits = String(Math.abs(Math.round(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, NUMBER_MARKS[language].group);
  return value < 0 ? `-${grouped}` : grouped;
}

/** The placeholders of a template, in order (used by the parity test). */
export function placeholders(template: string): string[] {
  return compile(template).flatMap((part) => (typeof part === 'string' ? [] : [part.param]));
}

/**
 * Fills a report template. Names stay separate segments; numbers are grouped for the language; a
 * missing parameter is left visible as `{name}` rather than silently dropped.
 */
export function phrase(language: ReportLanguage, key: ReportKey, params: Readonly<Record<string, PhraseParam>> = {}): Phrase {
  const cacheKey = `${language}\u0000${key}`;
  let parts = compiled.get(cacheKey);
  if (!parts) {
    parts = compile(REPORT_STRINGS[language][key]);
    compiled.set(cacheKey, parts);
  }
  const out: Segment[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      out.push(part);
      continue;
    }
    const value = params[part.param];
    if (value === undefined) out.push(`{${part.param}}`);
    else if (typeof value === 'number') out.push(formatInteger(value, language));
    else if (typeof value === 'string' || !Array.isArray(value)) out.push(value as string | NameSpan);
    else out.push(...(value as Phrase));
  }
  return out;
}

/** A template filled as plain text. */
export function text(language: ReportLanguage, key: ReportKey, params: Readonly<Record<string, PhraseParam>> = {}): string {
  return plain(phrase(language, key, params));
}

/** A phrase as plain text. */
export function plain(value: Phrase): string {
  let out = '';
  for (const segment of value) out += typeof segment === 'string' ? segment : segment.name;
  return out;
}

/** Joins phrases with a separator (e.g. "; "). */
export function joinPhrases(phrases: readonly Phrase[], separator: string): Phrase {
  const out: Segment[] = [];
  phrases.forEach((p, i) => {
    if (i > 0) out.push(separator);
    out.push(...p);
  });
  return out;
}
