import { z } from 'zod';

// What Hostdeck reads from Webex, parsed before use: every payload is hostile until it passes
// these. Field names and enums follow the official OpenAPI document (spec/webex-meeting.json);
// unknown fields are dropped, lengths are bounded so a hostile server cannot flood the host.

const WebexId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
const Time = z.string().max(64);

/** `components.schemas.Participant` (and `InProgressParticipant`, a subset of it). */
export const WebexParticipant = z.object({
  id: WebexId,
  orgId: z.string().max(512).optional(),
  host: z.boolean().optional(),
  coHost: z.boolean().optional(),
  email: z.string().max(512).optional(),
  // The host cuts and marks names over 1,000 characters; anything beyond this is refused outright.
  displayName: z.string().max(20_000).optional(),
  invitee: z.boolean().optional(),
  muted: z.boolean().optional(),
  video: z.enum(['on', 'off']).optional(),
  state: z.enum(['lobby', 'end', 'joined', 'breakoutSession']),
  joinedTime: Time.optional(),
  leftTime: Time.optional(),
  meetingId: z.string().max(200).optional(),
  devices: z
    .array(z.object({ deviceType: z.string().max(200).optional(), audioType: z.string().max(40).optional() }))
    .max(100)
    .optional(),
});
export type WebexParticipant = z.infer<typeof WebexParticipant>;

export const ParticipantPage = z.object({ items: z.array(WebexParticipant).max(1000) });

/** `components.schemas.Control`. */
export const WebexControl = z.object({
  locked: z.boolean().optional(),
  recordingStarted: z.boolean().optional(),
  recordingPaused: z.boolean().optional(),
});
export type WebexControl = z.infer<typeof WebexControl>;

export const MeetingState = z.enum(['active', 'scheduled', 'ready', 'lobby', 'inProgress', 'ended', 'missed', 'expired']);
export type MeetingState = z.infer<typeof MeetingState>;

/** The part of `MeetingSeriesObject` / `MeetingObjectForListMeeting` Hostdeck reads. */
export const WebexMeeting = z.object({
  id: WebexId,
  meetingSeriesId: z.string().max(200).optional(),
  scheduledMeetingId: z.string().max(200).optional(),
  title: z.string().max(2000),
  meetingType: z.enum(['meetingSeries', 'scheduledMeeting', 'meeting']).optional(),
  state: MeetingState,
  start: Time.optional(),
  end: Time.optional(),
  scheduledType: z.enum(['meeting', 'webinar', 'personalRoomMeeting']).optional(),
  // Pre-event audit fields (see audit.ts). The password is read only to know whether one is set.
  password: z.string().max(500).optional(),
  enabledJoinBeforeHost: z.boolean().optional(),
  joinBeforeHostMinutes: z.number().optional(),
  enableAutomaticLock: z.boolean().optional(),
  automaticLockMinutes: z.number().optional(),
  unlockedMeetingJoinSecurity: z.enum(['allowJoin', 'allowJoinWithLobby', 'blockFromJoin']).optional(),
  excludePassword: z.boolean().optional(),
  publicMeeting: z.boolean().optional(),
  allowAnyUserToBeCoHost: z.boolean().optional(),
  allowFirstUserToBeCoHost: z.boolean().optional(),
  requireAttendeeLogin: z.boolean().optional(),
  restrictToInvitees: z.boolean().optional(),
  hasRegistration: z.boolean().optional(),
  registration: z.object({ autoAcceptRequest: z.boolean().optional() }).optional(),
  meetingOptions: z
    .object({ enabledChat: z.boolean().optional(), enabledVideo: z.boolean().optional(), enabledFileTransfer: z.boolean().optional() })
    .optional(),
  attendeePrivileges: z
    .object({
      enabledShareContent: z.boolean().optional(),
      enabledChatOtherParticipants: z.boolean().optional(),
      enabledChatHost: z.boolean().optional(),
      enabledChatPresenter: z.boolean().optional(),
      enabledRemoteControl: z.boolean().optional(),
      enabledAnnotate: z.boolean().optional(),
    })
    .optional(),
});
export type WebexMeeting = z.infer<typeof WebexMeeting>;

export const MeetingList = z.object({ items: z.array(WebexMeeting).max(1000) });

/** Webex error bodies: `{message, errors: [{description}], trackingId}`; every field optional. */
export const WebexErrorBody = z.object({
  message: z.string().max(1000).optional(),
  errors: z
    .array(z.object({ description: z.string().max(1000).optional() }))
    .max(20)
    .optional(),
  trackingId: z.string().max(200).optional(),
});

/** Parses an ISO time from Webex; the `1970-01-01…` placeholder Webex shows mid-meeting is no time. */
export function platformTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  // Anything before 2000 is a placeholder (PLATFORMS.md §2.2: joinedTime may read 1970 until the end).
  return Number.isFinite(ms) && ms >= Date.UTC(2000, 0, 1) ? ms : undefined;
}
