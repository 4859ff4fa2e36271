/**
 * Characters that change how text around them is displayed without being visible themselves:
 * bidi embeddings, overrides and isolates (which can make "exe.gnp" read as "png.exe"), marks,
 * zero-width joiners and spaces, and the BOM. Attackers use them to disguise display names.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** C0/C1 control characters other than tab and newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export interface NeutralizedText {
  /** The text without invisible formatting or control characters, whitespace runs collapsed. */
  text: string;
  /** How many characters were removed. */
  removed: number;
}

/** Makes attacker-chosen text safe to display as a single line: nothing hidden, nothing reordered. */
export function neutralizeText(raw: string): NeutralizedText {
  const stripped = raw.replace(INVISIBLE, '').replace(CONTROL, '');
  const text = stripped.replace(/\s+/g, ' ').trim();
  return { text, removed: raw.length - stripped.length };
}

let segmenter: Intl.Segmenter | undefined;

/** Cuts text to at most `max` user-perceived characters (so emoji and accents are not split). */
export function truncateGraphemes(text: string, max: number): { text: string; truncated: boolean } {
  // A grapheme is at least one code unit, so text this short cannot exceed the limit.
  if (text.length <= max) return { text, truncated: false };
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    if (count === max) return { text: `${text.slice(0, index)}…`, truncated: true };
    count++;
    end = index + segment.length;
  }
  return { text: text.slice(0, end), truncated: false };
}
