import { SeededRandom } from '../random';
import { byTime, MINUTE, type Person, type Scenario, type ScheduledEvent, type Timeline } from '../timeline';
import { moderator, officials } from './people';

/** Latin letters swapped for look-alikes, as attackers do to pass for a real participant. */
const LOOKALIKES: Record<string, string> = { o: '0', i: 'l', a: '\u0430', e: '\u0435', S: '5' };

function lookalike(name: string, random: SeededRandom): string {
  const candidates = [...name].map((ch, i) => (LOOKALIKES[ch] ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return `${name}.`;
  const at = random.pick(candidates);
  return [...name].map((ch, i) => (i === at ? (LOOKALIKES[ch] ?? ch) : ch)).join('');
}

function intruder(key: string, displayName: string, random: SeededRandom): Person {
  return {
    key,
    displayName,
    role: 'attendee',
    identity: { client: 'Web browser', ip: `203.0.113.${random.int(10, 250)}` },
    audio: true,
    video: true,
    alerts: ['loudAudio', 'explicitVideo'],
    intruder: true,
  };
}

/**
 * The story Hostdeck exists for: a public provincial election webinar whose link and password were
 * posted openly. About 40 officials join in the first minutes; near the end a wave of 3–5
 * intruders joins within seconds with noise and explicit video, some under names close to real
 * participants', one trying to share the screen.
 */
export const intrusionScenario: Scenario = {
  id: 'intrusion',
  title: 'Provincial election webinar — intrusion drill',
  description:
    'About 40 officials join a public webinar whose link was posted online; near the end, a wave of intruders arrives with noise and explicit video.',
  build(seed: number): Timeline {
    const random = new SeededRandom(seed);
    const people = officials(random.fork('people'), random.int(38, 42));
    const timing = random.fork('timing');
    const events: ScheduledEvent[] = [];

    // Opening minutes: panelists first, then the audience, most in the first three minutes.
    for (const person of people) {
      const window = person.role === 'panelist' ? 1.5 * MINUTE : 6 * MINUTE;
      const at = Math.floor(window * timing.next() ** 1.6) + 5_000;
      events.push({ at, type: 'join', person });
    }
    const presenter = people.find((p) => p.role === 'panelist');
    if (presenter) {
      events.push({ at: 5 * MINUTE, type: 'media', key: presenter.key, audio: true, sharing: true });
      events.push({ at: 25 * MINUTE, type: 'media', key: presenter.key, audio: false, sharing: false });
    }
    // Questions: a few attendees unmute to speak, then mute again.
    for (const speaker of timing.shuffle(people.filter((p) => p.role === 'attendee')).slice(0, 4)) {
      const at = timing.int(30 * MINUTE, 48 * MINUTE);
      events.push({ at, type: 'media', key: speaker.key, audio: true });
      events.push({ at: at + timing.int(40_000, 90_000), type: 'media', key: speaker.key, audio: false });
    }
    for (const leaver of timing.shuffle(people.filter((p) => p.role === 'attendee')).slice(0, 2)) {
      events.push({ at: timing.int(35 * MINUTE, 50 * MINUTE), type: 'leave', key: leaver.key });
    }

    // The wave, near the end, before the last discussion round.
    const wave = random.fork('wave');
    const intrusionAt = 52 * MINUTE + wave.int(0, 60_000);
    const targets = wave.shuffle(people).slice(0, 2);
    const [first, second] = targets as [Person, Person];
    const kinds = wave.shuffle([
      () => lookalike(first.displayName, wave),
      () => second.displayName,
      () => 'Moderator KPU  Provinsi',
      () => `${wave.pick(['xx', 'qq', 'zz'])}_${Math.floor(wave.next() * 36 ** 5).toString(36)}`,
      () => '\u{1F51E} LIVE 18+ \u{1F51E}',
    ]);
    const count = wave.int(3, 5);
    const intruders: Person[] = [];
    let at = intrusionAt;
    for (let i = 0; i < count; i++) {
      const person = intruder(`x${i + 1}`, (kinds[i] as () => string)(), wave);
      intruders.push(person);
      events.push({ at, type: 'join', person });
      at += wave.int(1_000, 3_000);
    }
    const sharer = intruders[wave.int(0, intruders.length - 1)] as Person;
    events.push({
      at: at + wave.int(10_000, 20_000),
      type: 'media',
      key: sharer.key,
      sharing: true,
      alerts: ['loudAudio', 'explicitVideo', 'shareAttempt'],
    });
    const renamer = intruders.find((p) => p !== sharer && /^(xx|qq|zz)_/.test(p.displayName));
    if (renamer) {
      events.push({
        at: at + wave.int(20_000, 40_000),
        type: 'rename',
        key: renamer.key,
        displayName: lookalike(second.displayName, wave),
      });
    }

    // A legitimate latecomer: if the meeting is locked by then, a real person is turned away too.
    const [latecomer] = officials(random.fork('late'), 1).map((p) => ({ ...p, key: 'late1' }));
    if (latecomer) events.push({ at: intrusionAt + wave.int(3 * MINUTE, 5 * MINUTE), type: 'join', person: latecomer });

    return { title: this.title, durationMs: 60 * MINUTE, host: moderator(), events: byTime(events), intrusionAt };
  },
};
