import type { EntryBody } from '../../../shared/incident/entry';
import type { Action, ActionOutcome, PlatformAction } from '../../../shared/model/action';
import {
  describeStep,
  extendPlan,
  retryStep,
  settleStep,
  startPlan,
  validatePlan,
  type Plan,
  type PlanState,
  type PlanTransition,
} from '../../../shared/flows/plan';
import { containPlan } from '../../../shared/flows/contain';
import { restorePlan, suspendPlan, type CapturedControls } from '../../../shared/flows/suspend';
import { DEFAULT_PANIC_SETTINGS, type ContainSteps } from '../../../shared/model/panic';
import type { Scheduler } from '../../../shared/util/time';
import type { ActionTarget } from './actionExecutor';

export interface PlanRunnerOptions {
  scheduler: Scheduler;
  target: () => ActionTarget | null;
  log: (body: EntryBody) => void;
  /** Starts one step's action as a child of the composite action. */
  launch: (action: PlatformAction, parentId: string) => ActionOutcome;
  /** Retries a failed child action. */
  retryChild?: (actionId: string) => void;
  update: (actionId: string, change: Partial<ActionOutcome>) => void;
  /** Puts a settled composite action back to pending, for a retry of its failed steps. */
  reopen?: (actionId: string) => void;
  outcomeOf: (actionId: string) => ActionOutcome | undefined;
  /** Which steps Contain takes at this event. */
  containSteps?: () => ContainSteps;
}

interface Running {
  plan: Plan;
  state: PlanState;
  /** Child action id by step id. */
  children: Map<string, string>;
  /** The moderator cancelled the plan: nothing more is launched and it does not settle itself. */
  cancelled?: boolean;
}

/** Child action ids are `<parent>-<step>`, kept within the 64-character id limit. */
function childId(parentId: string, stepId: string): string {
  return `${parentId.slice(0, 63 - stepId.length)}-${stepId}`;
}

/**
 * Runs composite actions as plans: Suspend all activity (after capturing the controls it changes)
 * and Restore (back to exactly what was captured). The plan engine decides what runs when; each step
 * becomes an ordinary action with its own outcome, and the composite's outcome carries the live
 * checklist.
 */
export class PlanRunner {
  private readonly running = new Map<string, Running>();
  private readonly childToParent = new Map<string, { parentId: string; stepId: string }>();
  private captured: CapturedControls | null = null;

  constructor(private readonly options: PlanRunnerOptions & { retryChild?: (actionId: string) => void }) {}

  reset(): void {
    this.running.clear();
    this.childToParent.clear();
    this.captured = null;
  }

  /** The controls captured by the last suspend that has not been restored yet. */
  get capturedControls(): CapturedControls | null {
    return this.captured;
  }

  start(action: Extract<Action, { kind: 'suspendAll' | 'restore' | 'contain' }>): void {
    const target = this.options.target();
    if (!target) return this.fail(action.id, 'No meeting is attached.');
    if (target.controller.meeting.status === 'ended') return this.fail(action.id, 'The meeting has already ended.');
    let plan: Plan;
    if (action.kind === 'suspendAll' || action.kind === 'contain') {
      // Captured once: a second Suspend or Contain must not make Restore return to a suspended state.
      if (!this.captured) {
        const meeting = target.controller.meeting;
        this.captured = { locked: meeting.locked, ...meeting.controls };
        this.options.log({ kind: 'controls.captured', data: { actionId: action.id, controls: this.captured } });
      }
      plan =
        action.kind === 'suspendAll' ? suspendPlan() : containPlan(this.containSteps(), this.containTargets(action.participantIds, target));
    } else {
      if (!this.captured) return this.fail(action.id, 'Nothing to restore: Suspend all activity has not been used in this meeting.');
      plan = restorePlan(this.captured);
    }
    this.run(action.id, plan, target);
  }

  private containSteps(): ContainSteps {
    return this.options.containSteps?.() ?? DEFAULT_PANIC_SETTINGS.contain;
  }

  /** Who Contain ejects: the selected participants and everyone flagged, present and not a host. */
  private containTargets(selected: readonly string[], target: ActionTarget): string[] {
    const steps = this.containSteps();
    const ids = new Set<string>(steps.ejectSelected ? selected : []);
    if (steps.ejectFlagged) for (const p of target.controller.participants()) if (p.risk.level === 'flagged') ids.add(p.id);
    return [...ids].filter((id) => {
      const p = target.controller.participant(id);
      return p !== undefined && p.presence !== 'left' && p.role !== 'host' && p.role !== 'cohost';
    });
  }

  /** Runs any plan as the composite action `parentId` (Contain and custom plans use this too). */
  run(parentId: string, plan: Plan, target: ActionTarget): void {
    const invalid = validatePlan(plan);
    if (invalid) return this.fail(parentId, `The plan "${plan.name}" is not valid: ${invalid}`);
    const now = this.options.scheduler.now();
    const transition = startPlan(plan, target.session.capabilities, now);
    const running: Running = { plan, state: transition.state, children: new Map() };
    this.running.set(parentId, running);
    this.options.log({
      kind: 'plan.started',
      data: {
        actionId: parentId,
        name: plan.name,
        steps: plan.steps.map((s) => ({
          id: s.id,
          kind: s.intent.kind,
          status: transition.state.steps[s.id]?.status ?? 'waiting',
          ...loggedReason(transition.state, s.id),
        })),
      },
    });
    this.apply(parentId, running, transition);
  }

  /**
   * Stops a running plan before the executor cancels its steps: a step that settles from now on
   * launches nothing after it (no dependent step, no sweep of late intruders), and the plan leaves
   * its own outcome to the executor, which records the cancellation.
   */
  cancel(parentId: string): void {
    const running = this.running.get(parentId);
    if (running) running.cancelled = true;
  }

  retry(parentId: string): void {
    const running = this.running.get(parentId);
    if (!running) return;
    running.cancelled = false;
    let state = running.state;
    const relaunch: string[] = [];
    for (const step of running.plan.steps) {
      if (state.steps[step.id]?.status !== 'failed') continue;
      state = retryStep(running.plan, state, step.id, this.options.scheduler.now()).state;
      relaunch.push(step.id);
    }
    running.state = state;
    // The plan is under way again: its outcome goes back to pending and settles anew when the steps do.
    if (relaunch.length > 0) this.options.reopen?.(parentId);
    this.publish(parentId, running);
    for (const stepId of relaunch) {
      const child = running.children.get(stepId);
      if (child) this.options.retryChild?.(child);
    }
  }

  /** Called by the executor whenever an action settles; moves the plan on if it was a step. */
  childSettled(outcome: ActionOutcome): void {
    const link = this.childToParent.get(outcome.actionId);
    if (!link || outcome.status === 'pending') return;
    const running = this.running.get(link.parentId);
    if (!running) return;
    let transition = settleStep(
      running.plan,
      running.state,
      link.stepId,
      { ok: outcome.status === 'confirmed', ...(outcome.reason ? { reason: outcome.reason } : {}) },
      this.options.scheduler.now(),
    );
    if (running.cancelled) transition = { state: transition.state, launch: [] };
    else if (running.plan.id === 'contain' && link.stepId === 'lock' && outcome.status === 'confirmed') {
      // Intruders who joined while the lock was on its way are ejected too; after it, none can join.
      const swept = this.sweep(running, transition.state);
      if (swept) {
        running.plan = swept.plan;
        transition = { state: swept.state, launch: [...transition.launch, ...swept.launch] };
      }
    }
    this.apply(link.parentId, running, transition);
  }

  private sweep(running: Running, state: PlanState): ({ plan: Plan } & PlanTransition) | undefined {
    const target = this.options.target();
    if (!target || !this.containSteps().ejectFlagged) return undefined;
    const planned = new Set(running.plan.steps.flatMap((s) => ('participantId' in s.intent ? [s.intent.participantId] : [])));
    const late = this.containTargets([], target).filter((id) => !planned.has(id));
    if (late.length === 0) return undefined;
    const offset = running.plan.steps.filter((s) => s.id.startsWith('eject')).length;
    const steps = late.map((participantId, i) => ({
      id: `eject${offset + i + 1}`,
      intent: { kind: 'eject' as const, participantId },
      after: [],
      byHand: 'remove this participant in the platform.',
    }));
    return extendPlan(running.plan, state, steps, this.options.scheduler.now());
  }

  private apply(parentId: string, running: Running, transition: PlanTransition): void {
    running.state = transition.state;
    for (const step of transition.launch) {
      const id = childId(parentId, step.id);
      running.children.set(step.id, id);
      this.childToParent.set(id, { parentId, stepId: step.id });
    }
    // The checklist goes out once, then every step starts: per-step publishing would delay the
    // first request by a serialisation of the whole plan per step.
    this.publish(parentId, running);
    for (const step of transition.launch)
      this.options.launch({ ...step.intent, id: childId(parentId, step.id) } as PlatformAction, parentId);
  }

  private publish(parentId: string, running: Running): void {
    const { plan, state } = running;
    const steps = plan.steps.map((s) => {
      const actionId = running.children.get(s.id);
      return {
        id: s.id,
        kind: s.intent.kind,
        status: state.steps[s.id]?.status ?? 'waiting',
        ...reasonOf(state, s.id),
        ...(actionId ? { actionId } : {}),
      };
    });
    const change: Partial<ActionOutcome> = { plan: { name: plan.name, steps }, children: [...running.children.values()] };
    if (state.status !== 'running' && !running.cancelled && this.options.outcomeOf(parentId)?.status === 'pending') {
      const failed = steps.filter((s) => s.status === 'failed');
      const skipped = steps.filter((s) => s.status === 'skipped');
      const parts = [
        ...(failed.length ? [`Failed: ${failed.map((s) => `${s.id} (${s.reason ?? 'no reason given'})`).join('; ')}.`] : []),
        ...(skipped.length ? [`Skipped: ${skipped.map((s) => `${s.id} (${describeStep(state.steps[s.id]) ?? ''})`).join('; ')}.`] : []),
        ...(steps.length === 0 ? ['Nothing to change: every control is already as it was.'] : []),
      ];
      const now = this.options.scheduler.now();
      this.options.update(parentId, {
        ...change,
        status: state.status,
        retryable: failed.length > 0,
        settledAt: now,
        latencyMs: now - (this.options.outcomeOf(parentId)?.requestedAt ?? now),
        ...(parts.length ? { reason: clip(parts.join(' '), 2000) } : {}),
      });
      this.options.log({
        kind: 'plan.finished',
        data: { actionId: parentId, name: plan.name, status: state.status, durationMs: now - state.startedAt },
      });
      if (plan.id === 'restore' && state.status === 'confirmed') this.captured = null;
      return;
    }
    this.options.update(parentId, change);
  }

  private fail(actionId: string, reason: string): void {
    const now = this.options.scheduler.now();
    this.options.update(actionId, { status: 'failed', reason, retryable: false, settledAt: now });
  }
}

/** The step's reason with the plan's manual fallback, for the incident log. */
function loggedReason(state: PlanState, stepId: string): { reason?: string } {
  const reason = describeStep(state.steps[stepId]);
  return reason !== undefined ? { reason } : {};
}

/** The step's reason in the platform's words; the console adds its own translated manual fallback. */
function reasonOf(state: PlanState, stepId: string): { reason?: string } {
  const reason = state.steps[stepId]?.reason;
  return reason !== undefined ? { reason } : {};
}

/** An outcome's reason is at most 2,000 characters on the wire: a long list of failed steps is cut, saying so. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
