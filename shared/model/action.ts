import { z } from 'zod';
import { ActionId, EpochMs, Id } from './ids';

/** Longest chat message Hostdeck will post on the moderator's behalf. */
export const MAX_CHAT_TEXT = 2000;

/**
 * A moderator's intent as plain data. The id is chosen by the requester so the outcome can be
 * matched to the click (or keystroke) that caused it.
 */
export const Action = z.discriminatedUnion('kind', [
  z.object({ id: ActionId, kind: z.literal('eject'), participantId: Id }).strict(),
  z.object({ id: ActionId, kind: z.literal('lock') }).strict(),
  z.object({ id: ActionId, kind: z.literal('unlock') }).strict(),
  z.object({ id: ActionId, kind: z.literal('endForAll') }).strict(),
  z
    .object({
      id: ActionId,
      kind: z.literal('postChat'),
      text: z.string().trim().min(1).max(MAX_CHAT_TEXT),
    })
    .strict(),
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export const ACTION_KINDS = ['eject', 'lock', 'unlock', 'endForAll', 'postChat'] as const satisfies readonly ActionKind[];

/**
 * What the host accepts on the wire before the action itself is parsed: an id and a kind. An
 * action that is malformed beyond its id still gets a `failed` outcome under that id, so the
 * moderator sees why instead of nothing.
 */
export const ActionRequest = z.looseObject({ id: ActionId, kind: z.string().max(64) });
export type ActionRequest = z.infer<typeof ActionRequest>;

export const ActionStatus = z.enum(['pending', 'confirmed', 'failed']);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** Where an action stands. Every action ends confirmed or failed, or stays visibly pending. */
export const ActionOutcome = z
  .object({
    actionId: ActionId,
    kind: z.string().max(64),
    /** Human-readable target, e.g. the participant's display name at the time of the request. */
    target: z.string().max(1100).optional(),
    participantId: Id.optional(),
    status: ActionStatus,
    reason: z.string().max(2000).optional(),
    requestedAt: EpochMs,
    settledAt: EpochMs.optional(),
    latencyMs: z.number().nonnegative().optional(),
    attempts: z.number().int().nonnegative(),
    /** True when retrying is safe and might help. */
    retryable: z.boolean(),
  })
  .strict();
export type ActionOutcome = z.infer<typeof ActionOutcome>;
