import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../shared/contract/events';
import { LogEntry } from '../../shared/incident/entry';
import type { LogFile } from './log/logFile';
import { dispatch } from './dispatch';
import { advance, createTestHost, settle } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const drill = { seed: 4, startAt: 'beforeIntrusion', latencyMs: 50, jitterMs: 0 };

function entriesOf(file: string): LogEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => LogEntry.parse(JSON.parse(line)));
}

/** A disk whose fsync waits while `held` is set, like a slow disk under load. */
function holdableDisk() {
  const state = { held: false, waiting: [] as (() => void)[] };
  const wrap = (file: LogFile): LogFile => ({
    ...file,
    async sync() {
      if (state.held) await new Promise<void>((resolve) => state.waiting.push(resolve));
      return file.sync();
    },
  });
  const release = () => {
    state.held = false;
    for (const resolve of state.waiting.splice(0)) resolve();
  };
  return { state, wrap, release };
}

describe('the host and its record', () => {
  it('pushes an action outcome only after the entries behind it are on disk', async () => {
    const disk = holdableDisk();
    const t = createTestHost(undefined, undefined, undefined, { wrapLogFile: disk.wrap });
    cleanup = t.cleanup;
    const info = await t.host.commands.attach({ providerId: 'rehearsal', meetingId: 'intrusion', options: drill });
    await advance(t.scheduler, 1_000);

    disk.state.held = true;
    const reply = t.host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    // `advance` waits for log writes, which are held: move the clock by hand until the platform answers.
    const executorSays = async () => (await t.host.commands.listActions({})).find((a) => a.actionId === 'lock-1')?.status;
    for (let step = 0; step < 100 && (await executorSays()) !== 'confirmed'; step++) {
      t.scheduler.advance(10);
      await settle();
    }
    // The platform has confirmed the lock, but its entries are not on disk yet: nothing is shown.
    expect(await executorSays()).toBe('confirmed');
    expect(t.events.some((e) => e.name === 'action' && e.payload.actionId === 'lock-1')).toBe(false);
    disk.release();
    expect((await reply).status).toBe('pending');
    await advance(t.scheduler, 100);

    // Every outcome event comes after the log event of its entry, in the order they happened.
    const seen = new Set<string>();
    const statuses: string[] = [];
    for (const e of t.events as HostEvent[]) {
      if (e.name === 'log' && (e.payload.kind === 'action.confirmed' || e.payload.kind === 'action.failed')) {
        seen.add(`${e.payload.data.outcome.actionId}:${e.payload.data.outcome.status}`);
      }
      if (e.name === 'log' && e.payload.kind === 'action.requested') seen.add(`${e.payload.data.action.id}:requested`);
      if (e.name !== 'action' || e.payload.actionId !== 'lock-1') continue;
      statuses.push(e.payload.status);
      expect(seen.has('lock-1:requested')).toBe(true);
      if (e.payload.status === 'confirmed' || e.payload.status === 'failed') expect(seen.has(`lock-1:${e.payload.status}`)).toBe(true);
    }
    expect(statuses.at(-1)).toBe('confirmed');
    await t.host.commands.detach({});
    expect(entriesOf(info.logFile).some((e) => e.kind === 'action.confirmed')).toBe(true);
  });

  it('records a failure inside the host as an error entry and keeps the session running', async () => {
    const t = createTestHost();
    cleanup = t.cleanup;
    // A shell whose delivery of roster patches always breaks (a window that went away).
    let failures = 0;
    t.host.subscribe((e) => {
      if (e.name === 'roster' && e.payload.kind === 'patch') {
        failures++;
        throw new Error('Object has been destroyed');
      }
    });
    const info = await t.host.commands.attach({
      providerId: 'rehearsal',
      meetingId: 'intrusion',
      options: { ...drill, startAt: 'beginning', timeScale: 10 },
    });
    await advance(t.scheduler, 120_000, 1_000);
    expect(failures).toBeGreaterThanOrEqual(10);
    // The other listener still got every patch, and actions still run.
    expect(t.events.filter((e) => e.name === 'roster' && e.payload.kind === 'patch')).toHaveLength(failures);
    await t.host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(t.scheduler, 500);
    // A command that throws something unexpected is answered and recorded too.
    const reply = await dispatch(t.host, 'deleteLog', { sessionId: '20200101-000000-rehearsal-000000' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    await t.host.commands.detach({});

    const entries = entriesOf(info.logFile);
    const errors = entries.filter((e) => e.kind === 'error');
    // Recorded the 1st, 10th, 100th … time, with the count: a repeating failure cannot flood the log.
    const delivery = errors.filter((e) => e.data.message === 'Object has been destroyed').map((e) => e.data.context);
    const expected = [1, 10, 100, 1000].filter((n) => n <= failures);
    expect(delivery).toEqual(
      expected.map((n) => (n === 1 ? 'delivering the "roster" event' : `delivering the "roster" event (${n} times in this session)`)),
    );
    expect(errors.some((e) => e.data.context === 'the "deleteLog" command' && e.data.message.includes('ENOENT'))).toBe(true);
    expect(entries.some((e) => e.kind === 'action.confirmed' && e.data.outcome.actionId === 'lock-1')).toBe(true);
  });
});
