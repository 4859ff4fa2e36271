import { describeIssues } from '../../../shared/contract/reply';
import type { EntryBody } from '../../../shared/incident/entry';
import { Action, type ActionOutcome, type ActionRequest } from '../../../shared/model/action';
import type { Scheduler } from '../../../shared/util/time';
import { ProviderError, type ProviderSession } from '../provider';
import type { SessionController } from '../session/sessionController';

/** Where actions go: the attached meeting's provider session and its state. */
export interface ActionTarget {
  session: ProviderSession;
  controller: SessionController;
}

export interface ActionExecutorOptions {
  scheduler: Scheduler;
  target: () => ActionTarget | null;
  log: (body: EntryBody) => void;
  onOutcome: (outcome: ActionOutcome) => void;
}

interface ActionRecord {
  action: Action | null;
  outcome: ActionOutcome;
}

class TimeoutError extends Error {}

/**
 * Runs moderator actions against the attached platform. Each action gets its outcome under the id
 * the requester chose: `pending` at once, then `confirmed` or `failed` with a reason. Re-sending an
 * id returns the existing outcome instead of acting twice.
 */
export class ActionExecutor {
  private readonly options: ActionExecutorOptions;
  private readonly records = new Map<string, ActionRecord>();

  constructor(options: ActionExecutorOptions) {
    this.options = options;
  }

  /** Every action of this session, oldest first. */
  list(): ActionOutcome[] {
    return [...this.records.values()].map((r) => r.outcome);
  }

  /** Forgets all actions (a new session starts). */
  reset(): void {
    this.records.clear();
  }

  run(request: ActionRequest): ActionOutcome {
    const existing = this.records.get(request.id);
    if (existing) return existing.outcome;
    const now = this.options.scheduler.now();
    const parsed = Action.safeParse(request);
    if (!parsed.success) {
      const outcome = this.failedOutcome(request.id, request.kind, now, `This action is not valid: ${describeIssues(parsed.error)}`);
      this.records.set(request.id, { action: null, outcome });
      this.options.log({ kind: 'action.failed', data: { outcome } });
      this.options.onOutcome(outcome);
      return outcome;
    }
    const action = parsed.data;
    const target = this.describeTarget(action);
    const record: ActionRecord = {
      action,
      outcome: {
        actionId: action.id,
        kind: action.kind,
        status: 'pending',
        requestedAt: now,
        attempts: 0,
        retryable: false,
        ...(target ?? {}),
      },
    };
    this.records.set(action.id, record);
    this.options.log({ kind: 'action.requested', data: { action, ...(target ? { target: target.target } : {}) } });
    this.start(record, action);
    return record.outcome;
  }

  retry(actionId: string): ActionOutcome {
    const record = this.records.get(actionId);
    if (!record) {
      const outcome = this.failedOutcome(
        actionId,
        'unknown',
        this.options.scheduler.now(),
        `No action with id "${actionId}" was requested in this session.`,
      );
      this.options.log({ kind: 'action.failed', data: { outcome } });
      return outcome;
    }
    if (record.outcome.status !== 'failed' || !record.action) return record.outcome;
    this.start(record, record.action);
    return record.outcome;
  }

  private start(record: ActionRecord, action: Action): void {
    const refusal = this.refusal(action);
    if (refusal) {
      this.settle(record, { status: 'failed', reason: refusal, retryable: false });
      return;
    }
    const target = this.options.target();
    if (!target) return; // refusal() already covers this; kept for the type checker
    void this.attempt(record, action, target.session);
  }

  private async attempt(record: ActionRecord, action: Action, session: ProviderSession): Promise<void> {
    const { scheduler } = this.options;
    const attempt = record.outcome.attempts + 1;
    const started = scheduler.now();
    const { reason: _reason, settledAt: _settledAt, latencyMs: _latency, ...rest } = record.outcome;
    record.outcome = { ...rest, status: 'pending', attempts: attempt, retryable: false };
    this.options.log({ kind: 'action.attempt', data: { actionId: action.id, attempt } });
    this.options.onOutcome(record.outcome);

    const abort = new AbortController();
    let cancelTimer = (): void => undefined;
    const timeoutMs = session.limits.callTimeoutMs;
    const timedOut = new Promise<never>((_, reject) => {
      cancelTimer = scheduler.setTimeout(() => {
        abort.abort();
        reject(new TimeoutError());
      }, timeoutMs);
    });
    try {
      await Promise.race([session.perform(action, abort.signal), timedOut]);
      this.settle(record, { status: 'confirmed', retryable: false }, scheduler.now() - started);
    } catch (error) {
      this.settle(record, explainFailure(error, timeoutMs), scheduler.now() - started);
    } finally {
      cancelTimer();
    }
  }

  private settle(
    record: ActionRecord,
    result: { status: 'confirmed' | 'failed'; reason?: string; retryable: boolean },
    latencyMs?: number,
  ): void {
    record.outcome = {
      ...record.outcome,
      status: result.status,
      retryable: result.retryable,
      settledAt: this.options.scheduler.now(),
      ...(result.reason !== undefined ? { reason: result.reason } : {}),
      ...(latencyMs !== undefined ? { latencyMs } : {}),
    };
    const outcome = record.outcome;
    this.options.log(
      outcome.status === 'confirmed' ? { kind: 'action.confirmed', data: { outcome } } : { kind: 'action.failed', data: { outcome } },
    );
    this.options.onOutcome(outcome);
  }

  /** Why an action cannot be attempted at all, or undefined when it can. */
  private refusal(action: Action): string | undefined {
    const target = this.options.target();
    if (!target) return 'No meeting is attached.';
    const { controller, session } = target;
    if (controller.meeting.status === 'ended') return 'The meeting has already ended.';
    const capability = session.capabilities[action.kind];
    if (!capability.available) {
      return capability.alternative ? `${capability.reason} ${capability.alternative}` : capability.reason;
    }
    if (action.kind === 'eject') {
      const participant = controller.participant(action.participantId);
      if (!participant) return `No participant with id "${action.participantId}" is in this meeting.`;
      if (participant.presence === 'left') return `${participant.displayName} has already left the meeting.`;
    }
    return undefined;
  }

  private describeTarget(action: Action): { target: string; participantId: string } | undefined {
    if (action.kind !== 'eject') return undefined;
    const participant = this.options.target()?.controller.participant(action.participantId);
    return { target: participant?.displayName ?? action.participantId, participantId: action.participantId };
  }

  private failedOutcome(actionId: string, kind: string, now: number, reason: string): ActionOutcome {
    return { actionId, kind: kind.slice(0, 64), status: 'failed', reason, requestedAt: now, settledAt: now, attempts: 0, retryable: false };
  }
}

function explainFailure(error: unknown, timeoutMs: number): { status: 'failed'; reason: string; retryable: boolean } {
  if (error instanceof TimeoutError) {
    return {
      status: 'failed',
      reason: `The platform did not answer within ${Math.round(timeoutMs / 1000)} s. It may still take effect: check the roster before retrying.`,
      retryable: true,
    };
  }
  if (error instanceof ProviderError) return { status: 'failed', reason: error.message, retryable: error.retryable };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'failed', reason: `Unexpected error: ${message}`, retryable: true };
}
