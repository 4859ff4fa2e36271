import { onlyCapabilities, type Capabilities, type CapabilityName } from '../../../shared/model/capability';
import type { ProviderLimits } from '../../host/provider';

/** What the Webex REST API lets a host do during a meeting (PLATFORMS.md §2.2, spec webex-meeting.json). */
const AVAILABLE: readonly CapabilityName[] = ['eject', 'mute', 'unmute', 'admit', 'admitAll', 'lock', 'muteAll', 'endForAll'];

const NOT_IN_REST: Partial<Record<CapabilityName, { reason: string; alternative?: string }>> = {
  ban: {
    reason: 'Webex has no ban: an expelled participant can join again.',
    alternative: 'Expel them, then lock the meeting.',
  },
  stopVideo: {
    reason: "The Webex REST API cannot stop a participant's video.",
    alternative: 'Expel the participant, or stop their video in the Webex app.',
  },
  stopShare: {
    reason: "The Webex REST API cannot stop a participant's screen share.",
    alternative: 'Expel the participant, or stop the share in the Webex app.',
  },
  moveToWaitingRoom: {
    reason: 'The Webex REST API cannot send a participant back to the lobby.',
    alternative: 'Expel them; with the meeting locked they wait in the lobby if they return.',
  },
  deny: {
    reason: 'The Webex REST API has no call to refuse someone waiting in the lobby.',
    alternative: 'Leave them in the lobby, or refuse them in the Webex app.',
  },
  denyAll: {
    reason: 'The Webex REST API has no call to refuse people waiting in the lobby.',
    alternative: 'Leave them in the lobby, or refuse them in the Webex app.',
  },
  waitingRoom: {
    reason: 'Webex sets lobby rules only before a meeting starts.',
    alternative: 'Lock the meeting: newcomers then wait in the lobby.',
  },
  preventUnmute: {
    reason: 'The Webex REST API cannot stop participants from unmuting.',
    alternative: 'Mute everyone again, or set it in the Webex app.',
  },
  stopAllVideo: {
    reason: 'The Webex REST API cannot stop video.',
    alternative: 'Expel the participants who show video, or use the Webex app.',
  },
  preventVideo: { reason: 'The Webex REST API cannot change video permissions during a meeting.', alternative: 'Use the Webex app.' },
  stopAllShares: {
    reason: 'The Webex REST API cannot stop screen sharing.',
    alternative: 'Expel the participant who shares, or use the Webex app.',
  },
  preventShare: {
    reason: 'The Webex REST API cannot change sharing permissions during a meeting.',
    alternative: 'Set "attendees may share" off before the meeting, or use the Webex app.',
  },
  disableChat: { reason: 'Webex sets chat only before a meeting starts.', alternative: 'Use the Webex app during the meeting.' },
  postChat: {
    reason: 'The Webex REST API cannot post in-meeting chat (its chat endpoints cover ended meetings only).',
    alternative: 'Type the message in the Webex app.',
  },
};

export const WEBEX_CAPABILITIES: Capabilities = onlyCapabilities(
  AVAILABLE,
  (name) => NOT_IN_REST[name] ?? { reason: 'Not available on Webex.' },
);

/**
 * Webex publishes no Meetings rate figure (PLATFORMS.md §2.2: only 429 with Retry-After). These are
 * deliberately modest: 5 calls a second leaves room for the roster poll; a call may take up to 30 s
 * because mute-all is one loop of calls paced by the provider itself.
 */
export const WEBEX_LIMITS: ProviderLimits = { callTimeoutMs: 30_000, requestsPerSecond: 5, maxConcurrent: 3 };
