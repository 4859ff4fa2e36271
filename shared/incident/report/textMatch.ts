/** Shortest needle searched for inside free text: one-letter names would replace ordinary words. */
const MIN_NEEDLE = 2;

const WORD = /[\p{L}\p{N}_]/u;
const isWordChar = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

/** Lower-cases without changing the length, so indexes in the folded text are indexes in the original. */
function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

interface Needle {
  replacement: string;
  /** Whether the needle starts or ends with a letter or digit, which then must not continue a word. */
  checkStart: boolean;
  checkEnd: boolean;
}

/**
 * Replaces known strings (names, e-mail addresses, ids) wherever they appear in free text such as a
 * moderator's note, case-insensitively and only as whole words ("Ana" is not replaced inside
 * "Banana"), longest first. Needles are kept in a map by their folded text and tried by length at
 * each position, so a log with tens of thousands of names still scans a note in time proportional
 * to its length times the number of distinct name lengths, where one alternation regex of every
 * name would try each name at each position.
 */
export class TextMatcher {
  private readonly needles = new Map<string, Needle>();
  private lengths: number[] = [];
  private lengthsDirty = false;

  add(needle: string, replacement: string): void {
    const trimmed = needle.trim();
    if (trimmed.length < MIN_NEEDLE) return;
    const folded = fold(trimmed);
    if (this.needles.has(folded)) return;
    this.needles.set(folded, {
      replacement,
      checkStart: isWordChar(trimmed[0]),
      checkEnd: isWordChar(trimmed[trimmed.length - 1]),
    });
    this.lengthsDirty = true;
  }

  /** The text with every whole-word occurrence of a needle replaced. */
  replace(text: string): string {
    if (this.needles.size === 0 || text.length < MIN_NEEDLE) return text;
    if (this.lengthsDirty) {
      this.lengths = [...new Set([...this.needles.keys()].map((k) => k.length))].sort((a, b) => b - a);
      this.lengthsDirty = false;
    }
    const folded = fold(text);
    let out = '';
    let copied = 0;
    let i = 0;
    while (i <= folded.length - MIN_NEEDLE) {
      const hit = this.matchAt(text, folded, i);
      if (!hit) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + hit.needle.replacement;
      i += hit.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  private matchAt(text: string, folded: string, i: number): { needle: Needle; length: number } | undefined {
    for (const length of this.lengths) {
      if (i + length > folded.length) continue;
      const needle = this.needles.get(folded.slice(i, i + length));
      if (!needle) continue;
      if (needle.checkStart && isWordChar(text[i - 1])) continue;
      if (needle.checkEnd && isWordChar(text[i + length])) continue;
      return { needle, length };
    }
    return undefined;
  }
}
