import type { HashFn } from '../../chain';
import type { Identity } from '../../../model/participant';
import type { RiskFlag } from '../../../model/risk';
import { LogBuilder, participant } from './logBuilder';

export interface StoryOptions {
  /** Display names of the three intruders (defaults: a random string, a copy of an official, an explicit emoji name). */
  intruders?: [string, string, string];
  /** What Hostdeck recorded at the end: a measured containment, nothing (so it must be computed), or no containment at all. */
  ending?: 'recorded' | 'computed' | 'open';
  /** Text of the moderator's note during the incident. */
  note?: string;
  /** Whether an expected-attendee list was loaded before the meeting. */
  withList?: boolean;
}

export const OFFICIALS = [
  { id: 'p-host', name: 'Moderator KPU Provinsi', role: 'host', identity: { userId: 'u-host', email: 'moderator@kpu-prov.example' } },
  {
    id: 'p-budi',
    name: 'Budi Santoso (Bawaslu)',
    role: 'panelist',
    identity: { userId: 'u-budi', email: 'budi.santoso@bawaslu.example', ip: '198.51.100.7', organisation: 'Bawaslu Provinsi' },
  },
  { id: 'p-siti', name: 'Siti Rahma (Polda)', role: 'attendee', identity: { email: 'siti.rahma@polda.example', ip: '198.51.100.8' } },
  { id: 'p-dewi', name: 'Dewi Lestari (Kominfo)', role: 'attendee', identity: { userId: 'u-dewi' } },
  { id: 'p-agus', name: 'Agus Wijaya (DPRD)', role: 'attendee', identity: {} },
] as const;

export const DEFAULT_INTRUDERS: [string, string, string] = ['qq_6e2lg', 'Budi Santoso (Bawaslu)', '🔞 LIVE 18+ 🔞'];
const INTRUDER_IP = '203.0.113.9';

/**
 * The story of the product, as a log: officials join a public webinar, three accounts arrive with
 * loud noise and explicit video near the end, the moderator contains them (one eject needs a retry,
 * one step fails), the ejected come back and are refused, the moderator apologises and ends the
 * meeting. Every entry is chained with the injected hash, as the host writes it.
 */
export function storyLog(hash: HashFn, options: StoryOptions = {}): LogBuilder {
  const log = new LogBuilder(hash);
  const intruders = options.intruders ?? DEFAULT_INTRUDERS;
  const ending = options.ending ?? 'recorded';
  const start = log.now;
  log.add({ kind: 'session.started', data: { providerId: 'zoom', meetingId: '8123456789', title: 'Webinar Pilkada Provinsi 2026' } });
  if (options.withList) log.add({ kind: 'attendees.loaded', data: { count: 40, source: 'registrants' } });
  log.add({ kind: 'meeting.started', data: { at: start } });
  for (const o of OFFICIALS) {
    log.wait(4_000);
    const match = options.withList
      ? { status: 'expected' as const, expectedId: `r-${o.id}`, expectedName: o.name, basis: 'email' as const }
      : undefined;
    const p = participant(o.id, o.name, log.now, {
      role: o.role,
      identity: o.identity as Identity,
      video: true,
      ...(match ? { match } : {}),
    });
    log.add({ kind: 'participant.joined', data: { participant: p } });
  }
  log.wait(60_000).add({
    kind: 'participant.updated',
    data: { participantId: 'p-siti', displayName: OFFICIALS[2].name, changes: { audio: { from: false, to: true } } },
  });
  log.wait(50 * 60_000);
  const ids = ['p-x1', 'p-x2', 'p-x3'];
  intruders.forEach((name, i) => {
    log.wait(1_000);
    const identity: Identity = i < 2 ? { ip: INTRUDER_IP, client: 'Web browser' } : { client: 'Web browser' };
    const p = participant(ids[i] as string, name, log.now, { audio: true, video: true, identity, alerts: ['loudAudio', 'explicitVideo'] });
    log.add({ kind: 'participant.joined', data: { participant: p } });
    const flags: RiskFlag[] = [
      { signal: 'platformAlert', weight: 4, detail: 'loudAudio, explicitVideo' },
      i === 1 ? { signal: 'duplicateName', weight: 2, detail: OFFICIALS[1].name } : { signal: 'randomName', weight: 2 },
      { signal: 'mediaOnArrival', weight: 2 },
      { signal: 'unknownIdentity', weight: 1 },
    ];
    const match = options.withList ? { status: 'unknown' as const } : { status: 'noList' as const };
    log.add({ kind: 'participant.flagged', data: { participantId: ids[i] as string, displayName: name, score: 9, flags, match } });
  });
  log.wait(5_000).add({
    kind: 'participant.updated',
    data: {
      participantId: 'p-x3',
      displayName: 'Moderat0r KPU',
      changes: { displayName: { from: intruders[2], to: 'Moderat0r KPU' }, sharing: { from: false, to: true } },
    },
  });
  log.wait(3_000).add({
    kind: 'note',
    data: { text: options.note ?? `Noise from ${intruders[0]} and a copy of ${OFFICIALS[1].name}; containing now.` },
  });
  if (ending === 'open') return log;

  contain(log, ids, intruders, ending === 'recorded');
  log.wait(20_000);
  log.add({
    kind: 'join.blocked',
    data: { attempt: { id: 'b-1', displayName: intruders[0], at: log.now, identity: { ip: INTRUDER_IP }, reason: 'locked' } },
  });
  log.wait(5_000);
  log.add({
    kind: 'join.blocked',
    data: { attempt: { id: 'b-2', displayName: intruders[0], at: log.now, identity: {}, reason: 'locked' } },
  });
  log.add({
    kind: 'join.blocked',
    data: { attempt: { id: 'b-3', displayName: 'xx_unknown', at: log.now, identity: {}, reason: 'locked' } },
  });
  const firstFlag = log.entries.find((e) => e.kind === 'participant.flagged')?.seq ?? 1;
  log.add({ kind: 'evidence.marked', data: { seq: firstFlag, note: 'First flag of the wave.' } });
  log
    .wait(30_000)
    .add({ kind: 'action.requested', data: { action: { id: 'a-chat', kind: 'postChat', text: 'Mohon maaf atas gangguan tadi.' } } });
  log.add({ kind: 'action.attempt', data: { actionId: 'a-chat', attempt: 1 } });
  log.wait(300).add({ kind: 'action.confirmed', data: { outcome: outcome('a-chat', 'postChat', log.now - 300, 300) } });
  log.wait(10_000).add({ kind: 'action.requested', data: { action: { id: 'a-end', kind: 'endForAll' } } });
  log.add({ kind: 'action.attempt', data: { actionId: 'a-end', attempt: 1 } });
  log.wait(500);
  for (const o of OFFICIALS) {
    log.add({ kind: 'participant.left', data: { participantId: o.id, displayName: o.name, reason: 'meetingEnded', at: log.now } });
  }
  log.add({ kind: 'meeting.ended', data: { at: log.now } });
  log.add({ kind: 'action.confirmed', data: { outcome: outcome('a-end', 'endForAll', log.now - 500, 500) } });
  log.add({ kind: 'session.ended', data: { reason: 'The moderator left the meeting.' } });
  return log;
}

function outcome(actionId: string, kind: string, requestedAt: number, latencyMs: number, extra: Record<string, unknown> = {}) {
  return {
    actionId,
    kind,
    status: 'confirmed' as const,
    requestedAt,
    settledAt: requestedAt + latencyMs,
    latencyMs,
    attempts: 1,
    retryable: false,
    ...extra,
  };
}

function contain(log: LogBuilder, ids: string[], names: readonly string[], recorded: boolean): void {
  const firstIntruderAt = log.entries.find((e) => e.kind === 'participant.joined' && e.data.participant.id === ids[0])?.data;
  const arrival = firstIntruderAt && 'participant' in firstIntruderAt ? firstIntruderAt.participant.joinedAt : log.now;
  log.wait(2_000).add({ kind: 'action.requested', data: { action: { id: 'a-contain', kind: 'contain', participantIds: [] } } });
  const requestedAt = log.now;
  const controls = { locked: false, waitingRoom: false, allowUnmute: true, allowVideo: true, allowShare: true, chatEnabled: true };
  log.add({ kind: 'controls.captured', data: { actionId: 'a-contain', controls } });
  const steps = ['lock', 'muteAll', 'eject1', 'eject2', 'eject3'];
  log.add({
    kind: 'plan.started',
    data: { actionId: 'a-contain', name: 'Contain', steps: steps.map((id) => ({ id, kind: id.replace(/\d$/, ''), status: 'running' })) },
  });
  log.add({ kind: 'action.requested', data: { action: { id: 'a-lock', kind: 'lock' }, parentId: 'a-contain' } });
  log.add({ kind: 'action.requested', data: { action: { id: 'a-mute', kind: 'muteAll', preventUnmute: true }, parentId: 'a-contain' } });
  ids.forEach((id, i) => {
    const action = { id: `a-eject${i + 1}`, kind: 'eject' as const, participantId: id };
    log.add({
      kind: 'action.requested',
      data: { action, target: names[i] === names[2] ? 'Moderat0r KPU' : (names[i] as string), parentId: 'a-contain' },
    });
    log.add({ kind: 'action.attempt', data: { actionId: action.id, attempt: 1 } });
  });
  log
    .wait(400)
    .add({ kind: 'action.attempt', data: { actionId: 'a-eject2', attempt: 2, previousError: '429 Too Many Requests', delayMs: 400 } });
  log.add({ kind: 'meeting.controls', data: { at: log.now, changes: { allowUnmute: { from: true, to: false } } } });
  ids.forEach((id, i) => {
    const name = i === 2 ? 'Moderat0r KPU' : (names[i] as string);
    log.add({ kind: 'participant.left', data: { participantId: id, displayName: name, reason: 'ejected', at: log.now } });
  });
  log.add({ kind: 'meeting.locked', data: { at: log.now } });
  if (recorded) {
    const containedAt = log.now;
    log.add({
      kind: 'incident.contained',
      data: {
        firstIntruderAt: arrival,
        detectedAt: arrival,
        containedAt,
        timeToDetectMs: 0,
        timeToContainMs: containedAt - arrival,
        intruders: 3,
      },
    });
  }
  log.add({ kind: 'action.confirmed', data: { outcome: outcome('a-lock', 'lock', requestedAt, 420, { parentId: 'a-contain' }) } });
  log.add({
    kind: 'action.failed',
    data: {
      outcome: {
        ...outcome('a-mute', 'muteAll', requestedAt, 420, { parentId: 'a-contain' }),
        status: 'failed',
        reason: 'Platform refused: 503',
        retryable: true,
      },
    },
  });
  ids.forEach((id, i) => {
    const target = i === 2 ? 'Moderat0r KPU' : (names[i] as string);
    const extra = { parentId: 'a-contain', participantId: id, target, attempts: i === 1 ? 2 : 1 };
    log.add({ kind: 'action.confirmed', data: { outcome: outcome(`a-eject${i + 1}`, 'eject', requestedAt, i === 1 ? 820 : 400, extra) } });
  });
  log.add({
    kind: 'action.failed',
    data: {
      outcome: { ...outcome('a-contain', 'contain', requestedAt, 820), status: 'failed', reason: 'One step failed: muteAll', attempts: 0 },
    },
  });
  log.add({ kind: 'plan.finished', data: { actionId: 'a-contain', name: 'Contain', status: 'failed', durationMs: 820 } });
}
