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

/** A guest Hostdeck muted and another host gave the voice back to (the start of ejabberd's quirk). */
async function voiceToggledGuest(server: (typeof servers)[number]['server'], mod: Moderated) {
  const guest = await intruder(server);
  await guest.join(mod.roomJid, 'Toggled');
  const id = await mod.idOf('Toggled');
  await mod.perform({ kind: 'mute', participantId: id });
  const coHost = await CoHost.join(server, mod.roomJid);
  opened.push(coHost);
  await coHost.setRole('Toggled', 'participant');
  return { guest, id, coHost };
}

/**
 * A guest tries to come back into a members-only room. `serverLetsIn`: the server admits them
 * anyway (ejabberd, PLATFORMS.md §3.2 and docs/providers/xmpp.md), and the provider must remove them
 * at once; otherwise the server refuses them itself.
 */
async function expectKeptOut(mod: Moderated, guest: Intruder, nick: string, serverLetsIn: boolean): Promise<void> {
  const answer = await guest.join(mod.roomJid, nick);
  if (!serverLetsIn) {
    expect(answer).toEqual({ ok: false, condition: 'registration-required' });
    return;
  }
  expect(answer).toMatchObject({ ok: true, presence: { affiliation: 'none' } });
  expect(await guest.removal(3_000)).toMatchObject({ statuses: expect.arrayContaining(['307']), reason: 'The room is members-only.' });
  const again = await mod.idOf(nick);
  await eventually(() => leftEvent(mod.events, again), 3_000, 'the non-member to be removed');
  expect(leftEvent(mod.events, again)?.reason).toBe('removed');
}

for (const { server, state } of servers) {
  const title = state.up ? `XMPP provider against ${server.label}` : `XMPP provider against ${server.label} (skipped: ${state.why})`;

  describe.skipIf(!state.up)(title, { timeout: 30_000 }, () => {
    it('creates and unlocks the room, sees a guest arrive with its real address and a stable id, and leave of their own accord', async () => {
      const mod = await moderator(server);
      expect(mod.session.meeting).toMatchObject({ id: mod.roomJid, providerId: 'xmpp', status: 'live', locked: false });
      expect(mod.session.capabilities.eject.available).toBe(true);
      expect(mod.session.capabilities.ban.available).toBe(true);
      expect(mod.session.capabilities.muteAll).toMatchObject({ available: false, reason: expect.stringMatching(/moderation component/) });
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

    it('locks members-only: a present attendee stays (no 322) and can still speak, a newcomer is refused', async () => {
      const mod = await moderator(server, { settings: { lockMode: 'membersOnly' } });
      const present = await intruder(server);
      await present.join(mod.roomJid, 'Attendee');
      const id = await mod.idOf('Attendee');
      const coHost = await CoHost.join(server, mod.roomJid);
      opened.push(coHost);
      // Everyone who should stay was kept: the lock carries no note.
      expect(await mod.perform({ kind: 'lock' })).toBeUndefined();
      expect(mod.events.findLast((e) => e.type === 'meeting')).toMatchObject({ meeting: { locked: true } });
      expect(await present.removal(500)).toBeUndefined();
      expect(await present.chatRefused()).toBeUndefined();
      expect(await coHost.affiliated('member')).toEqual([present.jid.split('/')[0]?.toLowerCase()]);
      expect(leftEvent(mod.events, id)).toBeUndefined();
      const late = await intruder(server);
      expect(await late.join(mod.roomJid, 'Late')).toEqual({ ok: false, condition: 'registration-required' });
    });

    it('contains: intruders ejected as the members-only lock goes out are not left members and are refused on rejoin; the attendee stays', async () => {
      const mod = await moderator(server, { settings: { lockMode: 'membersOnly' } });
      const [attendee, early, late] = [await intruder(server), await intruder(server), await intruder(server)];
      await attendee.join(mod.roomJid, 'Attendee');
      await early.join(mod.roomJid, 'Intruder 1');
      await late.join(mod.roomJid, 'Intruder 2');
      const [idAttendee, id1, id2] = [await mod.idOf('Attendee'), await mod.idOf('Intruder 1'), await mod.idOf('Intruder 2')];
      const coHost = await CoHost.join(server, mod.roomJid);
      opened.push(coHost);
      const [gone1, gone2] = [early.removal(), late.removal()];
      // One eject is already on its way when the lock starts (never made a member); the other
      // reaches the provider after the lock made everyone present a member (its membership is withdrawn).
      const results = await Promise.all([
        mod.perform({ kind: 'eject', participantId: id1 }),
        mod.perform({ kind: 'lock' }),
        mod.perform({ kind: 'eject', participantId: id2 }),
      ]);
      expect(results).toEqual([undefined, undefined, undefined]);
      expect((await gone1)?.statuses).toContain('307');
      expect((await gone2)?.statuses).toContain('307');
      expect(await attendee.removal(500)).toBeUndefined();
      expect(leftEvent(mod.events, idAttendee)).toBeUndefined();
      expect(await coHost.affiliated('member')).toEqual([attendee.jid.split('/')[0]?.toLowerCase()]);
      await expectKeptOut(mod, early, 'Intruder 1 again', false);
      // ejabberd admits an address whose membership was withdrawn (affiliation none, role visitor)
      // despite members-only: the provider removes them.
      await expectKeptOut(mod, late, 'Intruder 2 again', server.name === 'ejabberd');
      // The attendee who stayed can leave and come back: their membership holds.
      await attendee.leave();
      await eventually(() => leftEvent(mod.events, idAttendee), 3_000, 'the attendee to leave');
      expect(await attendee.join(mod.roomJid, 'Attendee')).toMatchObject({ ok: true, presence: { affiliation: 'member' } });
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

    it('mutes in an unmoderated room by making it moderated first, and says so; a second mute needs no change', async () => {
      const mod = await moderator(server);
      // Whatever the server's default (ejabberd's rooms start moderated), this room is not.
      const coHost = await CoHost.join(server, mod.roomJid);
      opened.push(coHost);
      await coHost.configure({ 'muc#roomconfig_moderatedroom': '0' });
      const [loud, other] = [await intruder(server), await intruder(server)];
      await loud.join(mod.roomJid, 'Loud');
      await other.join(mod.roomJid, 'Other');
      expect(await loud.chatRefused()).toBeUndefined();
      const first = await mod.perform({ kind: 'mute', participantId: await mod.idOf('Loud') });
      expect(first).toEqual({ note: expect.stringMatching(/was not moderated.*made it moderated/) });
      expect(await loud.chatRefused()).toBe('refused');
      expect(await other.chatRefused()).toBeUndefined();
      expect(await mod.perform({ kind: 'mute', participantId: await mod.idOf('Other') })).toBeUndefined();
      expect(await other.chatRefused()).toBe('refused');
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
      const { guest, id } = await voiceToggledGuest(server, mod);
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

    it('keeps a guest ejected as the members-only lock goes out away after a voice toggle (PLATFORMS.md §3.2 quirk 5), seen from the guest’s side', async () => {
      const mod = await moderator(server, { settings: { lockMode: 'membersOnly' } });
      const { guest, id, coHost } = await voiceToggledGuest(server, mod);
      const removed = guest.removal();
      await Promise.all([mod.perform({ kind: 'eject', participantId: id }), mod.perform({ kind: 'lock' })]);
      expect((await removed)?.statuses).toContain('307');
      expect(await coHost.affiliated('member')).toEqual([]);
      await expectKeptOut(mod, guest, 'Toggled again', server.name === 'ejabberd');
    });

    it('updates the roster when another moderator grants and revokes the moderator role or an admin affiliation', async () => {
      const mod = await moderator(server);
      const coHost = await CoHost.join(server, mod.roomJid);
      opened.push(coHost);
      const guest = await intruder(server);
      await guest.join(mod.roomJid, 'Helper');
      const member = await Intruder.connect(server, 'tcp', server.member);
      opened.push(member);
      await member.join(mod.roomJid, 'Alice');
      const [helper, alice] = [await mod.idOf('Helper'), await mod.idOf('Alice')];
      const roleChanges = (id: string) =>
        mod.events.flatMap((e) => (e.type === 'updated' && e.participantId === id && e.changes.role ? [e.changes.role] : []));
      const joinedAs = (id: string) =>
        mod.events.find((e): e is Extract<ProviderEvent, { type: 'joined' }> => e.type === 'joined' && e.participant.id === id)?.participant
          .role;
      expect([joinedAs(helper), joinedAs(alice)]).toEqual(['guest', 'attendee']);

      await coHost.setRole('Helper', 'moderator');
      await eventually(() => (roleChanges(helper).length === 1 ? true : undefined), 3_000, 'the grant to show');
      await coHost.setRole('Helper', 'participant');
      await eventually(() => (roleChanges(helper).length === 2 ? true : undefined), 3_000, 'the revocation to show');
      expect(roleChanges(helper)).toEqual(['cohost', 'guest']);

      await coHost.setAffiliation(`${server.member.username}@${server.domain}`, 'admin');
      await eventually(() => (roleChanges(alice).length === 1 ? true : undefined), 3_000, 'the admin grant to show');
      await coHost.setAffiliation(`${server.member.username}@${server.domain}`, 'none');
      await eventually(() => (roleChanges(alice).length === 2 ? true : undefined), 3_000, 'the admin revocation to show');
      expect(roleChanges(alice)).toEqual(['cohost', 'attendee']);
      // Nobody left or joined again: the same participants, changed in place.
      expect(mod.events.filter((e) => e.type === 'left')).toEqual([]);
    });

    it('refuses an action on Hostdeck’s own seat and on someone already gone', async () => {
      const mod = await moderator(server);
      const selfId = await mod.idOf('Moderator');
      await expect(mod.perform({ kind: 'eject', participantId: selfId })).rejects.toMatchObject({ kind: 'invalid' });
      await expect(mod.perform({ kind: 'eject', participantId: 'o-nobody' })).rejects.toMatchObject({ kind: 'notFound' });
    });
  });
}
