import type { LogEntry } from '../entry';
import type { ActionOutcome } from '../../model/action';
import type { BlockedJoin, Participant } from '../../model/participant';
import type { AttendeeMatch, RiskFlag } from '../../model/risk';
import type { RequestedAction } from './phrases';

type Of<K extends LogEntry['kind']> = Extract<LogEntry, { kind: K }>;

/** A moment as recorded: epoch ms, the recording machine's offset, and the entry it comes from. */
export interface Moment {
  ms: number;
  tz: string;
  seq: number;
}

export const momentOf = (entry: LogEntry, ms = Date.parse(entry.ts)): Moment => ({ ms, tz: entry.tz, seq: entry.seq });

/** A change of a meeting control, with what it was before when the log says. */
interface ControlEvidence {
  seq: number;
  from?: boolean | null;
  to?: boolean | null;
}

/** Everything the report needs from one pass over the log. */
export interface LogFacts {
  entries: readonly LogEntry[];
  sessionStarted?: Of<'session.started'>;
  sessionEnded?: Of<'session.ended'>;
  meetingStarted?: Moment;
  meetingEnded?: Moment;
  /** Moderators who recorded entries, in order of first entry. */
  moderators: string[];
  actions: Map<string, RequestedAction>;
  requests: Map<string, Of<'action.requested'>>;
  outcomes: Map<string, { outcome: ActionOutcome; entry: LogEntry }>;
  attempts: Map<string, number>;
  joined: Map<string, { participant: Participant; entry: LogEntry }>;
  left: Map<string, { reason: string; at: Moment }>;
  flagged: Map<string, { flags: RiskFlag[]; score: number; match: AttendeeMatch; entry: LogEntry }>;
  matches: Map<string, AttendeeMatch['status']>;
  alerts: Map<string, Set<string>>;
  /** Participant ids each action was aimed at. */
  targets: Map<string, string[]>;
  blocked: { attempt: BlockedJoin; entry: LogEntry }[];
  notes: Of<'note'>[];
  evidence: Of<'evidence.marked'>[];
  /** Lines a crash cut short, kept and marked by a `log.recovered` entry. */
  recovered: Of<'log.recovered'>[];
  peak: { count: number; at?: Moment };
  list: { loaded: boolean; count: number };
  rejected: number;
  errors: number;
  linkLosses: number;
  scripts: string[];
  firstLock?: Moment;
  containStarts: Moment[];
  controls: { locked: ControlEvidence[]; waitingRoom: ControlEvidence[] };
}

const bool = (value: unknown): boolean | null | undefined => (typeof value === 'boolean' || value === null ? value : undefined);

/** Collects the report's facts in one pass (the log can hold hundreds of thousands of entries). */
export function collectFacts(entries: readonly LogEntry[]): LogFacts {
  const f: LogFacts = {
    entries,
    moderators: [],
    actions: new Map(),
    requests: new Map(),
    outcomes: new Map(),
    attempts: new Map(),
    joined: new Map(),
    left: new Map(),
    flagged: new Map(),
    matches: new Map(),
    alerts: new Map(),
    targets: new Map(),
    blocked: [],
    notes: [],
    evidence: [],
    recovered: [],
    peak: { count: 0 },
    list: { loaded: false, count: 0 },
    rejected: 0,
    errors: 0,
    linkLosses: 0,
    scripts: [],
    containStarts: [],
    controls: { locked: [], waitingRoom: [] },
  };
  const moderators = new Set<string>();
  const present = new Set<string>();
  const addAlerts = (id: string, alerts: readonly string[]) => {
    if (alerts.length === 0) return;
    const set = f.alerts.get(id) ?? new Set<string>();
    for (const a of alerts) set.add(a);
    f.alerts.set(id, set);
  };
  const here = (entry: LogEntry, id: string) => {
    present.add(id);
    if (present.size > f.peak.count) f.peak = { count: present.size, at: momentOf(entry) };
  };
  for (const entry of entries) {
    if (!moderators.has(entry.actor.moderator)) {
      moderators.add(entry.actor.moderator);
      f.moderators.push(entry.actor.moderator);
    }
    switch (entry.kind) {
      case 'session.started':
        f.sessionStarted ??= entry;
        break;
      case 'session.ended':
        f.sessionEnded = entry;
        break;
      case 'meeting.started':
        f.meetingStarted ??= momentOf(entry, entry.data.at);
        break;
      case 'meeting.ended':
        f.meetingEnded ??= momentOf(entry, entry.data.at);
        present.clear();
        break;
      case 'meeting.locked':
        f.firstLock ??= momentOf(entry);
        f.controls.locked.push({ seq: entry.seq, from: false, to: true });
        break;
      case 'meeting.unlocked':
        f.controls.locked.push({ seq: entry.seq, from: true, to: false });
        break;
      case 'meeting.controls': {
        const change = entry.data.changes['waitingRoom'];
        if (change) f.controls.waitingRoom.push({ seq: entry.seq, from: bool(change.from), to: bool(change.to) });
        break;
      }
      case 'controls.captured':
        f.controls.locked.push({ seq: entry.seq, to: entry.data.controls.locked, from: entry.data.controls.locked });
        f.controls.waitingRoom.push({ seq: entry.seq, to: entry.data.controls.waitingRoom, from: entry.data.controls.waitingRoom });
        break;
      case 'participant.joined': {
        const p = entry.data.participant;
        if (!f.joined.has(p.id)) f.joined.set(p.id, { participant: p, entry });
        if (p.match.status !== 'noList') f.matches.set(p.id, p.match.status);
        else if (!f.matches.has(p.id)) f.matches.set(p.id, 'noList');
        addAlerts(p.id, p.alerts);
        if (p.presence === 'inMeeting') here(entry, p.id);
        break;
      }
      case 'participant.left':
        present.delete(entry.data.participantId);
        // When Hostdeck recorded the departure, like every time in the timeline (a platform's own clock
        // can disagree with this computer's, and the report must not mix the two).
        f.left.set(entry.data.participantId, { reason: entry.data.reason, at: momentOf(entry, Date.parse(entry.ts)) });
        break;
      case 'participant.updated': {
        const { alerts, match, presence } = entry.data.changes;
        if (alerts && Array.isArray(alerts.to)) addAlerts(entry.data.participantId, alerts.to as string[]);
        // Someone admitted from the waiting room is present from then on; the waiting room is not the meeting.
        if (presence?.to === 'inMeeting') here(entry, entry.data.participantId);
        else if (presence !== undefined) present.delete(entry.data.participantId);
        const status = (match?.to as AttendeeMatch | undefined)?.status;
        if (status !== undefined) f.matches.set(entry.data.participantId, status);
        break;
      }
      case 'participant.flagged':
        if (!f.flagged.has(entry.data.participantId)) {
          f.flagged.set(entry.data.participantId, { flags: entry.data.flags, score: entry.data.score, match: entry.data.match, entry });
        }
        if (entry.data.match.status !== 'noList') f.matches.set(entry.data.participantId, entry.data.match.status);
        break;
      case 'join.blocked':
        f.blocked.push({ attempt: entry.data.attempt, entry });
        break;
      case 'attendees.loaded':
        f.list = entry.data.source === 'cleared' ? { loaded: false, count: 0 } : { loaded: true, count: entry.data.count };
        break;
      case 'action.requested': {
        const { action, target, parentId } = entry.data;
        f.actions.set(action.id, { action, ...(target !== undefined ? { target } : {}), ...(parentId !== undefined ? { parentId } : {}) });
        f.requests.set(action.id, entry);
        const ids = 'participantId' in action ? [action.participantId] : action.kind === 'contain' ? action.participantIds : [];
        if (ids.length > 0) f.targets.set(action.id, ids);
        if (action.kind === 'contain') f.containStarts.push(momentOf(entry));
        break;
      }
      case 'action.attempt':
        f.attempts.set(entry.data.actionId, Math.max(f.attempts.get(entry.data.actionId) ?? 0, entry.data.attempt));
        break;
      case 'action.confirmed':
      case 'action.failed':
        f.outcomes.set(entry.data.outcome.actionId, { outcome: entry.data.outcome, entry });
        break;
      case 'note':
        f.notes.push(entry);
        break;
      case 'error':
        f.errors++;
        break;
      case 'input.rejected':
        f.rejected++;
        break;
      case 'platform.link':
        if (entry.data.state === 'disconnected' || entry.data.state === 'reconnecting') f.linkLosses++;
        break;
      case 'script.started':
        if (!f.scripts.includes(entry.data.name)) f.scripts.push(entry.data.name);
        break;
      case 'evidence.marked':
        f.evidence.push(entry);
        break;
      case 'log.recovered':
        f.recovered.push(entry);
        break;
      default:
        break;
    }
  }
  return f;
}

/**
 * A control's state just before an entry: the last change before it, or else what the first
 * later record says it was (a change's `from`, or a captured snapshot when nothing changed
 * in between), or undefined when the log never says.
 */
export function controlAt(evidence: readonly ControlEvidence[], seq: number): boolean | null | undefined {
  let before: ControlEvidence | undefined;
  for (const e of evidence) {
    if (e.seq < seq) before = e;
    else return before ? before.to : e.from;
  }
  return before?.to;
}
