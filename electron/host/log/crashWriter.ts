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
  onDurable: (entry: { seq: number }) => say(`ack ${entry.seq}\n`),
};

/**
 * Writes a line to stdout synchronously (so an ack is out before the next entry is written). The
 * pipe is non-blocking: when the reader falls behind (a loaded machine) a write fails with EAGAIN
 * or lands partly, so it is retried until the whole line is out.
 */
function say(line: string): void {
  let bytes = Buffer.from(line);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(1, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
const log = existsSync(file) ? (await IncidentLog.resume({ ...options, file })).log : await IncidentLog.open(options);
say('ready\n');
for (let i = 0; ; i++) {
  log.append({ kind: 'note', data: { text: `note ${i} ${'x'.repeat(i % 300)}` } });
  if (i % 50 === 49) await log.flush();
}
