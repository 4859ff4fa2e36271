import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/incident/entry';
import type { ActionOutcome, PlatformAction } from '../../shared/model/action';
import { recordingRehearsal } from '../providers/rehearsal/recordingRehearsal';
import { advance, createTestHost, settle } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function attached(options: Record<string, unknown>) {
  const sent: PlatformAction[] = [];
  const t = createTestHost(undefined, () => [recordingRehearsal(sent)]);
  cleanup = t.cleanup;
  await t.host.commands.attach({
    providerId: 'rehearsal',
    meetingId: 'intrusion',
    options: { seed: 4, startAt: 'beforeIntrusion', latencyMs: 50, jitterMs: 0, ...options },
  });
  const outcome = async (id: string) => (await t.host.commands.listActions({})).find((o) => o.actionId === id) as ActionOutcome;
  const log = async (): Promise<LogEntry[]> => t.host.commands.getLogTail({ limit: 5000 });
  const sentOf = (kind: string) => sent.filter((a) => a.kind === kind).length;
  const failedInLog = async (id: string) =>
    (await log())
      .filter((e) => e.kind === 'action.failed' && e.data.outcome.actionId === id)
      .map((e) => (e.kind === 'action.failed' ? e.data.outcome : null));
  return { ...t, sent, outcome, log, sentOf, failedInLog };
}

const CANCELLED = { status: 'failed', reason: 'Cancelled by the moderator.', retryable: true };

describe('cancelling actions', () => {
  it('a call in flight: it is abandoned, never retried, the outcome says cancelled and the log records it', async () => {
    const { host, scheduler, outcome, sentOf, failedInLog } = await attached({ unresponsive: ['lock'], callTimeoutMs: 2_000 });
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(scheduler, 500);
    expect(sentOf('lock')).toBe(1);
    expect(await host.commands.cancelAction({ actionId: 'lock-1' })).toMatchObject(CANCELLED);
    // Without the cancel, the timeout and three retries would follow within these 20 s.
    await advance(scheduler, 20_000, 500);
    expect(sentOf('lock')).toBe(1);
    expect(await outcome('lock-1')).toMatchObject({ ...CANCELLED, attempts: 1 });
    expect(await failedInLog('lock-1')).toEqual([expect.objectContaining(CANCELLED)]);
    expect((await host.commands.getSnapshot({}))!.state.meeting.locked).toBe(false);
  });

  it('an action waiting out its backoff after a failure: the retry never goes out', async () => {
    const { host, scheduler, outcome, sentOf, failedInLog, log } = await attached({ failing: ['lock'] });
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(scheduler, 60);
    expect(sentOf('lock')).toBe(1);
    expect(await outcome('lock-1')).toMatchObject({ status: 'pending', attempts: 1 });
    await host.commands.cancelAction({ actionId: 'lock-1' });
    await advance(scheduler, 20_000, 500);
    expect(sentOf('lock')).toBe(1);
    expect(await outcome('lock-1')).toMatchObject({ ...CANCELLED, attempts: 1 });
    expect(await failedInLog('lock-1')).toHaveLength(1);
    expect((await log()).filter((e) => e.kind === 'action.attempt' && e.data.actionId === 'lock-1')).toHaveLength(1);
  });

  it('an action queued behind the platform’s rate limit: it is never sent', async () => {
    // One call a second: the mute waits in the limiter (Bottleneck, on the wall clock) behind the lock.
    const { host, scheduler, outcome, sentOf, failedInLog } = await attached({ rateLimitPerSecond: 1 });
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await host.commands.runAction({ id: 'mute-1', kind: 'muteAll', preventUnmute: true });
    await settle();
    expect(sentOf('lock')).toBe(1);
    expect(sentOf('muteAll')).toBe(0);
    expect(await host.commands.cancelAction({ actionId: 'mute-1' })).toMatchObject(CANCELLED);
    // Past the second after which the limiter hands the queued call over.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await advance(scheduler, 2_000, 100);
    expect(sentOf('muteAll')).toBe(0);
    expect(await outcome('lock-1')).toMatchObject({ status: 'confirmed' });
    expect(await outcome('mute-1')).toMatchObject(CANCELLED);
    expect(await failedInLog('mute-1')).toHaveLength(1);
    expect((await host.commands.getSnapshot({}))!.state.meeting.controls.allowUnmute).not.toBe(false);
  });

  it('a running Contain: its pending steps stop, nothing more is sent, the checklist and the log say cancelled', async () => {
    const { host, scheduler, outcome, sentOf, failedInLog, sent } = await attached({
      unresponsive: ['lock'],
      failing: ['muteAll'],
      callTimeoutMs: 2_000,
    });
    await advance(scheduler, 90_000, 30_000);
    await host.commands.runAction({ id: 'contain', kind: 'contain', participantIds: [] });
    await advance(scheduler, 200, 50);
    // The lock hangs, the mute failed once and waits to retry; the other steps are done.
    expect(sentOf('lock')).toBe(1);
    expect(sentOf('muteAll')).toBeGreaterThanOrEqual(1);
    const before = await outcome('contain');
    expect(before.status).toBe('pending');
    const ejects = before.plan?.steps.filter((s) => s.kind === 'eject').length ?? 0;
    expect(ejects).toBeGreaterThan(0);
    const mute = before.plan?.steps.find((s) => s.id === 'muteAll')?.actionId ?? '';
    expect(await outcome(mute)).toMatchObject({ status: 'pending' });

    expect(await host.commands.cancelAction({ actionId: 'contain' })).toMatchObject(CANCELLED);
    const sentAtCancel = sent.length;
    await advance(scheduler, 30_000, 500);
    expect(sent.length).toBe(sentAtCancel);
    const contain = await outcome('contain');
    expect(contain).toMatchObject(CANCELLED);
    const steps = new Map(contain.plan?.steps.map((s) => [s.id, s]));
    expect(steps.get('lock')).toMatchObject({ status: 'failed', reason: 'Cancelled by the moderator.' });
    expect(steps.get('muteAll')).toMatchObject({ status: 'failed', reason: 'Cancelled by the moderator.' });
    expect(steps.get('waitingRoom')).toMatchObject({ status: 'confirmed' });
    for (const step of contain.plan?.steps ?? []) expect(step.status, step.id).not.toBe('running');
    expect(await failedInLog('contain')).toEqual([expect.objectContaining(CANCELLED)]);
    expect(await failedInLog(steps.get('lock')?.actionId ?? '')).toEqual([expect.objectContaining(CANCELLED)]);
    // Cancelled children do not settle the plan on their own: the plan is not reported as finished.
    expect((await host.commands.getLogTail({ limit: 5000 })).some((e) => e.kind === 'plan.finished')).toBe(false);
  });

  it('a Contain whose steps all failed, retried: it is pending again, its steps run again, and it settles anew', async () => {
    // The first 24 calls are refused with 429: each of Contain's six steps spends its four attempts.
    // (The limiter's own budget is set high: it refills on the wall clock, which this test outruns.)
    const { host, scheduler, outcome, log } = await attached({ stormCalls: 24, stormRetryAfterMs: 100, rateLimitPerSecond: 1_000 });
    await host.commands.runAction({ id: 'contain', kind: 'contain', participantIds: [] });
    await advance(scheduler, 3_000, 100);
    const failed = await outcome('contain');
    expect(failed).toMatchObject({ status: 'failed', retryable: true, reason: expect.stringMatching(/^Failed: lock \(429/) });
    expect(failed.plan?.steps.map((s) => s.status)).toEqual(Array(6).fill('failed'));

    expect(await host.commands.retryAction({ actionId: 'contain' })).toMatchObject({ status: 'pending', attempts: 1 });
    await advance(scheduler, 1_000, 100);
    const retried = await outcome('contain');
    expect(retried).toMatchObject({ status: 'confirmed', retryable: false });
    expect(retried.reason).toBeUndefined();
    expect(retried.plan?.steps.map((s) => s.status)).toEqual(Array(6).fill('confirmed'));
    expect((await host.commands.getSnapshot({}))!.state.meeting.locked).toBe(true);
    const entries = await log();
    expect(entries.filter((e) => e.kind === 'plan.finished').map((e) => (e.kind === 'plan.finished' ? e.data.status : ''))).toEqual([
      'failed',
      'confirmed',
    ]);
    expect(entries.find((e) => e.kind === 'action.attempt' && e.data.actionId === 'contain')).toMatchObject({
      data: { attempt: 1, previousError: expect.stringMatching(/^Failed: lock/) },
    });
  });

  it('cancelling an action that has already settled changes nothing', async () => {
    const { host, scheduler, outcome, failedInLog } = await attached({});
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(scheduler, 200);
    expect(await host.commands.cancelAction({ actionId: 'lock-1' })).toMatchObject({ status: 'confirmed' });
    expect(await outcome('lock-1')).toMatchObject({ status: 'confirmed' });
    expect(await failedInLog('lock-1')).toEqual([]);
    expect(await host.commands.cancelAction({ actionId: 'nobody' })).toBeNull();
  });
});
