import { z } from 'zod';

/** Every signal the risk scorer knows, each explained to the moderator in words. */
export const RISK_SIGNALS = [
  'platformAlert',
  'impostor',
  'imitatesHost',
  'explicitName',
  'shareWithoutRole',
  'duplicateName',
  'randomName',
  'symbolName',
  'hiddenCharacters',
  'joinBurst',
  'mediaOnArrival',
  'unknownIdentity',
  'lateJoin',
  'renamed',
] as const;
export const RiskSignal = z.enum(RISK_SIGNALS);
export type RiskSignal = z.infer<typeof RiskSignal>;

/** One reason a participant looks suspicious: its weight, and what it was about (a name, a count). */
export const RiskFlag = z
  .object({ signal: RiskSignal, weight: z.number().int().min(0).max(10), detail: z.string().max(300).optional() })
  .strict();
export type RiskFlag = z.infer<typeof RiskFlag>;

export const RiskLevel = z.enum(['none', 'watch', 'flagged']);
export type RiskLevel = z.infer<typeof RiskLevel>;

export const Risk = z
  .object({ score: z.number().int().min(0).max(100), level: RiskLevel, flags: z.array(RiskFlag).max(RISK_SIGNALS.length) })
  .strict();
export type Risk = z.infer<typeof Risk>;

export const NO_RISK: Risk = { score: 0, level: 'none', flags: [] };

/**
 * How a participant relates to the expected-attendee list. `noList` when none is loaded;
 * `impostor` when the name matches an expected person who is already present, or whose identity
 * does not match.
 */
export const AttendeeMatch = z
  .object({
    status: z.enum(['noList', 'expected', 'unknown', 'impostor']),
    expectedId: z.string().max(100).optional(),
    expectedName: z.string().max(300).optional(),
    /** How the match was made or why it failed: `email`, `userId`, `name`, `alreadyPresent`, `identityMismatch`, `lookalike`. */
    basis: z.enum(['email', 'userId', 'name', 'alreadyPresent', 'identityMismatch', 'lookalike']).optional(),
  })
  .strict();
export type AttendeeMatch = z.infer<typeof AttendeeMatch>;

export const NO_LIST_MATCH: AttendeeMatch = { status: 'noList' };

/** Thresholds and windows of the risk scorer; configurable in settings. */
export const RiskSettings = z
  .object({
    /** Score at which a participant is flagged. Strong signals reach it alone; weak ones never do. */
    flagAt: z.number().int().min(1).max(20).default(4),
    /** Score at which a participant is shown as worth watching. */
    watchAt: z.number().int().min(1).max(20).default(2),
    /** Joining this long after the start counts as late. */
    lateAfterMs: z
      .number()
      .int()
      .min(0)
      .max(86_400_000)
      .default(10 * 60_000),
    /** This many unknown joiners within `burstWindowMs` is a burst. */
    burstCount: z.number().int().min(2).max(100).default(3),
    burstWindowMs: z.number().int().min(1000).max(600_000).default(20_000),
    /** Play a sound when someone new is flagged. */
    soundCue: z.boolean().default(false),
  })
  .strict();
export type RiskSettings = z.infer<typeof RiskSettings>;
export const DEFAULT_RISK_SETTINGS: RiskSettings = RiskSettings.parse({});
