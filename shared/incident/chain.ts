import { GENESIS_HASH } from './entry';

/** SHA-256 of a UTF-8 string, as lowercase hex. Injected: Node and browsers compute it differently. */
export type HashFn = (text: string) => string;

export type ChainCheck = { ok: true; entries: number; headHash: string } | { ok: false; entries: number; line: number; problem: string };

/**
 * Verifies a log's hash chain line by line. Each line's `prev` must be the hash of the line before
 * it (exact bytes) and `seq` must increase by one; the first broken line is reported (1-based).
 * An edited, deleted, inserted or reordered line breaks the chain at or right after the change.
 */
export function verifyChain(lines: readonly string[], hash: HashFn): ChainCheck {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '' && i === lines.length - 1) break;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return { ok: false, entries: count, line: i + 1, problem: 'not valid JSON (torn or edited line)' };
    }
    if (typeof entry !== 'object' || entry === null) {
      return { ok: false, entries: count, line: i + 1, problem: 'not a log entry' };
    }
    const { prev, seq } = entry as { prev?: unknown; seq?: unknown };
    if (prev !== prevHash) {
      return { ok: false, entries: count, line: i + 1, problem: 'hash of the previous line does not match' };
    }
    if (seq !== prevSeq + 1) {
      return { ok: false, entries: count, line: i + 1, problem: `sequence ${String(seq)} follows ${prevSeq}` };
    }
    prevHash = hash(line);
    prevSeq = seq;
    count++;
  }
  return { ok: true, entries: count, headHash: prevHash };
}
