import type { CapabilityName } from '../../../shared/model/capability';
import type { Identity, MediaAlert, ParticipantRole } from '../../../shared/model/participant';

const MINUTE = 60_000;
export { MINUTE };

/** Someone a scenario brings into the meeting. */
export interface Person {
  /** Stable key within the scenario; participant ids derive from it. */
  key: string;
  displayName: string;
  role: ParticipantRole;
  identity: Identity;
  audio: boolean;
  video: boolean;
  /** What the simulated platform reports about their media (never media itself). */
  alerts: MediaAlert[];
  /** Intruders try to come back after being ejected. */
  intruder: boolean;
}

/** One thing that happens at a moment of scenario time (ms since the meeting started). */
export type ScheduledEvent =
  | { at: number; type: 'join'; person: Person }
  | { at: number; type: 'leave'; key: string }
  | { at: number; type: 'media'; key: string; audio?: boolean; video?: boolean; sharing?: boolean; alerts?: MediaAlert[] }
  | { at: number; type: 'rename'; key: string; displayName: string };

/** A whole scenario, generated from a seed. */
export interface Timeline {
  title: string;
  /** Planned length of the meeting; the meeting does not end by itself. */
  durationMs: number;
  /** The moderator, present from the start. */
  host: Person;
  events: ScheduledEvent[];
  /** Scenario time of the first intruder's arrival, if the scenario has intruders. */
  intrusionAt?: number;
}

/** A scenario the rehearsal provider offers as a meeting. */
export interface Scenario {
  id: string;
  title: string;
  description: string;
  /** Capabilities the simulated platform lacks in this scenario, to practise with a weaker platform. */
  disabled?: readonly CapabilityName[];
  build(seed: number): Timeline;
}

/** Sorts events by time, keeping the generation order for ties (Array.prototype.sort is stable). */
export function byTime(events: ScheduledEvent[]): ScheduledEvent[] {
  return [...events].sort((a, b) => a.at - b.at);
}
