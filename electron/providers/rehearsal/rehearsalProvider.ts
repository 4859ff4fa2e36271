import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import { CAPABILITIES, type Capabilities, type CapabilityName } from '../../../shared/model/capability';
import type { MeetingSummary } from '../../../shared/model/meeting';
import type { Provider, ProviderContext, ProviderSession } from '../../host/provider';
import { RehearsalOptions } from './options';
import { findScenario, SCENARIOS } from './scenarios';
import { SimulatedMeeting } from './simulatedMeeting';

/** Why a simulated platform lacks a capability, and what to do instead: the panel shows both. */
const MISSING: Record<CapabilityName, { reason: string; alternative?: string }> = {
  eject: { reason: 'This platform cannot remove participants through its API.', alternative: 'Lock the meeting, then end it for all.' },
  ban: { reason: 'This platform cannot ban participants from rejoining.', alternative: 'Lock the meeting so nobody new can join.' },
  mute: { reason: 'This platform cannot mute a participant through its API.', alternative: 'Ask them to mute, or end the meeting.' },
  unmute: { reason: 'This platform cannot unmute a participant through its API.', alternative: 'Ask them to unmute themselves.' },
  stopVideo: {
    reason: 'This platform cannot stop another participant’s camera.',
    alternative: 'End the meeting for all if the video is harmful.',
  },
  stopShare: { reason: 'This platform cannot stop another participant’s screen share.', alternative: 'Restrict sharing to hosts.' },
  moveToWaitingRoom: { reason: 'This platform cannot move participants to the waiting room.' },
  admit: {
    reason: 'This platform cannot admit from the waiting room through its API.',
    alternative: 'Admit people in the platform’s own window.',
  },
  deny: { reason: 'This platform cannot deny entry through its API.', alternative: 'Deny in the platform’s own window.' },
  lock: { reason: 'This platform cannot lock a meeting through its API.', alternative: 'Turn the waiting room on.' },
  waitingRoom: { reason: 'This platform has no waiting room control in its API.', alternative: 'Lock the meeting.' },
  admitAll: { reason: 'This platform cannot admit everyone through its API.' },
  denyAll: { reason: 'This platform cannot deny everyone through its API.' },
  muteAll: {
    reason: 'This platform cannot mute everyone through its API.',
    alternative: 'End the meeting for all if the noise cannot be stopped.',
  },
  preventUnmute: { reason: 'This platform cannot stop participants from unmuting.' },
  stopAllVideo: {
    reason: 'This platform cannot stop participants’ cameras.',
    alternative: 'End the meeting for all if the video is harmful.',
  },
  preventVideo: { reason: 'This platform cannot stop participants from starting their camera.' },
  stopAllShares: { reason: 'This platform cannot stop screen shares through its API.', alternative: 'Restrict sharing to hosts.' },
  preventShare: { reason: 'This platform cannot restrict screen sharing.' },
  disableChat: { reason: 'This platform cannot switch chat off during the meeting.' },
  postChat: { reason: 'This platform cannot post chat messages through its API.', alternative: 'Say it aloud instead.' },
  endForAll: { reason: 'This platform cannot end the meeting through its API.', alternative: 'Ask the platform host to end it.' },
};

function capabilitiesWithout(disabled: readonly CapabilityName[]): Capabilities {
  return Object.fromEntries(
    CAPABILITIES.map((name) => [name, disabled.includes(name) ? { available: false, ...MISSING[name] } : { available: true }]),
  ) as Capabilities;
}

/**
 * The built-in rehearsal: scenarios played as meetings on a simulated platform. It is the default
 * when no account is connected, the drill moderators practise on, and the fixture of the
 * end-to-end tests and benchmarks.
 */
export function createRehearsalProvider(): Provider {
  return {
    id: 'rehearsal',
    name: 'Rehearsal',
    settingsFields: [],
    status: async () => ({ connected: true, account: 'Built-in rehearsal meetings', canSignIn: false }),

    async listMeetings(): Promise<MeetingSummary[]> {
      return SCENARIOS.map((s) => ({
        providerId: 'rehearsal',
        meetingId: s.id,
        title: s.title,
        description: s.description,
        status: 'live',
      }));
    },

    async attach(meetingId: string, rawOptions: unknown, context: ProviderContext): Promise<ProviderSession> {
      const parsed = RehearsalOptions.safeParse(rawOptions ?? {});
      if (!parsed.success) throw new HostdeckError('invalidInput', `Rehearsal options are not valid: ${describeIssues(parsed.error)}`);
      const options = parsed.data;
      const scenario = findScenario(meetingId, options.crowd);
      if (!scenario) throw new HostdeckError('unknownMeeting', `There is no rehearsal scenario "${meetingId}".`);
      const simulation = new SimulatedMeeting(meetingId, scenario.build(options.seed), options, context.scheduler, context.emit);
      const session: ProviderSession = {
        meeting: simulation.meetingInfo,
        capabilities: capabilitiesWithout([...(scenario.disabled ?? []), ...options.disabled]),
        // The simulated platform's own limit is declared, as a real provider declares its platform's.
        limits: { callTimeoutMs: options.callTimeoutMs, requestsPerSecond: options.rateLimitPerSecond, maxConcurrent: 16 },
        perform: (action, signal) => simulation.perform(action, signal),
        refreshAuth: () => simulation.refreshAuth(),
        close: async () => simulation.stop(),
      };
      simulation.start();
      return session;
    },
  };
}
