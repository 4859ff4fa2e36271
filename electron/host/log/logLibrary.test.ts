import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { advance, createTestHost } from '../testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Each run starts Node with tsx: seconds on a loaded machine, hence the generous test timeouts. */
const CLI_TIMEOUT_MS = 60_000;

function verifyCli(...args: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/verify-log.ts'), ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout + result.stderr };
}

async function recordedSession() {
  const t = createTestHost();
  cleanup = t.cleanup;
  const info = await t.host.commands.attach({
    providerId: 'rehearsal',
    meetingId: 'briefing',
    options: { seed: 2, timeScale: 60, latencyMs: 10, jitterMs: 0 },
  });
  await advance(t.scheduler, 30_000, 10_000);
  await t.host.commands.addNote({ text: 'Panel reports noise' });
  return { ...t, info };
}

describe('the log library and verify-log', () => {
  it(
    'verify-log passes an intact log and names the first broken line after an edit, a deletion, an insertion or a reorder',
    async () => {
      const { host, info, dataDir } = await recordedSession();
      await host.commands.detach({});
      const lines = readFileSync(info.logFile, 'utf8').split('\n');
      expect(verifyCli(info.logFile)).toMatchObject({ code: 0, out: expect.stringMatching(/OK — \d+ entries, chain intact/) });
      const tampered = (name: string, edit: (l: string[]) => string[]) => {
        const file = join(dataDir, `${name}.jsonl`);
        writeFileSync(file, edit([...lines]).join('\n'));
        return verifyCli(file);
      };
      expect(
        tampered('edited', (l) => ((l[4] = l[4]!.replace('"kind":"participant.joined"', '"kind":"participant.left"')), l)),
      ).toMatchObject({ code: 1, out: expect.stringMatching(/BROKEN at line 6/) });
      expect(tampered('deleted', (l) => (l.splice(3, 1), l))).toMatchObject({ code: 1, out: expect.stringMatching(/BROKEN at line 4/) });
      expect(tampered('inserted', (l) => (l.splice(3, 0, l[2]!), l))).toMatchObject({
        code: 1,
        out: expect.stringMatching(/BROKEN at line 4/),
      });
      expect(tampered('reordered', (l) => (([l[5], l[6]] = [l[6]!, l[5]!]), l))).toMatchObject({
        code: 1,
        out: expect.stringMatching(/BROKEN at line 6/),
      });
      expect(verifyCli(join(dataDir, 'missing.jsonl'))).toMatchObject({ code: 1, out: expect.stringMatching(/cannot be read/) });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'verify-log --head checks that the log ends at the head hash a report printed, and says why when it does not',
    async () => {
      const { host, info, scheduler, dataDir } = await recordedSession();
      // A report made while the session runs prints the head of that moment.
      const early = await host.commands.exportLog({ sessionId: info.sessionId, format: 'json', language: 'en', redact: false });
      const earlyDoc = JSON.parse(early.content) as { headHash: string; entries: { seq: number }[] };
      const earlySeq = earlyDoc.entries.at(-1)?.seq ?? 0;
      await host.commands.addNote({ text: 'after the first report' });
      await advance(scheduler, 5_000);
      await host.commands.detach({});
      const final = await host.commands.exportLog({ sessionId: info.sessionId, format: 'json', language: 'en', redact: false });
      const head = (JSON.parse(final.content) as { headHash: string }).headHash;
      // The report tells the reader the exact command, with its own head hash.
      const report = await host.commands.exportLog({ sessionId: info.sessionId, format: 'markdown', language: 'id', redact: false });
      expect(report.content).toContain(`npm run verify-log -- --head ${head} ${info.sessionId}.jsonl`);

      expect(verifyCli('--head', head.toUpperCase(), info.logFile)).toMatchObject({
        code: 0,
        out: expect.stringMatching(/OK — \d+ entries, chain intact, and it ends at the head hash given/),
      });
      const later = verifyCli('--head', earlyDoc.headHash, info.logFile);
      expect(later.code).toBe(1);
      expect(later.out).toMatch(/HEAD MISMATCH/);
      expect(later.out).toContain(`The given head is entry No. ${earlySeq} `);
      expect(later.out).toMatch(/\d+ entries were added after it/);
      expect(verifyCli('--head', 'ab'.repeat(32), info.logFile)).toMatchObject({
        code: 1,
        out: expect.stringMatching(/HEAD MISMATCH .*No entry of this log has that hash/),
      });
      const lines = readFileSync(info.logFile, 'utf8').split('\n');
      const edited = join(dataDir, 'edited.jsonl');
      writeFileSync(edited, lines.map((l, i) => (i === 3 ? l.replace('"seq":4,', '"seq":4 ,') : l)).join('\n'));
      expect(verifyCli('--head', head, edited)).toMatchObject({ code: 1, out: expect.stringMatching(/BROKEN at line 5.*not compared/) });
      expect(verifyCli('--head', 'not-a-hash', info.logFile)).toMatchObject({ code: 2, out: expect.stringMatching(/64 hexadecimal/) });
      expect(verifyCli('--head', head, info.logFile, edited)).toMatchObject({ code: 2, out: expect.stringMatching(/exactly one file/) });
    },
    CLI_TIMEOUT_MS,
  );

  it('marks evidence with a new entry, lists and reads logs, and refuses to delete the live one', async () => {
    const { host, info } = await recordedSession();
    const evidence = await host.commands.markEvidence({ seq: 3, note: 'first intruder' });
    expect(evidence).toMatchObject({ kind: 'evidence.marked', data: { seq: 3, note: 'first intruder' } });
    await expect(host.commands.markEvidence({ seq: 99_999 })).rejects.toThrow(/no entry 99999/);
    const logs = await host.commands.listLogs({});
    expect(logs[0]).toMatchObject({ sessionId: info.sessionId, title: 'Internal briefing — quiet practice', providerId: 'rehearsal' });
    const read = await host.commands.readLog({ sessionId: info.sessionId, afterSeq: 0, limit: 5 });
    expect(read.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(read.more).toBe(true);
    expect(await host.commands.verifyLog({ sessionId: info.sessionId })).toMatchObject({ ok: true });
    await expect(host.commands.deleteLog({ sessionId: info.sessionId })).rejects.toThrow(/cannot be deleted while/);
    await expect(host.commands.readLog({ sessionId: '../../etc/passwd', afterSeq: 0, limit: 1 })).rejects.toThrow();
  });

  it('on start, closes a log a crash left open (torn line marked) and deletes logs past retention', async () => {
    const first = createTestHost();
    const info = await first.host.commands.attach({ providerId: 'rehearsal', meetingId: 'briefing', options: { seed: 2, timeScale: 60 } });
    await advance(first.scheduler, 10_000);
    await first.host.commands.addNote({ text: 'before the crash' });
    appendFileSync(info.logFile, '{"v":1,"seq":9999,"ts":"2026-11-2'); // a write cut short
    // The process that held the log is gone: its lock names a process that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    writeFileSync(`${info.logFile}.lock`, String(gone));
    // Another Hostdeck (still running) is writing this one: it must be left alone.
    const live = join(first.dataDir, 'logs', '20261126-000000-rehearsal-123456.jsonl');
    writeFileSync(live, '{"v":1,"seq":1,"ts":"2026-11-26T00:00:00.000Z"');
    writeFileSync(`${live}.lock`, String(process.pid));
    const old = join(first.dataDir, 'logs', '20200101-000000-rehearsal-abcdef.jsonl');
    mkdirSync(join(first.dataDir, 'logs'), { recursive: true });
    writeFileSync(old, '');
    utimesSync(old, new Date('2020-01-02'), new Date('2020-01-02'));
    // A new run of Hostdeck on the same data folder (the first never closed its log).
    const second = createTestHost(1_764_000_000_000, undefined, first.dataDir);
    cleanup = async () => (await second.cleanup(), await first.cleanup());
    await second.host.commands.saveLogSettings({ retentionDays: 30 });
    await second.host.commands.attach({ providerId: 'rehearsal', meetingId: 'briefing', options: {} });
    const tail = readFileSync(info.logFile, 'utf8').trimEnd().split('\n').slice(-3);
    expect(tail[0]).toBe('{"v":1,"seq":9999,"ts":"2026-11-2');
    expect(JSON.parse(tail[1]!)).toMatchObject({ kind: 'log.recovered', data: { tornBytes: 33 } });
    expect(JSON.parse(tail[2]!)).toMatchObject({ kind: 'session.ended', data: { reason: expect.stringMatching(/stopped unexpectedly/) } });
    expect(verifyCli(info.logFile)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/1 line\(s\) cut short by a crash, marked and kept/),
    });
    expect((await second.host.commands.listLogs({})).map((l) => l.sessionId)).not.toContain('20200101-000000-rehearsal-abcdef');
    expect(readFileSync(live, 'utf8')).toBe('{"v":1,"seq":1,"ts":"2026-11-26T00:00:00.000Z"');
  });
});
