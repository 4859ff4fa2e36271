import { SeededRandom } from '../random';
import { byTime, MINUTE, type Scenario, type ScheduledEvent, type Timeline } from '../timeline';
import { moderator, officials } from './people';

/** A calm internal briefing with no intruders: for learning the controls without pressure. */
export const briefingScenario: Scenario = {
  id: 'briefing',
  title: 'Internal briefing — quiet practice',
  description: 'Twelve colleagues join a 30-minute internal briefing. Nobody intrudes: practise the controls at your own pace.',
  build(seed: number): Timeline {
    const random = new SeededRandom(seed);
    const people = officials(random.fork('people'), 12);
    const events: ScheduledEvent[] = people.map((person, i) => ({ at: 3_000 + i * random.int(5_000, 15_000), type: 'join', person }));
    const speaker = people[0];
    if (speaker) {
      events.push({ at: 4 * MINUTE, type: 'media', key: speaker.key, audio: true, video: true });
      events.push({ at: 12 * MINUTE, type: 'media', key: speaker.key, audio: false });
    }
    return { title: this.title, durationMs: 30 * MINUTE, host: moderator(), events: byTime(events) };
  },
};
