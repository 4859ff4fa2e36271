import type { Element } from '@xmpp/xml';
import { z } from 'zod';

/** Namespaces of XEP-0045 (MUC), XEP-0421 (occupant-id) and the Jitsi presence extensions. */
export const NS = {
  muc: 'http://jabber.org/protocol/muc',
  mucUser: 'http://jabber.org/protocol/muc#user',
  mucAdmin: 'http://jabber.org/protocol/muc#admin',
  mucOwner: 'http://jabber.org/protocol/muc#owner',
  occupantId: 'urn:xmpp:occupant-id:0',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  discoItems: 'http://jabber.org/protocol/disco#items',
  data: 'jabber:x:data',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  caps: 'http://jabber.org/protocol/caps',
  jitsiAudio: 'http://jitsi.org/jitmeet/audio',
  jitsiVideo: 'http://jitsi.org/jitmeet/video',
  originId: 'urn:xmpp:sid:0',
  /** Jitsi's own elements (`json-message`, `end_conference`). */
  jitsi: 'http://jitsi.org/jitmeet',
} as const;

export const MucRole = z.enum(['moderator', 'participant', 'visitor', 'none']);
export type MucRole = z.infer<typeof MucRole>;
export const MucAffiliation = z.enum(['owner', 'admin', 'member', 'outcast', 'none']);
export type MucAffiliation = z.infer<typeof MucAffiliation>;

/** Text an occupant controls: bounded, and dropped (not fatal) when it is not what we expect. */
const Optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * A MUC presence as Hostdeck uses it. What the server sets (role, affiliation, status codes) must be
 * well-formed or the presence is refused; what the occupant sets (nick, client, Jitsi media flags)
 * is bounded and dropped when malformed.
 */
export const MucPresence = z.object({
  /** The occupant's nickname: the resource of the room JID; the server checks it, we bound it. */
  nick: z.string().min(1).max(4096),
  type: z.enum(['available', 'unavailable', 'error']),
  role: MucRole.optional(),
  affiliation: MucAffiliation.optional(),
  /** The occupant's real JID, when the room shows it to moderators. */
  jid: z.string().max(3071).optional(),
  /** For a nick change (303): the new nick. */
  newNick: z.string().min(1).max(4096).optional(),
  statuses: z.array(z.string().regex(/^\d{3}$/)).max(20),
  occupantId: Optional(
    z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/),
  ),
  destroyed: z.object({ reason: z.string().max(2000).optional() }).optional(),
  reason: Optional(z.string().max(2000)),
  actor: Optional(z.string().max(4096)),
  error: z.object({ condition: z.string().max(100), text: z.string().max(2000).optional() }).optional(),
  client: Optional(z.string().max(300)),
  audioMuted: Optional(Bool),
  videoMuted: Optional(Bool),
});
export type MucPresence = z.infer<typeof MucPresence>;

function statusCodes(x: Element | undefined): string[] {
  return (x?.getChildren('status') ?? []).map((s) => String(s.attrs['code'] ?? ''));
}

function stanzaError(el: Element): { condition: string; text?: string } | undefined {
  const error = el.getChild('error');
  if (!error) return undefined;
  const condition = error.children.find((c): c is Element => typeof c !== 'string' && c.attrs['xmlns'] === NS.stanzas && c.name !== 'text');
  const text = error.getChildText('text', NS.stanzas) ?? undefined;
  return { condition: condition?.name ?? 'undefined-condition', ...(text ? { text } : {}) };
}

/** The raw facts of a presence from `room@service/nick`, before validation. */
function presenceFacts(el: Element, nick: string): Record<string, unknown> {
  const x = el.getChild('x', NS.mucUser);
  const item = x?.getChild('item');
  const destroy = x?.getChild('destroy');
  const type = el.attrs['type'] ?? 'available';
  return {
    nick,
    type,
    role: item?.attrs['role'],
    affiliation: item?.attrs['affiliation'],
    jid: item?.attrs['jid'],
    newNick: item?.attrs['nick'],
    statuses: statusCodes(x),
    occupantId: el.getChild('occupant-id', NS.occupantId)?.attrs['id'],
    destroyed: destroy ? { reason: destroy.getChildText('reason') ?? undefined } : undefined,
    reason: item?.getChildText('reason') ?? undefined,
    actor: item?.getChild('actor')?.attrs['nick'],
    error: type === 'error' ? stanzaError(el) : undefined,
    client: el.getChild('c', NS.caps)?.attrs['node'],
    audioMuted: el.getChildText('audiomuted', NS.jitsiAudio) ?? undefined,
    videoMuted: el.getChildText('videomuted', NS.jitsiVideo) ?? undefined,
  };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Parses a presence from an occupant of `roomJid`; anything else is `undefined` (not ours). */
export function parseMucPresence(el: Element, roomJid: string): ParseResult<MucPresence> | undefined {
  const from = String(el.attrs['from'] ?? '');
  const slash = from.indexOf('/');
  if (slash < 0 || from.slice(0, slash).toLowerCase() !== roomJid) return undefined;
  const parsed = MucPresence.safeParse(presenceFacts(el, from.slice(slash + 1)));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'presence'}: ${issue?.message ?? 'invalid'}` };
}

/** A groupchat message from the room, reduced to what the provider needs. */
export const RoomMessage = z.object({
  nick: z.string().max(4096).optional(),
  type: z.string().max(20),
  id: Optional(z.string().max(200)),
  originId: Optional(z.string().max(200)),
  statuses: z.array(z.string().regex(/^\d{3}$/)).max(20),
  error: z.object({ condition: z.string().max(100), text: z.string().max(2000).optional() }).optional(),
});
export type RoomMessage = z.infer<typeof RoomMessage>;

export function parseRoomMessage(el: Element, roomJid: string): ParseResult<RoomMessage> | undefined {
  const from = String(el.attrs['from'] ?? '');
  const slash = from.indexOf('/');
  const bare = (slash < 0 ? from : from.slice(0, slash)).toLowerCase();
  if (bare !== roomJid) return undefined;
  const type = String(el.attrs['type'] ?? 'normal');
  const parsed = RoomMessage.safeParse({
    nick: slash < 0 ? undefined : from.slice(slash + 1),
    type,
    id: el.attrs['id'],
    originId: el.getChild('origin-id', NS.originId)?.attrs['id'],
    statuses: statusCodes(el.getChild('x', NS.mucUser)),
    error: type === 'error' ? stanzaError(el) : undefined,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: parsed.error.issues[0]?.message ?? 'invalid message' };
}

/** One field of a XEP-0004 data form. */
export const FormField = z.object({
  var: z.string().min(1).max(200),
  type: z.string().max(40).optional(),
  values: z.array(z.string().max(4000)).max(200),
});
export type FormField = z.infer<typeof FormField>;

/** Reads the fields of the `jabber:x:data` form inside `parent` (a query element). */
export function parseForm(parent: Element | undefined): FormField[] {
  const form = parent?.getChild('x', NS.data);
  if (!form) return [];
  return form.getChildren('field').flatMap((field) => {
    const parsed = FormField.safeParse({
      var: field.attrs['var'],
      type: field.attrs['type'],
      values: field.getChildren('value').map((v) => v.text()),
    });
    return parsed.success ? [parsed.data] : [];
  });
}

/** What `disco#info` says about a room. */
export interface RoomInfo {
  features: Set<string>;
  fields: Map<string, string>;
  identities: { category: string; type: string; name?: string }[];
}

export function parseDiscoInfo(iq: Element): RoomInfo {
  const query = iq.getChild('query', NS.discoInfo);
  const features = new Set(
    (query?.getChildren('feature') ?? []).map((f) => String(f.attrs['var'] ?? '').slice(0, 300)).filter((f) => f !== ''),
  );
  const fields = new Map(parseForm(query).map((f) => [f.var, f.values[0] ?? '']));
  const identities = (query?.getChildren('identity') ?? []).slice(0, 50).map((i) => ({
    category: String(i.attrs['category'] ?? '').slice(0, 100),
    type: String(i.attrs['type'] ?? '').slice(0, 100),
    ...(i.attrs['name'] ? { name: String(i.attrs['name']).slice(0, 300) } : {}),
  }));
  return { features, fields, identities };
}

/** Items of a `disco#items` answer: JID and name, bounded. */
export function parseDiscoItems(iq: Element): { jid: string; name?: string }[] {
  const query = iq.getChild('query', NS.discoItems);
  return (query?.getChildren('item') ?? []).slice(0, 500).flatMap((i) => {
    const jid = String(i.attrs['jid'] ?? '');
    if (jid === '' || jid.length > 3071) return [];
    return [{ jid, ...(i.attrs['name'] ? { name: String(i.attrs['name']).slice(0, 500) } : {}) }];
  });
}
