import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../host/provider';
import { eventually, moderate, type Moderated } from './testing/harness';
import { CoHost } from './testing/coHost';
import { Intruder } from './testing/intruder';
import { availability, TEST_SERVERS } from './testing/servers';

/*
 * The provider against real, independent XMPP servers (Prosody and ejabberd from Debian, started by
 * scripts/xmpp-servers.sh). A moderator session goes through the provider; intruders are real
 * anonymous guests, and what the moderator did is checked from their side as well.
 */

const servers = await Promise.all(Object.values(TEST_SERVERS).map(async (server) => ({ server, state: await availability(server) })));

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close().catch(() => undefined)));
});

async function moderator(...args: Parameters<typeof moderate>): Promise<Moderated> {
  const m = await moderate(...args);
  opened.push(m);
  return m;
}

async function intruder(server: (typeof servers)[number]['server']): Promise<Intruder> {
  const i = await Intruder.connect(server);
  opened.push(i);
  return i;
}

const leftEvent = (events: ProviderEvent[], id: string) =>
  events.find((e): e is Extract<ProviderEvent, { type: 'left' }> => e.type === 'left' && e.participantId === id);

for (const { server, state } of servers) {
  const title = state.up ? `XMPP provider against ${server.label}` : `XMPP provider against ${server.label} (skipped: ${state.why})`;

  describe.skipIf(!state.up)(title, { timeout: 30_000 }, () => {
    it('creates and unlocks the room, sees a guest arrive with its real address and a stable id, and leave of their own accord', async () => {
      const mod = await moderator(server);
      expect(mod.session.meeting).toMatchObject({ id: mod.roomJid, providerId: 'xmpp', status: 'live', locked: false });
      expect(mod.session.capabilities.eject.available).toBe(true);
      expect(mod.session.capabilities.ban.available).toBe(true);
      expect(mod.session.capabilities.muteAll).toMatchObject({ available: false, reason: expect.stringMatching(/focus/) });
      const guest = await intruder(server);
      expect(await guest.join(mod.roomJid, 'Intruder')).toMatchObject({ ok: true });
      const id = await mod.idOf('Intruder');
      const joined = mod.events.find((e) => e.type === 'joined' && e.participant.id === id);
      expect(joined).toMatchObject({ participant: { role: 'guest', identity: { userId: guest.jid.split('/')[0] } } });
      const self = mod.events.find((e) => e.type === 'joined' && e.participant.displayName === 'Moderator');
      expect(self).toMatchObject({ participant: { role: 'host' } });
      await guest.leave();
      await eventually(() => leftEvent(mod.events, id), 3_000, 'the guest to leave');
      expect(leftEvent(mod.events, id)?.reason).toBe('left'); // no status code: a voluntary leave
    });

    it('ejects: the guest receives 307 with the reason, the roster says ejected, and a kick is not a ban', async () => {
      const mod = await moderator(server);
      const guest = await intruder(server);
      await guest.join(mod.roomJid, 'Spammer');
      await guest.flood(20);
      const id = await mod.idOf('Spammer');
      const removed = guest.removal();
      await mod.perform({ kind: 'eject', participantId: id });
      expect(await removed).toMatchObject({ statuses: expect.arrayContaining(['307', '110']), reason: 'Removed by the moderator.' });
      expect(leftEvent(mod.events, id)?.reason).toBe('ejected');
      expect(await guest.join(mod.roomJid, 'Spammer')).toMatchObject({ ok: true });
    });

    it('bans the guest domain: the guest and every other guest are removed, and new guests are refused', async () => {
      const mod = await moderator(server);
      const [a, b] = [await intruder(server), await intruder(server)];
      await a.join(mod.roomJid, 'Guest A');
      await b.join(mod.roomJid, 'Guest B');
      const [idA, idB] = [await mod.idOf('Guest A'), await mod.idOf('Guest B')];
      const [goneA, goneB] = [a.removal(), b.removal()];
      await mod.perform({ kind: 'ban', participantId: idA });
      expect((await goneA)?.statuses).toEqual(expect.arrayContaining(['301']));
      // Prosody removes other guests itself (301); ejabberd leaves them and the provider removes them.
      expect(await goneB).toBeDefined();
      await eventually(() => leftEvent(mod.events, idB), 3_000, 'guest B to leave');
      expect(leftEvent(mod.events, idA)?.reason).toBe('banned');
      expect(leftEvent(mod.events, idB)?.reason).toBe('banned');
      const again = await intruder(server);
      expect(await again.join(mod.roomJid, 'Guest A again')).toEqual({ ok: false, condition: 'forbidden' });
    });

    it('locks with a password: present guests stay, new ones are refused, the password lets them in, unlock opens it', async () => {
      const mod = await moderator(server, { settings: { lockPassword: 'late-guests-2026' } });
      const present = await intruder(server);
      await present.join(mod.roomJid, 'Early guest');
      await mod.idOf('Early guest');
      await mod.perform({ kind: 'lock' });
      expect(mod.events.findLast((e) => e.type === 'meeting')).toMatchObject({ meeting: { locked: true } });
      const late = await intruder(server);
      expect(await late.join(mod.roomJid, 'Late guest')).toEqual({ ok: false, condition: 'not-authorized' });
      expect(await late.join(mod.roomJid, 'Late guest', 'late-guests-2026')).toMatchObject({ ok: true });
      expect(await present.removal(300)).toBeUndefined();
      await mod.perform({ kind: 'unlock' });
      expect(mod.events.findLast((e) => e.type === 'meeting')).toMatchObject({ meeting: { locked: false } });
      const after = await intruder(server);
      expect(await after.join(mod.roomJid, 'After unlock')).toMatchObject({ ok: true });
    });

    it('locks members-only: guests are removed and refused', async () => {
      const mod = await moderator(server, { settings: { lockMode: 'membersOnly' } });
      const present = await intruder(server);
      await present.join(mod.roomJid, 'Non-member');
      const id = await mod.idOf('Non-member');
      const removed = present.removal();
      await mod.perform({ kind: 'lock' });
      expect((await removed)?.statuses).toEqual(expect.arrayContaining(['322']));
      await eventually(() => leftEvent(mod.events, id), 3_000, 'the non-member to leave');
      expect(leftEvent(mod.events, id)?.reason).toBe('removed');
      const late = await intruder(server);
      expect(await late.join(mod.roomJid, 'Late')).toEqual({ ok: false, condition: 'registration-required' });
    });

    it('mutes by revoking voice: the guest’s chat is refused, others still speak', async () => {
      const mod = await moderator(server);
      const [loud, quiet] = [await intruder(server), await intruder(server)];
      await loud.join(mod.roomJid, 'Loud');
      await quiet.join(mod.roomJid, 'Quiet');
      await mod.perform({ kind: 'mute', participantId: await mod.idOf('Loud') });
      expect(await loud.chatRefused()).toBe('refused');
      expect(await quiet.chatRefused()).toBeUndefined();
    });

    it('unmutes by granting voice back: the muted guest can speak again, and unmuting a voiced guest changes nothing', async () => {
      const mod = await moderator(server);
      const guest = await intruder(server);
      await guest.join(mod.roomJid, 'Hushed');
      const id = await mod.idOf('Hushed');
      expect(mod.session.capabilities.unmute).toEqual({ available: true });
      await mod.perform({ kind: 'mute', participantId: id });
      expect(await guest.chatRefused()).toBe('refused');
      await mod.perform({ kind: 'unmute', participantId: id });
      expect(await guest.chatRefused()).toBeUndefined();
      await mod.perform({ kind: 'unmute', participantId: id });
      expect(await guest.chatRefused()).toBeUndefined();
    });

    it('posts to everyone: each guest receives the moderator’s message', async () => {
      const mod = await moderator(server);
      const guest = await intruder(server);
      await guest.join(mod.roomJid, 'Listener');
      await mod.idOf('Listener');
      await mod.perform({ kind: 'postChat', text: 'Please keep to the agenda.' });
      await eventually(
        () => guest.received.find((el) => el.name === 'message' && el.getChildText('body') === 'Please keep to the agenda.'),
        3_000,
        'the message to arrive',
      );
    });

    it('ends for all: the room is destroyed, every guest is told, and the meeting ends', async () => {
      const mod = await moderator(server);
      const guests = [await intruder(server), await intruder(server)];
      for (const [i, g] of guests.entries()) await g.join(mod.roomJid, `Guest ${i}`);
      await mod.idOf('Guest 1');
      const removals = guests.map((g) => g.removal());
      await mod.perform({ kind: 'endForAll' });
      for (const r of await Promise.all(removals)) expect(r?.destroyed).toBe(true);
      expect(mod.events.some((e) => e.type === 'ended')).toBe(true);
      const late = await intruder(server);
      // The room is gone: joining creates a fresh one, with none of the old occupants in it.
      const answer = await late.join(mod.roomJid, 'Late');
      if (answer.ok) expect(answer.presence.statuses).toContain('201');
    });

    it('keeps a banned guest out after a voice toggle (ejabberd lets such an outcast back in; Hostdeck turns them away)', async () => {
      const mod = await moderator(server);
      const guest = await intruder(server);
      await guest.join(mod.roomJid, 'Toggled');
      const id = await mod.idOf('Toggled');
      await mod.perform({ kind: 'mute', participantId: id });
      const coHost = await CoHost.join(server, mod.roomJid);
      opened.push(coHost);
      await coHost.setRole('Toggled', 'participant'); // another host gives the voice back
      const banned = guest.removal();
      await mod.perform({ kind: 'ban', participantId: id });
      expect((await banned)?.statuses).toContain('301');
      const answer = await guest.join(mod.roomJid, 'Toggled again');
      if (server.name === 'ejabberd') {
        // The server let the outcast in (affiliation outcast, role participant): the provider removes them at once.
        expect(answer).toMatchObject({ ok: true, presence: { affiliation: 'outcast' } });
        expect((await guest.removal(3_000))?.statuses).toContain('307');
        const again = await mod.idOf('Toggled again');
        await eventually(() => leftEvent(mod.events, again), 3_000, 'the outcast to be removed');
        expect(leftEvent(mod.events, again)?.reason).toBe('banned');
      } else {
        expect(answer).toEqual({ ok: false, condition: 'forbidden' });
      }
    });

    it('refuses an action on Hostdeck’s own seat and on someone already gone', async () => {
      const mod = await moderator(server);
      const selfId = await mod.idOf('Moderator');
      await expect(mod.perform({ kind: 'eject', participantId: selfId })).rejects.toMatchObject({ kind: 'invalid' });
      await expect(mod.perform({ kind: 'eject', participantId: 'o-nobody' })).rejects.toMatchObject({ kind: 'notFound' });
    });
  });
}
