import { NON_IDEMPOTENT_KINDS, type ActionKind } from '../../../shared/model/action';
import { MAX_RETRY_AFTER_MS, ProviderError } from '../provider';

/** Bounds on automatic retries, so every action settles within a bounded time. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the action fails and says why. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 4_000,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
};

/** The call did not answer within the provider's call timeout. */
export class CallTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The platform did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  }
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string; retryable: boolean };

/** Errors after which the platform certainly did not act: safe to repeat even a chat message. */
function certainlyRejected(error: unknown): boolean {
  return error instanceof ProviderError && (error.kind === 'rateLimited' || error.kind === 'auth');
}

export function describeFailure(error: unknown): string {
  if (error instanceof CallTimeoutError) return `${error.message} It may still take effect: check the roster before retrying.`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * What to do after a failed attempt: retry after a delay (the platform's Retry-After when it gave
 * one, otherwise exponential backoff with full jitter), or stop with the reason. Actions that are
 * not idempotent are repeated only when the platform certainly refused the call.
 */
export function decideRetry(error: unknown, kind: ActionKind, attempt: number, policy: RetryPolicy, random: () => number): RetryDecision {
  const reason = describeFailure(error);
  const retryable = error instanceof CallTimeoutError || (error instanceof ProviderError ? error.retryable : true);
  if (!retryable) return { retry: false, reason, retryable: false };
  if (NON_IDEMPOTENT_KINDS.includes(kind) && !certainlyRejected(error)) {
    return { retry: false, reason: `${reason} Not repeated automatically: it may already have gone through.`, retryable: true };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `${reason} (gave up after ${attempt} attempts)`, retryable: true };
  const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined) {
    if (retryAfter > policy.maxRetryAfterMs) {
      return { retry: false, reason: `${reason} The platform asks to wait ${Math.ceil(retryAfter / 1000)} s.`, retryable: true };
    }
    return { retry: true, delayMs: retryAfter };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.round(random() * ceiling) };
}
