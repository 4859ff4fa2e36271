import { remove as removeConfusables } from 'confusables';
import { neutralizeText } from '../util/text';

/**
 * Text for search: lower case, without diacritics ("Sénior" finds "senior"), invisible characters
 * removed, whitespace collapsed.
 */
export function foldForSearch(text: string): string {
  return neutralizeText(text)
    .text.normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Digits and symbols used as letters in disguised names. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'l',
};

/**
 * A name's skeleton: what it looks like, not what it is. Unicode look-alikes (Cyrillic "а" for "a",
 * full-width letters) become their Latin letter (the Unicode confusables table, via the
 * `confusables` library), digits used as letters become letters, diacritics, case, punctuation and
 * spacing are dropped, and the letters people cannot tell apart in a roster (i, l, 1, I) become one.
 * Two names with the same skeleton look the same to a moderator under stress.
 */
export function nameSkeleton(name: string): string {
  const visible = neutralizeText(name).text.normalize('NFKC');
  const latin = removeConfusables(visible)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  let out = '';
  for (const ch of latin) {
    const mapped = LEET[ch] ?? ch;
    if (/[\p{L}\p{N}]/u.test(mapped)) out += mapped === 'i' ? 'l' : mapped;
  }
  return out;
}

/** Whether the name has any letter at all (emoji-only and symbol-only names do not). */
export function hasLetters(name: string): boolean {
  return /\p{L}/u.test(name);
}
