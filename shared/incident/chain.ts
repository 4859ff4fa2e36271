import { GENESIS_HASH } from './entry';

/** SHA-256 of a UTF-8 string, as lowercase hex. Injected: Node and browsers compute it differently. */
export type HashFn = (text: string) => string;

export type ChainCheck =
  | { ok: true; entries: number; headHash: string; headSeq: number; recovered: number }
  | { ok: false; entries: number; line: number; problem: string };

interface Parsed {
  seq?: unknown;
  prev?: unknown;
  kind?: unknown;
  data?: { tornHash?: unknown };
}

function parse(line: string): Parsed | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null ? (value as Parsed) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a log's hash chain line by line. Each line's `prev` must be the hash of the line before
 * it (exact bytes) and `seq` must increase by one; the first broken line is reported (1-based).
 * An edited, deleted, inserted or reordered line breaks the chain at or right after the change.
 *
 * A line cut short by a crash is accepted only when the next line is the `log.recovered` entry that
 * names it by hash and continues the chain from the last whole entry: the torn bytes stay as they
 * were written, visibly marked, and nothing after them can be forged without breaking the chain.
 */
export function verifyChain(lines: readonly string[], hash: HashFn): ChainCheck {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let count = 0;
  let recovered = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '' && i === lines.length - 1) break;
    const entry = parse(line);
    const isEntry = entry !== undefined && typeof entry.seq === 'number' && typeof entry.prev === 'string';
    if (!isEntry) {
      const next = parse(lines[i + 1] ?? '');
      const marks =
        next?.kind === 'log.recovered' && next.data?.tornHash === hash(line) && next.prev === prevHash && next.seq === prevSeq + 1;
      if (!marks) {
        const isLast = lines.slice(i + 1).every((rest) => rest === '');
        const problem = isLast
          ? 'the last line is cut short (a crash); Hostdeck marks it when it next starts'
          : 'not a valid log entry (torn or edited line)';
        return { ok: false, entries: count, line: i + 1, problem };
      }
      recovered++;
      continue;
    }
    if (entry.prev !== prevHash) return { ok: false, entries: count, line: i + 1, problem: 'hash of the previous line does not match' };
    if (entry.seq !== prevSeq + 1)
      return { ok: false, entries: count, line: i + 1, problem: `sequence ${String(entry.seq)} follows ${prevSeq}` };
    prevHash = hash(line);
    prevSeq = entry.seq;
    count++;
  }
  return { ok: true, entries: count, headHash: prevHash, headSeq: prevSeq, recovered };
}
