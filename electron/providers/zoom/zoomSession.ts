import type { ZoomBridgeCommand } from '../../../shared/contract/zoomBridge';
import type { PlatformAction } from '../../../shared/model/action';
import type { Capabilities } from '../../../shared/model/capability';
import type { Meeting, MeetingControls } from '../../../shared/model/meeting';
import { HostdeckError } from '../../../shared/contract/reply';
import { pollWaitAfter, ProviderError, type ProviderContext, type ProviderEvent, type ProviderSession } from '../../host/provider';
import { BridgeLink } from './bridgeLink';
import { ZOOM_LIMITS } from './capabilities';
import { DashboardRoster } from './dashboard';
import type { ExpectedAttendee as SharedExpectedAttendee } from '../../../shared/risk/attendees';
import type { ExpectedAttendee, ZoomMeetingSettings } from './meetingSettings';
import type { ZoomRest } from './rest';
import { ZoomDashboardParticipants, ZoomMeeting } from './schemas';
import { SdkRoster } from './sdkRoster';

/** Dashboard pages read per poll at most (300 participants a page). */
const MAX_DASHBOARD_PAGES = 10;

export interface ZoomSessionParts {
  meetingId: string;
  meeting: Meeting;
  rest: ZoomRest;
  context: ProviderContext;
  refreshAuth: () => Promise<unknown>;
  meetingSettings: ZoomMeetingSettings;
  expectedAttendees: ExpectedAttendee[];
  /** Why there is no registrant list, when there is none (no registration, or the read was refused). */
  registrantsProblem?: string;
  pollMs: number;
}

/**
 * One attached Zoom meeting. Host controls go through the meeting window (Meeting SDK) when it
 * joined as host; End for all falls back to REST (`PUT /meetings/{id}/status`) whenever the window
 * is not connected. Without the window the roster comes from the Dashboard API, read every
 * `pollMs`, and the meeting's status from `GET /meetings/{id}`.
 */
export class ZoomSession implements ProviderSession {
  meeting: Meeting;
  capabilities!: Capabilities;
  readonly limits = ZOOM_LIMITS;
  /** The meeting's protective settings, for the hardening audit. */
  readonly meetingSettings: ZoomMeetingSettings;
  /** Registrants: who is expected, for matching names in the roster. */
  readonly expectedAttendees: ExpectedAttendee[];
  readonly roster: SdkRoster;
  readonly link: BridgeLink;
  /** Why the roster cannot be read without the window, once known (e.g. the plan lacks the Dashboard). */
  dashboardProblem: string | undefined;
  private readonly dashboard: DashboardRoster;
  private cancelPoll: (() => void) | null = null;
  private closed = false;

  /** The registrants as the panel's expected-attendee list. */
  async listRegistrants(): Promise<SharedExpectedAttendee[]> {
    if (this.parts.registrantsProblem) throw new HostdeckError('providerError', this.parts.registrantsProblem);
    return this.expectedAttendees.map((a, i) => ({
      id: `zoom-r${i + 1}`,
      name: a.name.slice(0, 300),
      ...(a.email ? { email: a.email.slice(0, 320) } : {}),
      ...(a.organisation ? { organisation: a.organisation.slice(0, 300) } : {}),
    }));
  }

  constructor(private readonly parts: ZoomSessionParts) {
    this.meeting = parts.meeting;
    this.meetingSettings = parts.meetingSettings;
    this.expectedAttendees = parts.expectedAttendees;
    this.roster = new SdkRoster((event) => this.emit(event));
    this.dashboard = new DashboardRoster((event) => this.emit(event));
    this.link = new BridgeLink(this.roster, parts.context.scheduler, {
      joined: (topic) => this.setMeeting({ status: 'live', ...(topic ? { title: topic.slice(0, 500) } : {}) }),
      connection: (state, detail) => this.connection(state, detail),
      closed: (reason) => void this.windowClosed(reason),
    });
  }

  async perform(action: PlatformAction, signal: AbortSignal): Promise<void> {
    if (action.kind === 'endForAll') return this.endForAll(signal);
    const command = this.commandFor(action);
    if (command.op === 'expel') this.roster.expelling(command.userId);
    try {
      await this.link.call(command, signal);
    } catch (error) {
      // Refused outright: a later departure is not our ejection. (After a timeout it may still be.)
      const uncertain = error instanceof ProviderError && (error.kind === 'cancelled' || error.kind === 'unconfirmed');
      if (command.op === 'expel' && !uncertain) this.roster.notExpelling(command.userId);
      throw error;
    }
    if (command.op === 'lockMeeting') this.setMeeting({ locked: command.lock });
  }

  refreshAuth(): Promise<void> {
    return this.parts.refreshAuth().then(() => undefined);
  }

  async readControls(): Promise<Partial<MeetingControls> & { locked?: boolean }> {
    return { locked: this.meeting.locked, waitingRoom: this.meeting.controls.waitingRoom };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelPoll?.();
    await this.link.close();
    await this.parts.rest.stop();
  }

  /** Reads the roster and status over REST now and then every `pollMs` (no meeting window). */
  startPolling(): void {
    const tick = async () => {
      this.cancelPoll = null;
      const wait = await this.poll();
      if (!this.closed && this.meeting.status !== 'ended') this.cancelPoll = this.parts.context.scheduler.setTimeout(tick, wait);
    };
    void tick();
  }

  private commandFor(action: Exclude<PlatformAction, { kind: 'endForAll' }>): ZoomBridgeCommand {
    switch (action.kind) {
      case 'lock':
        return { op: 'lockMeeting', lock: true };
      case 'unlock':
        return { op: 'lockMeeting', lock: false };
      case 'muteAll':
        return { op: 'muteAll', mute: true };
      case 'admitAll':
        return { op: 'admitAll' };
      case 'eject':
        return { op: 'expel', userId: this.userId(action.participantId) };
      case 'mute':
        return { op: 'mute', userId: this.userId(action.participantId), mute: true };
      case 'unmute':
        // Delivers Zoom's request to unmute; the participant decides (capability `asksParticipant`).
        return { op: 'mute', userId: this.userId(action.participantId), mute: false };
      case 'moveToWaitingRoom':
        return { op: 'putOnHold', userId: this.userId(action.participantId), hold: true };
      case 'admit':
        return { op: 'admit', userId: this.userId(action.participantId) };
      default:
        throw new ProviderError(`Zoom cannot ${action.kind} through Hostdeck.`, { kind: 'unsupported', retryable: false });
    }
  }

  private userId(participantId: string): number {
    const userId = this.roster.userIdOf(participantId);
    if (userId === undefined) {
      throw new ProviderError('That participant is no longer connected to the meeting.', { kind: 'notFound', retryable: false });
    }
    return userId;
  }

  /** End for all: the SDK when the window is joined, REST otherwise (or when the SDK fails). */
  private async endForAll(signal: AbortSignal): Promise<void> {
    if (this.link.joined) {
      try {
        await this.link.call({ op: 'endMeeting' }, signal);
        this.ended();
        return;
      } catch (error) {
        if (signal.aborted || (error instanceof ProviderError && error.kind === 'cancelled')) throw error;
        console.warn(`zoom: ending through the meeting window failed, using REST: ${(error as Error).message}`);
      }
    }
    const path = `/meetings/${encodeURIComponent(this.parts.meetingId)}/status`;
    await this.parts.rest.send('PUT', path, { action: 'end' }, 'light', signal);
    this.ended();
  }

  /** Nothing reaches the host after close: a poll or SDK event still in flight is dropped. */
  private emit(event: ProviderEvent): void {
    if (!this.closed) this.parts.context.emit(event);
  }

  private ended(): void {
    if (this.meeting.status === 'ended') return;
    this.meeting = { ...this.meeting, status: 'ended', endedAt: this.parts.context.scheduler.now() };
    this.cancelPoll?.();
    this.emit({ type: 'ended', at: this.parts.context.scheduler.now() });
  }

  private setMeeting(change: Partial<Meeting>): void {
    this.meeting = { ...this.meeting, ...change };
    this.emit({ type: 'meeting', at: this.parts.context.scheduler.now(), meeting: this.meeting });
  }

  private connection(state: 'connected' | 'reconnecting' | 'disconnected', detail?: string): void {
    if ((this.meeting.link ?? 'connected') === state) return;
    this.meeting = { ...this.meeting, link: state };
    this.emit({ type: 'connection', at: this.parts.context.scheduler.now(), state, ...(detail ? { detail } : {}) });
  }

  /** The window lost the meeting: ask REST whether the meeting itself ended. */
  private async windowClosed(reason: string): Promise<void> {
    if (this.closed || this.meeting.status === 'ended') return;
    this.connection('disconnected', `The Zoom meeting window closed: ${reason}`);
    await this.readStatus().catch((error: unknown) => console.warn(`zoom: status check failed: ${(error as Error).message}`));
  }

  private async readStatus(): Promise<void> {
    const meeting = await this.parts.rest.get(`/meetings/${encodeURIComponent(this.parts.meetingId)}`, ZoomMeeting, 'light');
    if (meeting.status === 'started' && this.meeting.status !== 'live') this.setMeeting({ status: 'live' });
    if (meeting.status !== 'started' && this.meeting.status === 'live') this.ended();
  }

  /** One read of status and roster; returns how long to wait before the next. */
  private async poll(): Promise<number> {
    try {
      await this.readStatus();
    } catch (error) {
      return this.pollFailed(error, false);
    }
    if (this.meeting.status === 'live' && this.dashboardProblem === undefined) {
      try {
        await this.readDashboard();
      } catch (error) {
        return this.pollFailed(error, true);
      }
    }
    // Without the Dashboard the roster stays cut off, so the link is not reported as restored.
    if (this.dashboardProblem === undefined) this.connection('connected');
    return this.parts.pollMs;
  }

  /** A refusal of the Dashboard itself is final; anything else is retried, after Zoom's wait if it gave one. */
  private pollFailed(error: unknown, dashboard: boolean): number {
    const failure = error instanceof ProviderError ? error : undefined;
    const message = (error as Error).message;
    if (dashboard && failure && ['forbidden', 'invalid', 'notFound'].includes(failure.kind)) {
      this.dashboardProblem = `Zoom’s Dashboard did not give the live roster: ${message}`;
      this.connection('disconnected', this.dashboardProblem);
    } else {
      this.connection('reconnecting', message);
    }
    return Math.max(this.parts.pollMs, (failure && pollWaitAfter(failure)) ?? 0);
  }

  private async readDashboard(): Promise<void> {
    const records = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_DASHBOARD_PAGES; page++) {
      const query = new URLSearchParams({ type: 'live', page_size: '300', ...(token ? { next_page_token: token } : {}) });
      const path = `/metrics/meetings/${encodeURIComponent(this.parts.meetingId)}/participants?${query}`;
      const answer = await this.parts.rest.get(path, ZoomDashboardParticipants, 'heavy');
      records.push(...answer.participants);
      token = answer.next_page_token || undefined;
      if (!token) break;
    }
    this.dashboard.apply(records, this.parts.context.scheduler.now());
  }
}
