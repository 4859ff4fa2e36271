import type { MeetingControls } from '../model/meeting';
import type { Plan, PlanStep } from './plan';

/** The meeting controls a suspend changes, as they were before it: what Restore returns to. */
export interface CapturedControls extends MeetingControls {
  readonly locked: boolean;
}

/**
 * Suspend all activity: lock, waiting room on, mute everyone and prevent unmuting, stop all video
 * and shares and prevent restarting them, disable chat. All at once: none waits for another.
 */
export function suspendPlan(): Plan {
  const steps: PlanStep[] = [
    { id: 'lock', intent: { kind: 'lock' }, after: [], byHand: 'lock the meeting in the platform’s own controls.' },
    { id: 'waitingRoom', intent: { kind: 'setWaitingRoom', enabled: true }, after: [] },
    { id: 'muteAll', intent: { kind: 'muteAll', preventUnmute: true }, after: [], byHand: 'ask the platform host to mute everyone.' },
    { id: 'stopAllVideo', intent: { kind: 'stopAllVideo', preventStart: true }, after: [] },
    { id: 'stopAllShares', intent: { kind: 'stopAllShares', preventStart: true }, after: [] },
    { id: 'disableChat', intent: { kind: 'setChat', enabled: false }, after: [] },
  ];
  return { id: 'suspend', name: 'Suspend all activity', steps };
}

/**
 * Restore: set back exactly the controls a suspend changed. A control that was unknown before (the
 * platform did not report it) or already in its suspended state is left alone.
 */
export function restorePlan(captured: CapturedControls): Plan {
  const steps: PlanStep[] = [];
  if (!captured.locked) steps.push({ id: 'unlock', intent: { kind: 'unlock' }, after: [] });
  if (captured.waitingRoom === false) steps.push({ id: 'waitingRoom', intent: { kind: 'setWaitingRoom', enabled: false }, after: [] });
  if (captured.allowUnmute === true) steps.push({ id: 'allowUnmute', intent: { kind: 'setAllowUnmute', allowed: true }, after: [] });
  if (captured.allowVideo === true) steps.push({ id: 'allowVideo', intent: { kind: 'setAllowVideo', allowed: true }, after: [] });
  if (captured.allowShare === true) steps.push({ id: 'allowShare', intent: { kind: 'setAllowShare', allowed: true }, after: [] });
  if (captured.chatEnabled === true) steps.push({ id: 'enableChat', intent: { kind: 'setChat', enabled: true }, after: [] });
  return { id: 'restore', name: 'Restore', steps };
}
