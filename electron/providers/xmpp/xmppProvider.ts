import { xml } from '@xmpp/client';
import { z } from 'zod';
import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import { Id } from '../../../shared/model/ids';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { ProviderError, type Provider, type ProviderContext, type ProviderServices, type ProviderSession } from '../../host/provider';
import { writeSettings } from '../../host/settings/providerSettings';
import { XmppLink } from './link';
import { describeAccount, loadConfig, validatePlainSettings, XMPP_SETTINGS_FIELDS, type XmppConfig } from './settings';
import { NS, parseDiscoItems } from './stanzas';
import { discoInfo, openSession } from './xmppSession';

/** What the renderer may choose when attaching; everything else comes from the settings. */
export const XmppAttachOptions = z
  .object({
    /** The name Hostdeck's seat shows in the room (default: the settings' nickname). */
    nickname: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

async function requireConfig(services: ProviderServices): Promise<XmppConfig> {
  const loaded = await loadConfig(services);
  if (!loaded.ok) throw new HostdeckError('invalidInput', loaded.problem);
  return loaded.config;
}

/** A platform failure while listing or attaching reaches the moderator as a `providerError` with its message. */
function asHostError(error: unknown): never {
  if (error instanceof ProviderError) throw new HostdeckError('providerError', error.message);
  throw error;
}

function warn(detail: string): void {
  // JSON quoting neutralises control characters a hostile nick could carry into a terminal.
  console.warn(`xmpp: ${JSON.stringify(detail.slice(0, 300))}`);
}

async function listRooms(config: XmppConfig): Promise<MeetingSummary[]> {
  const link = await XmppLink.open(
    { service: config.server, domain: config.domain, username: config.username, password: config.password, reconnect: false },
    { stanza: () => undefined },
  );
  try {
    const configured = `${config.room}@${config.mucDomain}`.toLowerCase();
    const info = await discoInfo(link, configured);
    const occupants = info?.fields.get('muc#roominfo_occupants');
    const rooms: MeetingSummary[] = [
      {
        providerId: 'xmpp',
        meetingId: configured,
        title: info?.fields.get('muc#roomconfig_roomname') || config.room,
        description: info
          ? `Open now${occupants ? `, ${occupants} in the room` : ''}.`
          : 'Not open yet: Hostdeck creates the room when you attach.',
        status: info ? 'live' : 'scheduled',
      },
    ];
    const listed = await link
      .request(xml('iq', { type: 'get', to: config.mucDomain }, xml('query', { xmlns: NS.discoItems })), 'Listing public rooms')
      .then(parseDiscoItems)
      .catch(() => []);
    for (const item of listed.slice(0, 50)) {
      const jid = item.jid.toLowerCase();
      if (jid === configured || !Id.safeParse(jid).success || !jid.endsWith(`@${config.mucDomain}`)) continue;
      rooms.push({
        providerId: 'xmpp',
        meetingId: jid,
        title: (item.name ?? jid).slice(0, 500),
        description: 'A public room on this server.',
        status: 'live',
      });
    }
    return rooms;
  } finally {
    await link.close();
  }
}

function roomJidOf(meetingId: string, config: XmppConfig): string {
  const jid = meetingId.trim().toLowerCase();
  const at = jid.indexOf('@');
  if (at < 1 || jid.slice(at + 1) !== config.mucDomain || /[\s/"&'<>:]/.test(jid.slice(0, at))) {
    throw new HostdeckError('unknownMeeting', `“${meetingId.slice(0, 100)}” is not a room on ${config.mucDomain}.`);
  }
  return jid;
}

async function attachRoom(
  services: ProviderServices,
  meetingId: string,
  rawOptions: unknown,
  context: ProviderContext,
): Promise<ProviderSession> {
  const config = await requireConfig(services);
  const parsed = XmppAttachOptions.safeParse(rawOptions ?? {});
  if (!parsed.success) throw new HostdeckError('invalidInput', `XMPP options are not valid: ${describeIssues(parsed.error)}`);
  return openSession(config, roomJidOf(meetingId, config), parsed.data.nickname ?? config.nickname, context, warn);
}

/**
 * Jitsi Meet and any XMPP multi-user chat (XEP-0045): Hostdeck joins the room as its moderator or
 * owner and acts through the room's admin and owner requests.
 */
export function createXmppProvider(services: ProviderServices): Provider {
  const provider: Provider = {
    id: 'xmpp',
    name: 'Jitsi Meet / XMPP',
    settingsFields: XMPP_SETTINGS_FIELDS,

    async status() {
      const loaded = await loadConfig(services);
      return loaded.ok
        ? { connected: true, account: describeAccount(loaded.config).slice(0, 300), canSignIn: false }
        : { connected: false, detail: loaded.problem.slice(0, 500), canSignIn: false };
    },

    async saveSettings(values) {
      validatePlainSettings(values);
      await writeSettings(provider, services, values);
    },

    async listMeetings() {
      return listRooms(await requireConfig(services)).catch(asHostError);
    },

    attach: (meetingId, options, context) => attachRoom(services, meetingId, options, context).catch(asHostError),
  };
  return provider;
}
