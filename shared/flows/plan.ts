import type { PlatformIntent } from '../model/action';
import { capabilityRefusal, type Capabilities } from '../model/capability';

/** One step of a plan: an action, the steps it waits for, and what to do by hand if it cannot run. */
export interface PlanStep {
  readonly id: string;
  readonly intent: PlatformIntent;
  /** Steps that must have settled (whatever their result) before this one starts. */
  readonly after: readonly string[];
  /** Shown when the platform cannot do the step: the manual fallback. */
  readonly byHand?: string;
}

/** A plan is data: steps that run in parallel unless ordered by `after`. */
export interface Plan {
  readonly id: string;
  readonly name: string;
  readonly steps: readonly PlanStep[];
}

export type StepStatus = 'waiting' | 'running' | 'confirmed' | 'failed' | 'skipped';

export interface StepState {
  readonly status: StepStatus;
  /** Why the step failed or was skipped, in the platform's words. */
  readonly reason?: string;
  /** For a skipped step, the plan's manual fallback (the console shows its own translated one). */
  readonly byHand?: string;
  readonly startedAt?: number;
  readonly settledAt?: number;
}

export interface PlanState {
  readonly steps: Readonly<Record<string, StepState>>;
  readonly startedAt: number;
  readonly finishedAt?: number;
  /** `running` until every step has settled; then `confirmed` if none failed, else `failed`. */
  readonly status: 'running' | 'confirmed' | 'failed';
}

/** The state after a transition, and the steps to launch now. */
export interface PlanTransition {
  readonly state: PlanState;
  readonly launch: readonly PlanStep[];
}

const SETTLED: readonly StepStatus[] = ['confirmed', 'failed', 'skipped'];

/** Checks a plan's shape: unique step ids, known `after` references, no cycles. */
export function validatePlan(plan: Plan): string | undefined {
  const ids = new Set<string>();
  for (const step of plan.steps) {
    if (ids.has(step.id)) return `Step "${step.id}" appears twice.`;
    ids.add(step.id);
  }
  for (const step of plan.steps) {
    for (const dep of step.after) if (!ids.has(dep)) return `Step "${step.id}" waits for unknown step "${dep}".`;
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const visit = (id: string): boolean => {
    if (done.has(id)) return true;
    if (visiting.has(id)) return false;
    visiting.add(id);
    for (const dep of byId.get(id)?.after ?? []) if (!visit(dep)) return false;
    visiting.delete(id);
    done.add(id);
    return true;
  };
  for (const step of plan.steps) if (!visit(step.id)) return `Steps wait for each other in a cycle (at "${step.id}").`;
  return undefined;
}

function advance(plan: Plan, steps: Record<string, StepState>, now: number, startedAt: number): PlanTransition {
  const launch: PlanStep[] = [];
  for (const step of plan.steps) {
    const current = steps[step.id];
    if (current?.status !== 'waiting') continue;
    if (step.after.every((dep) => SETTLED.includes(steps[dep]?.status ?? 'waiting'))) {
      steps[step.id] = { status: 'running', startedAt: now };
      launch.push(step);
    }
  }
  const all = plan.steps.map((s) => steps[s.id]?.status ?? 'waiting');
  const settled = all.every((s) => SETTLED.includes(s));
  const state: PlanState = settled
    ? { steps, startedAt, finishedAt: now, status: all.includes('failed') ? 'failed' : 'confirmed' }
    : { steps, startedAt, status: 'running' };
  return { state, launch };
}

/**
 * Starts a plan: steps the platform cannot perform are skipped with the reason (and the manual
 * fallback), and every step with nothing to wait for is launched at once.
 */
export function startPlan(plan: Plan, capabilities: Capabilities, now: number): PlanTransition {
  const steps: Record<string, StepState> = {};
  for (const step of plan.steps) {
    const refusal = capabilityRefusal(capabilities, step.intent);
    steps[step.id] = refusal
      ? { status: 'skipped', reason: refusal, ...(step.byHand ? { byHand: step.byHand } : {}), settledAt: now }
      : { status: 'waiting' };
  }
  return advance(plan, steps, now, now);
}

/** Records a step's result and launches whatever was waiting for it. */
export function settleStep(
  plan: Plan,
  state: PlanState,
  stepId: string,
  result: { ok: boolean; reason?: string },
  now: number,
): PlanTransition {
  const current = state.steps[stepId];
  if (current?.status !== 'running') return { state, launch: [] };
  const steps = { ...state.steps };
  steps[stepId] = {
    ...current,
    status: result.ok ? 'confirmed' : 'failed',
    settledAt: now,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
  };
  return advance(plan, steps, now, state.startedAt);
}

/** Runs a failed step again. */
export function retryStep(plan: Plan, state: PlanState, stepId: string, now: number): PlanTransition {
  const step = plan.steps.find((s) => s.id === stepId);
  if (!step || state.steps[stepId]?.status !== 'failed') return { state, launch: [] };
  const steps = { ...state.steps, [stepId]: { status: 'running' as const, startedAt: now } };
  return { state: { steps, startedAt: state.startedAt, status: 'running' }, launch: [step] };
}

/**
 * Adds steps to a running plan (e.g. intruders who arrived while the lock was on its way) and
 * launches those with nothing to wait for. Steps whose id already exists are ignored.
 */
export function extendPlan(plan: Plan, state: PlanState, added: readonly PlanStep[], now: number): { plan: Plan } & PlanTransition {
  const known = new Set(plan.steps.map((s) => s.id));
  const fresh = added.filter((s) => !known.has(s.id));
  if (fresh.length === 0) return { plan, state, launch: [] };
  const extended: Plan = { ...plan, steps: [...plan.steps, ...fresh] };
  const steps: Record<string, StepState> = { ...state.steps };
  for (const step of fresh) steps[step.id] = { status: 'waiting' };
  return { plan: extended, ...advance(extended, steps, now, state.startedAt) };
}

/** A step's reason with its manual fallback, as the incident log records it. */
export function describeStep(state: StepState | undefined): string | undefined {
  if (!state?.reason) return state?.byHand ? `By hand: ${state.byHand}` : undefined;
  return state.byHand ? `${state.reason} By hand: ${state.byHand}` : state.reason;
}
