import { z } from 'zod';
import { EpochMs, Id } from './ids';
import { BlockedJoin, Participant } from './participant';

/** Platforms Hostdeck can drive. */
export const ProviderId = z.enum(['rehearsal', 'xmpp', 'webex', 'zoom']);
export type ProviderId = z.infer<typeof ProviderId>;

export const MeetingStatus = z.enum(['waiting', 'live', 'ended']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/**
 * Meeting-wide controls that persist until changed. `null` means the platform does not report it
 * (or has no such control). `locked` lives on the meeting itself: every platform reports it.
 */
export const MeetingControls = z
  .object({
    waitingRoom: z.boolean().nullable(),
    /** Whether participants may unmute themselves. */
    allowUnmute: z.boolean().nullable(),
    /** Whether participants may start their camera. */
    allowVideo: z.boolean().nullable(),
    /** Whether participants (other than hosts and presenters) may share their screen. */
    allowShare: z.boolean().nullable(),
    chatEnabled: z.boolean().nullable(),
  })
  .strict();
export type MeetingControls = z.infer<typeof MeetingControls>;

/** Controls no platform reported yet. */
export const UNKNOWN_CONTROLS: MeetingControls = {
  waitingRoom: null,
  allowUnmute: null,
  allowVideo: null,
  allowShare: null,
  chatEnabled: null,
};

/** The meeting-level facts the panel header shows. */
export const Meeting = z
  .object({
    id: Id,
    providerId: ProviderId,
    title: z.string().max(500),
    status: MeetingStatus,
    locked: z.boolean(),
    controls: MeetingControls,
    /** The link between Hostdeck and the platform; absent means connected. */
    link: z.enum(['connected', 'reconnecting', 'disconnected']).optional(),
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
