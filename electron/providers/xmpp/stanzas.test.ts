import { Parser } from '@xmpp/xml';
import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { changesBetween, diffRosters, leaveReasonOf, occupantFrom, participantIdOf, toParticipant } from './occupants';
import { parseDiscoInfo, parseForm, parseMucPresence, parseRoomMessage } from './stanzas';

const ROOM = 'town-hall@conference.localhost';

function parse(source: string): Element {
  const parser = new Parser();
  let root: Element | undefined;
  parser.on('element', (el: Element) => (root = el));
  parser.write(`<stream>${source}`);
  if (!root) throw new Error('no element');
  return root;
}

const presence = (inner: string, attrs = `from='${ROOM}/Guest'`) => parse(`<presence ${attrs}>${inner}</presence>`);
const item = (attrs: string) => `<x xmlns='http://jabber.org/protocol/muc#user'><item ${attrs}/></x>`;

describe('MUC presence parsing', () => {
  it('reads role, affiliation, real JID, occupant id and status codes as the server sends them', () => {
    const el = presence(
      `<occupant-id xmlns='urn:xmpp:occupant-id:0' id='abc+/='/><x xmlns='http://jabber.org/protocol/muc#user'><item role='participant' affiliation='none' jid='x@guest.localhost/r'/><status code='110'/></x>`,
    );
    expect(parseMucPresence(el, ROOM)).toEqual({
      ok: true,
      value: expect.objectContaining({
        nick: 'Guest',
        type: 'available',
        role: 'participant',
        affiliation: 'none',
        jid: 'x@guest.localhost/r',
        occupantId: 'abc+/=',
        statuses: ['110'],
      }),
    });
  });

  it('ignores presences that are not from an occupant of this room', () => {
    expect(parseMucPresence(presence(item("role='participant'"), `from='other@conference.localhost/G'`), ROOM)).toBeUndefined();
    expect(parseMucPresence(presence(item("role='participant'"), `from='${ROOM}'`), ROOM)).toBeUndefined();
  });

  it('refuses a presence whose server-set fields are malformed, with the reason', () => {
    const bad = parseMucPresence(presence(item("role='emperor' affiliation='none'")), ROOM);
    expect(bad).toMatchObject({ ok: false, problem: expect.stringMatching(/role/) });
    expect(parseMucPresence(presence(`<x xmlns='http://jabber.org/protocol/muc#user'><status code='x1'/></x>`), ROOM)).toMatchObject({
      ok: false,
    });
  });

  it('drops what an occupant controls when it is hostile, and keeps the rest', () => {
    const huge = 'A'.repeat(5000);
    const el = presence(
      `${item("role='participant' affiliation='none'")}<occupant-id xmlns='urn:xmpp:occupant-id:0' id='has spaces'/><c xmlns='http://jabber.org/protocol/caps' node='${huge}'/><audiomuted xmlns='http://jitsi.org/jitmeet/audio'>maybe</audiomuted>`,
    );
    const parsed = parseMucPresence(el, ROOM);
    expect(parsed).toMatchObject({ ok: true, value: { nick: 'Guest', role: 'participant' } });
    if (!parsed?.ok) throw new Error('expected a presence');
    expect(parsed.value.occupantId).toBeUndefined();
    expect(parsed.value.client).toBeUndefined();
    expect(parsed.value.audioMuted).toBeUndefined();
  });

  it('reads Jitsi media flags, nick changes, kicks with actor and reason, and room destruction', () => {
    const media = parseMucPresence(
      presence(`${item("role='participant'")}<audiomuted xmlns='http://jitsi.org/jitmeet/audio'>false</audiomuted>`),
      ROOM,
    );
    expect(media).toMatchObject({ ok: true, value: { audioMuted: false } });
    const renamed = parseMucPresence(
      presence(
        `<x xmlns='http://jabber.org/protocol/muc#user'><item nick='New' role='none'/><status code='303'/></x>`,
        `from='${ROOM}/Old' type='unavailable'`,
      ),
      ROOM,
    );
    expect(renamed).toMatchObject({ ok: true, value: { nick: 'Old', newNick: 'New', statuses: ['303'] } });
    const kicked = parseMucPresence(
      presence(
        `<x xmlns='http://jabber.org/protocol/muc#user'><item role='none'><actor nick='Mod'/><reason>Spam</reason></item><status code='307'/></x>`,
        `from='${ROOM}/Guest' type='unavailable'`,
      ),
      ROOM,
    );
    expect(kicked).toMatchObject({ ok: true, value: { actor: 'Mod', reason: 'Spam', statuses: ['307'] } });
    const destroyed = parseMucPresence(
      presence(
        `<x xmlns='http://jabber.org/protocol/muc#user'><destroy><reason>Over</reason></destroy></x>`,
        `from='${ROOM}/Guest' type='unavailable'`,
      ),
      ROOM,
    );
    expect(destroyed).toMatchObject({ ok: true, value: { destroyed: { reason: 'Over' } } });
  });

  it('reads a join refusal’s condition', () => {
    const el = presence(
      `<error type='auth'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>`,
      `from='${ROOM}/Guest' type='error'`,
    );
    expect(parseMucPresence(el, ROOM)).toMatchObject({ ok: true, value: { type: 'error', error: { condition: 'not-authorized' } } });
  });
});

describe('room messages, forms and disco', () => {
  it('reads configuration-change status codes and refusals of groupchat messages', () => {
    const changed = parse(
      `<message from='${ROOM}' type='groupchat'><x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/></x></message>`,
    );
    expect(parseRoomMessage(changed, ROOM)).toMatchObject({ ok: true, value: { statuses: ['104'] } });
    const refused = parse(
      `<message from='${ROOM}' type='error' id='m1'><error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>No voice</text></error></message>`,
    );
    expect(parseRoomMessage(refused, ROOM)).toMatchObject({
      ok: true,
      value: { id: 'm1', error: { condition: 'forbidden', text: 'No voice' } },
    });
    expect(parseRoomMessage(parse(`<message from='elsewhere@x/y' type='groupchat'/>`), ROOM)).toBeUndefined();
  });

  it('reads data-form fields and disco#info features, skipping malformed fields', () => {
    const query = parse(
      `<query xmlns='http://jabber.org/protocol/disco#info'><identity category='conference' type='text'/><feature var='muc_passwordprotected'/><x xmlns='jabber:x:data' type='result'><field var='muc#roominfo_occupants'><value>3</value></field><field><value>no var</value></field></x></query>`,
    );
    expect(parseForm(query).map((f) => f.var)).toEqual(['muc#roominfo_occupants']);
    const info = parseDiscoInfo(parse(`<iq type='result'>${query.toString()}</iq>`));
    expect(info.features.has('muc_passwordprotected')).toBe(true);
    expect(info.fields.get('muc#roominfo_occupants')).toBe('3');
    expect(info.identities).toEqual([{ category: 'conference', type: 'text' }]);
  });
});

describe('occupants', () => {
  const p = (nick: string, extra: Record<string, unknown> = {}) => ({ nick, type: 'available' as const, statuses: [], ...extra });

  it('keys participants on the occupant id when there is one, otherwise on a bounded hash of the nick', () => {
    expect(participantIdOf({ nick: 'x', occupantId: 'stable' })).toBe('o-stable');
    const hashed = participantIdOf({ nick: '\u202eevil name '.repeat(500) });
    expect(hashed).toMatch(/^n-[A-Za-z0-9_-]{32}$/);
  });

  it('maps affiliations and guest addresses to roles, and keeps the id across a nick change', () => {
    const guest = occupantFrom(p('G', { role: 'participant', affiliation: 'none', jid: 'a@guest.localhost/r' }), undefined, false);
    expect(toParticipant(guest, 'guest.localhost')).toMatchObject({
      role: 'guest',
      identity: { userId: 'a@guest.localhost' },
      audio: false,
    });
    const owner = occupantFrom(p('O', { role: 'moderator', affiliation: 'owner' }), undefined, false);
    expect(toParticipant(owner, 'guest.localhost').role).toBe('host');
    const renamed = occupantFrom(p('G2', { role: 'participant' }), guest, false);
    expect(renamed.id).toBe(guest.id);
    expect(changesBetween(guest, renamed, 'guest.localhost')).toEqual({ displayName: 'G2' });
  });

  it('diffs two rosters by participant id and reads leave reasons as a set of codes', () => {
    const a = occupantFrom(p('A'), undefined, false);
    const b = occupantFrom(p('B'), undefined, false);
    const c = occupantFrom(p('C'), undefined, false);
    expect(diffRosters([a, b], [b, c])).toEqual({ joined: [c], left: [a], kept: [[b, b]] });
    expect(leaveReasonOf(['110', '307'])).toBe('ejected');
    expect(leaveReasonOf(['301', '110'])).toBe('banned');
    expect(leaveReasonOf(['322'])).toBe('removed');
    expect(leaveReasonOf([])).toBe('left');
  });
});
