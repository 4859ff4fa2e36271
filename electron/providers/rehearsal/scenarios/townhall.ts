import { SeededRandom } from '../random';
import { MINUTE, type Person, type Scenario, type ScheduledEvent, type Timeline } from '../timeline';
import { moderator } from './people';

/** Size and churn of the town-hall scenario (benchmarks choose larger figures). */
export interface CrowdOptions {
  size: number;
  churnPerSecond: number;
  churnDurationMs: number;
  /** Intruders (loud, explicit video) who arrive together two seconds in. */
  intruders?: number;
}

export const DEFAULT_CROWD: CrowdOptions = { size: 2_000, churnPerSecond: 20, churnDurationMs: 60_000 };

function intruder(index: number): Person {
  return {
    key: `i${index}`,
    displayName: `live_${index.toString(36)}x${(index * 7919).toString(36)}`,
    role: 'attendee',
    identity: { client: 'Web browser', ip: `203.0.113.${index % 250}` },
    audio: true,
    video: true,
    alerts: ['loudAudio', 'explicitVideo'],
    intruder: true,
  };
}

function citizen(index: number): Person {
  return {
    key: `c${index}`,
    displayName: `Warga ${index} (Kecamatan ${1 + (index % 37)})`,
    role: 'attendee',
    identity: { userId: `u-c${index}`, email: `warga${index}@mail.example`, client: 'Android' },
    audio: false,
    video: false,
    alerts: [],
    intruder: false,
  };
}

/**
 * A public town hall at scale: thousands join in the opening seconds, then people keep coming and
 * going at a steady rate. The roster benchmark's fixture, and a drill for large events.
 */
export function townhallScenario(crowd: CrowdOptions = DEFAULT_CROWD): Scenario {
  return {
    id: 'townhall',
    title: 'Town hall at scale',
    description: 'Thousands of citizens join a public town hall in the first seconds, and people keep arriving and leaving throughout.',
    build(seed: number): Timeline {
      const random = new SeededRandom(seed);
      const events: ScheduledEvent[] = [];
      for (let i = 0; i < crowd.size; i++) events.push({ at: Math.floor(random.next() * 1_000), type: 'join', person: citizen(i) });
      events.sort((a, b) => a.at - b.at);
      const total = Math.floor((crowd.churnPerSecond * crowd.churnDurationMs) / 1000);
      const spacing = 1000 / Math.max(1, crowd.churnPerSecond);
      for (let i = 0; i < total; i++) {
        const at = 2_000 + Math.floor(i * spacing);
        events.push({ at, type: 'join', person: citizen(crowd.size + i) });
        events.push({ at, type: 'leave', key: `c${i}` });
      }
      for (let i = 0; i < (crowd.intruders ?? 0); i++) events.push({ at: 2_000 + i * 10, type: 'join', person: intruder(i + 1) });
      events.sort((a, b) => a.at - b.at);
      return { title: this.title, durationMs: 90 * MINUTE, host: moderator(), events, ...(crowd.intruders ? { intrusionAt: 2_000 } : {}) };
    },
  };
}
