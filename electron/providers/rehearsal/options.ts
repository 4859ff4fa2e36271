import { z } from 'zod';
import { ACTION_KINDS } from '../../../shared/model/action';
import { CAPABILITIES, CapabilityName } from '../../../shared/model/capability';

const ActionKindEnum = z.enum(ACTION_KINDS as [string, ...string[]]);

/**
 * How a rehearsal meeting plays and how the simulated platform behaves. Every field has a default,
 * so `{}` is a valid choice: the story's drill in real time with a realistic, healthy platform.
 */
export const RehearsalOptions = z
  .object({
    /** Same seed, same meeting: names, times and intruders. */
    seed: z.number().int().min(0).max(0xffffffff).default(20_241_127),
    /** Scenario minutes per real minute: 60 plays an hour in a minute. */
    timeScale: z.number().min(0.1).max(10_000).default(1),
    /** Start at the opening, or one scenario minute before the intruders arrive. */
    startAt: z.enum(['beginning', 'beforeIntrusion']).default('beginning'),
    /** Round trip of each platform call, in real milliseconds, plus up to `jitterMs`. */
    latencyMs: z.number().min(0).max(30_000).default(150),
    jitterMs: z.number().min(0).max(30_000).default(100),
    /** Calls per second the simulated platform accepts before answering 429. */
    rateLimitPerSecond: z.number().int().min(1).max(10_000).default(20),
    /** Share of calls that fail with a 503, from 0 to 1. */
    failureRate: z.number().min(0).max(1).default(0),
    /** Actions that always fail with a 503. */
    failing: z.array(ActionKindEnum).max(ACTION_KINDS.length).default([]),
    /** Share of calls whose connection drops before the platform answers (it may or may not have acted). */
    dropRate: z.number().min(0).max(1).default(0),
    /** The first this-many calls after attach are answered 429 with a Retry-After (a rate-limit storm). */
    stormCalls: z.number().int().min(0).max(10_000).default(0),
    stormRetryAfterMs: z.number().int().min(0).max(60_000).default(300),
    /** After this many calls the sign-in expires: calls fail with 401 until the token is refreshed. */
    tokenLifetimeCalls: z.number().int().min(0).max(100_000).default(0),
    /** Actions the platform never answers (to exercise timeouts). */
    unresponsive: z.array(ActionKindEnum).max(ACTION_KINDS.length).default([]),
    /** Capabilities this platform lacks (added to the scenario's own): shown disabled, with the reason. */
    disabled: z.array(CapabilityName).max(CAPABILITIES.length).default([]),
    /** How long the executor waits for one call. */
    callTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** The town hall's crowd: how many join at the start, and how many come and go each second. */
    crowd: z
      .object({
        size: z.number().int().min(1).max(50_000),
        churnPerSecond: z.number().int().min(0).max(2_000),
        churnDurationMs: z.number().int().min(0).max(3_600_000),
        intruders: z.number().int().min(0).max(1_000).optional(),
      })
      .strict()
      .optional(),
    /** Scenario time an ejected intruder waits before trying to come back. */
    rejoinDelayMs: z.number().int().min(0).max(3_600_000).default(75_000),
  })
  .strict();
export type RehearsalOptions = z.infer<typeof RehearsalOptions>;
