import type { PlatformAction } from '../../../shared/model/action';
import { UNKNOWN_CONTROLS, type Meeting } from '../../../shared/model/meeting';
import type { LeaveReason, MediaAlert } from '../../../shared/model/participant';
import type { Scheduler } from '../../../shared/util/time';
import { ProviderError, type ParticipantChanges, type ProviderEvent } from '../../host/provider';
import type { RehearsalOptions } from './options';
import { SeededRandom } from './random';
import type { Person, ScheduledEvent, Timeline } from './timeline';

/** How many times an ejected intruder tries to come back. */
const MAX_RETURNS = 3;
/** Scenario time after which an intruder switches noise or video back on, if the platform lets them. */
const RESUME_AFTER_MS = 12_000;

interface Present {
  id: string;
  person: Person;
  presence: 'inMeeting' | 'waiting';
  audio: boolean;
  video: boolean;
  sharing: boolean;
}

/**
 * A meeting platform in miniature: it plays a scenario's timeline in scaled time and answers host
 * calls like a real platform would, with latency, rate limits and failures. It enforces its own
 * controls (a locked meeting turns joins into blocked attempts, a waiting room holds newcomers,
 * prevented unmuting keeps microphones off) and its intruders behave like intruders: ejected, they
 * come back; muted, they unmute again when they can.
 */
export class SimulatedMeeting {
  private readonly random: SeededRandom;
  private readonly startOffset: number;
  private readonly attachedAt: number;
  private meeting: Meeting;
  private readonly queue: ScheduledEvent[];
  /** Events before this index have been played (a head index: shifting a 20,000-event array is slow). */
  private head = 0;
  private readonly present = new Map<string, Present>();
  private readonly returns = new Map<string, number>();
  private readonly banned = new Set<string>();
  private readonly callTimes: number[] = [];
  private cancelNext: (() => void) | null = null;
  private blockedCount = 0;
  private calls = 0;
  private callsSinceRefresh = 0;
  private closed = false;
  readonly chat: string[] = [];

  constructor(
    meetingId: string,
    private readonly timeline: Timeline,
    private readonly options: RehearsalOptions,
    private readonly scheduler: Scheduler,
    private readonly emit: (event: ProviderEvent) => void,
  ) {
    this.random = new SeededRandom(options.seed).fork('platform');
    this.startOffset =
      options.startAt === 'beforeIntrusion' && timeline.intrusionAt !== undefined ? Math.max(0, timeline.intrusionAt - 60_000) : 0;
    this.attachedAt = scheduler.now();
    this.meeting = {
      id: meetingId,
      providerId: 'rehearsal',
      title: timeline.title,
      status: 'live',
      locked: false,
      controls: { ...UNKNOWN_CONTROLS, waitingRoom: false, allowUnmute: true, allowVideo: true, allowShare: true, chatEnabled: true },
      startedAt: this.attachedAt - this.startOffset,
    };
    this.queue = [...timeline.events];
  }

  get meetingInfo(): Meeting {
    return this.meeting;
  }

  /** Scenario time now: ms since the simulated meeting started. */
  scenarioNow(): number {
    return this.startOffset + (this.scheduler.now() - this.attachedAt) * this.options.timeScale;
  }

  /** Platform clock for a scenario time. */
  private wall(at: number = this.scenarioNow()): number {
    return Math.round(this.attachedAt - this.startOffset + at);
  }

  /** Announces the meeting, the host and everything before the start point, then plays on. */
  start(): void {
    this.emit({ type: 'meeting', at: this.wall(0), meeting: this.meeting });
    this.join(this.timeline.host, 0);
    this.playDue();
  }

  stop(): void {
    this.closed = true;
    this.cancelNext?.();
    this.cancelNext = null;
  }

  async perform(action: PlatformAction, signal: AbortSignal): Promise<void> {
    this.calls++;
    if (this.calls <= this.options.stormCalls) {
      throw new ProviderError('429 Too Many Requests: the platform is shedding load.', {
        status: 429,
        retryAfterMs: this.options.stormRetryAfterMs,
      });
    }
    if (this.options.tokenLifetimeCalls > 0 && this.callsSinceRefresh++ >= this.options.tokenLifetimeCalls) {
      throw new ProviderError('401 Unauthorized: the access token has expired.', { status: 401 });
    }
    this.admitCall();
    const dropped = this.random.next() < this.options.dropRate;
    const appliedBeforeDrop = dropped && this.random.next() < 0.5;
    await this.roundTrip(action, signal);
    if (this.meeting.status === 'ended') throw new ProviderError('The meeting has already ended.', { status: 409 });
    if (dropped && !appliedBeforeDrop)
      throw new ProviderError('The connection to the platform dropped before it answered.', { kind: 'network' });
    this.apply(action);
    // The platform acted, but its answer was lost on the way back.
    if (appliedBeforeDrop)
      throw new ProviderError('The connection dropped after the request was sent; the platform may have acted.', { kind: 'network' });
  }

  /** Renews the simulated sign-in after it expired. */
  async refreshAuth(): Promise<void> {
    this.callsSinceRefresh = 0;
  }

  private apply(action: PlatformAction): void {
    switch (action.kind) {
      case 'eject':
      case 'ban':
      case 'deny': {
        const entry = this.find(action.participantId);
        if (action.kind === 'deny' && entry.presence !== 'waiting')
          throw new ProviderError('409 Conflict: this participant is not waiting.', { status: 409 });
        if (action.kind === 'ban') this.banned.add(entry.person.key);
        return this.remove(entry, action.kind === 'eject' ? 'ejected' : action.kind === 'ban' ? 'banned' : 'removed');
      }
      case 'mute':
        return this.setMedia(this.find(action.participantId), { audio: false });
      case 'unmute':
        return this.setMedia(this.find(action.participantId), { audio: true });
      case 'stopVideo':
        return this.setMedia(this.find(action.participantId), { video: false });
      case 'stopShare':
        return this.setMedia(this.find(action.participantId), { sharing: false });
      case 'moveToWaitingRoom':
        return this.setPresence(this.find(action.participantId), 'waiting');
      case 'admit': {
        const entry = this.find(action.participantId);
        if (entry.presence !== 'waiting') throw new ProviderError('409 Conflict: this participant is not waiting.', { status: 409 });
        return this.setPresence(entry, 'inMeeting');
      }
      case 'admitAll':
      case 'denyAll':
        for (const entry of [...this.present.values()].filter((p) => p.presence === 'waiting')) {
          if (action.kind === 'admitAll') this.setPresence(entry, 'inMeeting');
          else this.remove(entry, 'removed');
        }
        return;
      case 'lock':
      case 'unlock':
        return this.setMeeting({ locked: action.kind === 'lock' });
      case 'setWaitingRoom':
        return this.setControls({ waitingRoom: action.enabled });
      case 'muteAll':
        this.forEveryone((p) => this.setMedia(p, { audio: false }));
        if (action.preventUnmute) this.setControls({ allowUnmute: false });
        return;
      case 'setAllowUnmute':
        return this.setControls({ allowUnmute: action.allowed });
      case 'stopAllVideo':
        this.forEveryone((p) => this.setMedia(p, { video: false }));
        if (action.preventStart) this.setControls({ allowVideo: false });
        return;
      case 'setAllowVideo':
        return this.setControls({ allowVideo: action.allowed });
      case 'stopAllShares':
        this.forEveryone((p) => this.setMedia(p, { sharing: false }));
        if (action.preventStart) this.setControls({ allowShare: false });
        return;
      case 'setAllowShare':
        return this.setControls({ allowShare: action.allowed });
      case 'setChat':
        return this.setControls({ chatEnabled: action.enabled });
      case 'postChat':
        this.chat.push(action.text);
        return;
      case 'endForAll':
        return this.end();
    }
  }

  private find(participantId: string): Present {
    const entry = [...this.present.values()].find((p) => p.id === participantId);
    if (!entry) throw new ProviderError('404 Not Found: this participant is not in the meeting.', { status: 404 });
    if (entry.person.role === 'host') throw new ProviderError('403 Forbidden: the host’s own controls cannot be changed.', { status: 403 });
    return entry;
  }

  private forEveryone(fn: (p: Present) => void): void {
    for (const entry of this.present.values()) if (entry.person.role !== 'host') fn(entry);
  }

  private admitCall(): void {
    const now = this.scheduler.now();
    while (this.callTimes.length > 0 && (this.callTimes[0] as number) <= now - 1000) this.callTimes.shift();
    if (this.callTimes.length >= this.options.rateLimitPerSecond) {
      const retryAfterMs = Math.max(1, (this.callTimes[0] as number) + 1000 - now);
      throw new ProviderError(`429 Too Many Requests: the platform accepts ${this.options.rateLimitPerSecond} calls a second.`, {
        retryAfterMs,
        status: 429,
      });
    }
    this.callTimes.push(now);
  }

  private roundTrip(action: PlatformAction, signal: AbortSignal): Promise<void> {
    const delay = this.options.latencyMs + this.random.next() * this.options.jitterMs;
    const fails = this.options.failing.includes(action.kind) || this.random.next() < this.options.failureRate;
    const hangs = this.options.unresponsive.includes(action.kind);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        cancel();
        reject(new ProviderError('The call was cancelled before the platform answered.', { kind: 'cancelled' }));
      };
      const cancel = hangs
        ? () => undefined
        : this.scheduler.setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            if (fails) reject(new ProviderError('503 Service Unavailable: the platform could not do this right now.', { status: 503 }));
            else resolve();
          }, delay);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private remove(entry: Present, reason: LeaveReason): void {
    this.present.delete(entry.person.key);
    this.emit({ type: 'left', at: this.wall(), participantId: entry.id, reason });
    if (entry.person.intruder && (this.returns.get(entry.person.key) ?? 0) < MAX_RETURNS) {
      this.schedule({ at: this.scenarioNow() + this.options.rejoinDelayMs, type: 'join', person: entry.person });
    }
  }

  private setMedia(entry: Present, changes: { audio?: boolean; video?: boolean; sharing?: boolean; alerts?: MediaAlert[] }): void {
    const applied: ParticipantChanges = {};
    for (const key of ['audio', 'video', 'sharing'] as const) {
      const value = changes[key];
      if (value === undefined || entry[key] === value) continue;
      entry[key] = value;
      applied[key] = value;
    }
    if (changes.alerts) applied.alerts = changes.alerts;
    if (Object.keys(applied).length === 0) return;
    this.emit({ type: 'updated', at: this.wall(), participantId: entry.id, changes: applied });
    // Switched off by the host, an intruder switches it back on when the platform allows.
    if (entry.person.intruder && (changes.audio === false || changes.video === false)) {
      this.schedule({
        at: this.scenarioNow() + RESUME_AFTER_MS,
        type: 'media',
        key: entry.person.key,
        audio: entry.person.audio,
        video: entry.person.video,
      });
    }
  }

  private setPresence(entry: Present, presence: Present['presence']): void {
    if (entry.presence === presence) return;
    entry.presence = presence;
    const media =
      presence === 'waiting'
        ? { audio: false, video: false, sharing: false }
        : {
            audio: entry.person.audio && this.meeting.controls.allowUnmute !== false,
            video: entry.person.video && this.meeting.controls.allowVideo !== false,
          };
    Object.assign(entry, media);
    this.emit({ type: 'updated', at: this.wall(), participantId: entry.id, changes: { presence, ...media } });
  }

  private setMeeting(change: Partial<Pick<Meeting, 'locked'>>): void {
    const next = { ...this.meeting, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.meeting)) return;
    this.meeting = next;
    this.emit({ type: 'meeting', at: this.wall(), meeting: this.meeting });
  }

  private setControls(change: Partial<Meeting['controls']>): void {
    const next = { ...this.meeting, controls: { ...this.meeting.controls, ...change } };
    if (JSON.stringify(next) === JSON.stringify(this.meeting)) return;
    this.meeting = next;
    this.emit({ type: 'meeting', at: this.wall(), meeting: this.meeting });
  }

  private end(): void {
    const at = this.wall();
    for (const entry of this.present.values()) this.emit({ type: 'left', at, participantId: entry.id, reason: 'meetingEnded' });
    this.present.clear();
    this.meeting = { ...this.meeting, status: 'ended', endedAt: at };
    this.emit({ type: 'meeting', at, meeting: this.meeting });
    this.emit({ type: 'ended', at });
    this.stop();
  }

  /** Inserts an event keeping the queue in time order, then re-arms the timer. */
  private schedule(event: ScheduledEvent): void {
    let index = this.queue.length;
    while (index > this.head && (this.queue[index - 1] as ScheduledEvent).at > event.at) index--;
    this.queue.splice(index, 0, event);
    this.armTimer();
  }

  private playDue(): void {
    this.cancelNext = null;
    if (this.closed) return;
    const now = this.scenarioNow();
    while (this.head < this.queue.length && (this.queue[this.head] as ScheduledEvent).at <= now) {
      this.play(this.queue[this.head++] as ScheduledEvent);
      if (this.closed) return;
    }
    if (this.head > 4096) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.armTimer();
  }

  private armTimer(): void {
    if (this.closed) return;
    this.cancelNext?.();
    const next = this.queue[this.head];
    if (!next) {
      this.cancelNext = null;
      return;
    }
    const delay = Math.max(0, (next.at - this.scenarioNow()) / this.options.timeScale);
    this.cancelNext = this.scheduler.setTimeout(() => this.playDue(), Math.ceil(delay));
  }

  private play(event: ScheduledEvent): void {
    if (event.type === 'join') return this.join(event.person, event.at);
    const entry = this.present.get(event.key);
    if (!entry || entry.presence === 'waiting') return;
    if (event.type === 'leave') {
      this.present.delete(event.key);
      this.emit({ type: 'left', at: this.wall(event.at), participantId: entry.id, reason: 'left' });
      return;
    }
    if (event.type === 'rename') {
      entry.person = { ...entry.person, displayName: event.displayName };
      this.emit({ type: 'updated', at: this.wall(event.at), participantId: entry.id, changes: { displayName: event.displayName } });
      return;
    }
    // A participant switching media on: the platform allows it only where its controls do.
    const { controls } = this.meeting;
    const privileged = entry.person.role !== 'attendee' && entry.person.role !== 'guest';
    const changes: ParticipantChanges = {};
    if (event.audio !== undefined && (event.audio === false || privileged || controls.allowUnmute !== false)) changes.audio = event.audio;
    if (event.video !== undefined && (event.video === false || privileged || controls.allowVideo !== false)) changes.video = event.video;
    if (event.sharing !== undefined && (event.sharing === false || privileged || controls.allowShare !== false))
      changes.sharing = event.sharing;
    if (event.alerts) changes.alerts = event.alerts;
    const refused = (event.audio === true && changes.audio === undefined) || (event.video === true && changes.video === undefined);
    if (refused && entry.person.intruder) {
      // Kept quiet by the platform, an intruder keeps trying.
      this.schedule({ ...event, at: this.scenarioNow() + RESUME_AFTER_MS });
    }
    for (const key of ['audio', 'video', 'sharing'] as const) {
      if (changes[key] === undefined) continue;
      if (entry[key] === changes[key]) delete changes[key];
      else entry[key] = changes[key] as boolean;
    }
    if (Object.keys(changes).length > 0) this.emit({ type: 'updated', at: this.wall(event.at), participantId: entry.id, changes });
  }

  private join(person: Person, at: number): void {
    if (this.present.has(person.key)) return;
    const tries = this.returns.get(person.key);
    const isReturn = tries !== undefined;
    this.returns.set(person.key, isReturn ? tries + 1 : 0);
    const refusal =
      person.role === 'host' ? undefined : this.banned.has(person.key) ? 'banned' : this.meeting.locked ? 'locked' : undefined;
    if (refusal) {
      this.blockedCount++;
      this.emit({
        type: 'blocked',
        attempt: {
          id: `b-${this.blockedCount}`,
          displayName: person.displayName,
          at: this.wall(at),
          identity: person.identity,
          reason: refusal,
        },
      });
      if (person.intruder && (this.returns.get(person.key) ?? 0) < MAX_RETURNS)
        this.schedule({ at: at + this.options.rejoinDelayMs, type: 'join', person });
      return;
    }
    const id = isReturn ? `p-${person.key}-${(tries ?? 0) + 2}` : `p-${person.key}`;
    const waiting = person.role !== 'host' && this.meeting.controls.waitingRoom === true;
    const { controls } = this.meeting;
    const entry: Present = {
      id,
      person,
      presence: waiting ? 'waiting' : 'inMeeting',
      audio: !waiting && person.audio && (person.role === 'host' || controls.allowUnmute !== false),
      video: !waiting && person.video && (person.role === 'host' || controls.allowVideo !== false),
      sharing: false,
    };
    this.present.set(person.key, entry);
    this.emit({
      type: 'joined',
      at: this.wall(at),
      participant: {
        id,
        displayName: person.displayName,
        role: person.role,
        presence: entry.presence,
        audio: entry.audio,
        video: entry.video,
        sharing: false,
        identity: person.identity,
        alerts: [...person.alerts],
      },
    });
  }
}
