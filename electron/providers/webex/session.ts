import type { PlatformAction } from '../../../shared/model/action';
import { UNKNOWN_CONTROLS, type Meeting, type MeetingControls } from '../../../shared/model/meeting';
import { pollWaitAfter, ProviderError, type ProviderContext, type ProviderEvent, type ProviderSession } from '../../host/provider';
import { performAction, type ActionContext, type ActionTuning } from './actions';
import type { WebexApi } from './api';
import { meetingSecurity, type WebexMeetingSecurity } from './audit';
import { WEBEX_CAPABILITIES, WEBEX_LIMITS } from './capabilities';
import { diffRoster, type RosterEntry } from './roster';
import { MeetingList, ParticipantPage, platformTime, WebexControl, WebexMeeting } from './schemas';

/** Poll timing. The roster is read quickly while it changes and more slowly while it is quiet. */
export interface PollTuning {
  minMs: number;
  maxMs: number;
  /** Before the meeting starts: how often to look for it. */
  waitingMs: number;
  /** Longest wait after failures. */
  backoffMaxMs: number;
}

export const DEFAULT_POLL: PollTuning = { minMs: 2_000, maxMs: 6_000, waitingMs: 10_000, backoffMaxMs: 30_000 };
export const DEFAULT_ACTION_TUNING: ActionTuning = { confirmDelayMs: 1_500, confirmReads: 3, muteAllPerSecond: 4 };
/** Meeting state is read every this many roster reads (controls are read every time). */
const MEETING_READ_EVERY = 5;
const ENDED_STATES = new Set(['ended', 'missed', 'expired']);

/**
 * One attached Webex meeting. Webex pushes nothing to a desktop app (webhooks need a public
 * receiver), so the session polls: `GET /meetingParticipants` (all pages) and `/meetings/controls`
 * on an adaptive interval, the meeting itself now and then, and diffs each read into events.
 */
export class WebexSession implements ProviderSession {
  readonly capabilities = WEBEX_CAPABILITIES;
  readonly limits = WEBEX_LIMITS;
  private current: Meeting;
  private live: string | undefined;
  private roster = new Map<string, RosterEntry>();
  private readonly expelled = new Set<string>();
  private cancelTimer: (() => void) | null = null;
  private polling: Promise<boolean> | null = null;
  private closed = false;
  private reads = 0;
  private quietReads = 0;
  private failures = 0;
  /** Set after a 404 on the roster: read the meeting next time before concluding anything. */
  private checkMeeting = false;
  private link: 'connected' | 'reconnecting' | 'disconnected' = 'connected';
  private readonly actionContext: ActionContext;

  private constructor(
    private readonly api: WebexApi,
    private readonly meetingId: string,
    private readonly context: ProviderContext,
    private readonly poll: PollTuning,
    private readonly tuning: ActionTuning,
    private readonly renewAuth: () => Promise<void>,
    first: WebexMeeting,
  ) {
    this.actionContext = {
      api,
      scheduler: context.scheduler,
      tuning,
      liveId: () => this.liveId(),
      roster: () => this.roster,
      markExpelled: (id) => this.expelled.add(id),
      refreshRoster: async () => {
        await this.read();
      },
      setLocked: (locked) => this.updateMeeting({ locked }),
      markEnded: () => this.end(),
    };
    const live = first.meetingType === 'meeting' && first.state === 'inProgress';
    if (live) this.live = first.id;
    const start = platformTime(first.start);
    this.current = {
      id: meetingId,
      providerId: 'webex',
      title: first.title || 'Webex meeting',
      status: live ? 'live' : 'waiting',
      locked: false,
      controls: { ...UNKNOWN_CONTROLS } satisfies MeetingControls,
      ...(live && start !== undefined ? { startedAt: start } : {}),
    };
  }

  /** Reads the meeting, and if it is in progress its roster and controls, then starts polling. */
  static async open(options: {
    api: WebexApi;
    meetingId: string;
    context: ProviderContext;
    poll: PollTuning;
    tuning: ActionTuning;
    renewAuth: () => Promise<void>;
  }): Promise<WebexSession> {
    const first = await options.api.get(`/meetings/${encodeURIComponent(options.meetingId)}`, WebexMeeting);
    if (ENDED_STATES.has(first.state)) throw new ProviderError(`This Webex meeting is over (${first.state}).`, { kind: 'notFound' });
    const session = new WebexSession(
      options.api,
      options.meetingId,
      options.context,
      options.poll,
      options.tuning,
      options.renewAuth,
      first,
    );
    await session.read();
    session.schedule(session.live ? session.poll.minMs : session.poll.waitingMs);
    return session;
  }

  get meeting(): Meeting {
    return this.current;
  }

  perform(action: PlatformAction, signal: AbortSignal): Promise<void> {
    return performAction(this.actionContext, action, signal);
  }

  refreshAuth(): Promise<void> {
    return this.renewAuth();
  }

  async readControls(): Promise<{ locked?: boolean }> {
    const control = await this.api.get('/meetings/controls', WebexControl, { query: { meetingId: this.liveId() } });
    return control.locked === undefined ? {} : { locked: control.locked };
  }

  /** The meeting's pre-event security settings, for the hardening audit. */
  async readMeetingSecurity(): Promise<WebexMeetingSecurity> {
    return meetingSecurity(await this.api.get(`/meetings/${encodeURIComponent(this.meetingId)}`, WebexMeeting));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.polling?.catch(() => undefined);
  }

  private liveId(): string {
    if (!this.live) throw new ProviderError('The Webex meeting has not started yet.', { kind: 'conflict', retryable: false });
    return this.live;
  }

  private emit(event: ProviderEvent): void {
    if (!this.closed) this.context.emit(event);
  }

  private updateMeeting(change: Partial<Meeting>): void {
    const next = { ...this.current, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.emit({ type: 'meeting', at: this.context.scheduler.now(), meeting: next });
  }

  private end(): void {
    if (this.current.status === 'ended') return;
    const at = this.context.scheduler.now();
    this.updateMeeting({ status: 'ended', endedAt: at });
    this.emit({ type: 'ended', at });
    this.roster.clear();
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** One read at a time: a caller arriving during a read waits for it, then reads afresh. */
  private async read(): Promise<boolean> {
    while (this.polling) await this.polling.catch(() => undefined);
    this.polling = this.readOnce();
    try {
      return await this.polling;
    } finally {
      this.polling = null;
    }
  }

  private async readOnce(): Promise<boolean> {
    if (this.closed || this.current.status === 'ended') return false;
    if (!this.live && !(await this.findLiveInstance())) return false;
    const meetingId = this.liveId();
    this.reads++;
    if (this.checkMeeting || this.reads % MEETING_READ_EVERY === 0) {
      if (await this.meetingIsOver(meetingId)) {
        this.end();
        return true;
      }
      this.checkMeeting = false;
    }
    const items = await this.api.list('/meetingParticipants', ParticipantPage, { query: { meetingId, max: '100' } });
    // Everyone gone at once usually means the meeting ended: say so rather than report leaves.
    if (this.roster.size > 0 && items.every((p) => p.state === 'end') && (await this.meetingIsOver(meetingId))) {
      this.end();
      return true;
    }
    const control = await this.api.get('/meetings/controls', WebexControl, { query: { meetingId } });
    const { roster, events } = diffRoster(this.roster, items, this.context.scheduler.now(), {
      expelled: this.expelled,
      meetingEnded: false,
      initial: this.reads === 1,
    });
    this.roster = roster;
    if (control.locked !== undefined) this.updateMeeting({ locked: control.locked });
    for (const event of events) this.emit(event);
    return events.length > 0;
  }

  /** Whether Webex says the instance ended, or no longer knows it. */
  private async meetingIsOver(meetingId: string): Promise<boolean> {
    try {
      return ENDED_STATES.has((await this.api.get(`/meetings/${encodeURIComponent(meetingId)}`, WebexMeeting)).state);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === 'notFound') return true;
      throw error;
    }
  }

  /** A scheduled meeting becomes a meeting instance when someone starts it: look for that. */
  private async findLiveInstance(): Promise<boolean> {
    const { items } = await this.api.get('/meetings', MeetingList, { query: { meetingType: 'meeting', state: 'inProgress', max: '100' } });
    const instance = items.find(
      (m) => m.id === this.meetingId || m.scheduledMeetingId === this.meetingId || m.meetingSeriesId === this.meetingId,
    );
    if (!instance) return false;
    this.live = instance.id;
    const started = platformTime(instance.start);
    this.updateMeeting({ status: 'live', ...(started !== undefined ? { startedAt: started } : {}) });
    return true;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.current.status === 'ended') return;
    this.cancelTimer?.();
    this.cancelTimer = this.context.scheduler.setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.cancelTimer = null;
    let delay: number;
    try {
      const changed = await this.read();
      this.failures = 0;
      this.setLink('connected');
      this.quietReads = changed ? 0 : this.quietReads + 1;
      delay = this.live ? Math.min(this.poll.maxMs, Math.round(this.poll.minMs * 1.5 ** this.quietReads)) : this.poll.waitingMs;
    } catch (error) {
      delay = this.afterFailure(error);
    }
    this.schedule(delay);
  }

  /** Keeps polling after a failure, at the pace Webex asked for or with exponential backoff. */
  private afterFailure(error: unknown): number {
    const problem = error instanceof ProviderError ? error : new ProviderError((error as Error).message ?? String(error));
    // A 404 on the roster may mean the meeting ended between two reads: the next read asks.
    if (problem.kind === 'notFound') this.checkMeeting = true;
    this.failures++;
    if (problem.kind === 'rateLimited') {
      this.setLink('reconnecting', `Webex asked to slow down: next read in ${Math.ceil((problem.retryAfterMs ?? 0) / 1000)} s.`);
      return Math.max(problem.retryAfterMs ?? 0, this.poll.minMs);
    }
    const state = problem.kind === 'auth' ? 'disconnected' : 'reconnecting';
    this.setLink(state, problem.kind === 'auth' ? `${problem.message} Sign in to Webex again.` : problem.message);
    // A 503 that says when to come back is not asked again before then (within the host's ceiling).
    return Math.max(Math.min(this.poll.backoffMaxMs, this.poll.minMs * 2 ** this.failures), pollWaitAfter(problem) ?? 0);
  }

  private setLink(state: 'connected' | 'reconnecting' | 'disconnected', detail?: string): void {
    if (state === this.link) return;
    this.link = state;
    this.emit({ type: 'connection', at: this.context.scheduler.now(), state, ...(detail ? { detail: detail.slice(0, 500) } : {}) });
  }
}
