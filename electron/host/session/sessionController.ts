import type { RosterMessage, RosterPatch, RosterSnapshot } from '../../../shared/contract/roster';
import type { EntryBody } from '../../../shared/incident/entry';
import type { Meeting } from '../../../shared/model/meeting';
import type { BlockedJoin, Participant } from '../../../shared/model/participant';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from '../../../shared/model/risk';
import type { ExpectedAttendee } from '../../../shared/risk/attendees';
import type { ProviderEvent } from '../provider';
import { createFoldState, foldEvent, replaceParticipant, type FoldState } from './fold';
import { ContainmentTracker } from './containment';
import { RiskEngine } from './riskEngine';

export interface SessionControllerOptions {
  sessionId: string;
  meeting: Meeting;
  /** Receives every roster message in sequence order. */
  onRoster: (message: RosterMessage) => void;
  /** Receives what each event means for the incident log, in event order. */
  onLog: (body: EntryBody) => void;
  attendees?: readonly ExpectedAttendee[];
  riskSettings?: RiskSettings;
  /** The host's clock, for measuring time to detect and contain. */
  now?: () => number;
  /**
   * Defers a flush so that events arriving together leave as one patch. Defaults to the next turn
   * of the event loop.
   */
  defer?: (flush: () => void) => void;
}

/**
 * Folds a provider's events into the authoritative meeting state, assesses every changed
 * participant for risk, and publishes the result as a numbered stream: a snapshot on request, and
 * one patch per batch of changes.
 */
export class SessionController {
  readonly sessionId: string;
  private readonly state: FoldState;
  private readonly options: SessionControllerOptions;
  private readonly risk: RiskEngine;
  private readonly containment: ContainmentTracker;
  private riskSettings: RiskSettings;
  private seq = 0;
  private pendingUpserts = new Map<string, Participant>();
  private pendingBlocked: BlockedJoin[] = [];
  private pendingMeeting = false;
  private flushScheduled = false;

  constructor(options: SessionControllerOptions) {
    this.options = options;
    this.sessionId = options.sessionId;
    this.state = createFoldState(options.meeting);
    this.risk = new RiskEngine((id) => this.participant(id));
    this.containment = new ContainmentTracker(options.now ?? Date.now);
    this.riskSettings = options.riskSettings ?? DEFAULT_RISK_SETTINGS;
    this.risk.configure(this.riskSettings, options.meeting.startedAt);
    if (options.attendees) this.risk.setAttendees(options.attendees);
  }

  get meeting(): Meeting {
    return this.state.meeting;
  }

  participant(id: string): Participant | undefined {
    return this.state.participants.get(id)?.participant;
  }

  participants(): Participant[] {
    return [...this.state.participants.values()].map((t) => t.participant);
  }

  /** Folds one platform event in; the resulting patch goes out on the next flush. */
  handle(event: ProviderEvent): void {
    const startedBefore = this.state.meeting.startedAt;
    const result = foldEvent(this.state, event);
    for (const body of result.log) this.options.onLog(body);
    if (this.state.meeting.startedAt !== startedBefore) this.risk.configure(this.riskSettings, this.state.meeting.startedAt);
    const joined = new Set(result.log.flatMap((b) => (b.kind === 'participant.joined' ? [b.data.participant.id] : [])));
    for (const p of result.upserts) this.assess(p, joined.has(p.id));
    this.pendingBlocked.push(...result.blocked);
    this.pendingMeeting ||= result.meetingChanged;
    if (result.upserts.length || result.meetingChanged) this.checkContainment();
    if (result.upserts.length || result.blocked.length || result.meetingChanged) this.scheduleFlush();
  }

  private checkContainment(): void {
    const contained = this.containment.check(this.state.meeting, (id) => this.participant(id));
    if (contained) this.options.onLog({ kind: 'incident.contained', data: contained });
  }

  /** Replaces the expected-attendee list and re-assesses everyone against it. */
  setAttendees(list: readonly ExpectedAttendee[]): void {
    this.risk.setAttendees(list, this.participants());
    this.reassessAll();
  }

  setRiskSettings(settings: RiskSettings): void {
    this.riskSettings = settings;
    this.risk.configure(settings, this.state.meeting.startedAt);
    this.reassessAll();
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
      state: { meeting: this.state.meeting, participants: this.participants(), blockedJoins: [...this.state.blockedJoins] },
    };
  }

  private reassessAll(): void {
    for (const p of this.participants()) this.store(p, this.risk.reassess(p), false);
    this.scheduleFlush();
  }

  private assess(p: Participant, isNewJoin: boolean): void {
    const { participant, others } = this.risk.assess(p, isNewJoin);
    this.store(p, participant, true);
    for (const id of others) {
      const other = this.participant(id);
      if (other) this.store(other, this.risk.reassess(other), false);
    }
  }

  /**
   * Keeps an assessed participant, logs a newly flagged one, and queues it for the next patch when
   * the fold changed it (`changedByEvent`) or its assessment moved.
   */
  private store(before: Participant, after: Participant, changedByEvent: boolean): void {
    replaceParticipant(this.state, after);
    this.containment.participant(after);
    const assessmentMoved = JSON.stringify([before.risk, before.match]) !== JSON.stringify([after.risk, after.match]);
    if (after.risk.level === 'flagged' && before.risk.level !== 'flagged' && after.presence !== 'left') {
      this.options.onLog({
        kind: 'participant.flagged',
        data: {
          participantId: after.id,
          displayName: after.displayName,
          score: after.risk.score,
          flags: after.risk.flags,
          match: after.match,
        },
      });
    }
    if (changedByEvent || assessmentMoved || this.pendingUpserts.has(after.id)) this.pendingUpserts.set(after.id, after);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    (this.options.defer ?? ((fn) => setImmediate(fn)))(() => this.flush());
  }
}
