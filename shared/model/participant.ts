import { z } from 'zod';
import { EpochMs, Id } from './ids';
import { AttendeeMatch, Risk } from './risk';

/** Longest display name kept; anything beyond is cut by the host and marked as cut. */
export const MAX_DISPLAY_NAME = 1000;

/** Role as the platform reports it, normalised across providers. */
export const ParticipantRole = z.enum(['host', 'cohost', 'panelist', 'attendee', 'guest']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/** Where a participant is now. People who left stay in the roster as history. */
export const Presence = z.enum(['inMeeting', 'waiting', 'left']);
export type Presence = z.infer<typeof Presence>;

/** Why a participant left, when the platform says. */
export const LeaveReason = z.enum(['left', 'ejected', 'banned', 'meetingEnded', 'removed', 'unknown']);
export type LeaveReason = z.infer<typeof LeaveReason>;

/**
 * Conditions a platform (or the rehearsal simulation) reports about a participant's media.
 * Hostdeck never receives or stores media itself: explicit video is a flag, never a frame.
 */
export const MediaAlert = z.enum(['loudAudio', 'explicitVideo', 'shareAttempt']);
export type MediaAlert = z.infer<typeof MediaAlert>;

const IdentityText = z.string().max(512);

/** Every identity signal the platform gives. All optional: platforms differ widely. */
export const Identity = z
  .object({
    userId: IdentityText.optional(),
    email: IdentityText.optional(),
    client: IdentityText.optional(),
    ip: IdentityText.optional(),
    organisation: IdentityText.optional(),
  })
  .strict();
export type Identity = z.infer<typeof Identity>;

/** One person (or connection) in a meeting, as Hostdeck's host holds it. */
export const Participant = z
  .object({
    id: Id,
    displayName: z.string().max(MAX_DISPLAY_NAME + 40),
    role: ParticipantRole,
    presence: Presence,
    joinedAt: EpochMs,
    leftAt: EpochMs.optional(),
    leaveReason: LeaveReason.optional(),
    audio: z.boolean(),
    video: z.boolean(),
    sharing: z.boolean(),
    identity: Identity,
    alerts: z.array(MediaAlert).max(MediaAlert.options.length),
    /** Earlier display names, oldest first (renames are a classic disguise). */
    renamedFrom: z.array(z.string().max(MAX_DISPLAY_NAME + 40)).max(20),
    /** Computed by the host: how this person relates to the expected-attendee list. */
    match: AttendeeMatch,
    /** Computed by the host: why this participant may be an intruder. */
    risk: Risk,
  })
  .strict();
export type Participant = z.infer<typeof Participant>;

/** Someone the platform refused because the meeting was locked. */
export const BlockedJoin = z
  .object({
    id: Id,
    displayName: z.string().max(MAX_DISPLAY_NAME + 40),
    at: EpochMs,
    identity: Identity,
    reason: z.enum(['locked', 'banned']),
  })
  .strict();
export type BlockedJoin = z.infer<typeof BlockedJoin>;
