import { z } from 'zod';
import { Action, ActionOutcome } from '../model/action';
import { ActionId, EpochMs, Id } from '../model/ids';
import { MeetingControls } from '../model/meeting';
import { AttendeeMatch, RiskFlag } from '../model/risk';
import { BlockedJoin, LeaveReason, Participant } from '../model/participant';

/** Version of the entry format written by this build. */
export const LOG_SCHEMA_VERSION = 1;

/** A hash that starts every chain: the "previous entry" of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who recorded the entry: the moderator signed in to Hostdeck and the machine it ran on. */
export const Actor = z.object({ moderator: z.string().max(200), machine: z.string().max(200) }).strict();
export type Actor = z.infer<typeof Actor>;

const Text = z.string().max(4000);

/**
 * The body of each kind of entry. Kinds are namespaced by subject so a viewer can filter on the
 * prefix (`participant.`, `action.` …).
 */
export const EntryBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('session.started'),
    data: z.object({ providerId: z.string(), meetingId: Id, title: Text, options: z.unknown().optional() }),
  }),
  z.object({ kind: z.literal('session.ended'), data: z.object({ reason: Text }) }),
  z.object({ kind: z.literal('meeting.started'), data: z.object({ at: EpochMs }) }),
  z.object({ kind: z.literal('meeting.locked'), data: z.object({ at: EpochMs }) }),
  z.object({ kind: z.literal('meeting.unlocked'), data: z.object({ at: EpochMs }) }),
  z.object({ kind: z.literal('meeting.ended'), data: z.object({ at: EpochMs }) }),
  z.object({
    kind: z.literal('meeting.controls'),
    data: z.object({ at: EpochMs, changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) }),
  }),
  z.object({ kind: z.literal('participant.joined'), data: z.object({ participant: Participant }) }),
  z.object({
    kind: z.literal('participant.left'),
    data: z.object({ participantId: Id, displayName: Text, reason: LeaveReason, at: EpochMs }),
  }),
  z.object({
    kind: z.literal('participant.updated'),
    data: z.object({
      participantId: Id,
      displayName: Text,
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
    }),
  }),
  z.object({ kind: z.literal('join.blocked'), data: z.object({ attempt: BlockedJoin }) }),
  z.object({
    kind: z.literal('participant.flagged'),
    data: z.object({ participantId: Id, displayName: Text, score: z.number(), flags: z.array(RiskFlag), match: AttendeeMatch }),
  }),
  z.object({
    kind: z.literal('attendees.loaded'),
    data: z.object({ count: z.number().int().nonnegative(), source: z.enum(['csv', 'registrants', 'cleared']) }),
  }),
  z.object({
    kind: z.literal('action.requested'),
    data: z.object({ action: Action, target: Text.optional(), parentId: ActionId.optional() }),
  }),
  z.object({
    kind: z.literal('action.attempt'),
    data: z.object({
      actionId: ActionId,
      attempt: z.number().int(),
      previousError: Text.optional(),
      delayMs: z.number().nonnegative().optional(),
    }),
  }),
  z.object({
    kind: z.literal('controls.captured'),
    data: z.object({ actionId: ActionId, controls: MeetingControls.extend({ locked: z.boolean() }) }),
  }),
  z.object({
    kind: z.literal('plan.started'),
    data: z.object({
      actionId: ActionId,
      name: Text,
      steps: z.array(z.object({ id: z.string().max(60), kind: z.string().max(64), status: z.string().max(20), reason: Text.optional() })),
    }),
  }),
  z.object({
    kind: z.literal('plan.finished'),
    data: z.object({ actionId: ActionId, name: Text, status: z.enum(['confirmed', 'failed']), durationMs: z.number().nonnegative() }),
  }),
  z.object({ kind: z.literal('action.confirmed'), data: z.object({ outcome: ActionOutcome }) }),
  z.object({ kind: z.literal('action.failed'), data: z.object({ outcome: ActionOutcome }) }),
  z.object({ kind: z.literal('note'), data: z.object({ text: Text }) }),
  /** The moderator's name (or machine) changed: this entry and the ones after it carry the new actor. */
  z.object({ kind: z.literal('moderator.changed'), data: z.object({ previous: Actor }) }),
  /** A line a crash cut short, kept as it is and named here by its hash; the chain continues. */
  z.object({
    kind: z.literal('log.recovered'),
    data: z.object({ tornBytes: z.number().int().nonnegative(), tornHash: z.string().regex(/^[0-9a-f]{64}$/), reason: Text }),
  }),
  /** An entry the moderator marked as evidence (entries are never changed: the mark is a new entry). */
  z.object({ kind: z.literal('evidence.marked'), data: z.object({ seq: z.number().int().positive(), note: Text.optional() }) }),
  z.object({ kind: z.literal('script.started'), data: z.object({ runId: z.string().max(64), scriptId: z.string().max(100), name: Text }) }),
  z.object({
    kind: z.literal('script.step'),
    data: z.object({
      runId: z.string().max(64),
      index: z.number().int(),
      step: z.string().max(20),
      result: z.enum(['done', 'skipped', 'failed']),
      reason: Text.optional(),
    }),
  }),
  z.object({
    kind: z.literal('script.finished'),
    data: z.object({ runId: z.string().max(64), status: z.enum(['waiting', 'done', 'cancelled']) }),
  }),
  z.object({
    kind: z.literal('incident.contained'),
    data: z.object({
      firstIntruderAt: EpochMs,
      detectedAt: EpochMs,
      containedAt: EpochMs,
      timeToDetectMs: z.number(),
      timeToContainMs: z.number(),
      intruders: z.number().int(),
    }),
  }),
  z.object({
    kind: z.literal('platform.link'),
    data: z.object({ state: z.enum(['connected', 'reconnecting', 'disconnected']), detail: Text.optional(), at: EpochMs }),
  }),
  z.object({ kind: z.literal('error'), data: z.object({ message: Text, context: Text.optional() }) }),
  z.object({
    kind: z.literal('input.rejected'),
    data: z.object({ channel: z.string().max(200), issues: Text }),
  }),
]);
export type EntryBody = z.infer<typeof EntryBody>;
export type EntryKind = EntryBody['kind'];

/** The envelope every line carries, whatever its kind. */
export const EntryEnvelope = z.object({
  v: z.literal(LOG_SCHEMA_VERSION),
  seq: z.number().int().positive(),
  /** UTC time of recording, ISO 8601 with milliseconds and `Z`. */
  ts: z.iso.datetime(),
  /** The recording machine's local offset from UTC at that moment, e.g. `+07:00`. */
  tz: z.string().regex(/^[+-]\d{2}:\d{2}$/),
  sessionId: Id,
  actor: Actor,
  /** SHA-256 (hex) of the previous line's exact bytes; GENESIS_HASH for the first. */
  prev: z.string().regex(/^[0-9a-f]{64}$/),
});

export const LogEntry = z.intersection(EntryEnvelope, EntryBody);
export type LogEntry = z.infer<typeof EntryEnvelope> & EntryBody;

/** How long session logs are kept. 0 keeps them until deleted by hand. */
export const LogSettings = z.object({ retentionDays: z.number().int().min(0).max(3650).default(0) }).strict();
export type LogSettings = z.infer<typeof LogSettings>;
