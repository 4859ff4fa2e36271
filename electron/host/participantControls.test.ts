import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/incident/entry';
import type { ActionOutcome } from '../../shared/model/action';
import type { Participant } from '../../shared/model/participant';
import { advance, rehearsalUnderway } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function underway(options: Record<string, unknown> = {}) {
  const t = await rehearsalUnderway('intrusion', options);
  cleanup = t.cleanup;
  const log = async (): Promise<LogEntry[]> => t.host.commands.getLogTail({ limit: 5000 });
  const person = async (id: string): Promise<Participant> => (await t.participants()).find((p) => p.id === id) as Participant;
  /** Present attendees with an email: invited officials, who do not fight back like intruders. */
  const officials = async (): Promise<Participant[]> =>
    (await t.participants()).filter((p) => p.identity.email && p.role === 'attendee' && p.presence === 'inMeeting');
  return { ...t, log, person, officials };
}

/**
 * The entries one action left in the incident log, in order: the request, each attempt, the
 * outcome; and the platform's change to the participant it was about, recorded between them.
 */
function trail(log: readonly LogEntry[], outcome: ActionOutcome) {
  const requested = log.find(
    (e): e is Extract<LogEntry, { kind: 'action.requested' }> => e.kind === 'action.requested' && e.data.action.id === outcome.actionId,
  );
  const attempts = log.filter((e) => e.kind === 'action.attempt' && e.data.actionId === outcome.actionId);
  const confirmed = log.find((e) => e.kind === 'action.confirmed' && e.data.outcome.actionId === outcome.actionId);
  return { requested, attempts, confirmed };
}

function changesOf(log: readonly LogEntry[], participantId: string, after: number) {
  return log.flatMap((e) =>
    e.kind === 'participant.updated' && e.data.participantId === participantId && e.seq > after ? [e.data.changes] : [],
  );
}

describe('participant and waiting-room controls on the rehearsal platform', () => {
  it('stops one participant’s camera: confirmed, the camera off in the roster, and the trail in the log', async () => {
    const { run, person, log, intruders, participants } = await underway();
    const target = intruders.find((p) => p.video) as Participant;
    expect(target).toBeDefined();
    const othersOnCamera = (await participants()).filter((p) => p.video && p.id !== target.id && p.presence === 'inMeeting');
    expect(othersOnCamera.length).toBeGreaterThan(0);

    const outcome = await run({ kind: 'stopVideo', participantId: target.id });
    expect(outcome).toMatchObject({ status: 'confirmed', kind: 'stopVideo', participantId: target.id, target: target.displayName });
    expect((await person(target.id)).video).toBe(false);
    expect((await person(target.id)).presence).toBe('inMeeting');
    // Only the one camera: everyone else's stays as it was.
    for (const other of othersOnCamera) expect((await person(other.id)).video, other.displayName).toBe(true);

    const entries = await log();
    const { requested, attempts, confirmed } = trail(entries, outcome);
    expect(requested?.data).toMatchObject({ action: { kind: 'stopVideo', participantId: target.id }, target: target.displayName });
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(confirmed?.seq).toBeGreaterThan(requested?.seq ?? Infinity);
    expect(changesOf(entries, target.id, requested?.seq ?? 0)).toContainEqual({ video: { from: true, to: false } });
  });

  it('stops one participant’s screen share', async () => {
    const { run, person, log, scheduler, participants } = await underway();
    let sharer: Participant | undefined;
    for (let i = 0; i < 12 && !sharer; i++) {
      sharer = (await participants()).find((p) => p.sharing && p.presence === 'inMeeting');
      if (!sharer) await advance(scheduler, 5_000);
    }
    if (!sharer) throw new Error('nobody in the drill shared their screen');

    const outcome = await run({ kind: 'stopShare', participantId: sharer.id });
    expect(outcome).toMatchObject({ status: 'confirmed', kind: 'stopShare', participantId: sharer.id });
    expect((await person(sharer.id)).sharing).toBe(false);
    const entries = await log();
    const { requested, confirmed } = trail(entries, outcome);
    expect(requested?.data.action).toMatchObject({ kind: 'stopShare', participantId: sharer.id });
    expect(confirmed).toBeDefined();
    expect(changesOf(entries, sharer.id, requested?.seq ?? 0)).toContainEqual(
      expect.objectContaining({ sharing: { from: true, to: false } }),
    );
  });

  it('moves a participant to the waiting room, with their media off there', async () => {
    const { run, person, log, intruders } = await underway();
    const target = intruders.find((p) => p.audio && p.video) as Participant;
    expect(target).toBeDefined();

    const outcome = await run({ kind: 'moveToWaitingRoom', participantId: target.id });
    expect(outcome).toMatchObject({ status: 'confirmed', kind: 'moveToWaitingRoom', participantId: target.id });
    expect(await person(target.id)).toMatchObject({ presence: 'waiting', audio: false, video: false, sharing: false });
    const entries = await log();
    const { requested, confirmed } = trail(entries, outcome);
    expect(requested?.data.action).toMatchObject({ kind: 'moveToWaitingRoom', participantId: target.id });
    expect(confirmed).toBeDefined();
    expect(changesOf(entries, target.id, requested?.seq ?? 0)).toContainEqual(
      expect.objectContaining({ presence: { from: 'inMeeting', to: 'waiting' } }),
    );
  });

  it('denies one person in the waiting room, leaves the others waiting, and refuses to deny someone in the meeting', async () => {
    const { run, person, log, officials } = await underway();
    const [denied, kept, present] = await officials();
    if (!denied || !kept || !present) throw new Error('the drill has fewer than three officials present');
    for (const p of [denied, kept])
      expect(await run({ kind: 'moveToWaitingRoom', participantId: p.id })).toMatchObject({ status: 'confirmed' });

    const outcome = await run({ kind: 'deny', participantId: denied.id });
    expect(outcome).toMatchObject({ status: 'confirmed', kind: 'deny', participantId: denied.id, target: denied.displayName });
    expect(await person(denied.id)).toMatchObject({ presence: 'left', leaveReason: 'removed' });
    expect((await person(kept.id)).presence).toBe('waiting');
    const entries = await log();
    const { requested, confirmed } = trail(entries, outcome);
    expect(requested?.data.action).toMatchObject({ kind: 'deny', participantId: denied.id });
    expect(confirmed).toBeDefined();
    const left = entries.find((e) => e.kind === 'participant.left' && e.data.participantId === denied.id);
    expect(left?.data).toMatchObject({ reason: 'removed', displayName: denied.displayName });
    expect(left?.seq).toBeGreaterThan(requested?.seq ?? Infinity);

    const refused = await run({ kind: 'deny', participantId: present.id });
    expect(refused).toMatchObject({ status: 'failed', reason: `${present.displayName} is not in the waiting room.` });
    expect((await person(present.id)).presence).toBe('inMeeting');
    expect((await log()).some((e) => e.kind === 'action.failed' && e.data.outcome.actionId === refused.actionId)).toBe(true);
  });

  it('admits everyone from the waiting room in one action', async () => {
    const { run, person, log, officials } = await underway();
    const waiting = (await officials()).slice(0, 3);
    expect(waiting).toHaveLength(3);
    for (const p of waiting) await run({ kind: 'moveToWaitingRoom', participantId: p.id });
    for (const p of waiting) expect((await person(p.id)).presence, p.displayName).toBe('waiting');

    const outcome = await run({ kind: 'admitAll' });
    expect(outcome).toMatchObject({ status: 'confirmed', kind: 'admitAll' });
    for (const p of waiting) expect((await person(p.id)).presence, p.displayName).toBe('inMeeting');
    const entries = await log();
    const { requested, confirmed } = trail(entries, outcome);
    expect(requested?.data.action.kind).toBe('admitAll');
    expect(confirmed).toBeDefined();
    for (const p of waiting) {
      expect(changesOf(entries, p.id, requested?.seq ?? 0), p.displayName).toContainEqual(
        expect.objectContaining({ presence: { from: 'waiting', to: 'inMeeting' } }),
      );
    }
  });
});
