import { describeIssues, HostdeckError } from '../../../shared/contract/reply';
import { ACTION_KINDS } from '../../../shared/model/action';
import { allCapabilities, type Capabilities } from '../../../shared/model/capability';
import type { MeetingSummary } from '../../../shared/model/meeting';
import type { Provider, ProviderContext, ProviderSession } from '../../host/provider';
import { RehearsalOptions } from './options';
import { findScenario, SCENARIOS } from './scenarios';
import { SimulatedMeeting } from './simulatedMeeting';

const DISABLED_REASON = 'This rehearsal plays a platform whose API cannot do this.';
const ALTERNATIVES: Partial<Record<(typeof ACTION_KINDS)[number], string>> = {
  eject: 'Lock the meeting, then end it for all.',
  lock: 'End the meeting for all if intruders keep coming.',
  postChat: 'Say it aloud instead.',
};

function capabilitiesFor(disabled: readonly string[]): Capabilities {
  const capabilities = allCapabilities();
  for (const kind of ACTION_KINDS) {
    if (!disabled.includes(kind)) continue;
    const alternative = ALTERNATIVES[kind];
    capabilities[kind] = { available: false, reason: DISABLED_REASON, ...(alternative ? { alternative } : {}) };
  }
  return capabilities;
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
    isConnected: () => true,

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
      const scenario = findScenario(meetingId);
      if (!scenario) throw new HostdeckError('unknownMeeting', `There is no rehearsal scenario "${meetingId}".`);
      const parsed = RehearsalOptions.safeParse(rawOptions ?? {});
      if (!parsed.success) {
        throw new HostdeckError('invalidInput', `Rehearsal options are not valid: ${describeIssues(parsed.error)}`);
      }
      const options = parsed.data;
      const simulation = new SimulatedMeeting(meetingId, scenario.build(options.seed), options, context.scheduler, context.emit);
      const session: ProviderSession = {
        meeting: simulation.meetingInfo,
        capabilities: capabilitiesFor(options.disabled),
        limits: { callTimeoutMs: options.callTimeoutMs },
        perform: (action, signal) => simulation.perform(action, signal),
        close: async () => simulation.stop(),
      };
      simulation.start();
      return session;
    },
  };
}
