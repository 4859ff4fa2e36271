import type { ZoomMeeting, ZoomUserSettings } from './schemas';

/**
 * The meeting's protective settings as Zoom reports them, for the hardening audit. `null` means
 * Zoom did not say. The passcode itself is never kept here: only whether there is one.
 */
export interface ZoomMeetingSettings {
  hasPasscode: boolean;
  waitingRoom: boolean | null;
  joinBeforeHost: boolean | null;
  /** Registration: `automatic` or `manual` approval, or `none` (not required). */
  registration: 'automatic' | 'manual' | 'none' | null;
  /** Only signed-in Zoom users (optionally of listed domains) may join. */
  authenticationRequired: boolean | null;
  authenticationDomains: string | null;
  muteUponEntry: boolean | null;
  /** Host-level in-meeting settings (`GET /users/me/settings`); null when not readable. */
  screenSharing: boolean | null;
  whoCanShare: 'host' | 'all' | null;
  chat: boolean | null;
}

/** An expected attendee from the meeting's registrants, for matching names in the roster. */
export interface ExpectedAttendee {
  name: string;
  email: string;
  organisation?: string;
}

const bool = (value: boolean | undefined) => (value === undefined ? null : value);

export function meetingSettingsOf(meeting: ZoomMeeting, user: ZoomUserSettings | undefined): ZoomMeetingSettings {
  const s = meeting.settings;
  const approval = s.approval_type;
  const share = user?.in_meeting?.who_can_share_screen;
  return {
    hasPasscode: Boolean(meeting.password),
    waitingRoom: bool(s.waiting_room),
    joinBeforeHost: bool(s.join_before_host),
    registration: approval === 0 ? 'automatic' : approval === 1 ? 'manual' : approval === 2 ? 'none' : null,
    authenticationRequired: bool(s.meeting_authentication),
    authenticationDomains: s.authentication_domains ?? null,
    muteUponEntry: bool(s.mute_upon_entry),
    screenSharing: bool(user?.in_meeting?.screen_sharing),
    whoCanShare: share === 'host' ? 'host' : share === 'all' ? 'all' : null,
    chat: bool(user?.in_meeting?.chat),
  };
}
