import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRosterMessage, EMPTY_MIRROR, type RosterMirror } from '../../shared/contract/rosterMirror';
import { verifyChain } from '../../shared/incident/chain';
import type { LogEntry } from '../../shared/incident/entry';
import type { ActionOutcome } from '../../shared/model/action';
import { dispatch } from './dispatch';
import { sha256Hex } from './log/incidentLog';
import { advance, createTestHost } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function attachedHost(options: Record<string, unknown> = {}) {
  const t = createTestHost();
  cleanup = t.cleanup;
  const info = await t.host.commands.attach({
    providerId: 'rehearsal',
    meetingId: 'intrusion',
    options: { seed: 4, startAt: 'beforeIntrusion', latencyMs: 50, jitterMs: 0, ...options },
  });
  return { ...t, info };
}

function mirrorOf(events: ReturnType<typeof createTestHost>['events']): RosterMirror {
  let mirror = EMPTY_MIRROR;
  for (const e of events) {
    if (e.name !== 'roster') continue;
    const { mirror: next, status } = applyRosterMessage(mirror, e.payload);
    expect(status).toBe('applied');
    mirror = next;
  }
  return mirror;
}

function outcomes(events: ReturnType<typeof createTestHost>['events'], id: string): ActionOutcome[] {
  return events.flatMap((e) => (e.name === 'action' && e.payload.actionId === id ? [e.payload] : []));
}

describe('host', () => {
  it('attaches to the rehearsal, streams a snapshot then numbered patches that rebuild the state', async () => {
    const { host, scheduler, events, info } = await attachedHost();
    expect(info.capabilities.eject.available).toBe(true);
    await advance(scheduler, 90_000);
    const mirror = mirrorOf(events);
    const snapshot = await host.commands.getSnapshot({});
    expect(snapshot?.seq).toBe(mirror.seq);
    expect([...mirror.participants.values()]).toEqual(snapshot?.state.participants);
    expect([...mirror.participants.values()].some((p) => p.alerts.includes('explicitVideo'))).toBe(true);
  });

  it('runs the drill: eject intruders, lock, see a blocked attempt, end for all; all in the log in order', async () => {
    const { host, scheduler, events, info } = await attachedHost({ rejoinDelayMs: 20_000 });
    await advance(scheduler, 90_000);
    const intruders = [...mirrorOf(events).participants.values()].filter((p) => p.alerts.length > 0 && p.presence === 'inMeeting');
    expect(intruders.length).toBeGreaterThanOrEqual(3);
    for (const [i, p] of intruders.entries()) {
      const pending = await host.commands.runAction({ id: `eject-${i}`, kind: 'eject', participantId: p.id });
      expect(pending.status).toBe('pending');
      expect(pending.target).toBe(p.displayName);
    }
    await advance(scheduler, 60);
    for (const i of intruders.keys()) expect(outcomes(events, `eject-${i}`).at(-1)?.status).toBe('confirmed');
    await host.commands.runAction({ id: 'lock', kind: 'lock' });
    await advance(scheduler, 60);
    expect(outcomes(events, 'lock').at(-1)?.status).toBe('confirmed');
    await advance(scheduler, 21_000);
    expect(mirrorOf(events).blockedJoins.length).toBeGreaterThanOrEqual(1);
    await host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await advance(scheduler, 60);
    expect(mirrorOf(events).meeting?.status).toBe('ended');
    expect([...mirrorOf(events).participants.values()].every((p) => p.presence === 'left')).toBe(true);

    await host.commands.detach({});
    const lines = readFileSync(info.logFile, 'utf8').split('\n');
    expect(verifyChain(lines, sha256Hex)).toMatchObject({ ok: true });
    const entries = lines.filter(Boolean).map((l) => JSON.parse(l) as LogEntry);
    const order = (predicate: (e: LogEntry) => boolean) => entries.findIndex(predicate);
    const firstIntruder = order((e) => e.kind === 'participant.joined' && e.data.participant.id === intruders[0]?.id);
    const lastEject = Math.max(
      ...intruders.map((p) => order((e) => e.kind === 'participant.left' && e.data.participantId === p.id && e.data.reason === 'ejected')),
    );
    const ejectConfirmed = order((e) => e.kind === 'action.confirmed' && e.data.outcome.actionId === 'eject-0');
    const locked = order((e) => e.kind === 'meeting.locked');
    const blocked = order((e) => e.kind === 'join.blocked');
    const ended = order((e) => e.kind === 'meeting.ended');
    const endConfirmed = order((e) => e.kind === 'action.confirmed' && e.data.outcome.actionId === 'end');
    const steps = [firstIntruder, ejectConfirmed, lastEject, locked, blocked, ended, endConfirmed];
    expect(steps.every((i) => i >= 0)).toBe(true);
    expect(firstIntruder).toBeLessThan(ejectConfirmed);
    expect(firstIntruder).toBeLessThan(lastEject);
    expect(lastEject).toBeLessThan(locked);
    expect(locked).toBeLessThan(blocked);
    expect(blocked).toBeLessThan(ended);
    expect(ended).toBeLessThan(endConfirmed);
    expect(entries[0]?.kind).toBe('session.started');
    expect(entries.at(-1)?.kind).toBe('session.ended');
  });

  it('resolves actions it cannot carry out as failed with a reason, never an exception', async () => {
    const { host, scheduler, events } = await attachedHost();
    await advance(scheduler, 90_000);
    const gone = [...mirrorOf(events).participants.values()].find((p) => p.alerts.length > 0);
    if (!gone) throw new Error('no intruder in the scenario');
    await host.commands.runAction({ id: 'first', kind: 'eject', participantId: gone.id });
    await advance(scheduler, 60);
    const again = await host.commands.runAction({ id: 'second', kind: 'eject', participantId: gone.id });
    expect(again).toMatchObject({ status: 'failed', reason: expect.stringMatching(/already left/) });
    expect(await host.commands.runAction({ id: 'ghost', kind: 'eject', participantId: 'p-nobody' })).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/No participant/),
    });
    expect(await host.commands.runAction({ id: 'odd', kind: 'teleport' })).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/not valid/),
    });
    expect(await host.commands.retryAction({ actionId: 'never-sent' })).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/No action with id/),
    });

    await host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await advance(scheduler, 60);
    expect(await host.commands.runAction({ id: 'late', kind: 'lock' })).toMatchObject({
      status: 'failed',
      reason: 'The meeting has already ended.',
    });
  });

  it('rejects malformed commands with an error reply, records them, and keeps running', async () => {
    const { host, info } = await attachedHost();
    expect(await dispatch(host, 'runAction', { id: 'has spaces', kind: 'lock' })).toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
    expect(await dispatch(host, 'rm -rf', {})).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
    expect(await dispatch(host, 'getLogTail', { limit: 'all' })).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(await dispatch(host, 'attach', { providerId: 'rehearsal', meetingId: 'briefing' })).toMatchObject({
      ok: false,
      error: { code: 'alreadyAttached' },
    });
    const ok = await dispatch(host, 'getOverview', {});
    expect(ok).toMatchObject({ ok: true, value: { session: { sessionId: info.sessionId } } });
    const tail = await host.commands.getLogTail({ limit: 50 });
    expect(tail.filter((e) => e.kind === 'input.rejected').map((e) => e.data.channel)).toEqual(['runAction', 'rm -rf', 'getLogTail']);
  });

  it('returns the same outcome when an action id is sent twice, instead of acting twice', async () => {
    const { host, scheduler, events } = await attachedHost();
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(scheduler, 60);
    expect(outcomes(events, 'lock-1').map((o) => o.status)).toEqual(['pending', 'confirmed']);
  });

  it('times out a call the platform never answers, retries within bounds, then retries again on request', async () => {
    const { host, scheduler, events } = await attachedHost({ unresponsive: ['lock'], callTimeoutMs: 2_000 });
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(scheduler, 17_000, 500);
    expect(outcomes(events, 'lock-1').at(-1)).toMatchObject({
      status: 'failed',
      retryable: true,
      attempts: 4,
      reason: expect.stringMatching(/did not answer within 2 s.*gave up after 4 attempts/),
    });
    const attempts = (await host.commands.getLogTail({ limit: 500 })).filter((e) => e.kind === 'action.attempt');
    expect(attempts.map((e) => e.data.attempt)).toEqual([1, 2, 3, 4]);
    expect(attempts.slice(1).every((e) => /did not answer/.test(e.data.previousError ?? ''))).toBe(true);
    const retried = await host.commands.retryAction({ actionId: 'lock-1' });
    expect(retried).toMatchObject({ status: 'pending', attempts: 5 });
  });

  it('after a timeout a chat message is not sent again, while the lock sent beside it is retried', async () => {
    const { host, scheduler, events } = await attachedHost({ unresponsive: ['postChat', 'lock'], callTimeoutMs: 2_000 });
    await host.commands.runAction({ id: 'chat-1', kind: 'postChat', text: 'We apologise for the interruption.' });
    await host.commands.runAction({ id: 'lock-1', kind: 'lock' });
    await advance(scheduler, 17_000, 500);
    expect(outcomes(events, 'chat-1').at(-1)).toMatchObject({
      status: 'failed',
      retryable: true,
      attempts: 1,
      reason: expect.stringMatching(/did not answer within 2 s.*Not repeated automatically/),
    });
    expect(outcomes(events, 'lock-1').at(-1)).toMatchObject({ status: 'failed', attempts: 4 });
    const attempts = (await host.commands.getLogTail({ limit: 500 })).filter((e) => e.kind === 'action.attempt');
    expect(attempts.filter((e) => e.data.actionId === 'chat-1')).toHaveLength(1);
    expect(attempts.filter((e) => e.data.actionId === 'lock-1')).toHaveLength(4);
    // The moderator, having checked the chat, may still send it again by hand.
    expect(await host.commands.retryAction({ actionId: 'chat-1' })).toMatchObject({ status: 'pending', attempts: 2 });
  });

  it('acknowledges a note only once it is on disk', async () => {
    const { host, info } = await attachedHost();
    const entry = await host.commands.addNote({ text: 'Intruders reported by the panel at 10:52' });
    const onDisk = readFileSync(info.logFile, 'utf8');
    expect(onDisk).toContain('Intruders reported by the panel at 10:52');
    expect(entry.kind).toBe('note');
  });
});
