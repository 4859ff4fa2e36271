// @vitest-environment node
// The whole chain runs for real in Node: fake SDK client → SdkDriver → bridge port → Zoom provider
// → host; REST calls go to the fake Zoom server over loopback HTTP.
import { jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { advance, settle } from '../../../electron/host/testing';
import { lastOutcome, mirrorOf, startZoomHarness, until } from '../../../electron/providers/zoom/testing/harness';
import { FakeZoomSdkClient, inProcessBridge } from '../testing/fakeZoomSdk';

let harness: Awaited<ReturnType<typeof startZoomHarness>> | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const OFFICIALS = ['Kapolda', 'Pangdam', 'Ketua KPU', 'Ketua Bawaslu'].map((name, i) => ({ name, uuid: `uuid-official-${i}` }));

async function attached(configure: (sdk: FakeZoomSdkClient) => void = () => undefined) {
  const bridge = inProcessBridge(() => {
    const sdk = new FakeZoomSdkClient({ topic: 'Sosialisasi Pilkada (SDK)', attendees: OFFICIALS });
    configure(sdk);
    return sdk;
  });
  harness = await startZoomHarness({ bridge });
  await harness.signIn();
  const info = await harness.host.commands.attach({ providerId: 'zoom', meetingId: String(harness.story.id) });
  const sdk = bridge.clients[0]!;
  const h = harness;
  const roster = () => [...mirrorOf(h.events).participants.values()];
  const byName = (name: string) => roster().find((p) => p.displayName === name && p.presence !== 'left');
  const settled = (id: string) => until(() => ['confirmed', 'failed'].includes(lastOutcome(h.events, id)?.status ?? ''), 8_000, id);
  return { ...h, info, sdk, roster, byName, settled };
}

describe('zoom meeting window (Meeting SDK, faked by its own typings)', () => {
  it('joins as host with a locally signed JWT and the host’s ZAK; SDK controls become available', async () => {
    const h = await attached();
    expect(h.sdk.joinOptions).toMatchObject({ meetingNumber: String(h.story.id), userName: 'Host', password: 'pilkada2026' });
    expect(h.sdk.joinOptions?.zak).toMatch(/^zak-/);
    const { payload } = await jwtVerify(
      h.sdk.joinOptions?.signature ?? '',
      new TextEncoder().encode('fake-sdk-secret-for-tests-only-0123456789'),
      {
        currentDate: new Date(h.scheduler.now()),
      },
    );
    expect(payload).toMatchObject({ appKey: 'fake-sdk-key', mn: String(h.story.id), role: 1 });
    for (const name of ['eject', 'lock', 'mute', 'muteAll', 'moveToWaitingRoom', 'admit', 'admitAll', 'endForAll'] as const) {
      expect(h.info.capabilities[name]).toEqual({ available: true });
    }
    expect(h.info.capabilities.stopShare).toMatchObject({ available: false, reason: expect.stringMatching(/native SDKs/) });
    expect(h.info.capabilities.postChat.available).toBe(false);
    // Officials signed in to Zoom (they have a participant UUID) are attendees; the fake marks the rest guests.
    expect(h.roster().map((p) => [p.displayName, p.role])).toEqual([['Host', 'host'], ...OFFICIALS.map((o) => [o.name, 'attendee'])]);
    expect(mirrorOf(h.events).meeting).toMatchObject({ status: 'live', title: 'Sosialisasi Pilkada (SDK)' });
    // No Dashboard polling while the window gives the roster.
    await advance(h.scheduler, 60_000);
    expect(h.fake.requests.some((r) => r.path.startsWith('/v2/metrics/'))).toBe(false);
  });

  it('ejects intruders through the SDK, spaced as the SDK allows, and logs them as ejected', async () => {
    const h = await attached();
    const one = h.sdk.arrive('K3tua KPU', { video: true })!;
    const two = h.sdk.arrive('🔞🔞🔞')!;
    h.sdk.share(one.userId, true);
    await settle();
    expect(h.byName('K3tua KPU')).toMatchObject({ presence: 'inMeeting', video: true, sharing: true, role: 'guest' });
    await h.host.commands.runAction({ id: 'e1', kind: 'eject', participantId: h.byName('K3tua KPU')!.id });
    await h.host.commands.runAction({ id: 'e2', kind: 'eject', participantId: h.byName('🔞🔞🔞')!.id });
    await h.settled('e1');
    await h.settled('e2');
    expect(lastOutcome(h.events, 'e1')).toMatchObject({ status: 'confirmed', attempts: 1 });
    expect(lastOutcome(h.events, 'e2')).toMatchObject({ status: 'confirmed', attempts: 1 });
    const expels = h.sdk.calls.filter((c) => c.method === 'expel');
    expect(expels.map((c) => c.args[0])).toEqual([one.userId, two.userId]);
    expect(expels[1]!.atMs - expels[0]!.atMs).toBeGreaterThanOrEqual(4_900);
    const left = h.roster().filter((p) => p.presence === 'left');
    expect(left.map((p) => [p.displayName, p.leaveReason])).toEqual([
      ['K3tua KPU', 'ejected'],
      ['🔞🔞🔞', 'ejected'],
    ]);
  }, 15_000);

  it('locks and unlocks (one SDK method, spaced 5 s), mutes, and moves people through the waiting room', async () => {
    const h = await attached();
    await h.host.commands.runAction({ id: 'lock', kind: 'lock' });
    await h.settled('lock');
    expect(h.sdk.locked).toBe(true);
    expect(mirrorOf(h.events).meeting?.locked).toBe(true);
    expect(h.sdk.arrive('late intruder')).toBeUndefined();

    await h.host.commands.runAction({ id: 'unlock', kind: 'unlock' });
    await until(() => lastOutcome(h.events, 'unlock')?.attempts === 1, 2_000, 'unlock tried');
    expect(h.sdk.calls.filter((c) => c.method === 'lockMeeting')).toHaveLength(1);
    // Step the virtual clock (the retry is scheduled only after the first attempt is on record, which
    // can land after a single 5 s jump), until the unlock settles or 30 virtual seconds pass.
    for (let step = 0; step < 60 && !['confirmed', 'failed'].includes(lastOutcome(h.events, 'unlock')?.status ?? ''); step++) {
      await advance(h.scheduler, 500);
    }
    await h.settled('unlock');
    // Whether the spacing shows as a refused first attempt or a queued one depends on timing; what
    // matters is that the SDK method was called once before the 5 s (virtual) passed, twice after.
    expect(lastOutcome(h.events, 'unlock')).toMatchObject({ status: 'confirmed' });
    expect(h.sdk.calls.filter((c) => c.method === 'lockMeeting')).toHaveLength(2);
    expect(h.sdk.locked).toBe(false);

    const kapolda = h.byName('Kapolda')!;
    await h.host.commands.runAction({ id: 'mute', kind: 'mute', participantId: kapolda.id });
    await h.settled('mute');
    expect(h.byName('Kapolda')?.audio).toBe(false);

    await h.host.commands.runAction({ id: 'hold', kind: 'moveToWaitingRoom', participantId: kapolda.id });
    await h.settled('hold');
    expect(h.byName('Kapolda')).toMatchObject({ id: kapolda.id, presence: 'waiting' });
    await h.host.commands.runAction({ id: 'admit', kind: 'admit', participantId: kapolda.id });
    await h.settled('admit');
    expect(h.byName('Kapolda')).toMatchObject({ id: kapolda.id, presence: 'inMeeting' });
    expect(h.roster().filter((p) => p.displayName === 'Kapolda')).toHaveLength(1);

    await h.host.commands.runAction({ id: 'all', kind: 'muteAll', preventUnmute: false });
    await h.settled('all');
    expect(lastOutcome(h.events, 'all')?.status).toBe('confirmed');
    const refused = await h.host.commands.runAction({ id: 'hard', kind: 'muteAll', preventUnmute: true });
    expect(refused).toMatchObject({ status: 'failed', reason: expect.stringMatching(/cannot stop participants from unmuting/) });
  }, 15_000);

  it('unmutes by asking: Zoom delivers the request, the outcome says so, and the roster changes only when they accept', async () => {
    const h = await attached();
    expect(h.info.capabilities.unmute).toEqual({ available: true, asksParticipant: true });
    const kapolda = h.byName('Kapolda')!;
    await h.host.commands.runAction({ id: 'mute', kind: 'mute', participantId: kapolda.id });
    await h.settled('mute');
    expect(h.byName('Kapolda')?.audio).toBe(false);
    // mute and unmute are one SDK method, spaced 1 s.
    await advance(h.scheduler, 1_000);
    await h.host.commands.runAction({ id: 'unmute', kind: 'unmute', participantId: kapolda.id });
    await h.settled('unmute');
    expect(lastOutcome(h.events, 'unmute')).toMatchObject({ status: 'confirmed', reason: expect.stringMatching(/asked the participant/) });
    const userId = [...h.sdk.users.values()].find((u) => u.userName === 'Kapolda')!.userId;
    expect(h.sdk.calls.filter((c) => c.method === 'mute').map((c) => c.args)).toEqual([
      [true, userId],
      [false, userId],
    ]);
    await settle();
    expect(h.byName('Kapolda')?.audio).toBe(false);
    expect(h.sdk.acceptUnmute(userId)).toBe(true);
    await until(() => h.byName('Kapolda')?.audio === true, 3_000, 'the accepted unmute');
  });

  it('admits everyone waiting with one admitAll call; each arrives in the meeting under the same id', async () => {
    const h = await attached();
    h.sdk.arrive('Camat Utara', { hold: true, uuid: 'uuid-camat-utara' });
    h.sdk.arrive('Camat Selatan', { hold: true, uuid: 'uuid-camat-selatan' });
    await until(() => h.roster().filter((p) => p.presence === 'waiting').length === 2, 3_000, 'two waiting');
    const waiting = h.roster().filter((p) => p.presence === 'waiting');
    await h.host.commands.runAction({ id: 'all-in', kind: 'admitAll' });
    await h.settled('all-in');
    expect(lastOutcome(h.events, 'all-in')).toMatchObject({ status: 'confirmed', attempts: 1 });
    expect(h.sdk.calls.filter((c) => c.method === 'admitAll')).toHaveLength(1);
    expect([...h.sdk.users.values()].some((u) => u.isHold)).toBe(false);
    await until(() => h.roster().every((p) => p.presence !== 'waiting'), 3_000, 'everyone admitted');
    for (const w of waiting) expect(h.byName(w.displayName)).toMatchObject({ id: w.id, presence: 'inMeeting' });
  });

  it('reports the SDK’s refusal with its failure type, and does not retry what cannot succeed', async () => {
    const h = await attached();
    h.sdk.refuse.set('expel', { type: 'INSUFFICIENT_PRIVILEGES', reason: 'The operation is only applicable for a host or co-host.' });
    await h.host.commands.runAction({ id: 'e', kind: 'eject', participantId: h.byName('Pangdam')!.id });
    await h.settled('e');
    expect(lastOutcome(h.events, 'e')).toMatchObject({
      status: 'failed',
      retryable: false,
      attempts: 1,
      reason: expect.stringMatching(/Zoom refused expel \(INSUFFICIENT_PRIVILEGES\)/),
    });
    expect(h.byName('Pangdam')?.presence).toBe('inMeeting');
    // Leaving later on their own is not logged as the refused ejection.
    h.sdk.depart([...h.sdk.users.values()].find((u) => u.userName === 'Pangdam')!.userId);
    await settle();
    expect(h.roster().find((p) => p.displayName === 'Pangdam')?.leaveReason).toBe('left');
  });

  it('ends for all through the SDK when the window is joined', async () => {
    const h = await attached();
    await h.host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await h.settled('end');
    expect(lastOutcome(h.events, 'end')?.status).toBe('confirmed');
    expect(h.sdk.calls.some((c) => c.method === 'endMeeting')).toBe(true);
    expect(h.fake.requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(mirrorOf(h.events).meeting?.status).toBe('ended');
    expect(h.roster().every((p) => p.presence === 'left')).toBe(true);
  });

  it('falls back to REST for End for all when the window lost the meeting', async () => {
    const h = await attached();
    h.sdk.emit('connection-change', { state: 'Closed', reason: 'Removed by host (3009)' });
    await until(() => mirrorOf(h.events).meeting?.link === 'disconnected', 3_000, 'the window drop');
    expect(mirrorOf(h.events).meeting?.status).toBe('live'); // REST says the meeting goes on
    await h.host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await h.settled('end');
    expect(lastOutcome(h.events, 'end')?.status).toBe('confirmed');
    expect(h.fake.requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual(['{"action":"end"}']);
    expect(h.sdk.calls.some((c) => c.method === 'endMeeting')).toBe(false);
    const eject = await h.host.commands.runAction({ id: 'late', kind: 'eject', participantId: h.roster()[1]!.id });
    expect(eject.status).toBe('failed');
  });

  it('carries on over REST when Zoom refuses the join, saying why the controls are missing', async () => {
    const h = await attached((sdk) => (sdk.joinFailure = { type: 'INVALID_PARAMETERS', reason: 'Signature is invalid.' }));
    expect(h.info.capabilities.eject).toMatchObject({
      available: false,
      reason: expect.stringMatching(/Zoom refused the join: init|Signature is invalid/),
    });
    expect(h.info.capabilities.endForAll.available).toBe(true);
    await until(() => h.roster().filter((p) => p.presence === 'inMeeting').length === 6, 5_000, 'the Dashboard fallback');
  });

  it('squares the roster with the SDK’s attendee list every 30 s, catching missed events', async () => {
    const h = await attached();
    const quiet = h.sdk.arrive('Diam-diam', { silently: true })!;
    h.sdk.vanish([...h.sdk.users.values()].find((u) => u.userName === 'Pangdam')!.userId);
    await settle();
    expect(h.byName('Diam-diam')).toBeUndefined();
    await advance(h.scheduler, 30_000);
    await until(() => h.byName('Diam-diam') !== undefined && h.byName('Pangdam') === undefined, 3_000, 'the resync');
    expect(h.roster().find((p) => p.displayName === 'Pangdam')?.leaveReason).toBe('unknown');
    h.sdk.depart(quiet.userId);
    await settle();
    expect(h.byName('Diam-diam')).toBeUndefined();
  });

  it('drops a malformed SDK payload and keeps the stream flowing', async () => {
    const h = await attached();
    h.sdk.emit('user-added', [{ userId: 'not-a-number', displayName: 'ghost' }]);
    h.sdk.emit('user-updated', 'garbage');
    const after = h.sdk.arrive('Sekretaris Daerah', { uuid: 'uuid-sekda' });
    expect(after).toBeDefined();
    await settle();
    expect(h.byName('Sekretaris Daerah')?.presence).toBe('inMeeting');
    expect(h.byName('ghost')).toBeUndefined();
  });
});
