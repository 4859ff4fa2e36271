import type { Action } from '../../../shared/model/action';
import type { Meeting } from '../../../shared/model/meeting';
import type { MediaAlert } from '../../../shared/model/participant';
import type { Scheduler } from '../../../shared/util/time';
import { ProviderError, type ProviderEvent } from '../../host/provider';
import type { RehearsalOptions } from './options';
import { SeededRandom } from './random';
import type { Person, ScheduledEvent, Timeline } from './timeline';

/** How many times an ejected intruder tries to come back. */
const MAX_RETURNS = 3;

interface Present {
  id: string;
  person: Person;
  sharing: boolean;
}

/**
 * A meeting platform in miniature: it plays a scenario's timeline in scaled time and answers
 * host calls like a real platform would, with latency, rate limits and failures. Eject makes the
 * participant leave (and an intruder try again later), lock turns later joins into blocked
 * attempts, end for all removes everyone.
 */
export class SimulatedMeeting {
  private readonly timeline: Timeline;
  private readonly options: RehearsalOptions;
  private readonly scheduler: Scheduler;
  private readonly emit: (event: ProviderEvent) => void;
  private readonly random: SeededRandom;
  private readonly startOffset: number;
  private readonly attachedAt: number;
  private meeting: Meeting;
  private readonly queue: ScheduledEvent[];
  private readonly present = new Map<string, Present>();
  private readonly returns = new Map<string, number>();
  private readonly callTimes: number[] = [];
  private cancelNext: (() => void) | null = null;
  private blockedCount = 0;
  private closed = false;
  readonly chat: string[] = [];

  constructor(
    meetingId: string,
    timeline: Timeline,
    options: RehearsalOptions,
    scheduler: Scheduler,
    emit: (event: ProviderEvent) => void,
  ) {
    this.timeline = timeline;
    this.options = options;
    this.scheduler = scheduler;
    this.emit = emit;
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
  private wall(at: number): number {
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

  async perform(action: Action, signal: AbortSignal): Promise<void> {
    this.admitCall();
    await this.roundTrip(action, signal);
    if (this.meeting.status === 'ended') throw new ProviderError('The meeting has already ended.', { status: 409 });
    switch (action.kind) {
      case 'eject':
        return this.eject(action.participantId);
      case 'lock':
      case 'unlock':
        return this.setLocked(action.kind === 'lock');
      case 'endForAll':
        return this.end();
      case 'postChat':
        this.chat.push(action.text);
        return;
    }
  }

  private admitCall(): void {
    const now = this.scheduler.now();
    while (this.callTimes.length > 0 && (this.callTimes[0] as number) <= now - 1000) this.callTimes.shift();
    if (this.callTimes.length >= this.options.rateLimitPerSecond) {
      const retryAfterMs = Math.max(1, (this.callTimes[0] as number) + 1000 - now);
      throw new ProviderError(`429 Too Many Requests: the platform accepts ${this.options.rateLimitPerSecond} calls a second.`, {
        retryable: true,
        retryAfterMs,
        status: 429,
      });
    }
    this.callTimes.push(now);
  }

  private roundTrip(action: Action, signal: AbortSignal): Promise<void> {
    const delay = this.options.latencyMs + this.random.next() * this.options.jitterMs;
    const fails = this.options.failing.includes(action.kind) || this.random.next() < this.options.failureRate;
    const hangs = this.options.unresponsive.includes(action.kind);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        cancel();
        reject(new ProviderError('The call was cancelled before the platform answered.', { retryable: true }));
      };
      const cancel = hangs
        ? () => undefined
        : this.scheduler.setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            if (fails)
              reject(
                new ProviderError('503 Service Unavailable: the platform could not do this right now.', { retryable: true, status: 503 }),
              );
            else resolve();
          }, delay);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private eject(participantId: string): void {
    const entry = [...this.present.values()].find((p) => p.id === participantId);
    if (!entry) throw new ProviderError('404 Not Found: this participant is not in the meeting.', { status: 404 });
    if (entry.person.role === 'host')
      throw new ProviderError('403 Forbidden: the host cannot be removed from their own meeting.', { status: 403 });
    this.present.delete(entry.person.key);
    this.emit({ type: 'left', at: this.wall(this.scenarioNow()), participantId: entry.id, reason: 'ejected' });
    if (entry.person.intruder) {
      const tries = this.returns.get(entry.person.key) ?? 0;
      if (tries < MAX_RETURNS) this.schedule({ at: this.scenarioNow() + this.options.rejoinDelayMs, type: 'join', person: entry.person });
    }
  }

  private setLocked(locked: boolean): void {
    if (this.meeting.locked === locked) return;
    this.meeting = { ...this.meeting, locked };
    this.emit({ type: 'meeting', at: this.wall(this.scenarioNow()), meeting: this.meeting });
  }

  private end(): void {
    const at = this.wall(this.scenarioNow());
    for (const entry of this.present.values()) {
      this.emit({ type: 'left', at, participantId: entry.id, reason: 'meetingEnded' });
    }
    this.present.clear();
    this.meeting = { ...this.meeting, status: 'ended', endedAt: at };
    this.emit({ type: 'meeting', at, meeting: this.meeting });
    this.emit({ type: 'ended', at });
    this.stop();
  }

  /** Inserts an event keeping the queue in time order, then re-arms the timer. */
  private schedule(event: ScheduledEvent): void {
    const index = this.queue.findIndex((e) => e.at > event.at);
    this.queue.splice(index === -1 ? this.queue.length : index, 0, event);
    this.armTimer();
  }

  private playDue(): void {
    this.cancelNext = null;
    if (this.closed) return;
    const now = this.scenarioNow();
    while (this.queue.length > 0 && (this.queue[0] as ScheduledEvent).at <= now) {
      this.play(this.queue.shift() as ScheduledEvent);
      if (this.closed) return;
    }
    this.armTimer();
  }

  private armTimer(): void {
    if (this.closed) return;
    this.cancelNext?.();
    const next = this.queue[0];
    if (!next) {
      this.cancelNext = null;
      return;
    }
    const delay = Math.max(0, (next.at - this.scenarioNow()) / this.options.timeScale);
    this.cancelNext = this.scheduler.setTimeout(() => this.playDue(), Math.ceil(delay));
  }

  private play(event: ScheduledEvent): void {
    switch (event.type) {
      case 'join':
        return this.join(event.person, event.at);
      case 'leave': {
        const entry = this.present.get(event.key);
        if (!entry) return;
        this.present.delete(event.key);
        this.emit({ type: 'left', at: this.wall(event.at), participantId: entry.id, reason: 'left' });
        return;
      }
      case 'media': {
        const entry = this.present.get(event.key);
        if (!entry) return;
        if (event.sharing !== undefined) entry.sharing = event.sharing;
        const { at: _at, type: _type, key: _key, ...changes } = event;
        this.emit({ type: 'updated', at: this.wall(event.at), participantId: entry.id, changes });
        return;
      }
      case 'rename': {
        const entry = this.present.get(event.key);
        if (!entry) return;
        entry.person = { ...entry.person, displayName: event.displayName };
        this.emit({ type: 'updated', at: this.wall(event.at), participantId: entry.id, changes: { displayName: event.displayName } });
        return;
      }
    }
  }

  private join(person: Person, at: number): void {
    if (this.present.has(person.key)) return;
    const tries = this.returns.get(person.key);
    const isReturn = tries !== undefined;
    if (isReturn) this.returns.set(person.key, tries + 1);
    else this.returns.set(person.key, 0);
    if (this.meeting.locked && person.role !== 'host') {
      this.blockedCount++;
      this.emit({
        type: 'blocked',
        attempt: {
          id: `b-${this.blockedCount}`,
          displayName: person.displayName,
          at: this.wall(at),
          identity: person.identity,
          reason: 'locked',
        },
      });
      if (person.intruder && (this.returns.get(person.key) ?? 0) < MAX_RETURNS) {
        this.schedule({ at: at + this.options.rejoinDelayMs, type: 'join', person });
      }
      return;
    }
    const id = isReturn ? `p-${person.key}-${(tries ?? 0) + 2}` : `p-${person.key}`;
    this.present.set(person.key, { id, person, sharing: false });
    const alerts: MediaAlert[] = [...person.alerts];
    this.emit({
      type: 'joined',
      at: this.wall(at),
      participant: {
        id,
        displayName: person.displayName,
        role: person.role,
        presence: 'inMeeting',
        audio: person.audio,
        video: person.video,
        sharing: false,
        identity: person.identity,
        alerts,
      },
    });
  }
}
