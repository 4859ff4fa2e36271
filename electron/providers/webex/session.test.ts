import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformAction } from '../../../shared/model/action';
import { ProviderError, type ProviderEvent, type ProviderSession } from '../../host/provider';
import type { FakeMeeting } from './testing/fakeWebexState';
import { advanceWithIo, quiet, webexHarness, type WebexHarness } from './testing/harness';

let h: WebexHarness | undefined;
let session: ProviderSession | undefined;
afterEach(async () => {
  await session?.close();
  expect(h?.fake.violations ?? []).toEqual([]);
  await h?.close();
  h = undefined;
  session = undefined;
});

async function liveMeeting(people = 0, fake: Parameters<typeof webexHarness>[0] = {}): Promise<{ t: WebexHarness; meeting: FakeMeeting }> {
  h = await webexHarness(fake);
  await h.provider.signIn?.();
  const meeting = h.fake.state.addMeeting({ title: 'Provincial briefing', live: true });
  h.fake.state.join(meeting.id, { displayName: 'Host', host: true });
  for (let i = 1; i <= people; i++) h.fake.state.join(meeting.id, { displayName: `Official ${i}`, email: `o${i}@example.org` });
  return { t: h, meeting };
}

async function attach(t: WebexHarness, meetingId: string): Promise<ProviderSession> {
  session = await t.provider.attach(meetingId, {}, { scheduler: t.scheduler, emit: (e) => t.events.push(e) });
  return session;
}

const of = <T extends ProviderEvent['type']>(events: ProviderEvent[], type: T) =>
  events.filter((e): e is Extract<ProviderEvent, { type: T }> => e.type === type);
const run = (s: ProviderSession, action: PlatformAction) => s.perform(action, new AbortController().signal);
const idOf = (meeting: FakeMeeting, name: string) => [...meeting.participants.values()].find((p) => p.displayName === name)?.id ?? '';

describe('Webex live roster', { timeout: 20_000 }, () => {
  it('reads every page of the roster on attach, then diffs each poll into joins, lobby arrivals, changes and leaves', async () => {
    const { t, meeting } = await liveMeeting(7, { fake: { pageSize: 3 } });
    const s = await attach(t, meeting.id);
    expect(s.meeting).toMatchObject({ status: 'live', locked: false, title: 'Provincial briefing' });
    expect(of(t.events, 'joined')).toHaveLength(8);
    expect(t.fake.calls('List Meeting Participants')).toHaveLength(3);

    t.fake.state.join(meeting.id, { displayName: 'Latecomer', lobby: true });
    t.fake.state.leave(idOf(meeting, 'Official 2'));
    t.fake.state.update(idOf(meeting, 'Official 3'), { muted: true });
    await advanceWithIo(t, 1_000);
    await expect.poll(() => of(t.events, 'joined').at(-1)?.participant).toMatchObject({ displayName: 'Latecomer', presence: 'waiting' });
    expect(of(t.events, 'left')).toEqual([expect.objectContaining({ participantId: idOf(meeting, 'Official 2'), reason: 'left' })]);
    expect(of(t.events, 'updated')).toEqual([
      expect.objectContaining({ participantId: idOf(meeting, 'Official 3'), changes: { audio: false } }),
    ]);
  });

  it('polls faster while the roster changes and slower while it is quiet', async () => {
    const { t, meeting } = await liveMeeting(2);
    await attach(t, meeting.id);
    const reads = () => t.fake.calls('List Meeting Participants').length;
    const start = reads();
    await advanceWithIo(t, 12_000);
    // Quiet: 1.5 s, 2.25 s, then the 3 s ceiling, instead of a read every second.
    expect(reads() - start).toBeLessThanOrEqual(5);
    expect(reads() - start).toBeGreaterThanOrEqual(4);
  });

  it('a scheduled meeting waits, then goes live when Webex starts an instance of it', async () => {
    const t = (h = await webexHarness());
    await t.provider.signIn?.();
    const scheduled = t.fake.state.addMeeting({ title: 'Town hall', startsInMs: 600_000 });
    expect(await t.provider.listMeetings()).toEqual([expect.objectContaining({ meetingId: scheduled.id, status: 'scheduled' })]);
    const s = await attach(t, scheduled.id);
    expect(s.meeting.status).toBe('waiting');
    const instance = t.fake.state.start(scheduled.id);
    t.fake.state.join(instance.id, { displayName: 'First attendee' });
    expect((await t.provider.listMeetings()).map((m) => [m.meetingId, m.status])).toEqual([[instance.id, 'live']]);
    await advanceWithIo(t, 6_000);
    await expect.poll(() => of(t.events, 'meeting').at(-1)?.meeting.status).toBe('live');
    await expect.poll(() => of(t.events, 'joined').map((e) => e.participant.displayName)).toEqual(['First attendee']);
  });

  it('429 storm on the poll: waits as long as Webex asks, shows it, and recovers', async () => {
    const { t, meeting } = await liveMeeting(1);
    await attach(t, meeting.id);
    t.fake.failNext(3, 429, 4);
    const before = t.fake.requests.length;
    await advanceWithIo(t, 1_000);
    expect(of(t.events, 'connection').at(-1)).toMatchObject({ state: 'reconnecting', detail: expect.stringMatching(/slow down/) });
    await advanceWithIo(t, 3_750);
    // Nothing was sent while Webex's Retry-After ran.
    expect(t.fake.requests.length - before).toBe(1);
    await advanceWithIo(t, 8_000 + 16_000, 1_000);
    await expect.poll(() => of(t.events, 'connection').at(-1)).toMatchObject({ state: 'connected' });
    expect(t.fake.requests.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('a 503 on the poll naming a wait: the next read waits that long (past the backoff), at most the host’s 30 s ceiling', async () => {
    const { t, meeting } = await liveMeeting(1);
    await attach(t, meeting.id);
    const reads = () => t.fake.requests.length;
    t.fake.failNext(1, 503, 12);
    const before = reads();
    await advanceWithIo(t, 1_000);
    expect(reads() - before).toBe(1);
    expect(of(t.events, 'connection').at(-1)).toMatchObject({
      state: 'reconnecting',
      detail: expect.stringMatching(/503.*try again in 12 s/),
    });
    // The harness's backoff alone would read again after 2 s.
    await advanceWithIo(t, 11_000, 500);
    expect(reads() - before).toBe(1);
    await advanceWithIo(t, 1_500, 500);
    expect(reads() - before).toBeGreaterThan(1);
    await expect.poll(() => of(t.events, 'connection').at(-1)).toMatchObject({ state: 'connected' });

    // An hour's maintenance notice, as an HTTP date: the roster is read again after 30 s, not an hour.
    t.fake.failNext(1, 503, new Date(t.scheduler.now() + 3_600_000).toUTCString());
    while (t.fake.requests.at(-1)?.status !== 503) await advanceWithIo(t, 500, 500);
    const refused = reads();
    await advanceWithIo(t, 29_000, 1_000);
    expect(reads()).toBe(refused);
    await advanceWithIo(t, 1_500, 500);
    expect(reads()).toBeGreaterThan(refused);
  });

  it('a stray 404 on the roster does not end the meeting: the next read asks Webex about the meeting first', async () => {
    const { t, meeting } = await liveMeeting(1);
    await attach(t, meeting.id);
    const meetingReads = t.fake.calls('getMeetingById').length;
    t.fake.failNext(1, 404);
    await advanceWithIo(t, 1_000);
    expect(of(t.events, 'connection').at(-1)).toMatchObject({ state: 'reconnecting' });
    await advanceWithIo(t, 2_000);
    expect(t.fake.calls('getMeetingById').length).toBe(meetingReads + 1);
    expect(of(t.events, 'ended')).toEqual([]);
    await expect.poll(() => of(t.events, 'connection').at(-1)).toMatchObject({ state: 'connected' });
  });

  it('notices the meeting ending on its own', async () => {
    const { t, meeting } = await liveMeeting(2);
    await attach(t, meeting.id);
    t.fake.state.end(meeting.id);
    await advanceWithIo(t, 1_000);
    await expect.poll(() => of(t.events, 'ended')).toHaveLength(1);
    // The host marks everyone as left because the meeting ended, not as ordinary leaves.
    expect(of(t.events, 'left')).toEqual([]);
  });
});

describe('Webex host actions', { timeout: 20_000 }, () => {
  it('expels, confirming by re-reading the participant', async () => {
    const { t, meeting } = await liveMeeting(3);
    const s = await attach(t, meeting.id);
    const target = idOf(meeting, 'Official 1');
    await run(s, { id: 'e1', kind: 'eject', participantId: target });
    expect(t.fake.state.participant(target).state).toBe('end');
    expect(t.fake.calls('Get Meeting Participant Details')).toHaveLength(1);
    expect(of(t.events, 'left')).toEqual([expect.objectContaining({ participantId: target, reason: 'ejected' })]);
  });

  it('an expel Webex accepts but does not carry out is reported unconfirmed, not confirmed', async () => {
    const { t, meeting } = await liveMeeting(1);
    const s = await attach(t, meeting.id);
    t.fake.state.unappliedChanges = true;
    const pending = run(s, { id: 'e1', kind: 'eject', participantId: idOf(meeting, 'Official 1') }).catch((e: unknown) => e);
    await advanceWithIo(t, 1_000);
    const failure = await pending;
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({
      kind: 'unconfirmed',
      retryable: true,
      message: expect.stringMatching(/Official 1 is still in the meeting/),
    });
    expect(t.fake.calls('Get Meeting Participant Details')).toHaveLength(3);
  });

  it('admits one from the lobby, then the rest in one batch call', async () => {
    const { t, meeting } = await liveMeeting(0);
    for (const name of ['Knock 1', 'Knock 2', 'Knock 3']) t.fake.state.join(meeting.id, { displayName: name, lobby: true });
    const s = await attach(t, meeting.id);
    await run(s, { id: 'a1', kind: 'admit', participantId: idOf(meeting, 'Knock 1') });
    await run(s, { id: 'a2', kind: 'admitAll' });
    expect(t.fake.calls('Admit Participants')).toHaveLength(1);
    expect(t.fake.state.present(meeting.id).map((p) => p.state)).toEqual(['joined', 'joined', 'joined', 'joined']);
    expect(of(t.events, 'updated').map((e) => e.changes.presence)).toEqual(['inMeeting', 'inMeeting', 'inMeeting']);
  });

  it('mutes one, and mutes everyone but the host in a paced loop that rides out a 429', async () => {
    const { t, meeting } = await liveMeeting(4);
    const s = await attach(t, meeting.id);
    await run(s, { id: 'm1', kind: 'mute', participantId: idOf(meeting, 'Official 1') });
    expect(t.fake.state.participant(idOf(meeting, 'Official 1')).muted).toBe(true);
    t.fake.failNext(1, 429, 2);
    const all = run(s, { id: 'm2', kind: 'muteAll', preventUnmute: false });
    await advanceWithIo(t, 3_000, 100);
    await all;
    expect(t.fake.state.present(meeting.id).map((p) => [p.displayName, p.muted])).toEqual([
      ['Host', false],
      ['Official 1', true],
      ['Official 2', true],
      ['Official 3', true],
      ['Official 4', true],
    ]);
    expect(t.fake.calls('Update a Participant').map((r) => r.status)).toEqual([200, 429, 200, 200, 200]);
  });

  it('unmutes one with the same call and muted:false, which the spec allows; an unmute Webex does not carry out is unconfirmed', async () => {
    const { t, meeting } = await liveMeeting(2);
    const target = idOf(meeting, 'Official 1');
    t.fake.state.update(target, { muted: true });
    const s = await attach(t, meeting.id);
    expect(s.capabilities.unmute).toEqual({ available: true });
    await run(s, { id: 'u1', kind: 'unmute', participantId: target });
    expect(t.fake.state.participant(target).muted).toBe(false);
    expect(t.fake.calls('Update a Participant').map((r) => r.body)).toEqual([{ muted: false }]);
    await expect.poll(() => of(t.events, 'updated').at(-1)).toMatchObject({ participantId: target, changes: { audio: true } });

    const other = idOf(meeting, 'Official 2');
    t.fake.state.update(other, { muted: true });
    t.fake.state.unappliedChanges = true;
    const pending = run(s, { id: 'u2', kind: 'unmute', participantId: other }).catch((e: unknown) => e);
    await advanceWithIo(t, 1_000);
    expect(await pending).toMatchObject({ kind: 'unconfirmed', message: expect.stringMatching(/Official 2 is still muted/) });
  });

  it('locks (newcomers then wait in the lobby) and unlocks', async () => {
    const { t, meeting } = await liveMeeting(1);
    const s = await attach(t, meeting.id);
    await run(s, { id: 'l1', kind: 'lock' });
    expect(of(t.events, 'meeting').at(-1)?.meeting.locked).toBe(true);
    expect(await s.readControls?.()).toEqual({ locked: true });
    t.fake.state.join(meeting.id, { displayName: 'Intruder' });
    await advanceWithIo(t, 1_000);
    await expect.poll(() => of(t.events, 'joined').at(-1)?.participant).toMatchObject({ displayName: 'Intruder', presence: 'waiting' });
    await run(s, { id: 'l2', kind: 'unlock' });
    expect(meeting.locked).toBe(false);
  });

  it('ends the meeting for everyone', async () => {
    const { t, meeting } = await liveMeeting(2);
    const s = await attach(t, meeting.id);
    await run(s, { id: 'end', kind: 'endForAll' });
    expect(meeting.state).toBe('ended');
    expect(s.meeting.status).toBe('ended');
    expect(of(t.events, 'ended')).toHaveLength(1);
  });

  it('a rate-limited action fails with Webex Retry-After; unsupported kinds are refused', async () => {
    const { t, meeting } = await liveMeeting(1);
    const s = await attach(t, meeting.id);
    expect(s.capabilities.postChat).toMatchObject({ available: false, reason: expect.stringMatching(/chat/) });
    expect(s.capabilities.stopVideo.available).toBe(false);
    t.fake.failNext(1, 429, 7);
    await expect(run(s, { id: 'l1', kind: 'lock' })).rejects.toMatchObject({ kind: 'rateLimited', retryAfterMs: 7_000 });
    await expect(run(s, { id: 'c1', kind: 'postChat', text: 'hello' })).rejects.toMatchObject({ kind: 'unsupported' });
    await quiet(t.fake);
  });

  it('a 503 on an action carries the wait Webex named, in seconds or as an HTTP date, and holds back no other call', async () => {
    const { t, meeting } = await liveMeeting(1);
    const s = await attach(t, meeting.id);
    t.fake.failNext(1, 503, 9);
    await expect(run(s, { id: 'l1', kind: 'lock' })).rejects.toMatchObject({
      kind: 'unavailable',
      status: 503,
      retryable: true,
      retryAfterMs: 9_000,
      message: expect.stringMatching(/unavailable \(503\).*try again in 9 s/),
    });
    t.fake.failNext(1, 503, new Date(t.scheduler.now() + 20_000).toUTCString());
    await expect(run(s, { id: 'l2', kind: 'lock' })).rejects.toMatchObject({ kind: 'unavailable', retryAfterMs: 20_000 });
    t.fake.failNext(1, 503);
    const bare = await run(s, { id: 'l3', kind: 'lock' }).catch((e: unknown) => e);
    expect(bare).toBeInstanceOf(ProviderError);
    expect((bare as ProviderError).retryAfterMs).toBeUndefined();
    // Unlike a 429, a 503 does not pause the session: the next call goes out at once.
    await run(s, { id: 'l4', kind: 'lock' });
    expect(s.meeting.locked).toBe(true);
    await quiet(t.fake);
  });

  it('reads the pre-event security settings without keeping the password', async () => {
    h = await webexHarness();
    await h.provider.signIn?.();
    const meeting = h.fake.state.addMeeting({
      title: 'Webinar',
      startsInMs: 3_600_000,
      password: 'Secret-987',
      settings: {
        enabledJoinBeforeHost: true,
        joinBeforeHostMinutes: 15,
        enableAutomaticLock: false,
        unlockedMeetingJoinSecurity: 'allowJoin',
        requireAttendeeLogin: false,
        restrictToInvitees: false,
        meetingOptions: { enabledChat: true, enabledVideo: true },
        attendeePrivileges: { enabledShareContent: true, enabledChatOtherParticipants: true },
      },
    });
    const security = await h.provider.readMeetingSecurity(meeting.id);
    expect(security).toMatchObject({
      password: { set: true, length: 10 },
      joinBeforeHost: { enabled: true, minutes: 15 },
      automaticLock: { enabled: false, minutes: null },
      unlockedMeetingJoinSecurity: 'allowJoin',
      requireAttendeeLogin: false,
      meetingOptions: { chat: true, video: true, fileTransfer: null },
      attendeePrivileges: { shareContent: true, chatWithOtherParticipants: true },
    });
    expect(JSON.stringify(security)).not.toContain('Secret-987');
  });
});
