import { describe, expect, it } from 'vitest';
import { ProviderError } from '../provider';
import { CallTimeoutError, decideRetry, DEFAULT_RETRY_POLICY, describeFailure, type RetryPolicy } from './retryPolicy';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 4_000, maxRetryAfterMs: 30_000 };
const never = (): number => {
  throw new Error('jitter must not be drawn when the platform named the wait');
};

describe('decideRetry', () => {
  it('stops at once, not retryable, when the platform refused for good (403, 404, bad request)', () => {
    for (const status of [403, 404, 400]) {
      const decision = decideRetry(new ProviderError(`refused ${status}`, { status }), 'lock', 1, policy, Math.random);
      expect(decision).toEqual({ retry: false, reason: `refused ${status}`, retryable: false });
    }
    const unsupported = new ProviderError('Not on this platform.', { kind: 'unsupported' });
    expect(decideRetry(unsupported, 'eject', 1, policy, Math.random)).toMatchObject({ retry: false, retryable: false });
  });

  it('an idempotent action is retried after a timeout, a 5xx, a dropped connection and an unknown throw', () => {
    const errors: unknown[] = [
      new CallTimeoutError(2_000),
      new ProviderError('503', { status: 503 }),
      new ProviderError('dropped', { kind: 'network' }),
      'something odd',
    ];
    for (const error of errors) expect(decideRetry(error, 'lock', 1, policy, () => 0.5)).toEqual({ retry: true, delayMs: 150 });
  });

  it('a chat message is not repeated after a timeout, a 5xx or a dropped connection: it may have gone through', () => {
    for (const error of [
      new CallTimeoutError(2_000),
      new ProviderError('503', { status: 503 }),
      new ProviderError('x', { kind: 'network' }),
    ]) {
      const decision = decideRetry(error, 'postChat', 1, policy, () => 0.5);
      expect(decision).toMatchObject({ retry: false, retryable: true, reason: expect.stringMatching(/Not repeated automatically/) });
    }
    expect(decideRetry(new CallTimeoutError(2_000), 'postChat', 1, policy, () => 0.5)).toMatchObject({
      reason: expect.stringMatching(/did not answer within 2 s\. It may still take effect.*Not repeated automatically/),
    });
  });

  it('a chat message is repeated when the platform certainly refused it: 429 and an expired sign-in', () => {
    const limited = new ProviderError('429', { status: 429, retryAfterMs: 1_200 });
    expect(decideRetry(limited, 'postChat', 1, policy, never)).toEqual({ retry: true, delayMs: 1_200 });
    expect(decideRetry(new ProviderError('401', { status: 401 }), 'postChat', 1, policy, () => 1)).toEqual({ retry: true, delayMs: 300 });
  });

  it('gives up after the last attempt, saying how many were made', () => {
    expect(decideRetry(new CallTimeoutError(2_000), 'lock', 3, policy, () => 0)).toMatchObject({ retry: true });
    expect(decideRetry(new CallTimeoutError(2_000), 'lock', 4, policy, () => 0)).toEqual({
      retry: false,
      retryable: true,
      reason: expect.stringMatching(/gave up after 4 attempts\)$/),
    });
    const limited = new ProviderError('429', { status: 429, retryAfterMs: 100 });
    expect(decideRetry(limited, 'lock', 4, policy, never)).toMatchObject({ retry: false, retryable: true });
  });

  it('waits exactly the Retry-After of a 429 or a 503, up to the ceiling, without jitter', () => {
    expect(decideRetry(new ProviderError('429', { status: 429, retryAfterMs: 7_000 }), 'eject', 1, policy, never)).toEqual({
      retry: true,
      delayMs: 7_000,
    });
    expect(decideRetry(new ProviderError('503', { status: 503, retryAfterMs: 30_000 }), 'eject', 2, policy, never)).toEqual({
      retry: true,
      delayMs: 30_000,
    });
  });

  it('a Retry-After beyond the ceiling fails the action at once, naming the wait in seconds', () => {
    const decision = decideRetry(new ProviderError('Maintenance.', { status: 503, retryAfterMs: 30_001 }), 'lock', 1, policy, never);
    expect(decision).toEqual({ retry: false, retryable: true, reason: 'Maintenance. The platform asks to wait 31 s.' });
    expect(DEFAULT_RETRY_POLICY.maxRetryAfterMs).toBe(30_000);
  });

  it('otherwise backs off exponentially with full jitter, capped at the longest delay', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map(
      (attempt) =>
        (decideRetry(new CallTimeoutError(1_000), 'lock', attempt, { ...policy, maxAttempts: 10 }, () => 1) as { delayMs: number }).delayMs,
    );
    expect(ceilings).toEqual([300, 600, 1_200, 2_400, 4_000, 4_000]);
    expect(decideRetry(new CallTimeoutError(1_000), 'lock', 3, policy, () => 0)).toEqual({ retry: true, delayMs: 0 });
    expect(decideRetry(new CallTimeoutError(1_000), 'lock', 3, policy, () => 0.25)).toEqual({ retry: true, delayMs: 300 });
  });
});

describe('describeFailure', () => {
  it('warns that a timed-out call may still take effect, and passes other messages through', () => {
    expect(describeFailure(new CallTimeoutError(10_000))).toBe(
      'The platform did not answer within 10 s. It may still take effect: check the roster before retrying.',
    );
    expect(describeFailure(new ProviderError('Webex answered 500'))).toBe('Webex answered 500');
    expect(describeFailure(42)).toBe('42');
  });
});
