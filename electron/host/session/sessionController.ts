import type { RosterMessage, RosterPatch, RosterSnapshot } from '../../../shared/contract/roster';
import type { EntryBody } from '../../../shared/incident/entry';
import type { Meeting } from '../../../shared/model/meeting';
import type { BlockedJoin, Participant } from '../../../shared/model/participant';
import type { ProviderEvent } from '../provider';
import { createFoldState, foldEvent, type FoldState } from './fold';

export interface SessionControllerOptions {
  sessionId: string;
  meeting: Meeting;
  /** Receives every roster message in sequence order. */
  onRoster: (message: RosterMessage) => void;
  /** Receives what each event means for the incident log, in event order. */
  onLog: (body: EntryBody) => void;
  /**
   * Defers a flush so that events arriving together leave as one patch. Defaults to the next turn
   * of the event loop.
   */
  defer?: (flush: () => void) => void;
}

/**
 * Folds a provider's events into the authoritative meeting state and publishes it as a numbered
 * stream: a snapshot on request, and one patch per batch of changes.
 */
export class SessionController {
  readonly sessionId: string;
  private readonly state: FoldState;
  private readonly options: SessionControllerOptions;
  private seq = 0;
  private pendingUpserts = new Map<string, Participant>();
  private pendingBlocked: BlockedJoin[] = [];
  private pendingMeeting = false;
  private flushScheduled = false;

  constructor(options: SessionControllerOptions) {
    this.options = options;
    this.sessionId = options.sessionId;
    this.state = createFoldState(options.meeting);
  }

  get meeting(): Meeting {
    return this.state.meeting;
  }

  participant(id: string): Participant | undefined {
    return this.state.participants.get(id)?.participant;
  }

  /** Folds one platform event in; the resulting patch goes out on the next flush. */
  handle(event: ProviderEvent): void {
    const result = foldEvent(this.state, event);
    for (const body of result.log) this.options.onLog(body);
    for (const p of result.upserts) this.pendingUpserts.set(p.id, p);
    this.pendingBlocked.push(...result.blocked);
    this.pendingMeeting ||= result.meetingChanged;
    if (result.upserts.length || result.blocked.length || result.meetingChanged) this.scheduleFlush();
  }

  /** Publishes pending changes now as one patch. */
  flush(): void {
    this.flushScheduled = false;
    if (!this.pendingMeeting && this.pendingUpserts.size === 0 && this.pendingBlocked.length === 0) return;
    const patch: RosterPatch = {
      kind: 'patch',
      sessionId: this.sessionId,
      seq: ++this.seq,
      upserts: [...this.pendingUpserts.values()],
      blocked: this.pendingBlocked,
      ...(this.pendingMeeting ? { meeting: this.state.meeting } : {}),
    };
    this.pendingUpserts = new Map();
    this.pendingBlocked = [];
    this.pendingMeeting = false;
    this.options.onRoster(patch);
  }

  /** The whole state, consistent with the patches sent so far (pending changes are flushed first). */
  snapshot(): RosterSnapshot {
    this.flush();
    return {
      kind: 'snapshot',
      sessionId: this.sessionId,
      seq: this.seq,
      state: {
        meeting: this.state.meeting,
        participants: [...this.state.participants.values()].map((t) => t.participant),
        blockedJoins: [...this.state.blockedJoins],
      },
    };
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    (this.options.defer ?? ((fn) => setImmediate(fn)))(() => this.flush());
  }
}
