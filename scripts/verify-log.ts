import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { verifyChain } from '../shared/incident/chain';

// `npm run verify-log -- <file> [<file> …]`: checks each incident log's hash chain and reports the
// first broken entry. Exit code 0 when every file verifies, 1 otherwise, 2 on bad usage.

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: npm run verify-log -- <incident-log.jsonl> [more files]');
  process.exit(2);
}
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
let failed = 0;
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot be read (${(error as Error).message})`);
    failed++;
    continue;
  }
  const check = verifyChain(text.split('\n'), sha256);
  if (check.ok) {
    const recovered = check.recovered ? `, ${check.recovered} line(s) cut short by a crash, marked and kept` : '';
    console.log(`${file}: OK — ${check.entries} entries, chain intact${recovered}. Head hash ${check.headHash}`);
  } else {
    failed++;
    console.log(`${file}: BROKEN at line ${check.line} — ${check.problem}. The ${check.entries} entries before it verify.`);
  }
}
process.exit(failed > 0 ? 1 : 0);
