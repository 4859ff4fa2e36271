import { existsSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { IncidentLog } from './incidentLog';

// A child process for the crash-safety test: it opens (or resumes) one log file and appends notes
// as fast as it can, printing "ack <seq>" the moment each entry is on disk, until it is killed.
// Usage: node --import tsx crashWriter.ts <file>

const file = process.argv[2];
if (!file) throw new Error('usage: crashWriter <file>');
const options = {
  dir: dirname(file),
  sessionId: basename(file, '.jsonl'),
  actor: { moderator: 'crash test', machine: 'test' },
  clock: { now: () => Date.now() },
  onDurable: (entry: { seq: number }) => writeSync(1, `ack ${entry.seq}\n`),
};
const log = existsSync(file) ? (await IncidentLog.resume({ ...options, file })).log : await IncidentLog.open(options);
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  log.append({ kind: 'note', data: { text: `note ${i} ${'x'.repeat(i % 300)}` } });
  if (i % 50 === 49) await log.flush();
}
