import type { ContainSteps } from '../model/panic';
import type { Plan, PlanStep } from './plan';

/**
 * Contain: every containment control at once — lock, waiting room, mute everyone and prevent
 * unmuting, stop cameras and shares and prevent restarting, chat off — and eject the intruders.
 *
 * The ejects do not wait for the lock. Sent together, the lock and the ejects each take one round
 * trip, and an ejected intruder needs far longer than that to rejoin; waiting would double the
 * time to contain. Order still matters when the platform's rate limit queues calls: the limiter
 * sends meeting-wide controls ahead of per-participant calls, so the lock goes out first.
 */
export function containPlan(steps: ContainSteps, ejectIds: readonly string[]): Plan {
  const plan: PlanStep[] = [];
  if (steps.lock)
    plan.push({ id: 'lock', intent: { kind: 'lock' }, after: [], byHand: 'lock the meeting in the platform’s own controls.' });
  if (steps.waitingRoom) plan.push({ id: 'waitingRoom', intent: { kind: 'setWaitingRoom', enabled: true }, after: [] });
  if (steps.muteAll)
    plan.push({
      id: 'muteAll',
      intent: { kind: 'muteAll', preventUnmute: true },
      after: [],
      byHand: 'ask the platform host to mute everyone.',
    });
  if (steps.stopAllVideo)
    plan.push({
      id: 'stopAllVideo',
      intent: { kind: 'stopAllVideo', preventStart: true },
      after: [],
      byHand: 'turn off participants’ cameras in the platform.',
    });
  if (steps.stopAllShares)
    plan.push({
      id: 'stopAllShares',
      intent: { kind: 'stopAllShares', preventStart: true },
      after: [],
      byHand: 'stop the share in the platform.',
    });
  if (steps.disableChat) plan.push({ id: 'disableChat', intent: { kind: 'setChat', enabled: false }, after: [] });
  ejectIds.forEach((participantId, i) =>
    plan.push({
      id: `eject${i + 1}`,
      intent: { kind: 'eject', participantId },
      after: [],
      byHand: 'remove this participant in the platform, then lock the meeting.',
    }),
  );
  return { id: 'contain', name: 'Contain', steps: plan };
}
