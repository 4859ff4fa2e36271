import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/incident/chain';
import { ManualScheduler } from '../../../shared/util/manualScheduler';
import { IncidentLog, sha256Hex, type WriteTrouble } from './incidentLog';
import type { LogFile } from './logFile';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function ioError(): Error {
  return Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
}

/**
 * A disk that fails on demand, the way a full or failing disk does: a failing write first puts
 * part of the bytes in the file (as write(2) can before it errors), a failing fsync comes after a
 * write that landed in full.
 */
function faultyDisk(plan: { failWrites: number; failSyncs: number }) {
  const calls = { writes: 0, truncates: [] as number[] };
  const wrap = (file: LogFile): LogFile => ({
    ...file,
    async write(data, position) {
      calls.writes++;
      if (plan.failWrites > 0) {
        plan.failWrites--;
        await file.write(data.subarray(0, Math.ceil(data.length / 2)), position);
        throw ioError();
      }
      return file.write(data, position);
    },
    async sync() {
      if (plan.failSyncs > 0) {
        plan.failSyncs--;
        throw ioError();
      }
      return file.sync();
    },
    async truncate(length) {
      calls.truncates.push(length);
      return file.truncate(length);
    },
  });
  return { wrap, calls };
}

async function openFaulty(plan: { failWrites: number; failSyncs: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'hostdeck-faulty-'));
  dirs.push(dir);
  const disk = faultyDisk(plan);
  const troubles: WriteTrouble[] = [];
  const recovered: WriteTrouble[] = [];
  const durable: number[] = [];
  const log = await IncidentLog.open({
    dir,
    sessionId: 's-1',
    actor: { moderator: 'Rina', machine: 'laptop-1' },
    clock: new ManualScheduler(Date.UTC(2026, 10, 26, 3, 0, 0)),
    onDurable: (entry) => durable.push(entry.seq),
    onWriteError: (trouble) => troubles.push({ ...trouble }),
    onWriteRecovered: (trouble) => recovered.push(trouble),
    wrapFile: disk.wrap,
  });
  return { log, disk, troubles, recovered, durable };
}

describe('IncidentLog on a failing disk', () => {
  it('cuts off the part of a group a failed write left, writes it again, and acknowledges nothing before', async () => {
    const { log, disk, troubles, recovered, durable } = await openFaulty({ failWrites: 2, failSyncs: 0 });
    const first = log.append({ kind: 'note', data: { text: 'first' } });
    let isFirstDurable = false;
    void first.durable.then(() => (isFirstDurable = true));
    for (let i = 0; i < 9; i++) log.append({ kind: 'note', data: { text: `note ${i}` } });
    // The first group fails; a fragment of it is in the file, nothing is acknowledged.
    await expect.poll(() => troubles.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(readFileSync(log.file, 'utf8')).not.toBe('');
    expect(isFirstDurable).toBe(false);
    expect(durable).toEqual([]);
    await log.close();

    expect(isFirstDurable).toBe(true);
    expect(troubles.map((t) => t.attempts)).toEqual([1, 2]);
    expect(troubles[0]?.error.message).toMatch(/EIO/);
    expect(recovered).toHaveLength(1);
    // Each retry started by cutting the file back to where the failed group began.
    expect(disk.calls.truncates).toEqual([0, 0]);
    const text = readFileSync(log.file, 'utf8');
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(verifyChain(lines, sha256Hex)).toMatchObject({ ok: true, entries: 10, recovered: 0 });
    expect(lines.filter(Boolean).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(durable).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('after a failed fsync rewrites the group in place, so no entry appears twice', async () => {
    const plan = { failWrites: 0, failSyncs: 0 };
    const { log, disk, troubles, recovered } = await openFaulty(plan);
    log.append({ kind: 'note', data: { text: 'before' } });
    await log.flush();
    const goodLength = readFileSync(log.file).length;
    // The next group reaches the file in full, then the disk refuses its fsync once.
    plan.failSyncs = 1;
    log.append({ kind: 'note', data: { text: 'after 1' } });
    log.append({ kind: 'note', data: { text: 'after 2' } });
    await log.close();
    expect(troubles.map((t) => t.attempts)).toEqual([1]);
    expect(recovered).toHaveLength(1);
    expect(disk.calls.truncates).toEqual([goodLength]);
    const lines = readFileSync(log.file, 'utf8').split('\n');
    expect(verifyChain(lines, sha256Hex)).toMatchObject({ ok: true, entries: 3 });
    expect(lines.filter(Boolean).map((l) => (JSON.parse(l) as { data: { text: string } }).data.text)).toEqual([
      'before',
      'after 1',
      'after 2',
    ]);
  });
});
