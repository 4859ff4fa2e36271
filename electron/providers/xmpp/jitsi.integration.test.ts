import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../host/provider';
import { eventually, moderate, type Moderated } from './testing/harness';
import { FakeJitsi, JITSI } from './testing/fakeJitsi';
import { CoHost } from './testing/coHost';
import { Intruder } from './testing/intruder';
import { availability, isListening, TEST_SERVERS, type XmppTestServer } from './testing/servers';

/**
 * Jitsi's extensions, used when the server advertises them: against the test Prosody's Jitsi-like
 * deployment (scripts/xmpp-servers.sh), with a fake jicofo and Jitsi components attached to it as
 * an external component (testing/fakeJitsi.ts). What the provider sends crosses a real server.
 */
const prosody = await availability(TEST_SERVERS.prosody);
const componentUp = prosody.up && (await isListening(JITSI.port));
if (prosody.up && !componentUp && process.env['HOSTDECK_XMPP_REQUIRED'] === '1')
  throw new Error(
    `XMPP server required but missing: Prosody has no component port ${JITSI.port} (restart it with scripts/xmpp-servers.sh)`,
  );
const why = !prosody.up
  ? prosody.why
  : `Prosody on 127.0.0.1:${TEST_SERVERS.prosody.c2sPort} has no Jitsi component port ${JITSI.port} (restart it: bash scripts/xmpp-servers.sh stop prosody && bash scripts/xmpp-servers.sh start prosody)`;

/** The Jitsi-like deployment on the test Prosody. */
const meet: XmppTestServer = { ...TEST_SERVERS.prosody, domain: JITSI.domain, mucDomain: JITSI.mucDomain };

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups = [];
});

async function setUp(): Promise<{ mod: Moderated; jitsi: FakeJitsi }> {
  const jitsi = await FakeJitsi.start();
  cleanups.push(() => jitsi.close());
  const mod = await moderate(meet);
  cleanups.push(() => mod.close());
  return { mod, jitsi };
}

async function guest(room: string, nick: string): Promise<Intruder> {
  const intruder = await Intruder.connect(meet);
  cleanups.push(() => intruder.close());
  const joined = await intruder.join(room, nick);
  expect(joined.ok).toBe(true);
  return intruder;
}

describe.skipIf(!componentUp)(
  componentUp ? 'Jitsi’s extensions, on Prosody with a fake Jitsi' : `Jitsi’s extensions (skipped: ${why})`,
  { timeout: 30_000 },
  () => {
    it('are declared available where the server advertises them, and unavailable with the reason where it does not', async () => {
      const { mod } = await setUp();
      const caps = mod.session.capabilities;
      for (const name of ['waitingRoom', 'muteAll', 'preventUnmute', 'endForAll'] as const) expect(caps[name].available).toBe(true);
      expect(caps.admit).toMatchObject({ available: false, reason: expect.stringMatching(/does not admit/) });

      const plain = await moderate(TEST_SERVERS.prosody);
      cleanups.push(() => plain.close());
      expect(plain.session.capabilities.waitingRoom).toMatchObject({ available: false, reason: expect.stringMatching(/no lobby/) });
      expect(plain.session.capabilities.muteAll).toMatchObject({
        available: false,
        reason: expect.stringMatching(/moderation component/),
      });
      await expect(plain.perform({ kind: 'muteAll', preventUnmute: false })).rejects.toMatchObject({ kind: 'unsupported' });
    });

    it('turns the lobby on: newcomers are refused from the room and wait in the lobby; off again lets them in', async () => {
      const { mod, jitsi } = await setUp();
      await jitsi.joinRoom(mod.roomJid);
      // Jitsi's own lobby keeps those already in the meeting: a present attendee stays (no 322).
      const attendee = await guest(mod.roomJid, 'Attendee');
      const attendeeId = await mod.idOf('Attendee');
      expect(await mod.perform({ kind: 'setWaitingRoom', enabled: true })).toBeUndefined();
      const lobby = mod.roomJid.replace(`@${JITSI.mucDomain}`, `@${JITSI.lobbyDomain}`);
      expect([...jitsi.lobbies]).toEqual([lobby]);
      expect(await mod.session.readControls?.()).toMatchObject({ waitingRoom: true });
      expect(await attendee.removal(500)).toBeUndefined();
      expect(await attendee.chatRefused()).toBeUndefined();
      expect(mod.events.some((e) => e.type === 'left' && e.participantId === attendeeId)).toBe(false);

      const newcomer = await Intruder.connect(meet);
      cleanups.push(() => newcomer.close());
      expect(await newcomer.join(mod.roomJid, 'Latecomer')).toEqual({ ok: false, condition: 'registration-required' });
      expect((await newcomer.join(lobby, 'Latecomer')).ok).toBe(true);
      // Nobody got into the meeting itself.
      expect(mod.events.some((e) => e.type === 'joined' && e.participant.displayName === 'Latecomer')).toBe(false);

      const closed = newcomer.removal();
      await mod.perform({ kind: 'setWaitingRoom', enabled: false });
      expect((await closed)?.destroyed).toBe(true);
      expect(await mod.session.readControls?.()).toMatchObject({ waitingRoom: false });
      expect((await newcomer.join(mod.roomJid, 'Latecomer')).ok).toBe(true);
      await mod.idOf('Latecomer');
    });

    it('turns the lobby on as part of containment: intruders ejected meanwhile are not kept as members and must wait in the lobby', async () => {
      const { mod, jitsi } = await setUp();
      await jitsi.joinRoom(mod.roomJid);
      const attendee = await guest(mod.roomJid, 'Attendee');
      const [first, second] = [await guest(mod.roomJid, 'Intruder 1'), await guest(mod.roomJid, 'Intruder 2')];
      const [id1, id2] = [await mod.idOf('Intruder 1'), await mod.idOf('Intruder 2')];
      const coHost = await CoHost.join(meet, mod.roomJid);
      cleanups.push(() => coHost.close());
      const [gone1, gone2] = [first.removal(), second.removal()];
      // One eject already under way when the lobby goes on, one arriving after the present were made members.
      await Promise.all([
        mod.perform({ kind: 'eject', participantId: id1 }),
        mod.perform({ kind: 'setWaitingRoom', enabled: true }),
        mod.perform({ kind: 'eject', participantId: id2 }),
      ]);
      expect((await gone1)?.statuses).toContain('307');
      expect((await gone2)?.statuses).toContain('307');
      expect(await attendee.removal(500)).toBeUndefined();
      expect(await coHost.affiliated('member')).toEqual([attendee.jid.split('/')[0]?.toLowerCase()]);
      const lobby = mod.roomJid.replace(`@${JITSI.mucDomain}`, `@${JITSI.lobbyDomain}`);
      for (const [intruder, nick] of [
        [first, 'Intruder 1'],
        [second, 'Intruder 2'],
      ] as const) {
        expect(await intruder.join(mod.roomJid, nick)).toEqual({ ok: false, condition: 'registration-required' });
        expect((await intruder.join(lobby, nick)).ok).toBe(true);
      }
    });

    it('mutes everyone through the focus and switches on AV moderation; the focus receives each request from the moderator', async () => {
      const { mod, jitsi } = await setUp();
      await guest(mod.roomJid, 'Noise 1');
      await guest(mod.roomJid, 'Noise 2');
      await Promise.all([mod.idOf('Noise 1'), mod.idOf('Noise 2')]);

      // Without the focus in the room there is nobody to carry the mute out: said plainly.
      const refused = await mod.perform({ kind: 'muteAll', preventUnmute: false }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ProviderError);
      expect(refused).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/focus.*not in the room/) });
      expect(jitsi.mutes).toEqual([]);

      await jitsi.joinRoom(mod.roomJid);
      await mod.idOf('focus');
      await mod.perform({ kind: 'muteAll', preventUnmute: true });
      const self = `${mod.roomJid}/Moderator`;
      expect(jitsi.avModeration).toEqual([
        {
          from: expect.stringMatching(/^mod@meet\.localhost\//),
          command: { type: 'av_moderation', room: mod.roomJid, enable: true, mediaType: 'audio' },
        },
      ]);
      expect(jitsi.mutes.map((m) => m.target).sort()).toEqual([`${mod.roomJid}/Noise 1`, `${mod.roomJid}/Noise 2`]);
      for (const request of jitsi.mutes) expect(request).toMatchObject({ room: mod.roomJid, from: self, media: 'audio' });
      expect(await mod.session.readControls?.()).toMatchObject({ allowUnmute: false });

      // Letting people unmute again (what a panic restore does) switches AV moderation off.
      await mod.perform({ kind: 'setAllowUnmute', allowed: true });
      expect(jitsi.avModeration.map((a) => a.command['enable'])).toEqual([true, false]);
      expect(await mod.session.readControls?.()).toMatchObject({ allowUnmute: true });
    });

    it('ends the conference through Jitsi’s end-conference component: everyone is removed and the room reports it closed', async () => {
      const { mod, jitsi } = await setUp();
      const intruder = await guest(mod.roomJid, 'Intruder');
      await jitsi.joinRoom(mod.roomJid);
      const removed = intruder.removal();
      await mod.perform({ kind: 'endForAll' });
      expect(jitsi.endRequests).toEqual([{ from: expect.stringMatching(/^mod@meet\.localhost\//), room: mod.roomJid }]);
      // The component's reason, not the fallback destroy's: the end went through Jitsi.
      expect(await removed).toMatchObject({ destroyed: true, destroyReason: 'The meeting has been terminated' });
      await eventually(() => mod.events.find((e) => e.type === 'ended'), 5_000, 'the meeting to end');
    });

    it('ends the meeting with the room’s own destroy when the end-conference component does not close it', async () => {
      // The fake is connected but its focus is not in this room, so the component does not act on the request.
      const { mod, jitsi } = await setUp();
      const intruder = await guest(mod.roomJid, 'Intruder');
      const removed = intruder.removal(10_000);
      await mod.perform({ kind: 'endForAll' });
      expect(jitsi.endRequests).toEqual([{ from: expect.stringMatching(/^mod@meet\.localhost\//) }]);
      expect(await removed).toMatchObject({ destroyed: true, destroyReason: 'The moderator ended the meeting.' });
    });
  },
);
