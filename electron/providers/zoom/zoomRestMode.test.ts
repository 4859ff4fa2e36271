import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/incident/entry';
import type { ProviderEvent } from '../../host/provider';
import { advance } from '../../host/testing';
import type { ZoomMeetingBridge } from './bridge';
import type { ZoomSession } from './zoomSession';
import { createZoomProvider } from './zoomProvider';
import { lastOutcome, mirrorOf, startZoomHarness, until } from './testing/harness';

let harness: Awaited<ReturnType<typeof startZoomHarness>> | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function attached(plan: 'pro' | 'business' = 'business') {
  harness = await startZoomHarness({ plan });
  await harness.signIn();
  const info = await harness.host.commands.attach({ providerId: 'zoom', meetingId: String(harness.story.id) });
  return { ...harness, info };
}

/** Real time for a request the clock may have started to reach the fake (loopback I/O). */
const ioTurns = () => new Promise((resolve) => setTimeout(resolve, 100));

const present = (h: { events: Parameters<typeof mirrorOf>[0] }) =>
  [...mirrorOf(h.events).participants.values()].filter((p) => p.presence === 'inMeeting');

describe('zoom without the meeting window (browser mode)', () => {
  it('declares the SDK-only controls unavailable with the reason, keeping End for all over REST', async () => {
    const h = await attached();
    expect(h.info.capabilities.endForAll).toEqual({ available: true });
    expect(h.info.capabilities.eject).toMatchObject({
      available: false,
      reason: expect.stringMatching(/Meeting SDK window.*browser mode/),
    });
    expect(h.info.capabilities.lock.available).toBe(false);
    expect(h.info.capabilities.stopVideo).toMatchObject({
      available: false,
      reason: expect.stringMatching(/stops another participant’s camera/),
    });
    expect(h.info.capabilities.postChat).toMatchObject({ available: false, reason: expect.stringMatching(/unconfirmed/) });
    await until(() => present(h).length === 6, 5_000, 'the Dashboard roster');
    const eject = await h.host.commands.runAction({ id: 'e1', kind: 'eject', participantId: present(h)[0]!.id });
    expect(eject).toMatchObject({ status: 'failed', reason: expect.stringMatching(/only inside the meeting.*desktop app/) });
  });

  it('runs the drill over REST: roster from the Dashboard, intruders seen on the next read, ended for all', async () => {
    const h = await attached();
    await until(() => present(h).length === 6, 5_000, 'the officials');
    expect(mirrorOf(h.events).meeting).toMatchObject({ title: 'Sosialisasi Pilkada: Forum Pimpinan Daerah', status: 'live' });
    const wave = h.intrude();
    await advance(h.scheduler, 15_000);
    await until(() => present(h).length === 11, 5_000, 'the intruders');
    const names = present(h).map((p) => p.displayName);
    expect(names.filter((n) => n === 'Ketua KPU')).toHaveLength(2);
    expect(present(h).find((p) => p.displayName === 'Host')?.sharing).toBe(true);
    // A guest's Dashboard record has no account id: identity carries only what Zoom gives.
    expect(present(h).find((p) => p.displayName === 'xkq8zpw')?.identity).toEqual({ client: 'Windows', ip: '203.0.113.7' });

    // Someone leaves between two reads.
    const leaver = wave[4]!;
    leaver.leaveTime = h.scheduler.now() + 1_000;
    await advance(h.scheduler, 15_000);
    await until(() => present(h).length === 10, 5_000, 'the leave');

    await h.host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await until(() => lastOutcome(h.events, 'end')?.status === 'confirmed', 5_000, 'the end');
    expect(h.fake.requests.filter((r) => r.method === 'PUT').map((r) => [r.path, r.body])).toEqual([
      [`/v2/meetings/${h.story.id}/status`, '{"action":"end"}'],
    ]);
    await until(() => mirrorOf(h.events).meeting?.status === 'ended', 2_000, 'ended');
    expect(present(h)).toHaveLength(0);

    await h.host.commands.detach({});
    const entries = readFileSync(h.info.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogEntry);
    const at = (p: (e: LogEntry) => boolean) => entries.findIndex(p);
    const intruderJoined = at((e) => e.kind === 'participant.joined' && e.data.participant.displayName === '🔞🔞🔞');
    const ended = at((e) => e.kind === 'meeting.ended');
    const endConfirmed = at((e) => e.kind === 'action.confirmed' && e.data.outcome.actionId === 'end');
    expect(intruderJoined).toBeGreaterThan(0);
    expect(intruderJoined).toBeLessThan(ended);
    expect(ended).toBeLessThan(endConfirmed);
  });

  it('waits as Zoom asks after a 429 on End for all, then ends', async () => {
    const h = await attached();
    h.fake.inject(/\/status$/, 429, { code: 429, message: 'Too many requests.' }, { 'Retry-After': '2', 'X-RateLimit-Type': 'QPS' });
    await h.host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await until(() => lastOutcome(h.events, 'end')?.attempts === 1 && h.fake.requests.some((r) => r.method === 'PUT'), 5_000, 'first try');
    expect(lastOutcome(h.events, 'end')?.status).toBe('pending');
    await advance(h.scheduler, 1_900);
    expect(h.fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    await advance(h.scheduler, 200);
    await until(() => lastOutcome(h.events, 'end')?.status === 'confirmed', 5_000, 'the retry');
    expect(lastOutcome(h.events, 'end')?.attempts).toBe(2);
  });

  it('waits as Zoom asks after a 503 on End for all, in seconds or as an HTTP date, then ends', async () => {
    const h = await attached();
    const puts = () => h.fake.requests.filter((r) => r.method === 'PUT').length;
    h.fake.inject(/\/status$/, 503, { code: 503, message: 'Service unavailable.' }, { 'Retry-After': '3' });
    // The second answer names a time 7 to 8 s from now: 4 to 5 s after the first retry goes out.
    const at = new Date(Math.ceil((h.scheduler.now() + 7_000) / 1_000) * 1_000).toUTCString();
    await h.host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await until(() => puts() === 1 && lastOutcome(h.events, 'end')?.attempts === 1, 5_000, 'first try');
    h.fake.inject(/\/status$/, 503, { code: 503, message: 'Still down.' }, { 'Retry-After': at });
    await advance(h.scheduler, 2_900);
    expect(puts()).toBe(1);
    expect(lastOutcome(h.events, 'end')?.status).toBe('pending');
    await advance(h.scheduler, 200);
    await until(() => puts() === 2, 5_000, 'the retry after 3 s');
    await advance(h.scheduler, 2_900);
    expect(puts()).toBe(2);
    await advance(h.scheduler, 2_100);
    await until(() => lastOutcome(h.events, 'end')?.status === 'confirmed', 5_000, 'the retry after the date');
    expect(lastOutcome(h.events, 'end')?.attempts).toBe(3);
    const attempts = (await h.host.commands.getLogTail({ limit: 500 })).filter((e) => e.kind === 'action.attempt');
    expect(attempts.map((e) => (e.kind === 'action.attempt' ? e.data.previousError : undefined))).toEqual([
      undefined,
      expect.stringMatching(/HTTP 503.*try again in 3 s/),
      expect.stringMatching(/HTTP 503.*Still down/),
    ]);
  });

  it('a 503 asking for longer than the executor waits fails the action at once, naming the wait', async () => {
    const h = await attached();
    h.fake.inject(/\/status$/, 503, { code: 503, message: 'Maintenance.' }, { 'Retry-After': '3600' });
    await h.host.commands.runAction({ id: 'end', kind: 'endForAll' });
    await until(() => lastOutcome(h.events, 'end')?.status === 'failed', 5_000, 'the refusal');
    expect(lastOutcome(h.events, 'end')).toMatchObject({
      attempts: 1,
      retryable: true,
      reason: expect.stringMatching(/Maintenance.*The platform asks to wait 3600 s\./),
    });
    await advance(h.scheduler, 60_000, 15_000);
    expect(h.fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('a 503 on a Dashboard read: the next read waits as Zoom asks, at most the host’s 30 s ceiling', async () => {
    const h = await attached();
    await until(() => present(h).length === 6, 5_000, 'the first read');
    const reads = () => h.fake.requests.filter((r) => r.path.startsWith('/v2/metrics/')).length;
    h.fake.inject(/\/metrics\//, 503, { code: 503, message: 'Down.' }, { 'Retry-After': '20' });
    await advance(h.scheduler, 15_000);
    await until(() => reads() === 2, 5_000, 'the refused read');
    await advance(h.scheduler, 19_000, 19_000);
    await ioTurns();
    expect(reads()).toBe(2);
    await advance(h.scheduler, 1_000);
    await until(() => reads() === 3, 5_000, 'the read 20 s later, not 15');
    h.fake.inject(/\/metrics\//, 503, { code: 503, message: 'Down for an hour.' }, { 'Retry-After': '3600' });
    await advance(h.scheduler, 15_000);
    await until(() => reads() === 4, 5_000, 'the second refused read');
    await advance(h.scheduler, 29_000, 29_000);
    await ioTurns();
    expect(reads()).toBe(4);
    await advance(h.scheduler, 1_000);
    await until(() => reads() === 5 && mirrorOf(h.events).meeting?.link === 'connected', 5_000, 'the read 30 s later, not an hour');
  });

  it('backs off when Zoom answers a Dashboard read with 429, for as long as it asks', async () => {
    const h = await attached();
    await until(() => present(h).length === 6, 5_000, 'the first read');
    h.fake.inject(/\/metrics\//, 429, { code: 429, message: 'Heavy limit.' }, { 'Retry-After': '40', 'X-RateLimit-Type': 'QPS' });
    const reads = () => h.fake.requests.filter((r) => r.path.startsWith('/v2/metrics/')).length;
    await advance(h.scheduler, 15_000);
    await until(() => reads() === 2, 5_000, 'the refused read');
    await until(() => mirrorOf(h.events).meeting?.link === 'reconnecting', 2_000, 'the link state');
    await advance(h.scheduler, 39_000, 13_000);
    expect(reads()).toBe(2);
    await advance(h.scheduler, 1_000);
    await until(() => reads() === 3 && mirrorOf(h.events).meeting?.link === 'connected', 5_000, 'the read after the wait');
  });

  it('says when the plan has no Dashboard, and still notices the meeting ending', async () => {
    const h = await attached('pro');
    await until(() => mirrorOf(h.events).meeting?.link === 'disconnected', 5_000, 'the Dashboard refusal');
    const link = (await h.host.commands.getLogTail({ limit: 50 })).find((e) => e.kind === 'platform.link');
    expect(link?.data).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/Dashboard.*code 200/) });
    h.story.status = 'waiting';
    await advance(h.scheduler, 15_000);
    await until(() => mirrorOf(h.events).meeting?.status === 'ended', 5_000, 'the end seen over REST');
  });

  it('reads the meeting’s protective settings and its registrants, never keeping the passcode', async () => {
    harness = await startZoomHarness();
    await harness.signIn();
    const provider = createZoomProvider(harness.services);
    const events: ProviderEvent[] = [];
    const session = (await provider.attach(
      String(harness.story.id),
      { meetingWindow: false },
      {
        scheduler: harness.scheduler,
        emit: (e) => events.push(e),
      },
    )) as ZoomSession;
    expect(session.meetingSettings).toEqual({
      hasPasscode: true,
      waitingRoom: false,
      joinBeforeHost: true,
      registration: 'automatic',
      authenticationRequired: false,
      authenticationDomains: null,
      muteUponEntry: false,
      screenSharing: true,
      whoCanShare: 'all',
      chat: true,
    });
    expect(JSON.stringify(session.meetingSettings)).not.toContain('pilkada2026');
    expect(session.expectedAttendees).toHaveLength(6);
    expect(session.expectedAttendees[0]).toEqual({ name: 'Kapolda', email: 'official1@prov.example', organisation: 'Forkopimda' });
    expect((await session.listRegistrants())[0]).toEqual({
      id: 'zoom-r1',
      name: 'Kapolda',
      email: 'official1@prov.example',
      organisation: 'Forkopimda',
    });
    expect(session.capabilities.eject).toMatchObject({ available: false, reason: expect.stringMatching(/not requested/) });
    await session.close();
  });

  it('says why there is no registrant list instead of handing over an empty one', async () => {
    harness = await startZoomHarness();
    await harness.signIn();
    const provider = createZoomProvider(harness.services);
    const context = { scheduler: harness.scheduler, emit: () => undefined };
    harness.fake.refuseRegistrants = {
      status: 400,
      code: 4711,
      message: 'Invalid access token, does not contain scopes:[meeting:read:list_registrants].',
    };
    const refused = (await provider.attach(String(harness.story.id), { meetingWindow: false }, context)) as ZoomSession;
    await expect(refused.listRegistrants()).rejects.toThrow(/Zoom did not give the registrant list: .*list_registrants/);
    await refused.close();

    harness.fake.refuseRegistrants = null;
    const withoutRegistration = (await provider.attach(String(harness.scheduled.id), { meetingWindow: false }, context)) as ZoomSession;
    await expect(withoutRegistration.listRegistrants()).rejects.toThrow(/does not use registration/);
    await withoutRegistration.close();
  });

  it('gives the meeting window 60 s to join, then carries on over REST and ignores a late join', async () => {
    let post: ((message: unknown) => void) | undefined;
    let closed = false;
    const silentBridge: ZoomMeetingBridge = {
      async open(_join, onMessage) {
        post = onMessage;
        return { command: async () => ({ ok: true }), close: async () => void (closed = true) };
      },
    };
    harness = await startZoomHarness({ bridge: silentBridge });
    await harness.signIn();
    const attaching = harness.host.commands.attach({ providerId: 'zoom', meetingId: String(harness.story.id) });
    await until(() => post !== undefined, 5_000, 'the window');
    await advance(harness.scheduler, 59_000);
    expect(closed).toBe(false);
    await advance(harness.scheduler, 1_000);
    const info = await attaching;
    expect(closed).toBe(true);
    expect(info.capabilities.eject).toMatchObject({ available: false, reason: expect.stringMatching(/did not join within 60 s/) });
    post?.({ type: 'joined', isHost: true, attendees: [{ userId: 1, userName: 'late' }] });
    const h = harness;
    await until(() => present(h).length === 6, 5_000, 'the Dashboard roster');
    expect(present(h).some((p) => p.displayName === 'late')).toBe(false);
  });

  it('refuses what is not a Zoom meeting number, and a meeting the account does not have', async () => {
    harness = await startZoomHarness();
    await harness.signIn();
    await expect(harness.host.commands.attach({ providerId: 'zoom', meetingId: 'intrusion' })).rejects.toThrow(/not a Zoom meeting number/);
    await expect(harness.host.commands.attach({ providerId: 'zoom', meetingId: '123456789' })).rejects.toThrow(
      /Zoom has no meeting 123456789/,
    );
    await expect(
      harness.host.commands.attach({ providerId: 'zoom', meetingId: String(harness.story.id), options: { meetingWindow: 'yes' } }),
    ).rejects.toThrow(/Zoom options are not valid/);
  });
});
