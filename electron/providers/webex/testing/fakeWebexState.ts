import { randomUUID } from 'node:crypto';

export interface FakeParticipant {
  id: string;
  displayName: string;
  email: string | undefined;
  host: boolean;
  coHost: boolean;
  muted: boolean;
  video: 'on' | 'off';
  state: 'lobby' | 'joined' | 'end';
  joinedTime: string;
  leftTime: string | undefined;
}

export interface FakeMeeting {
  id: string;
  meetingSeriesId: string;
  /** For an instance: the scheduled meeting it started from. */
  scheduledMeetingId: string | undefined;
  meetingType: 'meeting' | 'scheduledMeeting';
  title: string;
  state: 'scheduled' | 'ready' | 'inProgress' | 'ended';
  start: string;
  end: string;
  locked: boolean;
  password: string;
  /** Pre-event settings as `GET /meetings/{id}` reports them (see audit.ts). */
  settings: Record<string, unknown>;
  participants: Map<string, FakeParticipant>;
}

export interface JoinOptions {
  displayName: string;
  email?: string;
  host?: boolean;
  coHost?: boolean;
  muted?: boolean;
  video?: boolean;
  /** Arrives in the lobby even when the meeting is unlocked. */
  lobby?: boolean;
}

const HOUR = 60 * 60_000;

/**
 * The fake Webex's world: meetings, their participants, lobby and lock. Behaves as Webex does for
 * the calls Hostdeck makes: joining a locked meeting lands in the lobby; ending a meeting moves
 * everyone out. `unappliedChanges` plays the spec's warning: participant changes are answered
 * with success but not carried out.
 */
export class FakeWebexState {
  readonly meetings = new Map<string, FakeMeeting>();
  unappliedChanges = false;

  constructor(readonly now: () => number = Date.now) {}

  private iso(ms = this.now()): string {
    return new Date(ms).toISOString();
  }

  addMeeting(options: {
    title: string;
    live?: boolean;
    startsInMs?: number;
    settings?: Record<string, unknown>;
    password?: string;
  }): FakeMeeting {
    const series = randomUUID().replaceAll('-', '');
    const start = this.now() + (options.startsInMs ?? 0);
    const scheduled: FakeMeeting = {
      id: `${series}_${Math.floor(start / 1000)}`,
      meetingSeriesId: series,
      scheduledMeetingId: undefined,
      meetingType: 'scheduledMeeting',
      title: options.title,
      state: 'scheduled',
      start: this.iso(start),
      end: this.iso(start + HOUR),
      locked: false,
      password: options.password ?? 'Fake-Pass-123',
      settings: options.settings ?? {},
      participants: new Map(),
    };
    this.meetings.set(scheduled.id, scheduled);
    return options.live ? this.start(scheduled.id) : scheduled;
  }

  /** Starts a scheduled meeting: a new meeting instance in progress, as Webex creates one. */
  start(scheduledId: string): FakeMeeting {
    const scheduled = this.meeting(scheduledId);
    const instance: FakeMeeting = {
      ...scheduled,
      id: `${scheduled.meetingSeriesId}_I_${Math.floor(this.now() / 1000)}${Math.floor(Math.random() * 1e6)}`,
      scheduledMeetingId: scheduled.id,
      meetingType: 'meeting',
      state: 'inProgress',
      start: this.iso(),
      participants: new Map(),
    };
    scheduled.state = 'ready';
    this.meetings.set(instance.id, instance);
    return instance;
  }

  meeting(id: string): FakeMeeting {
    const meeting = this.meetings.get(id);
    if (!meeting) throw new Error(`no fake meeting ${id}`);
    return meeting;
  }

  /** Someone joins (or knocks, when the meeting is locked). */
  join(meetingId: string, options: JoinOptions): FakeParticipant {
    const meeting = this.meeting(meetingId);
    if (meeting.state !== 'inProgress') throw new Error('meeting is not in progress');
    const participant: FakeParticipant = {
      id: `${meeting.id}_${randomUUID()}`,
      displayName: options.displayName,
      email: options.email,
      host: options.host ?? false,
      coHost: options.coHost ?? false,
      muted: options.muted ?? false,
      video: options.video ? 'on' : 'off',
      state: (meeting.locked || options.lobby) && !options.host ? 'lobby' : 'joined',
      joinedTime: this.iso(),
      leftTime: undefined,
    };
    meeting.participants.set(participant.id, participant);
    return participant;
  }

  leave(participantId: string): void {
    const participant = this.participant(participantId);
    participant.state = 'end';
    participant.leftTime = this.iso();
  }

  participant(participantId: string): FakeParticipant {
    for (const meeting of this.meetings.values()) {
      const found = meeting.participants.get(participantId);
      if (found) return found;
    }
    throw new Error(`no fake participant ${participantId}`);
  }

  findParticipant(participantId: string): { meeting: FakeMeeting; participant: FakeParticipant } | undefined {
    for (const meeting of this.meetings.values()) {
      const participant = meeting.participants.get(participantId);
      if (participant) return { meeting, participant };
    }
    return undefined;
  }

  /** `PUT /meetingParticipants/{id}`: expel wins over admit and mute (spec). */
  update(participantId: string, change: { expel?: boolean; admit?: boolean; muted?: boolean }): void {
    if (this.unappliedChanges) return;
    const participant = this.participant(participantId);
    if (change.expel) {
      this.leave(participantId);
      return;
    }
    if (change.admit && participant.state === 'lobby') participant.state = 'joined';
    if (change.muted !== undefined) participant.muted = change.muted;
  }

  end(meetingId: string): void {
    const meeting = this.meeting(meetingId);
    meeting.state = 'ended';
    meeting.end = this.iso();
    for (const participant of meeting.participants.values()) {
      if (participant.state !== 'end') {
        participant.state = 'end';
        participant.leftTime = this.iso();
      }
    }
  }

  present(meetingId: string): FakeParticipant[] {
    return [...this.meeting(meetingId).participants.values()].filter((p) => p.state !== 'end');
  }
}
