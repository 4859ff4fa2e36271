import { SeededRandom } from '../random';
import { byTime, MINUTE, type Person, type Scenario, type ScheduledEvent, type Timeline } from '../timeline';
import { moderator, officials } from './people';

/**
 * Display names are attacker-chosen. These are the tricks seen in the wild: markup, right-to-left
 * overrides that reverse what follows, zero-width characters inside a real name, control
 * characters, a 500-character name and an emoji flood. The console must show them all as inert,
 * isolated, truncated text.
 */
export const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror="document.title=\'pwned\'">',
  '<script>document.title="pwned"</script>',
  '\u202Efdp.exe Rapat Resmi',
  'Bu\u200Bdi Sant\u200Doso',
  'Evil\u0000\u0007\u001BName',
  `Panitia Resmi ${'Sangat Penting '.repeat(34)}`.slice(0, 500),
  '\u{1F608}'.repeat(200),
  '\u0645\u062D\u0645\u062F (Kedutaan)',
  '{{constructor.constructor("return 1")()}}',
];

function attacker(index: number, displayName: string): Person {
  return {
    key: `n${index}`,
    displayName,
    role: 'attendee',
    identity: { client: 'Web browser', ip: `198.51.100.${10 + index}` },
    audio: false,
    video: false,
    alerts: [],
    intruder: true,
  };
}

export const namesScenario: Scenario = {
  id: 'names',
  title: 'Disguised names — practise reading hostile display names',
  description:
    'A small meeting where some joiners use markup, right-to-left tricks, invisible characters, very long names and emoji floods as their names.',
  build(seed: number): Timeline {
    const random = new SeededRandom(seed);
    const events: ScheduledEvent[] = officials(random.fork('people'), 10).map((person, i) => ({
      at: 2_000 + i * 3_000,
      type: 'join',
      person,
    }));
    HOSTILE_NAMES.forEach((name, i) => events.push({ at: MINUTE + i * 2_000, type: 'join', person: attacker(i + 1, name) }));
    return { title: this.title, durationMs: 30 * MINUTE, host: moderator(), events: byTime(events) };
  },
};
