import { xml } from '@xmpp/client';
import { z } from 'zod';
import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import { Id } from '../../../shared/model/ids';
import type { MeetingSummary } from '../../../shared/model/meeting';
import {
  ProviderError,
  type Provider,
  type ProviderContext,
  type ProviderLimits,
  type ProviderServices,
  type ProviderSession,
} from '../../host/provider';
import { writeSettings } from '../../host/settings/providerSettings';
import { detectJitsi, xmppCapabilities } from './capabilities';
import { XmppLink } from './link';
import { Moderation } from './moderation';
import { MucRoom } from './room';
import { describeAccount, loadConfig, validatePlainSettings, XMPP_SETTINGS_FIELDS, type XmppConfig } from './settings';
import { NS, parseDiscoInfo, parseDiscoItems, type RoomInfo } from './stanzas';

/** What the renderer may choose when attaching; everything else comes from the settings. */
export const XmppAttachOptions = z
  .object({
    /** The name Hostdeck's seat shows in the room (default: the settings' nickname). */
    nickname: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/**
 * XMPP servers document no request rate. Prosody's optional mod_limits throttles a connection to
 * about 10 kB/s; a kick is ~250 bytes, so 40 requests a second stays inside it. A call may include
 * a configuration read and write plus up to 4 s watching for its effect.
 */
const LIMITS: ProviderLimits = { callTimeoutMs: 20_000, requestsPerSecond: 40, maxConcurrent: 10 };

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

/** Reads disco#info of `jid`; undefined when the entity does not exist (or will not say). */
async function discoInfo(link: XmppLink, jid: string): Promise<RoomInfo | undefined> {
  try {
    return parseDiscoInfo(
      await link.request(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), 'Looking up the room'),
    );
  } catch {
    return undefined;
  }
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
  const roomJid = roomJidOf(meetingId, config);
  let closed = false;
  const emit: ProviderContext['emit'] = (event) => {
    if (!closed) context.emit(event);
  };
  // The link delivers stanzas from the moment it signs in; the room exists once the link does.
  const current: { room?: MucRoom } = {};
  const link = await XmppLink.open(
    { service: config.server, domain: config.domain, username: config.username, password: config.password },
    {
      stanza: (el) => current.room?.handle(el),
      dropped: (detail) => {
        const room = current.room;
        if (!room || room.status !== 'joined') return;
        room.linkState = 'reconnecting';
        emit({ type: 'connection', at: context.scheduler.now(), state: 'reconnecting', detail: detail.slice(0, 300) });
      },
      restored: () => void rejoin(),
    },
  );
  const joined = new MucRoom(roomJid, parsed.data.nickname ?? config.nickname, {
    link,
    emit,
    now: () => context.scheduler.now(),
    guestDomain: config.guestDomain,
    problem: warn,
  });
  current.room = joined;
  // A room already locked by password lets Hostdeck in with the configured one. Only then: a password
  // given while creating a room becomes the new room's password on both Prosody and ejabberd.
  if ((await discoInfo(link, roomJid))?.features.has('muc_passwordprotected')) joined.password = config.lockPassword;

  /** After a reconnection: join again, reconcile the roster, say what happened meanwhile. */
  async function rejoin(): Promise<void> {
    if (closed || joined.status === 'destroyed' || joined.linkState !== 'reconnecting') return;
    try {
      const result = await joined.join();
      joined.linkState = 'connected';
      const recreated = result.created ? ' The room had closed meanwhile; Hostdeck opened it again.' : '';
      emit({
        type: 'connection',
        at: context.scheduler.now(),
        state: 'connected',
        detail: `Reconnected; roster resynchronised: ${result.joined} joined and ${result.left} left while the link was down.${recreated}`,
      });
    } catch (error) {
      joined.linkState = 'disconnected';
      emit({ type: 'connection', at: context.scheduler.now(), state: 'disconnected', detail: (error as Error).message.slice(0, 300) });
    }
  }

  try {
    await joined.join();
  } catch (error) {
    await link.close();
    throw error;
  }
  const serverInfo = await discoInfo(link, config.domain);
  const moderation = new Moderation(joined, link, config, warn);
  return {
    meeting: joined.meeting(),
    capabilities: xmppCapabilities(joined.self, detectJitsi(serverInfo, joined.occupants.values())),
    limits: LIMITS,
    perform: (action, signal) => moderation.perform(action, signal),
    readControls: async () => ({ locked: joined.locked }),
    close: async () => {
      closed = true;
      await joined.leave();
      await link.close();
    },
  };
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
