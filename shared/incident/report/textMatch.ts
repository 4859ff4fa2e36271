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
  folded: string;
  replacement: string;
  /** Whether the needle starts or ends with a letter or digit, which then must not continue a word. */
  checkStart: boolean;
  checkEnd: boolean;
}

/**
 * Replaces known strings (names, e-mail addresses, ids) wherever they appear in free text such as a
 * moderator's note, case-insensitively and only as whole words ("Ana" is not replaced inside
 * "Banana"). Needles are bucketed by their first two characters so a log with thousands of names
 * still scans a note in one pass, where one alternation regex of every name would try each name
 * at each position.
 */
export class TextMatcher {
  private readonly buckets = new Map<string, Needle[]>();
  private sorted = true;

  add(needle: string, replacement: string): void {
    const trimmed = needle.trim();
    if (trimmed.length < MIN_NEEDLE) return;
    const folded = fold(trimmed);
    const key = folded.slice(0, MIN_NEEDLE);
    const bucket = this.buckets.get(key) ?? [];
    if (bucket.some((n) => n.folded === folded)) return;
    bucket.push({
      folded,
      replacement,
      checkStart: isWordChar(trimmed[0]),
      checkEnd: isWordChar(trimmed[trimmed.length - 1]),
    });
    this.buckets.set(key, bucket);
    this.sorted = false;
  }

  /** The text with every whole-word occurrence of a needle replaced, longest needle first. */
  replace(text: string): string {
    if (this.buckets.size === 0 || text.length < MIN_NEEDLE) return text;
    if (!this.sorted) {
      for (const bucket of this.buckets.values()) bucket.sort((a, b) => b.folded.length - a.folded.length);
      this.sorted = true;
    }
    const folded = fold(text);
    let out = '';
    let copied = 0;
    let i = 0;
    while (i <= folded.length - MIN_NEEDLE) {
      const bucket = this.buckets.get(folded.slice(i, i + MIN_NEEDLE));
      const hit = bucket?.find(
        (n) =>
          folded.startsWith(n.folded, i) &&
          !(n.checkStart && isWordChar(text[i - 1])) &&
          !(n.checkEnd && isWordChar(text[i + n.folded.length])),
      );
      if (!hit) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + hit.replacement;
      i += hit.folded.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }
}
