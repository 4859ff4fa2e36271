import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../../shared/util/manualScheduler';
import type { ProviderEvent, ProviderSession } from '../../host/provider';
import { createRehearsalProvider } from './rehearsalProvider';
import { intrusionScenario } from './scenarios/intrusion';
import { MINUTE } from './timeline';

async function play(seed: number, options: Record<string, unknown> = {}) {
  const scheduler = new ManualScheduler(1_700_000_000_000);
  const events: ProviderEvent[] = [];
  const session = await createRehearsalProvider().attach('intrusion', { seed, ...options }, { scheduler, emit: (e) => events.push(e) });
  return { scheduler, events, session };
}

function joinNames(events: ProviderEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'joined' ? [e.participant.displayName] : []));
}

describe('intrusion scenario', () => {
  it('is the same meeting for the same seed, and a different one for another seed', () => {
    expect(intrusionScenario.build(7)).toEqual(intrusionScenario.build(7));
    expect(JSON.stringify(intrusionScenario.build(7))).not.toEqual(JSON.stringify(intrusionScenario.build(8)));
  });

  it('fills with about 40 named officials in the opening minutes', () => {
    for (const seed of [1, 2, 3, 42, 99]) {
      const timeline = intrusionScenario.build(seed);
      const early = timeline.events.filter((e) => e.type === 'join' && !e.person.intruder && e.at <= 7 * MINUTE);
      expect(early.length).toBeGreaterThanOrEqual(38);
      expect(early.length).toBeLessThanOrEqual(42);
    }
  });

  it('brings 3 to 5 intruders within seconds near the end, loud, with explicit video, one sharing', () => {
    for (const seed of [1, 2, 3, 42, 99]) {
      const timeline = intrusionScenario.build(seed);
      const wave = timeline.events.filter((e) => e.type === 'join' && e.person.intruder);
      expect(wave.length).toBeGreaterThanOrEqual(3);
      expect(wave.length).toBeLessThanOrEqual(5);
      const times = wave.map((e) => e.at);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(50 * MINUTE);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(15_000);
      for (const e of wave) {
        if (e.type !== 'join') continue;
        expect(e.person).toMatchObject({ audio: true, video: true });
        expect(e.person.alerts).toEqual(expect.arrayContaining(['loudAudio', 'explicitVideo']));
      }
      const shares = timeline.events.filter((e) => e.type === 'media' && e.sharing === true && e.key.startsWith('x'));
      expect(shares).toHaveLength(1);
    }
  });

  it('gives some intruders names close to real participants', () => {
    const normalize = (s: string) =>
      s
        .normalize('NFKD')
        .replace(/[\u0430]/g, 'a')
        .replace(/[\u0435]/g, 'e')
        .replace(/0/g, 'o')
        .replace(/l/g, 'i')
        .toLowerCase();
    let close = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const timeline = intrusionScenario.build(seed);
      const real = new Set(
        timeline.events.flatMap((e) => (e.type === 'join' && !e.person.intruder ? [normalize(e.person.displayName)] : [])),
      );
      const intruders = timeline.events.flatMap((e) => (e.type === 'join' && e.person.intruder ? [e.person.displayName] : []));
      close += intruders.filter((name) => real.has(normalize(name))).length;
    }
    expect(close).toBeGreaterThanOrEqual(8);
  });
});

describe('simulated platform', () => {
  it('replays the same events for the same seed', async () => {
    const a = await play(11, { timeScale: 60 });
    const b = await play(11, { timeScale: 60 });
    a.scheduler.advance(60_000);
    b.scheduler.advance(60_000);
    expect(a.events).toEqual(b.events);
    expect(joinNames(a.events).length).toBeGreaterThan(40);
  });

  it('plays an hour in a minute at time scale 60', async () => {
    const { scheduler, events } = await play(5, { timeScale: 60 });
    scheduler.advance(50_000);
    expect(events.some((e) => e.type === 'joined' && e.participant.alerts.includes('explicitVideo'))).toBe(false);
    scheduler.advance(5_000);
    expect(events.some((e) => e.type === 'joined' && e.participant.alerts.includes('explicitVideo'))).toBe(true);
  });

  it('starts one scenario minute before the intrusion when asked, with everyone already there', async () => {
    const { scheduler, events } = await play(5, { timeScale: 1, startAt: 'beforeIntrusion' });
    expect(joinNames(events).length).toBeGreaterThan(30);
    expect(events.some((e) => e.type === 'joined' && e.participant.alerts.length > 0)).toBe(false);
    scheduler.advance(61_000);
    expect(events.some((e) => e.type === 'joined' && e.participant.alerts.length > 0)).toBe(true);
  });

  async function intrusionUnderway() {
    const run = await play(3, { timeScale: 1, startAt: 'beforeIntrusion', latencyMs: 100, jitterMs: 0, rejoinDelayMs: 30_000 });
    run.scheduler.advance(90_000);
    const intruders = run.events.flatMap((e) => (e.type === 'joined' && e.participant.alerts.length > 0 ? [e.participant.id] : []));
    return { ...run, intruders };
  }

  async function perform(run: { scheduler: ManualScheduler; session: ProviderSession }, action: Parameters<ProviderSession['perform']>[0]) {
    const done = run.session.perform(action, new AbortController().signal);
    run.scheduler.advance(100);
    return done;
  }

  it('obeys eject: the participant leaves, then the intruder tries to come back', async () => {
    const run = await intrusionUnderway();
    const target = run.intruders[0] as string;
    await perform(run, { id: 'a1', kind: 'eject', participantId: target });
    expect(run.events.at(-1)).toMatchObject({ type: 'left', participantId: target, reason: 'ejected' });
    run.scheduler.advance(31_000);
    expect(run.events.some((e) => e.type === 'joined' && e.participant.id === `${target}-2`)).toBe(true);
  });

  it('mutes and unmutes one participant: the roster follows each, and the host cannot be unmuted', async () => {
    const run = await intrusionUnderway();
    const target = run.intruders[0] as string;
    await perform(run, { id: 'm1', kind: 'mute', participantId: target });
    expect(run.events.at(-1)).toMatchObject({ type: 'updated', participantId: target, changes: { audio: false } });
    await perform(run, { id: 'u1', kind: 'unmute', participantId: target });
    expect(run.events.at(-1)).toMatchObject({ type: 'updated', participantId: target, changes: { audio: true } });
    await expect(perform(run, { id: 'u2', kind: 'unmute', participantId: 'p-host' })).rejects.toThrow(/host’s own controls/);
    const limited = await play(1, { disabled: ['unmute'] });
    expect(limited.session.capabilities.unmute).toMatchObject({
      available: false,
      alternative: expect.stringMatching(/unmute themselves/),
    });
  });

  it('turns joins into blocked attempts once locked', async () => {
    const run = await intrusionUnderway();
    await perform(run, { id: 'l1', kind: 'lock' });
    expect(run.events.at(-1)).toMatchObject({ type: 'meeting', meeting: { locked: true } });
    for (const [i, id] of run.intruders.entries()) await perform(run, { id: `e${i}`, kind: 'eject', participantId: id });
    run.scheduler.advance(31_000);
    const blocked = run.events.filter((e) => e.type === 'blocked');
    expect(blocked.length).toBe(run.intruders.length);
    expect(run.events.filter((e) => e.type === 'joined' && e.participant.id.endsWith('-2'))).toHaveLength(0);
  });

  it('ends for all: everyone leaves and the meeting is over', async () => {
    const run = await intrusionUnderway();
    const present = new Set(run.events.flatMap((e) => (e.type === 'joined' ? [e.participant.id] : [])));
    for (const e of run.events) if (e.type === 'left') present.delete(e.participantId);
    await perform(run, { id: 'end', kind: 'endForAll' });
    const left = run.events.filter((e) => e.type === 'left' && e.reason === 'meetingEnded');
    expect(left.length).toBe(present.size);
    expect(run.events.at(-1)).toMatchObject({ type: 'ended' });
    await expect(perform(run, { id: 'l2', kind: 'lock' })).rejects.toThrow(/ended/);
  });

  it('refuses to eject the host or someone not there', async () => {
    const run = await intrusionUnderway();
    await expect(perform(run, { id: 'h', kind: 'eject', participantId: 'p-host' })).rejects.toThrow(
      /host’s own controls cannot be changed/,
    );
    await expect(perform(run, { id: 'n', kind: 'eject', participantId: 'p-nobody' })).rejects.toThrow(/not in the meeting/);
  });

  it('answers 429 with Retry-After beyond its rate limit, and 503 when told to fail', async () => {
    const run = await play(1, { rateLimitPerSecond: 2, failing: ['unlock'], latencyMs: 10, jitterMs: 0 });
    const signal = new AbortController().signal;
    const first = run.session.perform({ id: 'a', kind: 'lock' }, signal);
    const second = run.session.perform({ id: 'b', kind: 'lock' }, signal);
    await expect(run.session.perform({ id: 'c', kind: 'lock' }, signal)).rejects.toMatchObject({ status: 429, retryAfterMs: 1000 });
    run.scheduler.advance(1000);
    await Promise.all([first, second]);
    const failing = run.session.perform({ id: 'd', kind: 'unlock' }, signal);
    run.scheduler.advance(20);
    await expect(failing).rejects.toMatchObject({ status: 503, retryable: true });
  });

  it('declares disabled capabilities with a reason and an alternative', async () => {
    const run = await play(1, { disabled: ['eject'] });
    expect(run.session.capabilities.eject).toMatchObject({ available: false, alternative: expect.stringMatching(/Lock the meeting/) });
    expect(run.session.capabilities.lock.available).toBe(true);
  });

  it('rejects options that do not parse, with the field named', async () => {
    await expect(play(1, { timeScale: -3 })).rejects.toThrow(/timeScale/);
    await expect(createRehearsalProvider().attach('nope', {}, { scheduler: new ManualScheduler(), emit: () => undefined })).rejects.toThrow(
      /no rehearsal scenario/,
    );
  });
});
