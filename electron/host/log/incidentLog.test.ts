import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/incident/chain';
import { LogEntry } from '../../../shared/incident/entry';
import { ManualScheduler } from '../../../shared/util/manualScheduler';
import { IncidentLog, sha256Hex } from './incidentLog';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function openLog(onDurable?: (e: LogEntry) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'hostdeck-log-'));
  dirs.push(dir);
  const clock = new ManualScheduler(Date.UTC(2026, 10, 26, 3, 0, 0));
  const log = await IncidentLog.open({
    dir,
    sessionId: 's-1',
    actor: { moderator: 'Rina', machine: 'laptop-1' },
    clock,
    ...(onDurable ? { onDurable } : {}),
  });
  return { dir, log, clock };
}

describe('IncidentLog', () => {
  it('writes numbered, chained JSON lines that parse against the entry schema', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 500; i++) log.append({ kind: 'note', data: { text: `note ${i}` } });
    await log.close();
    const lines = readFileSync(log.file, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    const entries = lines.filter(Boolean).map((line) => LogEntry.parse(JSON.parse(line)));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(entries[0]).toMatchObject({ v: 1, ts: '2026-11-26T03:00:00.000Z', actor: { moderator: 'Rina', machine: 'laptop-1' } });
    expect(entries[0]?.tz).toMatch(/^[+-]\d\d:\d\d$/);
    expect(verifyChain(lines, sha256Hex)).toEqual({ ok: true, entries: 500, headHash: log.headHash, headSeq: 500, recovered: 0 });
  });

  it('reports an entry as durable only once its line is in the file', async () => {
    const seen: number[] = [];
    const { log } = await openLog((entry) => {
      expect(readFileSync(log.file, 'utf8')).toContain(`"seq":${entry.seq},`);
      seen.push(entry.seq);
    });
    const { durable } = log.append({ kind: 'note', data: { text: 'first' } });
    log.append({ kind: 'note', data: { text: 'second' } });
    await durable;
    expect(readFileSync(log.file, 'utf8')).toContain('first');
    await log.flush();
    expect(seen).toEqual([1, 2]);
    await log.close();
  });

  it('never reopens or overwrites a session file, and keeps it private to the user', async () => {
    const { dir, log, clock } = await openLog();
    log.append({ kind: 'note', data: { text: 'kept' } });
    await log.close();
    await expect(IncidentLog.open({ dir, sessionId: 's-1', actor: { moderator: 'x', machine: 'y' }, clock })).rejects.toThrow(/EEXIST/);
    expect(readFileSync(log.file, 'utf8')).toContain('kept');
    if (process.platform !== 'win32') expect(statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('keeps a bounded tail of the newest entries on disk for the live view', async () => {
    const { log } = await openLog();
    for (let i = 0; i < 6_000; i++) log.append({ kind: 'note', data: { text: String(i) } });
    // Nothing is shown before it is durable.
    expect(log.tail(3)).toEqual([]);
    await log.settled();
    const tail = log.tail(3);
    expect(tail.map((e) => e.seq)).toEqual([5998, 5999, 6000]);
    expect(log.tail(10_000)).toHaveLength(5_000);
    await log.close();
  });
});
