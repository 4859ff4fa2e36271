import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { ProviderError } from '../../host/provider';
import { kindOfCondition, type XmppLink } from './link';
import { NS, parseDiscoInfo, parseForm, type RoomInfo } from './stanzas';

const TIMEOUT_MS = 10_000;

/** disco#info of a room: its features (locked, moderated…) and its info form. */
export async function readRoomInfo(link: XmppLink, room: string, signal?: AbortSignal): Promise<RoomInfo> {
  const answer = await link.request(
    xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.discoInfo })),
    'Reading the room’s settings',
    TIMEOUT_MS,
    signal,
  );
  return parseDiscoInfo(answer);
}

/**
 * Changes a room's configuration through the owner form (XEP-0045 §10.2): fetches the form and
 * submits only fields the server offers (Prosody and ejabberd offer different ones). Returns the
 * requested fields the server does not offer.
 */
export async function submitRoomConfig(
  link: XmppLink,
  room: string,
  values: Record<string, string>,
  signal?: AbortSignal,
): Promise<string[]> {
  const owner = (type: 'get' | 'set', ...children: Element[]) =>
    xml('iq', { type, to: room }, xml('query', { xmlns: NS.mucOwner }, ...children));
  const form = await link.request(owner('get'), 'Reading the room configuration', TIMEOUT_MS, signal);
  const offered = new Set(parseForm(form.getChild('query', NS.mucOwner)).map((f) => f.var));
  const missing = Object.keys(values).filter((key) => !offered.has(key));
  const fields = Object.entries(values)
    .filter(([key]) => offered.has(key))
    .map(([key, value]) => xml('field', { var: key }, xml('value', {}, value)));
  const submit = xml(
    'x',
    { xmlns: NS.data, type: 'submit' },
    xml('field', { var: 'FORM_TYPE' }, xml('value', {}, 'http://jabber.org/protocol/muc#roomconfig')),
    ...fields,
  );
  await link.request(owner('set', submit), 'Changing the room configuration', TIMEOUT_MS, signal);
  return missing;
}

/** The nicks the server lists in the room, by role (muc#admin, XEP-0045 §8.5 and §9.5). */
export async function listOccupantNicks(link: XmppLink, room: string, signal?: AbortSignal): Promise<Set<string>> {
  const listed = new Set<string>();
  for (const role of ['moderator', 'participant', 'visitor'] as const) {
    const answer = await link.request(
      xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.mucAdmin }, xml('item', { role }))),
      'Reading the room’s occupants',
      TIMEOUT_MS,
      signal,
    );
    for (const item of answer.getChild('query', NS.mucAdmin)?.getChildren('item') ?? []) listed.add(String(item.attrs['nick'] ?? ''));
  }
  return listed;
}

/** What a join refusal means, in the moderator's words (XEP-0045 §7.2). */
export function joinRefusal(condition: string, text: string | undefined): ProviderError {
  const known: Record<string, string> = {
    'not-authorized': 'The room is locked with a password Hostdeck does not have.',
    forbidden: 'This account is banned from the room.',
    'registration-required': 'The room is members-only and this account is not a member.',
    'item-not-found': 'The room is being set up by someone else (locked until its owner configures it) or cannot be created.',
    'service-unavailable': 'The room is full.',
    conflict: 'Someone in the room already uses this nickname.',
    'not-allowed': 'The server does not let this account create rooms.',
  };
  const message = known[condition] ?? `The server refused to let Hostdeck in (${condition}${text ? `: ${text.slice(0, 200)}` : ''}).`;
  return new ProviderError(message, { kind: kindOfCondition(condition), retryable: condition === 'conflict' });
}
