import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../host/dispatch';
import { createTestHost } from '../../host/testing';
import { createRehearsalProvider } from '../rehearsal/rehearsalProvider';
import { detectJitsi, xmppCapabilities } from './capabilities';
import type { Occupant } from './occupants';
import { eventually } from './testing/harness';
import { Intruder } from './testing/intruder';
import { availability, settingsFor, TEST_SERVERS, uniqueRoom } from './testing/servers';
import { createXmppProvider } from './xmppProvider';

const prosody = await availability(TEST_SERVERS.prosody);

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

function xmppHost() {
  const t = createTestHost(1_764_000_000_000, (services) => [createRehearsalProvider(), createXmppProvider(services)]);
  cleanup = t.cleanup;
  return t;
}

describe('XMPP provider settings', () => {
  it('declares its settings screen in both languages, with the two secrets as secret fields', async () => {
    const { host } = xmppHost();
    const view = await host.commands.getProviderSettings({ providerId: 'xmpp' });
    expect(view.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(['server', 'domain', 'mucDomain', 'guestDomain', 'room', 'username', 'password', 'lockPassword']),
    );
    expect(view.fields.filter((f) => f.kind === 'secret').map((f) => f.key)).toEqual(['password', 'lockPassword']);
    for (const field of view.fields) expect(field.label.id.length).toBeGreaterThan(0);
    expect(view.status).toMatchObject({ connected: false, detail: expect.stringMatching(/server address/) });
  });

  it('refuses bad values with the reason and stores nothing', async () => {
    const { host } = xmppHost();
    const values = { ...settingsFor(TEST_SERVERS.prosody, 'r'), server: 'http://example.org', mucDomain: 'not a domain' };
    const reply = await dispatch(host, 'saveProviderSettings', { providerId: 'xmpp', values });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalidInput', message: expect.stringMatching(/server.*wss:\/\/.*mucDomain/s) },
    });
    expect((await host.commands.getProviderSettings({ providerId: 'xmpp' })).values).toEqual({});
  });

  it('keeps the password in the vault: the screen only learns that one is stored', async () => {
    const { host, services } = xmppHost();
    const view = await host.commands.saveProviderSettings({ providerId: 'xmpp', values: settingsFor(TEST_SERVERS.prosody, 'town-hall') });
    expect(view.secretsStored).toEqual(['password']);
    expect(JSON.stringify(view)).not.toContain('modpass');
    expect(JSON.stringify(await services.settings.get('xmpp'))).not.toContain('modpass');
    expect(view.status).toEqual({ connected: true, account: 'mod@localhost via 127.0.0.1:15280', canSignIn: false });
  });

  it('fails to attach with a plain reason when the server cannot be reached, without the password in it', async () => {
    const { host } = xmppHost();
    await host.commands.saveProviderSettings({
      providerId: 'xmpp',
      values: { ...settingsFor(TEST_SERVERS.prosody, 'r'), server: 'xmpp://127.0.0.1:9' },
    });
    const reply = await dispatch(host, 'attach', { providerId: 'xmpp', meetingId: 'r@conference.localhost', options: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'providerError', message: expect.stringMatching(/cannot be reached/) } });
    expect(JSON.stringify(reply)).not.toContain('modpass');
    const wrongRoom = await dispatch(host, 'attach', { providerId: 'xmpp', meetingId: 'r@elsewhere.example', options: {} });
    expect(wrongRoom).toMatchObject({ ok: false, error: { code: 'unknownMeeting' } });
  });
});

describe('XMPP capabilities', () => {
  const self = (role: Occupant['role'], affiliation: Occupant['affiliation']): Occupant => ({
    nick: 'me',
    id: 'o-me',
    role,
    affiliation,
    isSelf: true,
  });

  it('follow the rights the server gave Hostdeck’s account, and say why when missing', () => {
    const none = detectJitsi(undefined);
    const owner = xmppCapabilities(self('moderator', 'owner'), none);
    for (const name of ['eject', 'ban', 'mute', 'lock', 'postChat', 'endForAll'] as const) expect(owner[name].available).toBe(true);
    const guest = xmppCapabilities(self('participant', 'none'), none);
    expect(guest.eject).toMatchObject({
      available: false,
      reason: expect.stringMatching(/not a moderator/),
      alternative: expect.any(String),
    });
    expect(guest.lock).toMatchObject({ available: false, reason: expect.stringMatching(/owner/) });
    for (const status of Object.values(owner)) if (!status.available) expect(status.reason.length).toBeGreaterThan(10);
  });

  it('tells a Jitsi server apart by the components its domain advertises, and keeps what it cannot do unavailable', () => {
    const plain = xmppCapabilities(self('moderator', 'owner'), detectJitsi(undefined));
    expect(plain.waitingRoom).toMatchObject({ available: false, reason: expect.stringMatching(/no lobby/) });
    expect(plain.muteAll).toMatchObject({ available: false, reason: expect.stringMatching(/moderation component/) });
    expect(plain.admit).toMatchObject({ available: false, reason: expect.stringMatching(/no lobby/) });
    const info = {
      features: new Set<string>(),
      fields: new Map(),
      identities: [
        { category: 'component', type: 'lobbyrooms', name: 'lobby.meet.example' },
        { category: 'component', type: 'av_moderation', name: 'avmoderation.meet.example' },
        { category: 'component', type: 'end_conference', name: 'endconference.meet.example' },
        // Not a component, or no usable address: ignored.
        { category: 'server', type: 'im', name: 'x' },
        { category: 'component', type: 'end_conference', name: 'bad address/with slash' },
      ],
    };
    const jitsi = detectJitsi(info);
    expect(jitsi).toEqual({
      lobby: 'lobby.meet.example',
      avModeration: 'avmoderation.meet.example',
      endConference: 'endconference.meet.example',
    });
    const caps = xmppCapabilities(self('moderator', 'owner'), jitsi);
    for (const name of ['waitingRoom', 'muteAll', 'preventUnmute', 'endForAll'] as const) expect(caps[name].available).toBe(true);
    expect(caps.admit).toMatchObject({ available: false, reason: expect.stringMatching(/does not admit/) });
    const participant = xmppCapabilities(self('participant', 'member'), jitsi);
    expect(participant.muteAll).toMatchObject({ available: false, reason: expect.stringMatching(/not a moderator/) });
    expect(participant.waitingRoom).toMatchObject({ available: false, reason: expect.stringMatching(/owner/) });
  });
});

describe.skipIf(!prosody.up)(
  prosody.up ? 'XMPP provider through the host, on Prosody' : `XMPP provider through the host (skipped: ${prosody.up ? '' : prosody.why})`,
  { timeout: 30_000 },
  () => {
    it('is configured from its settings screen, lists and attaches the room, ejects an intruder, and logs no secret', async () => {
      const { host, events } = xmppHost();
      const room = uniqueRoom('host');
      await host.commands.saveProviderSettings({ providerId: 'xmpp', values: settingsFor(TEST_SERVERS.prosody, room) });
      const meetings = await host.commands.listMeetings({ providerId: 'xmpp' });
      expect(meetings[0]).toMatchObject({ meetingId: `${room}@conference.localhost`, status: 'scheduled' });
      const info = await host.commands.attach({ providerId: 'xmpp', meetingId: meetings[0]?.meetingId ?? '', options: {} });
      expect(info.capabilities.eject.available).toBe(true);
      expect((await host.commands.listMeetings({ providerId: 'xmpp' }))[0]).toMatchObject({ status: 'live' });

      const intruder = await Intruder.connect(TEST_SERVERS.prosody);
      try {
        await intruder.join(info.meetingId, 'Zoombomber');
        const id = await eventually(
          () =>
            events
              .flatMap((e) => (e.name === 'roster' ? ('state' in e.payload ? e.payload.state.participants : e.payload.upserts) : []))
              .find((p) => p.displayName === 'Zoombomber')?.id,
          5_000,
          'the intruder in the roster',
        );
        const removed = intruder.removal();
        await host.commands.runAction({ id: 'eject-1', kind: 'eject', participantId: id });
        expect((await removed)?.statuses).toContain('307');
        await eventually(
          () => events.find((e) => e.name === 'action' && e.payload.actionId === 'eject-1' && e.payload.status === 'confirmed'),
          5_000,
          'the eject to be confirmed',
        );
      } finally {
        await intruder.close();
      }
      await host.commands.detach({});
      const log = readFileSync(info.logFile, 'utf8');
      expect(log).toMatch(/"kind":"participant.left".*"reason":"ejected"/);
      expect(log).not.toContain('modpass');
    });

    it('shows the moderator, with the confirmed mute, that the room had to be made moderated first', async () => {
      const { host, events } = xmppHost();
      await host.commands.saveProviderSettings({ providerId: 'xmpp', values: settingsFor(TEST_SERVERS.prosody, uniqueRoom('notice')) });
      const meetingId = (await host.commands.listMeetings({ providerId: 'xmpp' }))[0]?.meetingId ?? '';
      await host.commands.attach({ providerId: 'xmpp', meetingId, options: {} });
      const intruder = await Intruder.connect(TEST_SERVERS.prosody);
      try {
        await intruder.join(meetingId, 'Loud');
        const id = await eventually(
          () =>
            events
              .flatMap((e) => (e.name === 'roster' ? ('state' in e.payload ? e.payload.state.participants : e.payload.upserts) : []))
              .find((p) => p.displayName === 'Loud')?.id,
          5_000,
          'the guest in the roster',
        );
        const outcome = (actionId: string) =>
          events.find((e) => e.name === 'action' && e.payload.actionId === actionId && e.payload.status !== 'pending')?.payload;
        await host.commands.runAction({ id: 'mute-1', kind: 'mute', participantId: id });
        expect(await eventually(() => outcome('mute-1'), 5_000, 'the mute to settle')).toMatchObject({
          status: 'confirmed',
          reason: expect.stringMatching(/not moderated.*made it moderated/),
        });
        expect(await intruder.chatRefused()).toBe('refused');
      } finally {
        await intruder.close();
      }
      await host.commands.detach({});
    });
  },
);
