import { z } from 'zod';
import { EpochMs, Id } from './ids';
import { BlockedJoin, Participant } from './participant';

/** Platforms Hostdeck can drive. */
export const ProviderId = z.enum(['rehearsal', 'xmpp', 'webex', 'zoom']);
export type ProviderId = z.infer<typeof ProviderId>;

export const MeetingStatus = z.enum(['waiting', 'live', 'ended']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** The meeting-level facts the panel header shows. */
export const Meeting = z
  .object({
    id: Id,
    providerId: ProviderId,
    title: z.string().max(500),
    status: MeetingStatus,
    locked: z.boolean(),
    startedAt: EpochMs.optional(),
    endedAt: EpochMs.optional(),
  })
  .strict();
export type Meeting = z.infer<typeof Meeting>;

/** The whole authoritative state of an attached meeting. */
export const MeetingState = z
  .object({
    meeting: Meeting,
    participants: z.array(Participant),
    blockedJoins: z.array(BlockedJoin),
  })
  .strict();
export type MeetingState = z.infer<typeof MeetingState>;

/** A meeting a provider can attach to (for rehearsal: a scenario). */
export const MeetingSummary = z
  .object({
    providerId: ProviderId,
    meetingId: Id,
    title: z.string().max(500),
    description: z.string().max(2000),
    status: z.enum(['live', 'scheduled']),
    startsAt: EpochMs.optional(),
  })
  .strict();
export type MeetingSummary = z.infer<typeof MeetingSummary>;
