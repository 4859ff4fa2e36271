import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRosterMessage, EMPTY_MIRROR, type RosterMirror } from '../../../shared/contract/rosterMirror';
import { verifyChain } from '../../../shared/incident/chain';
import type { LogEntry } from '../../../shared/incident/entry';
import type { ActionOutcome } from '../../../shared/model/action';
import { sha256Hex } from '../../host/log/incidentLog';
import { createTestHost } from '../../host/testing';
import { FakeWebex } from './testing/fakeWebex';
import { advanceWithIo, browserVisit } from './testing/harness';
import { createWebexProvider, type WebexProvider } from './webexProvider';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The real host with the Webex provider, signed in to a fake Webex on the host's virtual clock. */
async function hostOnFakeWebex() {
  let provider: WebexProvider | undefined;
  const t = createTestHost(Date.UTC(2026, 10, 26, 9, 0), (services) => {
    provider = createWebexProvider(
      { ...services, openExternal: async (url) => void browserVisit(url) },
      { poll: { minMs: 1_000, maxMs: 3_000 }, tuning: { confirmDelayMs: 500, confirmReads: 2, muteAllPerSecond: 10 } },
    );
    return [provider];
  });
  const fake = await FakeWebex.start({ now: () => t.scheduler.now() });
  cleanup = async () => {
    await t.cleanup();
    expect(fake.violations).toEqual([]);
    await fake.close();
  };
  if (!provider) throw new Error('provider not created');
  await provider.saveSettings?.(fake.settings);
  await provider.signIn?.();
  return { ...t, fake, h: { scheduler: t.scheduler, fake } };
}

function mirrorOf(events: ReturnType<typeof createTestHost>['events']): RosterMirror {
  let mirror = EMPTY_MIRROR;
  for (const e of events) if (e.name === 'roster') mirror = applyRosterMessage(mirror, e.payload).mirror;
  return mirror;
}

const outcome = (events: ReturnType<typeof createTestHost>['events'], id: string): ActionOutcome | undefined =>
  events.flatMap((e) => (e.name === 'action' && e.payload.actionId === id ? [e.payload] : [])).at(-1);

describe('the intrusion drill on Webex, through the real host', { timeout: 20_000 }, () => {
  it('lists, attaches, ejects intruders, locks (a returning intruder waits in the lobby), ends for all; the log tells it in order', async () => {
    const { host, events, fake, h } = await hostOnFakeWebex();
    const meeting = fake.state.addMeeting({ title: 'Provincial election webinar', live: true });
    fake.state.join(meeting.id, { displayName: 'Moderator', host: true });
    for (let i = 1; i <= 12; i++) fake.state.join(meeting.id, { displayName: `Official ${i}` });
    expect(await host.commands.listMeetings({ providerId: 'webex' })).toEqual([
      expect.objectContaining({ meetingId: meeting.id, status: 'live', title: 'Provincial election webinar' }),
    ]);
    const info = await host.commands.attach({ providerId: 'webex', meetingId: meeting.id, options: { pollMinMs: 1_000 } });
    expect(info.capabilities.eject.available).toBe(true);

    const intruders = ['0fficial 1', 'Moderator', 'xXx'].map((displayName) => fake.state.join(meeting.id, { displayName, video: true }));
    await advanceWithIo(h, 1_000);
    await expect.poll(() => [...mirrorOf(events).participants.values()].filter((p) => p.presence === 'inMeeting')).toHaveLength(16);

    for (const [i, intruder] of intruders.entries()) {
      await host.commands.runAction({ id: `eject-${i}`, kind: 'eject', participantId: intruder.id });
    }
    await host.commands.runAction({ id: 'lock', kind: 'lock' });
    await advanceWithIo(h, 2_000);
    for (const id of ['eject-0', 'eject-1', 'eject-2', 'lock']) await expect.poll(() => outcome(events, id)?.status).toBe('confirmed');
    const returning = fake.state.join(meeting.id, { displayName: 'xXx', video: true });
    await advanceWithIo(h, 3_000);
    await expect.poll(() => mirrorOf(events).participants.get(returning.id)?.presence).toBe('waiting');

    await host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await advanceWithIo(h, 1_000);
    await expect.poll(() => outcome(events, 'end')?.status).toBe('confirmed');
    await expect.poll(() => mirrorOf(events).meeting?.status).toBe('ended');
    expect(fake.calls('endMeeting')).toEqual([expect.objectContaining({ status: 204 })]);

    await host.commands.detach({});
    const lines = readFileSync(info.logFile, 'utf8').split('\n');
    expect(verifyChain(lines, sha256Hex)).toMatchObject({ ok: true });
    const entries = lines.filter(Boolean).map((l) => JSON.parse(l) as LogEntry);
    const at = (predicate: (e: LogEntry) => boolean) => entries.findIndex(predicate);
    const ejected = intruders.map((p) =>
      at((e) => e.kind === 'participant.left' && e.data.participantId === p.id && e.data.reason === 'ejected'),
    );
    const locked = at((e) => e.kind === 'meeting.locked');
    const ended = at((e) => e.kind === 'meeting.ended');
    expect(ejected.every((i) => i > 0)).toBe(true);
    expect(locked).toBeGreaterThan(0);
    expect(ended).toBeGreaterThan(Math.max(locked, ...ejected));
    expect(readFileSync(info.logFile, 'utf8')).not.toMatch(/access_token|Bearer/);
  });

  it('a 429 storm: the executor waits as long as Webex asks and the action still lands', async () => {
    const { host, events, fake, h } = await hostOnFakeWebex();
    const meeting = fake.state.addMeeting({ title: 'Briefing', live: true });
    const intruder = fake.state.join(meeting.id, { displayName: 'Intruder' });
    await host.commands.attach({ providerId: 'webex', meetingId: meeting.id, options: {} });
    fake.failNext(2, 429, 2);
    await host.commands.runAction({ id: 'eject', kind: 'eject', participantId: intruder.id });
    await advanceWithIo(h, 1_000);
    expect(outcome(events, 'eject')?.status).toBe('pending');
    await advanceWithIo(h, 6_000);
    await expect.poll(() => outcome(events, 'eject')).toMatchObject({ status: 'confirmed', attempts: expect.any(Number) });
    expect(outcome(events, 'eject')?.attempts).toBeGreaterThanOrEqual(2);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(2);
    expect(fake.state.participant(intruder.id).state).toBe('end');
  });

  it('a 503 naming a wait: the executor sends nothing until then, and the action lands on the retry', async () => {
    const { host, events, fake, h } = await hostOnFakeWebex();
    const meeting = fake.state.addMeeting({ title: 'Briefing', live: true });
    const intruder = fake.state.join(meeting.id, { displayName: 'Intruder' });
    await host.commands.attach({ providerId: 'webex', meetingId: meeting.id, options: {} });
    await advanceWithIo(h, 1_000);
    const expels = () => fake.requests.filter((r) => r.method === 'PUT' || r.method === 'DELETE').length;
    fake.failNext(1, 503, 6);
    await host.commands.runAction({ id: 'eject', kind: 'eject', participantId: intruder.id });
    await advanceWithIo(h, 500);
    expect(fake.requests.filter((r) => r.status === 503)).toHaveLength(1);
    const afterRefusal = expels();
    // The executor's own backoff would retry within 0.3 s; Webex asked for 6.
    await advanceWithIo(h, 5_000);
    expect(outcome(events, 'eject')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(expels()).toBe(afterRefusal);
    await advanceWithIo(h, 1_500);
    await expect.poll(() => outcome(events, 'eject')).toMatchObject({ status: 'confirmed', attempts: 2 });
    expect(fake.state.participant(intruder.id).state).toBe('end');
    const attempts = (await host.commands.getLogTail({ limit: 500 })).filter((e) => e.kind === 'action.attempt');
    expect(attempts.at(-1)).toMatchObject({ data: { attempt: 2, delayMs: 6_000, previousError: expect.stringMatching(/503.*6 s/) } });
  });

  it('an expel Webex does not carry out ends as failed with an honest reason after the retries', async () => {
    const { host, events, fake, h } = await hostOnFakeWebex();
    const meeting = fake.state.addMeeting({ title: 'Briefing', live: true });
    const stubborn = fake.state.join(meeting.id, { displayName: 'Stubborn' });
    await host.commands.attach({ providerId: 'webex', meetingId: meeting.id, options: {} });
    fake.state.unappliedChanges = true;
    await host.commands.runAction({ id: 'eject', kind: 'eject', participantId: stubborn.id });
    await advanceWithIo(h, 12_000);
    await expect
      .poll(() => outcome(events, 'eject'))
      .toMatchObject({
        status: 'failed',
        retryable: true,
        attempts: 4,
        reason: expect.stringMatching(/Stubborn is still in the meeting/),
      });
    expect(mirrorOf(events).participants.get(stubborn.id)?.presence).toBe('inMeeting');
  });
});
