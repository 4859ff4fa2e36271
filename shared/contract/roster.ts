import { z } from 'zod';
import { Id } from '../model/ids';
import { Meeting, MeetingState } from '../model/meeting';
import { BlockedJoin, Participant } from '../model/participant';

/**
 * The full state of the attached meeting at sequence number `seq`. Sent on connect and whenever a
 * client reports a gap.
 */
export const RosterSnapshot = z
  .object({ kind: z.literal('snapshot'), sessionId: Id, seq: z.number().int().nonnegative(), state: MeetingState })
  .strict();
export type RosterSnapshot = z.infer<typeof RosterSnapshot>;

/**
 * Changes since `seq - 1`: participants are replaced whole (they are small), the meeting header is
 * replaced when present, and blocked join attempts are appended.
 */
export const RosterPatch = z
  .object({
    kind: z.literal('patch'),
    sessionId: Id,
    seq: z.number().int().positive(),
    meeting: Meeting.optional(),
    upserts: z.array(Participant),
    blocked: z.array(BlockedJoin),
  })
  .strict();
export type RosterPatch = z.infer<typeof RosterPatch>;

export const RosterMessage = z.discriminatedUnion('kind', [RosterSnapshot, RosterPatch]);
export type RosterMessage = z.infer<typeof RosterMessage>;
