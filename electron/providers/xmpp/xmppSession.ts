import { xml } from '@xmpp/client';
import type { ProviderContext, ProviderLimits, ProviderSession } from '../../host/provider';
import { detectJitsi, xmppCapabilities } from './capabilities';
import { XmppLink } from './link';
import { Moderation } from './moderation';
import { MucRoom } from './room';
import { readRoomInfo } from './roomRequests';
import type { XmppConfig } from './settings';
import { NS, parseDiscoInfo, type RoomInfo } from './stanzas';

/**
 * XMPP servers document no request rate. Prosody's optional mod_limits throttles a connection to
 * about 10 kB/s; a kick is ~250 bytes, so 40 requests a second stays inside it. A call may include
 * a configuration read and write plus up to 4 s watching for its effect.
 */
export const XMPP_LIMITS: ProviderLimits = { callTimeoutMs: 20_000, requestsPerSecond: 40, maxConcurrent: 10 };

/** disco#info of an entity; undefined when it does not exist (or will not say). */
export async function discoInfo(link: XmppLink, jid: string): Promise<RoomInfo | undefined> {
  try {
    return parseDiscoInfo(await link.request(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), 'Looking up'));
  } catch {
    return undefined;
  }
}

/**
 * Signs in, joins `roomJid` as `nickname`, and returns the attached session. Link drops are
 * reported as `connection` events; after each reconnection the room is joined again and the roster
 * reconciled. Events stop once the session is closed.
 */
export async function openSession(
  config: XmppConfig,
  roomJid: string,
  nickname: string,
  context: ProviderContext,
  problem: (detail: string) => void,
): Promise<ProviderSession> {
  let closed = false;
  const now = () => context.scheduler.now();
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
        if (current.room?.status !== 'joined') return;
        current.room.linkState = 'reconnecting';
        emit({ type: 'connection', at: now(), state: 'reconnecting', detail: detail.slice(0, 300) });
      },
      restored: () => void (current.room && !closed && rejoin(current.room, emit, now)),
    },
  );
  const room = new MucRoom(roomJid, nickname, { link, emit, now, guestDomain: config.guestDomain, problem });
  current.room = room;
  try {
    // A room already locked by password lets Hostdeck in with the configured one. Only then: a password
    // given while creating a room becomes the new room's password on both Prosody and ejabberd.
    if ((await readRoomInfo(link, roomJid).catch(() => undefined))?.features.has('muc_passwordprotected'))
      room.password = config.lockPassword;
    await room.join();
  } catch (error) {
    await link.close();
    throw error;
  }
  const jitsi = detectJitsi(await discoInfo(link, config.domain));
  room.lobbyService = jitsi.lobby;
  const moderation = new Moderation(room, link, config, problem, jitsi);
  return {
    meeting: room.meeting(),
    capabilities: xmppCapabilities(room.self, jitsi),
    limits: XMPP_LIMITS,
    perform: (action, signal) => moderation.perform(action, signal),
    readControls: async () => ({
      locked: room.locked,
      ...(jitsi.lobby ? { waitingRoom: room.info.features.has('muc_membersonly') } : {}),
      ...(moderation.avModerationOn !== undefined ? { allowUnmute: !moderation.avModerationOn } : {}),
    }),
    close: async () => {
      closed = true;
      await room.leave();
      await link.close();
    },
  };
}

/** After a reconnection: join again, reconcile the roster, say what happened meanwhile. */
async function rejoin(room: MucRoom, emit: ProviderContext['emit'], now: () => number): Promise<void> {
  if (room.status === 'destroyed' || room.linkState !== 'reconnecting') return;
  try {
    const result = await room.join();
    room.linkState = 'connected';
    const recreated = result.created ? ' The room had closed meanwhile; Hostdeck opened it again.' : '';
    emit({
      type: 'connection',
      at: now(),
      state: 'connected',
      detail: `Reconnected; roster resynchronised: ${result.joined} joined and ${result.left} left while the link was down.${recreated}`,
    });
  } catch (error) {
    room.linkState = 'disconnected';
    emit({ type: 'connection', at: now(), state: 'disconnected', detail: (error as Error).message.slice(0, 300) });
  }
}
