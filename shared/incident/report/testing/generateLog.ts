import type { HashFn } from '../../chain';
import type { RiskFlag } from '../../../model/risk';
import { LogBuilder, participant } from './logBuilder';

const FIRST = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rudi', 'Ayu', 'Hendra', 'Nurul', 'Made', 'Putu', 'Yusuf', 'Indah', 'Joko', 'Rina'];
const LAST = ['Santoso', 'Rahma', 'Wijaya', 'Lestari', 'Harahap', 'Nasution', 'Sembiring', 'Pratama', 'Kusuma', 'Hidayat'];
const ORGS = ['KPU Provinsi', 'Bawaslu', 'Polda', 'Korem', 'DPRD', 'Kominfo', 'TV Lokal', 'Harian Daerah', 'Kejaksaan Tinggi'];
const INTRUDER_NAMES = ['qq_{n}', '🔞 LIVE 18+ 🔞', 'Moderat0r KPU', 'xX{n}Xx', 'Вudi Santoso'];

/** mulberry32: a tiny seeded generator, so the same seed writes the same log. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedLog {
  log: LogBuilder;
  intrusionWaves: number;
}

/**
 * A realistic long log of exactly `count` entries, for benchmarks and scale tests: a large public
 * meeting where people join, leave and toggle microphone and camera, with an intrusion wave about
 * every 1,000 entries (intruders join with alerts and are flagged, the moderator contains them with
 * a plan of ejects and a lock, the ejected are refused at the door, a note is written, the meeting
 * is unlocked again). Every entry is chained with the injected hash.
 */
export function generateLog(count: number, hash: HashFn, seed = 7): GeneratedLog {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const log = new LogBuilder(hash);
  const present: string[] = [];
  const names = new Map<string, string>();
  let next = 1;
  let waves = 0;
  const room = () => count - log.entries.length - 1; // one entry is kept for session.ended
  log.add({ kind: 'session.started', data: { providerId: 'zoom', meetingId: '8123456789', title: 'Webinar Pilkada Provinsi 2026' } });
  if (room() > 0) log.add({ kind: 'meeting.started', data: { at: log.now } });

  const join = () => {
    const id = `p-${next++}`;
    const name = `${pick(FIRST)} ${pick(LAST)} (${pick(ORGS)})`;
    const identity = {
      userId: `u-${id}`,
      email: `${id}@peserta.example`,
      ip: `198.51.${next % 250}.${(next * 7) % 250}`,
      client: 'Web browser',
    };
    log.add({ kind: 'participant.joined', data: { participant: participant(id, name, log.now, { identity, video: rnd() < 0.5 }) } });
    present.push(id);
    names.set(id, name);
  };
  const routine = () => {
    log.wait(Math.floor(rnd() * 900));
    const r = rnd();
    if (present.length < 20 || r < 0.4) return join();
    const index = Math.floor(rnd() * present.length);
    const id = present[index] as string;
    const name = names.get(id) ?? id;
    if (r < 0.65) {
      present.splice(index, 1);
      log.add({ kind: 'participant.left', data: { participantId: id, displayName: name, reason: 'left', at: log.now } });
      return;
    }
    const field = rnd() < 0.5 ? 'audio' : 'video';
    const on = rnd() < 0.5;
    log.add({ kind: 'participant.updated', data: { participantId: id, displayName: name, changes: { [field]: { from: !on, to: on } } } });
  };
  const wave = () => {
    waves++;
    const size = 3 + Math.floor(rnd() * 3);
    const ids: string[] = [];
    for (let i = 0; i < size; i++) {
      const id = `x-${next++}`;
      const name = pick(INTRUDER_NAMES).replace('{n}', String(next));
      const p = participant(id, name, log.now, {
        audio: true,
        video: true,
        alerts: ['loudAudio', 'explicitVideo'],
        identity: { ip: '203.0.113.9' },
      });
      log.wait(400).add({ kind: 'participant.joined', data: { participant: p } });
      const flags: RiskFlag[] = [
        { signal: 'platformAlert', weight: 4, detail: 'loudAudio, explicitVideo' },
        { signal: 'mediaOnArrival', weight: 2 },
        { signal: 'joinBurst', weight: 2, detail: String(size) },
      ];
      log.add({
        kind: 'participant.flagged',
        data: { participantId: id, displayName: name, score: 8, flags, match: { status: 'noList' } },
      });
      ids.push(id);
      names.set(id, name);
    }
    const planId = `c-${waves}`;
    log.wait(4_000).add({ kind: 'action.requested', data: { action: { id: planId, kind: 'contain', participantIds: [] } } });
    const started = log.now;
    const children = [
      { action: { id: `${planId}-lock`, kind: 'lock' as const } },
      ...ids.map((id, i) => ({ action: { id: `${planId}-e${i}`, kind: 'eject' as const, participantId: id }, target: names.get(id) })),
    ];
    for (const c of children) {
      log.add({ kind: 'action.requested', data: { ...c, parentId: planId } });
      log.add({ kind: 'action.attempt', data: { actionId: c.action.id, attempt: 1 } });
    }
    log.wait(350);
    for (const id of ids)
      log.add({ kind: 'participant.left', data: { participantId: id, displayName: names.get(id) ?? id, reason: 'ejected', at: log.now } });
    log.add({ kind: 'meeting.locked', data: { at: log.now } });
    log.add({
      kind: 'incident.contained',
      data: {
        firstIntruderAt: started - 4_000 - 400 * size,
        detectedAt: started - 4_000,
        containedAt: log.now,
        timeToDetectMs: 0,
        timeToContainMs: 4_350,
        intruders: size,
      },
    });
    for (const c of children) {
      const outcome = {
        actionId: c.action.id,
        kind: c.action.kind,
        status: 'confirmed' as const,
        requestedAt: started,
        settledAt: log.now,
        latencyMs: 350,
        attempts: 1,
        retryable: false,
      };
      log.add({
        kind: 'action.confirmed',
        data: {
          outcome: { ...outcome, parentId: planId, ...('participantId' in c.action ? { participantId: c.action.participantId } : {}) },
        },
      });
    }
    const plan = {
      actionId: planId,
      kind: 'contain',
      status: 'confirmed' as const,
      requestedAt: started,
      settledAt: log.now,
      latencyMs: 350,
      attempts: 0,
      retryable: false,
    };
    log.add({ kind: 'action.confirmed', data: { outcome: plan } });
    log.add({ kind: 'note', data: { text: `Wave ${waves}: ${size} accounts with noise and video, ejected.` } });
    log.wait(2_000).add({
      kind: 'join.blocked',
      data: {
        attempt: { id: `b-${waves}`, displayName: names.get(ids[0] as string) ?? '', at: log.now, identity: {}, reason: 'locked' },
      },
    });
    log.wait(60_000).add({ kind: 'meeting.unlocked', data: { at: log.now } });
  };

  /** A wave writes at most this many entries. */
  const WAVE_SIZE = 40;
  let nextWave = 1_000;
  while (room() > 0) {
    if (log.entries.length >= nextWave && room() > WAVE_SIZE) {
      wave();
      nextWave += 1_000;
    } else routine();
  }
  log.add({ kind: 'session.ended', data: { reason: 'The moderator left the meeting.' } });
  return { log, intrusionWaves: waves };
}
