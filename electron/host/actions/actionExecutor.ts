import { describeIssues } from '../../../shared/contract/reply';
import type { EntryBody } from '../../../shared/incident/entry';
import { Action, isCompositeAction, type ActionOutcome, type ActionRequest, type PlatformAction } from '../../../shared/model/action';
import { capabilityRefusal, onlyAsksParticipant } from '../../../shared/model/capability';
import type { Scheduler } from '../../../shared/util/time';
import { ProviderError, type ActionNote, type ProviderSession } from '../provider';
import type { SessionController } from '../session/sessionController';
import type { ProviderLimiter } from './limiter';
import type { ContainSteps } from '../../../shared/model/panic';
import { PlanRunner } from './planRunner';
import { CallTimeoutError, decideRetry, DEFAULT_RETRY_POLICY, describeFailure, type RetryPolicy } from './retryPolicy';

/** Where actions go: the attached meeting's provider session, its state and its limiter. */
export interface ActionTarget {
  session: ProviderSession;
  controller: SessionController;
  limiter: ProviderLimiter;
}

export interface ActionExecutorOptions {
  scheduler: Scheduler;
  target: () => ActionTarget | null;
  log: (body: EntryBody) => void;
  onOutcome: (outcome: ActionOutcome) => void;
  /** An unexpected exception while an action runs (a bug, not a platform failure): it is recorded. */
  onError?: (context: string, error: unknown) => void;
  retryPolicy?: RetryPolicy;
  /** Posted to everyone just before End for all, when set and the platform can post. */
  closingMessage?: () => string;
  /** Which steps Contain takes. */
  containSteps?: () => ContainSteps;
  /** Source of jitter; injected so tests are repeatable. */
  random?: () => number;
}

interface ActionRecord {
  action: Action | null;
  outcome: ActionOutcome;
  abort?: AbortController;
  cancelRetry?: () => void;
  cancelled?: boolean;
}

/**
 * Runs moderator actions against the attached platform. Each action gets its outcome under the id
 * the requester chose: `pending` at once, then `confirmed` or `failed` with a reason. Calls pass
 * through the provider's limiter; failed attempts are retried within the retry policy (honouring
 * Retry-After, refreshing an expired token once, never blindly repeating a non-idempotent call).
 * Composite actions run as plans. Re-sending an id returns the existing outcome.
 */
export class ActionExecutor {
  private readonly options: ActionExecutorOptions;
  private readonly records = new Map<string, ActionRecord>();
  /** Callbacks waiting for an action to settle (the closing message before End for all). */
  private readonly settledWaiters = new Map<string, () => void>();
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  readonly plans: PlanRunner;

  constructor(options: ActionExecutorOptions) {
    this.options = options;
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.random = options.random ?? Math.random;
    this.plans = new PlanRunner({
      scheduler: options.scheduler,
      target: options.target,
      log: options.log,
      launch: (action, parentId) => this.launchChild(action, parentId),
      retryChild: (actionId) => void this.retry(actionId),
      update: (id, change) => this.update(id, change),
      reopen: (id) => this.reopen(id),
      outcomeOf: (id) => this.records.get(id)?.outcome,
      ...(options.containSteps ? { containSteps: options.containSteps } : {}),
    });
  }

  /** Every action of this session, oldest first. */
  list(): ActionOutcome[] {
    return [...this.records.values()].map((r) => r.outcome);
  }

  /** Cancels everything in flight and forgets all actions (a new session starts). */
  reset(): void {
    for (const record of this.records.values()) {
      record.cancelled = true;
      record.abort?.abort();
      record.cancelRetry?.();
    }
    this.records.clear();
    this.plans.reset();
  }

  run(request: ActionRequest): ActionOutcome {
    const existing = this.records.get(request.id);
    if (existing) return existing.outcome;
    const now = this.options.scheduler.now();
    const parsed = Action.safeParse(request);
    if (!parsed.success) {
      const outcome = failedOutcome(request.id, request.kind, now, `This action is not valid: ${describeIssues(parsed.error)}`);
      this.records.set(request.id, { action: null, outcome });
      this.options.log({ kind: 'action.failed', data: { outcome } });
      this.options.onOutcome(outcome);
      return outcome;
    }
    return this.start(parsed.data);
  }

  retry(actionId: string): ActionOutcome {
    const record = this.records.get(actionId);
    if (!record) {
      const outcome = failedOutcome(
        actionId,
        'unknown',
        this.options.scheduler.now(),
        `No action with id "${actionId}" was requested in this session.`,
      );
      this.options.log({ kind: 'action.failed', data: { outcome } });
      return outcome;
    }
    if (record.outcome.status !== 'failed' || !record.action) return record.outcome;
    if (isCompositeAction(record.action)) {
      this.plans.retry(actionId);
      return this.records.get(actionId)?.outcome ?? record.outcome;
    }
    record.cancelled = false;
    this.begin(record, record.action as PlatformAction);
    return record.outcome;
  }

  /** Stops a pending action: the call in flight is abandoned and no retry follows. */
  cancel(actionId: string): ActionOutcome | undefined {
    const record = this.records.get(actionId);
    if (!record || record.outcome.status !== 'pending') return record?.outcome;
    record.cancelled = true;
    record.abort?.abort();
    record.cancelRetry?.();
    if (record.action && isCompositeAction(record.action)) this.plans.cancel(actionId);
    for (const child of record.outcome.children ?? []) this.cancel(child);
    this.settle(record, { status: 'failed', reason: 'Cancelled by the moderator.', retryable: true });
    return record.outcome;
  }

  private start(action: Action, parentId?: string): ActionOutcome {
    const target = this.describeTarget(action);
    const record: ActionRecord = {
      action,
      outcome: {
        actionId: action.id,
        kind: action.kind,
        status: 'pending',
        requestedAt: this.options.scheduler.now(),
        attempts: 0,
        retryable: false,
        ...(target ?? {}),
        ...(parentId ? { parentId } : {}),
      },
    };
    this.records.set(action.id, record);
    this.options.log({
      kind: 'action.requested',
      data: { action, ...(target ? { target: target.target } : {}), ...(parentId ? { parentId } : {}) },
    });
    if (isCompositeAction(action)) {
      this.options.onOutcome(record.outcome);
      this.plans.start(action);
    } else {
      this.begin(record, action);
    }
    return this.records.get(action.id)?.outcome ?? record.outcome;
  }

  /** A settled composite action runs again (its failed steps are retried): pending, one more attempt, logged. */
  private reopen(actionId: string): void {
    const record = this.records.get(actionId);
    if (!record || record.outcome.status === 'pending') return;
    record.cancelled = false;
    const { reason, settledAt: _settledAt, latencyMs: _latency, ...rest } = record.outcome;
    const attempt = record.outcome.attempts + 1;
    record.outcome = { ...rest, status: 'pending', attempts: attempt, retryable: false };
    this.options.log({ kind: 'action.attempt', data: { actionId, attempt, ...(reason ? { previousError: reason } : {}) } });
    this.options.onOutcome(record.outcome);
  }

  private launchChild(action: PlatformAction, parentId: string): ActionOutcome {
    return this.start(action, parentId);
  }

  private update(actionId: string, change: Partial<ActionOutcome>): void {
    const record = this.records.get(actionId);
    if (!record) return;
    const wasPending = record.outcome.status === 'pending';
    record.outcome = { ...record.outcome, ...change };
    const settled = wasPending && record.outcome.status !== 'pending';
    if (settled) this.settledWaiters.get(actionId)?.();
    if (settled) {
      this.options.log(
        record.outcome.status === 'confirmed'
          ? { kind: 'action.confirmed', data: { outcome: record.outcome } }
          : { kind: 'action.failed', data: { outcome: record.outcome } },
      );
    }
    this.options.onOutcome(record.outcome);
    if (settled && record.outcome.parentId) this.plans.childSettled(record.outcome);
  }

  private begin(record: ActionRecord, action: PlatformAction): void {
    const refusal = this.refusal(action);
    if (refusal) {
      this.settle(record, { status: 'failed', reason: refusal, retryable: false });
      return;
    }
    if (action.kind === 'endForAll' && record.outcome.attempts === 0) {
      const closing = this.postClosingMessage(action.id);
      if (closing) {
        this.guard(
          action.id,
          closing.then(() => this.attempt(record, action, false)),
        );
        return;
      }
    }
    this.guard(action.id, this.attempt(record, action, false));
  }

  /**
   * Posts the event's closing message before the meeting ends, when one is set and the platform can
   * post. The end waits for the post to settle, at most a few seconds: ending must never hang on chat.
   */
  private postClosingMessage(endId: string): Promise<void> | undefined {
    const text = this.options.closingMessage?.().trim();
    const target = this.options.target();
    if (!text || !target || capabilityRefusal(target.session.capabilities, { kind: 'postChat', text })) return undefined;
    const id = `${endId.slice(0, 55)}-closing`;
    const settled = new Promise<void>((resolve) => {
      this.settledWaiters.set(id, resolve);
      this.options.scheduler.setTimeout(resolve, 3_000);
    }).finally(() => this.settledWaiters.delete(id));
    this.start({ id, kind: 'postChat', text: text.slice(0, 2000) }, endId);
    this.update(endId, { children: [id] });
    return settled;
  }

  private async attempt(
    record: ActionRecord,
    action: PlatformAction,
    refreshed: boolean,
    previousError?: string,
    delayMs?: number,
  ): Promise<void> {
    const target = this.options.target();
    if (!target || record.cancelled) return;
    const { scheduler } = this.options;
    const attempt = record.outcome.attempts + 1;
    const { reason: _reason, settledAt: _settledAt, latencyMs: _latency, ...rest } = record.outcome;
    record.outcome = { ...rest, status: 'pending', attempts: attempt, retryable: false };
    this.options.log({
      kind: 'action.attempt',
      data: { actionId: action.id, attempt, ...(previousError ? { previousError } : {}), ...(delayMs !== undefined ? { delayMs } : {}) },
    });
    this.options.onOutcome(record.outcome);

    const started = scheduler.now();
    try {
      const done = await target.limiter.schedule(action.kind, () => this.call(record, action, target.session));
      if (record.cancelled) return;
      // A provider may note what it did beyond the request (made the room moderated first); where the
      // platform can only ask (Zoom's unmute), done means asked: say so rather than imply it took effect.
      const note = done
        ? done.note.slice(0, 2000)
        : onlyAsksParticipant(target.session.capabilities, action)
          ? 'The platform asked the participant; they decide whether to do it.'
          : undefined;
      this.settle(
        record,
        { status: 'confirmed', retryable: false, ...(note ? { reason: note } : {}) },
        scheduler.now() - record.outcome.requestedAt,
      );
    } catch (error) {
      if (record.cancelled) return;
      if (error instanceof ProviderError && error.kind === 'auth' && !refreshed && target.session.refreshAuth) {
        try {
          await target.session.refreshAuth();
        } catch (refreshError) {
          this.settle(
            record,
            { status: 'failed', reason: `The sign-in expired and could not be renewed: ${describeFailure(refreshError)}`, retryable: true },
            scheduler.now() - started,
          );
          return;
        }
        this.guard(action.id, this.attempt(record, action, true, describeFailure(error), 0));
        return;
      }
      if (this.alreadyDone(action, attempt, error)) {
        this.settle(
          record,
          { status: 'confirmed', retryable: false, reason: 'An earlier attempt took effect (its answer was lost).' },
          scheduler.now() - record.outcome.requestedAt,
        );
        return;
      }
      const decision = decideRetry(error, action.kind, attempt, this.policy, this.random);
      if (!decision.retry) {
        this.settle(
          record,
          { status: 'failed', reason: decision.reason, retryable: decision.retryable },
          scheduler.now() - record.outcome.requestedAt,
        );
        return;
      }
      record.cancelRetry = scheduler.setTimeout(() => {
        record.cancelRetry = undefined;
        this.guard(action.id, this.attempt(record, action, refreshed, describeFailure(error), decision.delayMs));
      }, decision.delayMs);
    }
  }

  /** Runs an attempt in the background; an exception escaping it is reported, never left unhandled. */
  private guard(actionId: string, running: Promise<void>): void {
    running.catch((error: unknown) => {
      if (this.options.onError) this.options.onError(`running action ${actionId}`, error);
      else console.error(`action ${actionId} failed unexpectedly`, error);
    });
  }

  /** One platform call with its own timeout and abort signal. */
  private async call(record: ActionRecord, action: PlatformAction, session: ProviderSession): Promise<void | ActionNote> {
    if (record.cancelled) throw new ProviderError('Cancelled by the moderator.', { kind: 'cancelled', retryable: false });
    const abort = new AbortController();
    record.abort = abort;
    let cancelTimer = (): void => undefined;
    const timedOut = new Promise<never>((_, reject) => {
      cancelTimer = this.options.scheduler.setTimeout(() => {
        abort.abort();
        reject(new CallTimeoutError(session.limits.callTimeoutMs));
      }, session.limits.callTimeoutMs);
    });
    try {
      return await Promise.race([session.perform(action, abort.signal), timedOut]);
    } finally {
      cancelTimer();
      record.abort = undefined;
    }
  }

  private settle(
    record: ActionRecord,
    result: { status: 'confirmed' | 'failed'; reason?: string; retryable: boolean },
    latencyMs?: number,
  ): void {
    this.update(record.outcome.actionId, {
      status: result.status,
      retryable: result.retryable,
      settledAt: this.options.scheduler.now(),
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
      ...(latencyMs !== undefined ? { latencyMs } : {}),
    });
  }

  /**
   * A removal retried after a lost answer meets "not found": if the roster shows the person gone,
   * the first attempt worked. Counting that as a failure would send the moderator after a ghost.
   */
  private alreadyDone(action: PlatformAction, attempt: number, error: unknown): boolean {
    if (attempt < 2 || !(error instanceof ProviderError) || (error.kind !== 'notFound' && error.kind !== 'conflict')) return false;
    if (action.kind !== 'eject' && action.kind !== 'ban' && action.kind !== 'deny') return false;
    return this.options.target()?.controller.participant(action.participantId)?.presence === 'left';
  }

  /** Why an action cannot be attempted at all, or undefined when it can. */
  private refusal(action: PlatformAction): string | undefined {
    const target = this.options.target();
    if (!target) return 'No meeting is attached.';
    const { controller, session } = target;
    if (controller.meeting.status === 'ended') return 'The meeting has already ended.';
    const refused = capabilityRefusal(session.capabilities, action);
    if (refused) return refused;
    if ('participantId' in action) {
      const participant = controller.participant(action.participantId);
      if (!participant) return `No participant with id "${action.participantId}" is in this meeting.`;
      if (participant.presence === 'left') return `${participant.displayName} has already left the meeting.`;
      if ((action.kind === 'admit' || action.kind === 'deny') && participant.presence !== 'waiting') {
        return `${participant.displayName} is not in the waiting room.`;
      }
    }
    return undefined;
  }

  private describeTarget(action: Action): { target: string; participantId: string } | undefined {
    if (!('participantId' in action)) return undefined;
    const participant = this.options.target()?.controller.participant(action.participantId);
    return { target: participant?.displayName ?? action.participantId, participantId: action.participantId };
  }
}

function failedOutcome(actionId: string, kind: string, now: number, reason: string): ActionOutcome {
  return { actionId, kind: kind.slice(0, 64), status: 'failed', reason, requestedAt: now, settledAt: now, attempts: 0, retryable: false };
}
