import { z } from 'zod';
import { ActionId, EpochMs, Id } from './ids';

/** Longest chat message Hostdeck will post on the moderator's behalf. */
export const MAX_CHAT_TEXT = 2000;

/** Actions aimed at one participant. */
export const PARTICIPANT_ACTION_KINDS = [
  'eject',
  'ban',
  'mute',
  'unmute',
  'stopVideo',
  'stopShare',
  'moveToWaitingRoom',
  'admit',
  'deny',
] as const;
export type ParticipantActionKind = (typeof PARTICIPANT_ACTION_KINDS)[number];

const participantAction = <K extends ParticipantActionKind>(kind: K) =>
  z.object({ id: ActionId, kind: z.literal(kind), participantId: Id }).strict();
const meetingAction = <K extends string>(kind: K) => z.object({ id: ActionId, kind: z.literal(kind) }).strict();

/**
 * A moderator's intent as plain data. The id is chosen by the requester so the outcome can be
 * matched to the click (or keystroke) that caused it.
 *
 * One-shot actions (`muteAll`, `stopAllVideo`, `stopAllShares`) act on everyone present; the
 * `set…` actions change a meeting control that persists. `suspendAll` and `restore` are composite:
 * the host runs them as plans of the simple actions.
 */
export const Action = z.discriminatedUnion('kind', [
  participantAction('eject'),
  participantAction('ban'),
  participantAction('mute'),
  /** Unmute one participant; where the platform only asks them (its capability says so), they decide. */
  participantAction('unmute'),
  participantAction('stopVideo'),
  participantAction('stopShare'),
  participantAction('moveToWaitingRoom'),
  participantAction('admit'),
  participantAction('deny'),
  meetingAction('lock'),
  meetingAction('unlock'),
  z.object({ id: ActionId, kind: z.literal('setWaitingRoom'), enabled: z.boolean() }).strict(),
  meetingAction('admitAll'),
  meetingAction('denyAll'),
  z.object({ id: ActionId, kind: z.literal('muteAll'), preventUnmute: z.boolean() }).strict(),
  z.object({ id: ActionId, kind: z.literal('setAllowUnmute'), allowed: z.boolean() }).strict(),
  z.object({ id: ActionId, kind: z.literal('stopAllVideo'), preventStart: z.boolean() }).strict(),
  z.object({ id: ActionId, kind: z.literal('setAllowVideo'), allowed: z.boolean() }).strict(),
  z.object({ id: ActionId, kind: z.literal('stopAllShares'), preventStart: z.boolean() }).strict(),
  z.object({ id: ActionId, kind: z.literal('setAllowShare'), allowed: z.boolean() }).strict(),
  z.object({ id: ActionId, kind: z.literal('setChat'), enabled: z.boolean() }).strict(),
  z
    .object({
      id: ActionId,
      kind: z.literal('postChat'),
      text: z.string().trim().min(1).max(MAX_CHAT_TEXT),
    })
    .strict(),
  meetingAction('endForAll'),
  meetingAction('suspendAll'),
  meetingAction('restore'),
  /** The panic plan: every containment control at once, and eject the flagged and the given participants. */
  z.object({ id: ActionId, kind: z.literal('contain'), participantIds: z.array(Id).max(10_000) }).strict(),
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export const ACTION_KINDS = Action.options.map((o) => o.shape.kind.value) as readonly ActionKind[];

/** Actions that are composite plans run by the host, never sent to a provider as such. */
export const COMPOSITE_ACTION_KINDS = ['suspendAll', 'restore', 'contain'] as const satisfies readonly ActionKind[];
export type CompositeActionKind = (typeof COMPOSITE_ACTION_KINDS)[number];
/** Actions a provider performs. */
export type PlatformAction = Exclude<Action, { kind: CompositeActionKind }>;
export type PlatformActionKind = PlatformAction['kind'];

/** An action before it has an id: what a click, a shortcut or a plan step asks for. */
export type Intent<A = Action> = A extends unknown ? Omit<A, 'id'> : never;
export type PlatformIntent = Intent<PlatformAction>;

export function isParticipantAction(action: Action): action is Extract<Action, { participantId: string }> {
  return (PARTICIPANT_ACTION_KINDS as readonly string[]).includes(action.kind);
}

export function isCompositeAction(action: Action): action is Extract<Action, { kind: CompositeActionKind }> {
  return (COMPOSITE_ACTION_KINDS as readonly string[]).includes(action.kind);
}

/**
 * Actions that must not be repeated blindly after an unclear failure: a second chat message is a
 * visible duplicate. Everything else converges (ejecting twice leaves the person out).
 */
export const NON_IDEMPOTENT_KINDS: readonly ActionKind[] = ['postChat'];

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
    /** For composite actions: the actions they ran, by id. */
    children: z.array(ActionId).max(10_000).optional(),
    /** For an action run by a composite one (or a plan): the parent's id. */
    parentId: ActionId.optional(),
    /** For composite actions: the live checklist of their plan. */
    plan: z
      .object({
        name: z.string().max(200),
        steps: z
          .array(
            z
              .object({
                id: z.string().max(60),
                kind: z.string().max(64),
                status: z.enum(['waiting', 'running', 'confirmed', 'failed', 'skipped']),
                reason: z.string().max(2000).optional(),
                actionId: ActionId.optional(),
              })
              .strict(),
          )
          .max(10_000),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ActionOutcome = z.infer<typeof ActionOutcome>;
