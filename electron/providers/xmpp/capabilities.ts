import { CAPABILITIES, type Capabilities, type CapabilityName, type CapabilityStatus } from '../../../shared/model/capability';
import type { Occupant } from './occupants';
import type { RoomInfo } from './stanzas';

/**
 * Jitsi's own extensions to XMPP, as the server advertises them: Jitsi's Prosody plugins add a
 * disco#info identity to the account domain for each component, category `component`, type the
 * feature (`lobbyrooms`, `av_moderation`, `end_conference`) and name the component's address
 * (lib-jitsi-meet reads the same). See PLATFORMS.md §3.4. Each value is the component's address.
 */
export interface JitsiFeatures {
  lobby?: string;
  avModeration?: string;
  endConference?: string;
}

const ADDRESS = /^[a-z0-9.-]{1,253}$/;

export function detectJitsi(serverInfo: RoomInfo | undefined): JitsiFeatures {
  const found: JitsiFeatures = {};
  for (const identity of serverInfo?.identities ?? []) {
    if (identity.category !== 'component') continue;
    const address = (identity.name ?? '').toLowerCase();
    if (!ADDRESS.test(address)) continue;
    if (identity.type === 'lobbyrooms') found.lobby ??= address;
    else if (identity.type === 'av_moderation') found.avModeration ??= address;
    else if (identity.type === 'end_conference') found.endConference ??= address;
  }
  return found;
}

type Missing = { reason: string; alternative?: string };

const NO_MEDIA: Missing = {
  reason: 'An XMPP room carries no audio or video: in Jitsi, media is controlled through its focus component (jicofo).',
  alternative: 'Eject the participant, or end the meeting for all.',
};

const NO_LOBBY: Missing = {
  reason: 'This server has no lobby (Jitsi’s lobby component is not advertised).',
  alternative: 'Lock the room instead.',
};

/** Knocking participants wait in Jitsi's lobby room; Hostdeck turns the lobby on and off but does not answer knocks. */
function lobbyDecision(jitsi: JitsiFeatures): Missing {
  return jitsi.lobby
    ? {
        reason: 'Hostdeck turns Jitsi’s lobby on and off, but does not admit or turn away those waiting in it yet.',
        alternative: 'Admit or deny from Jitsi Meet.',
      }
    : NO_LOBBY;
}

const NO_AV_MODERATION: Missing = {
  reason: 'Muting everyone needs Jitsi’s audio/video moderation component, which this server does not advertise.',
  alternative: 'Mute (revoke voice) one participant at a time.',
};

/**
 * What Hostdeck can do in this room, from the rights the server gave its account: kicking and voice
 * need the moderator role, bans the admin affiliation, room settings and destroy the owner
 * (XEP-0045 §§8–10). Jitsi's extensions count where the server advertises them: the lobby
 * (`waitingRoom`, by the members-only switch lib-jitsi-meet uses) and mute-all through the focus
 * (`muteAll`, `preventUnmute` through the AV moderation component). Everything unavailable says why.
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
    ...(jitsi.avModeration
      ? moderator
        ? {}
        : { muteAll: needs('a moderator'), preventUnmute: needs('a moderator') }
      : { muteAll: NO_AV_MODERATION, preventUnmute: NO_AV_MODERATION }),
    ...(jitsi.lobby ? (owner ? {} : { waitingRoom: needs('the owner') }) : { waitingRoom: NO_LOBBY }),
    moveToWaitingRoom: lobbyDecision(jitsi),
    admit: lobbyDecision(jitsi),
    deny: lobbyDecision(jitsi),
    admitAll: lobbyDecision(jitsi),
    denyAll: lobbyDecision(jitsi),
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
