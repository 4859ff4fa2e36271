import { afterEach, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../host/credentials/vault';
import type { ProviderEvent } from '../../host/provider';
import { realScheduler } from '../../host/realScheduler';
import { MemorySettingsStore } from '../../host/settings/settingsStore';
import { eventually, moderate, type Moderated } from './testing/harness';
import { Intruder } from './testing/intruder';
import { availability, settingsFor, storeSettings, TEST_SERVERS, uniqueRoom } from './testing/servers';
import { createXmppProvider } from './xmppProvider';

/* Rights, accounts and locked rooms on real servers: what Hostdeck may do, and what it is refused. */

const servers = await Promise.all(Object.values(TEST_SERVERS).map(async (server) => ({ server, state: await availability(server) })));

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close().catch(() => undefined)));
});

async function track<T extends { close(): Promise<void> }>(item: Promise<T>): Promise<T> {
  const value = await item;
  opened.push(value);
  return value;
}

const leftEvent = (m: Moderated, id: string) =>
  m.events.find((e): e is Extract<ProviderEvent, { type: 'left' }> => e.type === 'left' && e.participantId === id);

for (const { server, state } of servers) {
  const title = state.up
    ? `XMPP rights and access on ${server.label}`
    : `XMPP rights and access on ${server.label} (skipped: ${state.why})`;

  describe.skipIf(!state.up)(title, { timeout: 30_000 }, () => {
    it('declares only what an account without rights may do, and the server agrees', async () => {
      const owner = await track(moderate(server));
      const room = owner.roomJid.split('@')[0] as string;
      const plain = await track(moderate(server, { room, nickname: 'Alice', settings: { ...server.member } }));
      const caps = plain.session.capabilities;
      expect(caps.eject).toMatchObject({ available: false, reason: expect.stringMatching(/not a moderator/) });
      expect(caps.ban).toMatchObject({ available: false, reason: expect.stringMatching(/admin or owner/) });
      expect(caps.lock).toMatchObject({ available: false, reason: expect.stringMatching(/owner/) });
      expect(caps.postChat.available).toBe(true);
      // Asked anyway (as a stale panel might), the server refuses and the provider says so.
      await expect(plain.perform({ kind: 'eject', participantId: await plain.idOf('Moderator') })).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(plain.perform({ kind: 'lock' })).rejects.toMatchObject({ kind: 'forbidden' });
    });

    it('bans a registered account by its address: refused on rejoin, guests unaffected', async () => {
      const mod = await track(moderate(server));
      const alice = await track(Intruder.connect(server, 'tcp', server.member));
      const guest = await track(Intruder.connect(server));
      await alice.join(mod.roomJid, 'Alice');
      await guest.join(mod.roomJid, 'Guest');
      const id = await mod.idOf('Alice');
      expect(mod.events.find((e) => e.type === 'joined' && e.participant.id === id)).toMatchObject({
        participant: { role: 'attendee', identity: { userId: 'alice@localhost' } },
      });
      const removed = alice.removal();
      await mod.perform({ kind: 'ban', participantId: id });
      expect((await removed)?.statuses).toContain('301');
      expect(leftEvent(mod, id)?.reason).toBe('banned');
      expect(await alice.join(mod.roomJid, 'Alice again')).toEqual({ ok: false, condition: 'forbidden' });
      expect(await guest.removal(300)).toBeUndefined();
      const newGuest = await track(Intruder.connect(server));
      expect(await newGuest.join(mod.roomJid, 'New guest')).toMatchObject({ ok: true });
    });

    it('joins a room someone else locked only with the configured password, and says why otherwise', async () => {
      const owner = await track(moderate(server, { settings: { lockPassword: 'shared-secret' } }));
      await owner.perform({ kind: 'lock' });
      const room = owner.roomJid.split('@')[0] as string;
      await expect(moderate(server, { room, nickname: 'Second', settings: { ...server.member } })).rejects.toMatchObject({
        message: expect.stringMatching(/locked with a password/),
      });
      const second = await track(
        moderate(server, { room, nickname: 'Second', settings: { ...server.member, lockPassword: 'shared-secret' } }),
      );
      expect(second.session.meeting.locked).toBe(true);
      await eventually(
        () => owner.events.find((e) => e.type === 'joined' && e.participant.displayName === 'Second'),
        3_000,
        'the second seat',
      );
    });

    it('signs in anonymously (as Jitsi guests do), creates a room and moderates it', async () => {
      const anonymous = await track(moderate(server, { settings: { username: '', password: '', domain: server.guestDomain } }));
      expect(anonymous.session.capabilities.eject.available).toBe(true);
      const self = anonymous.events.find((e) => e.type === 'joined' && e.participant.displayName === 'Moderator');
      expect(self).toMatchObject({ participant: { role: 'host', identity: { userId: expect.stringMatching(/@guest\.localhost$/) } } });
      const guest = await track(Intruder.connect(server));
      await guest.join(anonymous.roomJid, 'Guest');
      const removed = guest.removal();
      await anonymous.perform({ kind: 'eject', participantId: await anonymous.idOf('Guest') });
      expect((await removed)?.statuses).toContain('307');
    });

    it('lists the configured room (to be created, then open with its head count) and the server’s public rooms', async () => {
      const room = uniqueRoom('listed');
      const services = {
        vault: new MemoryVault(),
        settings: new MemorySettingsStore(),
        scheduler: realScheduler,
        openExternal: async () => undefined,
      };
      await storeSettings(services, settingsFor(server, room));
      const provider = createXmppProvider(services);
      expect(await provider.listMeetings()).toContainEqual(
        expect.objectContaining({ meetingId: `${room}@conference.localhost`, status: 'scheduled' }),
      );
      const mod = await track(moderate(server, { room }));
      const guest = await track(Intruder.connect(server));
      await guest.join(mod.roomJid, 'Guest');
      await mod.idOf('Guest');
      const listed = await provider.listMeetings();
      expect(listed[0]).toMatchObject({ meetingId: mod.roomJid, status: 'live', description: expect.stringMatching(/2 in the room/) });
      for (const meeting of listed) expect(meeting.meetingId.endsWith('@conference.localhost')).toBe(true);
    });
  });
}
