import { onlyCapabilities, type Capabilities, type CapabilityName } from '../../../shared/model/capability';
import type { ProviderLimits } from '../../host/provider';

/** What the Meeting SDK for Web (Component View) can do as host, by capability. */
const SDK_CAPABILITIES: readonly CapabilityName[] = [
  'eject',
  'mute',
  'unmute',
  'moveToWaitingRoom',
  'admit',
  'lock',
  'admitAll',
  'muteAll',
  'endForAll',
];

/** Why Zoom cannot do the rest, even with the SDK (see shared/PLATFORMS.md §2.1), and what to do instead. */
const NEVER: Partial<Record<CapabilityName, { reason: string; alternative?: string }>> = {
  ban: {
    reason: 'Zoom has no ban: a removed user is kept out only under the same email, and only the Zoom app can change that.',
    alternative: 'Eject, then lock the meeting.',
  },
  stopVideo: {
    reason: 'Zoom’s Meeting SDK for Web has no call that stops another participant’s camera.',
    alternative: 'Eject the participant, or end the meeting for all if the video is harmful.',
  },
  stopShare: {
    reason: 'Zoom’s Meeting SDK for Web cannot stop another participant’s share (only Zoom’s native SDKs can lock sharing).',
    alternative: 'Eject the participant, or set sharing to host-only in Zoom before the event.',
  },
  deny: {
    reason: 'The Meeting SDK has no call to deny someone in the waiting room (expelling from the waiting room is unconfirmed).',
    alternative: 'Leave them waiting and lock the meeting.',
  },
  waitingRoom: {
    reason: 'Zoom can switch the waiting room on only before the meeting starts (REST), or in Zoom’s own Security menu.',
    alternative: 'Lock the meeting.',
  },
  denyAll: { reason: 'The Meeting SDK has no call to deny everyone in the waiting room.', alternative: 'Lock the meeting.' },
  preventUnmute: {
    reason: 'The Meeting SDK’s mute-all cannot stop participants from unmuting themselves.',
    alternative: 'Mute all again, or eject who unmutes.',
  },
  stopAllVideo: {
    reason: 'Zoom’s Meeting SDK for Web cannot stop participants’ cameras.',
    alternative: 'Use Suspend Participant Activities in Zoom’s own Security menu, or end the meeting for all.',
  },
  preventVideo: { reason: 'Zoom’s APIs cannot stop participants from starting their camera during a meeting.' },
  stopAllShares: {
    reason: 'Zoom’s Meeting SDK for Web cannot stop screen shares.',
    alternative: 'Use Suspend Participant Activities in Zoom’s own Security menu.',
  },
  preventShare: { reason: 'Zoom can restrict sharing to hosts only before the meeting (settings), not through its live APIs.' },
  disableChat: { reason: 'Zoom can switch chat off live only in its own Security menu; no API does it.' },
  postChat: {
    reason: 'The Meeting SDK documents sendChat as private messages only; chat to everyone is unconfirmed.',
    alternative: 'Say it aloud instead.',
  },
};

/** Capabilities with the meeting window joined as host: the SDK's controls plus REST's end. */
export function bridgeCapabilities(): Capabilities {
  const capabilities = onlyCapabilities(SDK_CAPABILITIES, (name) => NEVER[name] ?? { reason: 'Not available on Zoom.' });
  // Zoom never unmutes anyone outright: the host's `mute(false, userId)` shows the participant a
  // request to unmute, which they accept or ignore (Zoom's SDKs document a host's unmute of someone
  // else as such a request: developers.zoom.us, "Host audio controls"). It is confirmed once asked.
  return { ...capabilities, unmute: { available: true, asksParticipant: true } };
}

/**
 * Capabilities over REST alone (browser mode, or the meeting window could not join): Zoom's REST
 * API can end a meeting but cannot remove, mute or lock anyone.
 */
export function restOnlyCapabilities(whyNoBridge: string): Capabilities {
  return onlyCapabilities(['endForAll'], (name) => {
    if (!SDK_CAPABILITIES.includes(name)) return NEVER[name] ?? { reason: 'Not available on Zoom.' };
    return {
      reason: `Zoom can do this only inside the meeting, through its Meeting SDK window: ${whyNoBridge}`,
      alternative: 'Use the Hostdeck desktop app, or Zoom’s own host controls.',
    };
  });
}

/**
 * Limits for the executor. The per-kind spacing is the Meeting SDK's documented rate annotations
 * (expel, lockMeeting and muteAll once per 5 s; mute and admitAll once per second; putOnHold once
 * per 0.1 s). Component View's `admit` has no published figure: 1 s is assumed.
 */
export const ZOOM_LIMITS: ProviderLimits = {
  callTimeoutMs: 15_000,
  requestsPerSecond: 10,
  maxConcurrent: 4,
  minIntervalMs: {
    eject: 5_000,
    lock: 5_000,
    unlock: 5_000,
    muteAll: 5_000,
    mute: 1_000,
    unmute: 1_000,
    admitAll: 1_000,
    admit: 1_000,
    moveToWaitingRoom: 100,
  },
};

/**
 * The executor spaces calls per action kind; where two kinds share one SDK method (lock and
 * unlock are both `lockMeeting`, mute and unmute both `mute`), the session spaces that method itself.
 */
export const SHARED_SDK_METHOD_SPACING_MS: Readonly<Record<string, number>> = { lockMeeting: 5_000, mute: 1_000 };
