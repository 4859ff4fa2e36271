import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyChain, type HashFn } from '../shared/incident/chain';

// `npm run verify-log -- [--head <sha256>] <file> [<file> …]`: checks each incident log's hash chain
// and reports the first broken entry. With --head (one file only), the chain must also end in the
// entry whose SHA-256 is the given head: the head hash printed in a report. Exit code 0 when every
// check passes, 1 otherwise, 2 on bad usage.

const USAGE = `Usage: npm run verify-log -- [--head <sha256>] <incident-log.jsonl> [more files]
  --head HASH   the head hash printed in the report (Integrity section); the log must end with
                the entry of that hash (one file only)`;

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

let args: { values: { head?: string | undefined; help?: boolean | undefined }; positionals: string[] };
try {
  args = parseArgs({ options: { head: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
} catch (error) {
  usage((error as Error).message);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const files = args.positionals;
if (files.length === 0) usage('No log file given.');
const head = args.values.head?.trim().toLowerCase();
if (head !== undefined) {
  if (!/^[0-9a-f]{64}$/.test(head)) usage(`--head must be a SHA-256 hash: 64 hexadecimal characters, not "${args.values.head}".`);
  if (files.length > 1) usage('--head belongs to one log: give exactly one file with it.');
}

const sha256: HashFn = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Checks one file; returns whether it passed, printing the verdict. */
function check(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot be read (${(error as Error).message})`);
    return false;
  }
  const lines = text.split('\n');
  const result = verifyChain(lines, sha256);
  if (!result.ok) {
    const skipped = head !== undefined ? ' The head hash was not compared: the chain itself is broken.' : '';
    console.log(`${file}: BROKEN at line ${result.line} — ${result.problem}. The ${result.entries} entries before it verify.${skipped}`);
    return false;
  }
  const recovered = result.recovered ? `, ${result.recovered} line(s) cut short by a crash, marked and kept` : '';
  const summary = `${result.entries} entries, chain intact${recovered}`;
  if (head === undefined) {
    console.log(`${file}: OK — ${summary}. Head hash ${result.headHash}`);
    return true;
  }
  if (result.headHash === head) {
    console.log(`${file}: OK — ${summary}, and it ends at the head hash given (entry No. ${result.headSeq}).`);
    return true;
  }
  // The chain is intact but ends elsewhere: say whether the given head is an earlier entry of it.
  const earlier = lines.findIndex((line) => line !== '' && sha256(line) === head);
  const at = earlier >= 0 ? (JSON.parse(lines[earlier] as string) as { seq?: unknown }).seq : undefined;
  const why =
    earlier >= 0
      ? `The given head is entry No. ${String(at)} (line ${earlier + 1}): the log verifies up to it, and ${result.headSeq - Number(at)} entries were added after it (for example, a report made while the session was still running).`
      : 'No entry of this log has that hash: this is not the log the report was made from, or entries were changed and the whole chain after them recomputed.';
  console.log(
    `${file}: HEAD MISMATCH — ${summary}, but its last entry (No. ${result.headSeq}) hashes to ${result.headHash}, not ${head}. ${why}`,
  );
  return false;
}

let failed = 0;
for (const file of files) if (!check(file)) failed++;
process.exit(failed > 0 ? 1 : 0);
