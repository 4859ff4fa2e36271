import type { WebexMeeting } from './schemas';

/**
 * A meeting's pre-event security settings as Webex reports them (`GET /meetings/{meetingId}`), in
 * the shape the hardening audit reads. `null` means Webex did not report the field. The password
 * itself is never kept: only whether one is set and how long it is.
 */
export interface WebexMeetingSecurity {
  meetingId: string;
  scheduledType: 'meeting' | 'webinar' | 'personalRoomMeeting' | null;
  password: { set: boolean; length: number; excludedFromInvitation: boolean | null };
  joinBeforeHost: { enabled: boolean | null; minutes: number | null };
  automaticLock: { enabled: boolean | null; minutes: number | null };
  /** What happens to someone joining while the meeting is unlocked. */
  unlockedMeetingJoinSecurity: 'allowJoin' | 'allowJoinWithLobby' | 'blockFromJoin' | null;
  registration: { required: boolean | null; autoAccept: boolean | null };
  /** Webinars: attendees must sign in. */
  requireAttendeeLogin: boolean | null;
  /** Webinars: only invitees may join. */
  restrictToInvitees: boolean | null;
  publicMeeting: boolean | null;
  coHost: { anyUser: boolean | null; firstUser: boolean | null };
  meetingOptions: { chat: boolean | null; video: boolean | null; fileTransfer: boolean | null };
  attendeePrivileges: {
    shareContent: boolean | null;
    chatWithOtherParticipants: boolean | null;
    chatWithHost: boolean | null;
    chatWithPresenter: boolean | null;
    remoteControl: boolean | null;
    annotate: boolean | null;
  };
}

const known = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** Reads the audit model from a parsed meeting object. */
export function meetingSecurity(meeting: WebexMeeting): WebexMeetingSecurity {
  const password = meeting.password ?? '';
  return {
    meetingId: meeting.id,
    scheduledType: known(meeting.scheduledType),
    password: { set: password.length > 0, length: password.length, excludedFromInvitation: known(meeting.excludePassword) },
    joinBeforeHost: { enabled: known(meeting.enabledJoinBeforeHost), minutes: known(meeting.joinBeforeHostMinutes) },
    automaticLock: { enabled: known(meeting.enableAutomaticLock), minutes: known(meeting.automaticLockMinutes) },
    unlockedMeetingJoinSecurity: known(meeting.unlockedMeetingJoinSecurity),
    registration: {
      required: meeting.hasRegistration ?? (meeting.registration ? true : null),
      autoAccept: known(meeting.registration?.autoAcceptRequest),
    },
    requireAttendeeLogin: known(meeting.requireAttendeeLogin),
    restrictToInvitees: known(meeting.restrictToInvitees),
    publicMeeting: known(meeting.publicMeeting),
    coHost: { anyUser: known(meeting.allowAnyUserToBeCoHost), firstUser: known(meeting.allowFirstUserToBeCoHost) },
    meetingOptions: {
      chat: known(meeting.meetingOptions?.enabledChat),
      video: known(meeting.meetingOptions?.enabledVideo),
      fileTransfer: known(meeting.meetingOptions?.enabledFileTransfer),
    },
    attendeePrivileges: {
      shareContent: known(meeting.attendeePrivileges?.enabledShareContent),
      chatWithOtherParticipants: known(meeting.attendeePrivileges?.enabledChatOtherParticipants),
      chatWithHost: known(meeting.attendeePrivileges?.enabledChatHost),
      chatWithPresenter: known(meeting.attendeePrivileges?.enabledChatPresenter),
      remoteControl: known(meeting.attendeePrivileges?.enabledRemoteControl),
      annotate: known(meeting.attendeePrivileges?.enabledAnnotate),
    },
  };
}
