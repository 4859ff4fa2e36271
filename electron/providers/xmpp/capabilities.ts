import { CAPABILITIES, type Capabilities, type CapabilityName, type CapabilityStatus } from '../../../shared/model/capability';
import type { Occupant } from './occupants';
import type { RoomInfo } from './stanzas';

/**
 * Jitsi's own extensions to XMPP, as the server advertises them: components are disco#info
 * identities of the account domain (lib-jitsi-meet looks for the same), the focus is jicofo's
 * occupant of the room. See PLATFORMS.md §3.4.
 */
export interface JitsiFeatures {
  lobby: boolean;
  endConference: boolean;
  avModeration: boolean;
  focus: boolean;
}

export function detectJitsi(serverInfo: RoomInfo | undefined, occupants: Iterable<Occupant>): JitsiFeatures {
  const components = new Set((serverInfo?.identities ?? []).filter((i) => i.category === 'component').map((i) => i.type));
  const focus = [...occupants].some((o) => o.nick === 'focus' && (o.jid ?? '').toLowerCase().startsWith('focus@'));
  return {
    lobby: components.has('lobbyrooms'),
    endConference: components.has('end_conference'),
    avModeration: components.has('av_moderation'),
    focus,
  };
}

type Missing = { reason: string; alternative?: string };

const NO_MEDIA: Missing = {
  reason: 'An XMPP room carries no audio or video: in Jitsi, media is controlled through its focus component (jicofo).',
  alternative: 'Eject the participant, or end the meeting for all.',
};

function lobby(jitsi: JitsiFeatures): Missing {
  return jitsi.lobby
    ? {
        reason: 'This Jitsi server has a lobby, but Hostdeck does not drive it yet.',
        alternative: 'Use the lobby in Jitsi Meet, or lock the room.',
      }
    : { reason: 'This server has no lobby (Jitsi’s lobby component is not advertised).', alternative: 'Lock the room instead.' };
}

function muteAll(jitsi: JitsiFeatures): Missing {
  const why = jitsi.focus
    ? 'Jitsi’s focus is in the room, but Hostdeck does not send it mute requests yet.'
    : 'Muting everyone needs Jitsi’s focus component (jicofo), which is not in this room.';
  return { reason: why, alternative: 'Mute (revoke voice) one participant at a time.' };
}

/**
 * What Hostdeck can do in this room, from the rights the server gave its account: kicking and voice
 * need the moderator role, bans the admin affiliation, room settings and destroy the owner
 * (XEP-0045 §§8–10). Everything unavailable says why.
 */
export function xmppCapabilities(self: Occupant | undefined, jitsi: JitsiFeatures): Capabilities {
  const moderator = self?.role === 'moderator';
  const admin = self?.affiliation === 'owner' || self?.affiliation === 'admin';
  const owner = self?.affiliation === 'owner';
  const needs = (right: string): Missing => ({
    reason: `Hostdeck’s account is not ${right} of this room.`,
    alternative: 'Sign in with the room owner’s account, or have the owner grant it.',
  });
  const missing: Partial<Record<CapabilityName, Missing>> = {
    ...(moderator ? {} : { eject: needs('a moderator'), mute: needs('a moderator'), unmute: needs('a moderator') }),
    ...(admin ? {} : { ban: needs('an admin or owner') }),
    ...(owner ? {} : { lock: needs('the owner'), endForAll: needs('the owner') }),
    ...(self?.role === 'visitor' ? { postChat: { reason: 'Hostdeck’s account has no voice in this room.' } } : {}),
    stopVideo: NO_MEDIA,
    stopShare: NO_MEDIA,
    stopAllVideo: NO_MEDIA,
    preventVideo: NO_MEDIA,
    stopAllShares: NO_MEDIA,
    preventShare: NO_MEDIA,
    muteAll: muteAll(jitsi),
    preventUnmute: muteAll(jitsi),
    moveToWaitingRoom: lobby(jitsi),
    admit: lobby(jitsi),
    deny: lobby(jitsi),
    waitingRoom: lobby(jitsi),
    admitAll: lobby(jitsi),
    denyAll: lobby(jitsi),
    disableChat: {
      reason: 'An XMPP room has no switch for everyone’s chat.',
      alternative: 'Mute (revoke voice) one participant at a time.',
    },
  };
  return Object.fromEntries(
    CAPABILITIES.map((name): [CapabilityName, CapabilityStatus] => {
      const why = missing[name];
      return [name, why ? { available: false, ...why } : { available: true }];
    }),
  ) as Capabilities;
}
