import { z } from 'zod';

/**
 * Zoom REST v2 responses, as documented (developers.zoom.us/docs/api/). Only the fields Hostdeck
 * uses are named; the rest is kept (loose objects) but never trusted. Strings are bounded so a
 * hostile or broken answer cannot balloon memory.
 */

const Str = (max = 500) => z.string().max(max);
const Time = z.iso.datetime({ offset: true });

/** Zoom's error body: `{"code": 3001, "message": "Meeting does not exist: …"}`. */
export const ZoomErrorBody = z.looseObject({ code: z.number().int().optional(), message: Str(2000).optional() });

/** `GET /users/me` */
export const ZoomUser = z.looseObject({
  id: Str(100),
  email: Str(320).optional(),
  first_name: Str(200).optional(),
  last_name: Str(200).optional(),
  display_name: Str(400).optional(),
  account_id: Str(100).optional(),
});
export type ZoomUser = z.infer<typeof ZoomUser>;

const MeetingListItem = z.looseObject({
  id: z.number().int().nonnegative(),
  uuid: Str(200).optional(),
  topic: Str(500).default(''),
  type: z.number().int().optional(),
  start_time: Time.optional(),
  duration: z.number().optional(),
  agenda: Str(2000).optional(),
});

/** `GET /users/me/meetings?type=…` */
export const ZoomMeetingList = z.looseObject({
  next_page_token: Str(500).optional(),
  meetings: z.array(MeetingListItem).max(300).default([]),
});

/** Meeting settings named by the hardening audit. */
const MeetingSettings = z.looseObject({
  waiting_room: z.boolean().optional(),
  join_before_host: z.boolean().optional(),
  jbh_time: z.number().int().optional(),
  /** 0 automatic approval, 1 manual, 2 no registration required. */
  approval_type: z.number().int().optional(),
  /** 1 once for all occurrences, 2 each occurrence, 3 once for some. */
  registration_type: z.number().int().optional(),
  meeting_authentication: z.boolean().optional(),
  authentication_option: Str(200).optional(),
  authentication_domains: Str(2000).optional(),
  mute_upon_entry: z.boolean().optional(),
  participant_video: z.boolean().optional(),
  show_share_button: z.boolean().optional(),
  allow_multiple_devices: z.boolean().optional(),
  encryption_type: Str(50).optional(),
  enforce_login: z.boolean().optional(),
  private_meeting: z.boolean().optional(),
});

/** `GET /meetings/{meetingId}` */
export const ZoomMeeting = z.looseObject({
  id: z.number().int().nonnegative(),
  uuid: Str(200).optional(),
  host_id: Str(100).optional(),
  topic: Str(500).default(''),
  type: z.number().int().optional(),
  /** `waiting` (not started) or `started`. */
  status: Str(50).optional(),
  start_time: Time.optional(),
  /** The passcode: used to join, never logged, never put in the settings model. */
  password: Str(100).optional(),
  settings: MeetingSettings.default({}),
});
export type ZoomMeeting = z.infer<typeof ZoomMeeting>;

/** `GET /users/me/settings` (only the in-meeting part the audit reads). */
export const ZoomUserSettings = z.looseObject({
  in_meeting: z
    .looseObject({
      screen_sharing: z.boolean().optional(),
      who_can_share_screen: Str(50).optional(),
      who_can_share_screen_when_someone_is_sharing: Str(50).optional(),
      chat: z.boolean().optional(),
      private_chat: z.boolean().optional(),
      waiting_room: z.boolean().optional(),
    })
    .optional(),
});
export type ZoomUserSettings = z.infer<typeof ZoomUserSettings>;

/** `GET /meetings/{meetingId}/registrants` */
export const ZoomRegistrants = z.looseObject({
  next_page_token: Str(500).optional(),
  registrants: z
    .array(
      z.looseObject({
        id: Str(200).optional(),
        email: Str(320),
        first_name: Str(200).default(''),
        last_name: Str(200).optional(),
        status: Str(50).optional(),
        org: Str(300).optional(),
      }),
    )
    .max(300)
    .default([]),
});

/**
 * `GET /metrics/meetings/{meetingId}/participants?type=live` (Dashboard; Business plan or higher).
 * Guests' `id` and `participant_user_id` come back empty since 2023; `user_id` is per connection.
 */
export const ZoomDashboardParticipants = z.looseObject({
  next_page_token: Str(500).optional(),
  participants: z
    .array(
      z.looseObject({
        id: Str(200).optional(),
        user_id: Str(200).optional(),
        participant_user_id: Str(200).optional(),
        participant_uuid: Str(200).optional(),
        user_name: Str(2000).default(''),
        email: Str(320).optional(),
        device: Str(200).optional(),
        ip_address: Str(100).optional(),
        join_time: Time.optional(),
        leave_time: Time.optional(),
        /** `in_meeting` or `in_waiting_room`. */
        status: Str(50).optional(),
        share_application: z.boolean().optional(),
        share_desktop: z.boolean().optional(),
        share_whiteboard: z.boolean().optional(),
        customer_key: Str(200).optional(),
      }),
    )
    .max(300)
    .default([]),
});
export type ZoomDashboardParticipant = z.infer<typeof ZoomDashboardParticipants>['participants'][number];

/** `GET /users/me/token?type=zak` */
export const ZoomZak = z.looseObject({ token: z.string().min(1).max(4000) });
