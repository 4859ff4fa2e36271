import { afterEach, describe, expect, it } from 'vitest';
import type { ActionOutcome } from '../../shared/model/action';
import type { LogEntry } from '../../shared/incident/entry';
import { DEFAULT_PANIC_SETTINGS } from '../../shared/model/panic';
import { dispatch } from './dispatch';
import { advance, createTestHost } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function underway(options: Record<string, unknown> = {}) {
  const t = createTestHost();
  cleanup = t.cleanup;
  await t.host.commands.attach({
    providerId: 'rehearsal',
    meetingId: 'intrusion',
    options: { seed: 4, startAt: 'beforeIntrusion', latencyMs: 40, jitterMs: 20, ...options },
  });
  await advance(t.scheduler, 90_000, 30_000);
  const snapshot = async () => (await t.host.commands.getSnapshot({}))!.state;
  const intruders = (await snapshot()).participants.filter((p) => p.risk.level === 'flagged' && p.presence === 'inMeeting');
  const outcome = async (id: string) => (await t.host.commands.listActions({})).find((o) => o.actionId === id) as ActionOutcome;
  const log = async (): Promise<LogEntry[]> => t.host.commands.getLogTail({ limit: 5000 });
  return { ...t, snapshot, intruders, outcome, log };
}

describe('panic', () => {
  it('Contain: every containment step at once, the flagged ejected, measured, and Restore returns the captured state', async () => {
    const { host, scheduler, intruders, outcome, snapshot, log } = await underway();
    expect(intruders.length).toBeGreaterThanOrEqual(3);
    const before = (await snapshot()).meeting;
    await host.commands.runAction({ id: 'contain', kind: 'contain', participantIds: [] });
    await advance(scheduler, 400, 100);
    const contain = await outcome('contain');
    expect(contain.status).toBe('confirmed');
    expect(contain.plan?.steps.map((s) => s.id)).toEqual([
      'lock',
      'waitingRoom',
      'muteAll',
      'stopAllVideo',
      'stopAllShares',
      'disableChat',
      ...intruders.map((_, i) => `eject${i + 1}`),
    ]);
    const after = await snapshot();
    expect(after.meeting).toMatchObject({
      locked: true,
      controls: { waitingRoom: true, allowUnmute: false, allowVideo: false, allowShare: false, chatEnabled: false },
    });
    expect(after.participants.filter((p) => p.risk.level === 'flagged' && p.presence !== 'left')).toEqual([]);
    const contained = (await log()).find((e) => e.kind === 'incident.contained');
    expect(contained).toMatchObject({ data: { intruders: intruders.length } });
    if (contained?.kind === 'incident.contained') expect(contained.data.timeToContainMs).toBeGreaterThan(contained.data.timeToDetectMs);

    await host.commands.runAction({ id: 'restore', kind: 'restore' });
    await advance(scheduler, 400, 100);
    expect(await outcome('restore')).toMatchObject({ status: 'confirmed' });
    const restored = (await snapshot()).meeting;
    expect({ locked: restored.locked, controls: restored.controls }).toEqual({ locked: before.locked, controls: before.controls });
  });

  it('Contain takes only the steps chosen for the event, and ejects ticked participants too', async () => {
    const { host, scheduler, outcome, snapshot } = await underway();
    await host.commands.savePanicSettings({
      ...DEFAULT_PANIC_SETTINGS,
      contain: { ...DEFAULT_PANIC_SETTINGS.contain, muteAll: false, disableChat: false, ejectFlagged: false },
    });
    const official = (await snapshot()).participants.find((p) => p.role === 'attendee' && p.risk.level === 'none')!;
    await host.commands.runAction({ id: 'c', kind: 'contain', participantIds: [official.id] });
    await advance(scheduler, 400, 100);
    expect((await outcome('c')).plan?.steps.map((s) => s.id)).toEqual(['lock', 'waitingRoom', 'stopAllVideo', 'stopAllShares', 'eject1']);
    expect((await snapshot()).participants.find((p) => p.id === official.id)?.presence).toBe('left');
  });

  it('posts the closing message before ending for all', async () => {
    const { host, scheduler, outcome, log } = await underway();
    await host.commands.savePanicSettings({ ...DEFAULT_PANIC_SETTINGS, closingMessage: 'Terima kasih. Rapat ditutup.' });
    await host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await advance(scheduler, 400, 100);
    expect(await outcome('end')).toMatchObject({ status: 'confirmed', children: ['end-closing'] });
    const kinds = (await log())
      .filter((e) => e.kind === 'action.confirmed')
      .map((e) => (e.kind === 'action.confirmed' ? e.data.outcome.kind : ''));
    expect(kinds.indexOf('postChat')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('postChat')).toBeLessThan(kinds.indexOf('endForAll'));
  });

  it('runs the apology-and-close script to the end: contain, words, chat, countdown, end, all in the log', async () => {
    const { host, scheduler, snapshot, log } = await underway();
    const started = await host.commands.startScript({ scriptId: 'builtin-close-id' });
    expect(started.steps[0]).toEqual({ kind: 'action', action: 'contain' });
    await advance(scheduler, 400, 100);
    let run = (await host.commands.getScriptRun({}))!;
    expect(run.steps[run.index]).toMatchObject({ kind: 'say', text: expect.stringContaining('Provincial election webinar') });
    await host.commands.continueScript({ runId: run.runId });
    await advance(scheduler, 300, 100);
    run = (await host.commands.getScriptRun({}))!;
    expect(run.steps[run.index]?.kind).toBe('say');
    await host.commands.continueScript({ runId: run.runId });
    await advance(scheduler, 10_500, 500);
    run = (await host.commands.getScriptRun({}))!;
    expect(run).toMatchObject({ status: 'done' });
    expect(run.results.map((r) => r.result)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    expect((await snapshot()).meeting.status).toBe('ended');
    const kinds = (await log()).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'script.step')).toHaveLength(6);
    expect(kinds.indexOf('script.started')).toBeLessThan(kinds.indexOf('meeting.ended'));
    expect(kinds).toContain('script.finished');
  });

  it('the panic keys of the desktop app act on the host: contain, lock toggle, apology script, end', async () => {
    const { host, scheduler, snapshot } = await underway();
    expect(await host.shortcut('toggleLock')).toBe('Locking the meeting.');
    await advance(scheduler, 200);
    expect((await snapshot()).meeting.locked).toBe(true);
    expect(await host.shortcut('contain')).toMatch(/Contain started/);
    expect(await host.shortcut('apology')).toMatch(/Script started: Apologise and close/);
    await host.commands.cancelScript({ runId: (await host.commands.getScriptRun({}))!.runId });
    expect(await host.shortcut('endForAll')).toBe('Ending the meeting for all.');
    await advance(scheduler, 400, 100);
    expect((await snapshot()).meeting.status).toBe('ended');
  });

  it('the global Contain key ejects the participants ticked in the console, with the flagged; selection is parsed and ends with the session', async () => {
    const { host, scheduler, outcome, snapshot, intruders } = await underway();
    const officials = (await snapshot()).participants.filter((p) => p.role === 'attendee' && p.risk.level === 'none').slice(0, 2);
    expect(officials).toHaveLength(2);
    // What the renderer sends, through the same gate as the shells: zod-parsed, malformed input refused.
    expect(await dispatch(host, 'setSelection', { participantIds: [officials[0]!.id, officials[1]!.id, officials[0]!.id] })).toEqual({
      ok: true,
      value: { count: 2 },
    });
    expect(await dispatch(host, 'setSelection', { participantIds: [42] })).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(await dispatch(host, 'setSelection', { participantIds: [], all: true })).toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
    expect(await dispatch(host, 'setSelection', { participantIds: ['x'.repeat(500)] })).toMatchObject({ ok: false });

    expect(await host.shortcut('contain')).toBe('Contain started: locking, muting and ejecting the flagged and the 2 ticked.');
    await advance(scheduler, 400, 100);
    const contain = (await host.commands.listActions({})).find((o) => o.kind === 'contain')!;
    expect(contain.status).toBe('confirmed');
    expect(contain.plan?.steps.filter((s) => s.kind === 'eject')).toHaveLength(intruders.length + 2);
    const after = await snapshot();
    for (const official of officials) expect(after.participants.find((p) => p.id === official.id)?.presence).toBe('left');
    expect(await outcome(contain.actionId)).toMatchObject({ status: 'confirmed' });

    // A new session starts with nothing ticked.
    await host.commands.detach({});
    await host.commands.attach({ providerId: 'rehearsal', meetingId: 'intrusion', options: { seed: 4, startAt: 'beforeIntrusion' } });
    expect(await host.shortcut('contain')).toBe('Contain started: locking, muting and ejecting the flagged.');
  });

  it('refuses panic keys that do not parse or are bound twice', async () => {
    const { host } = await underway();
    await expect(
      host.commands.savePanicSettings({
        ...DEFAULT_PANIC_SETTINGS,
        shortcuts: { ...DEFAULT_PANIC_SETTINGS.shortcuts, toggleLock: 'Alt+L' },
      }),
    ).rejects.toThrow(/two modifiers/);
    await expect(
      host.commands.savePanicSettings({
        ...DEFAULT_PANIC_SETTINGS,
        shortcuts: { ...DEFAULT_PANIC_SETTINGS.shortcuts, toggleLock: DEFAULT_PANIC_SETTINGS.shortcuts.contain },
      }),
    ).rejects.toThrow(/also bound to contain/);
  });
});

describe('panic under faults', () => {
  it('a 429 storm, dropped connections, 5xx and an expiring token mid-Contain: every step settles, nothing is dropped, every attempt is logged', async () => {
    // The platform's own rate limit is set high here: Bottleneck refills its budget on the wall
    // clock, which this virtual-time test outruns; the storm supplies the 429s.
    const { host, scheduler, outcome, log, intruders } = await underway({
      stormCalls: 8,
      stormRetryAfterMs: 250,
      dropRate: 0.25,
      failureRate: 0.15,
      tokenLifetimeCalls: 6,
      callTimeoutMs: 2_000,
      rateLimitPerSecond: 1_000,
    });
    await host.commands.runAction({ id: 'contain', kind: 'contain', participantIds: [] });
    // Bounded: at most 4 attempts a step, each at most a 2 s timeout plus backoff of at most 4 s.
    await advance(scheduler, 30_000, 250);
    const contain = await outcome('contain');
    expect(contain.status).not.toBe('pending');
    const steps = contain.plan?.steps ?? [];
    expect(steps).toHaveLength(6 + intruders.length);
    for (const step of steps) expect(['confirmed', 'failed'], `${step.id}: ${step.status}`).toContain(step.status);
    for (const step of steps.filter((s) => s.status === 'failed')) expect(step.reason, step.id).toBeTruthy();
    const entries = await log();
    const attempts = entries.filter((e) => e.kind === 'action.attempt');
    const children = contain.children ?? [];
    for (const id of children) {
      const child = await outcome(id);
      expect(attempts.filter((e) => e.kind === 'action.attempt' && e.data.actionId === id)).toHaveLength(child.attempts);
      expect(entries.some((e) => (e.kind === 'action.confirmed' || e.kind === 'action.failed') && e.data.outcome.actionId === id)).toBe(
        true,
      );
    }
    expect(attempts.some((e) => e.kind === 'action.attempt' && /429/.test(e.data.previousError ?? ''))).toBe(true);
    expect(attempts.some((e) => e.kind === 'action.attempt' && /401|expired/.test(e.data.previousError ?? ''))).toBe(true);
    expect(steps.filter((s) => s.status === 'confirmed').length).toBeGreaterThanOrEqual(steps.length - 2);
  });
});
