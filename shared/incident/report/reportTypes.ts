import type { TimePoint } from './format';
import type { Phrase, ReportLanguage } from './strings';

/**
 * The incident report as data: every sentence already in the report's language, every name already
 * redacted (when asked) and cleaned of invisible characters. Renderers only lay it out and escape
 * it; the UI can show the same object.
 */
export interface Report {
  language: ReportLanguage;
  redacted: boolean;
  sessionId: string;
  /** The event's title as the platform gave it (cleaned). */
  title: string;
  /** "Incident report: <title>". */
  heading: string;
  generatedAt?: TimePoint;
  /** What the reader must know first: source, times, that no media was stored, redaction. */
  notices: string[];
  summary: ReportSummary;
  timeline: ReportTimeline;
  actions: ActionItem[];
  containment: ReportContainment;
  participants: InvolvedParticipant[];
  notes: NoteItem[];
  evidence: EvidenceItem[];
  lessons: { intro: string; items: LessonItem[] };
  integrity: ReportIntegrity;
}

/** A labelled line of a section (label and value), in display order. */
export interface ReportRow {
  label: string;
  value: Phrase;
}

export interface Attendance {
  peak: number;
  peakAt?: TimePoint;
  distinct: number;
  listLoaded: boolean;
  expected: number;
  unknown: number;
  impostors: number;
  /** Participants whose match against the list was never recorded. */
  unchecked: number;
  blockedAttempts: number;
}

export interface ActionCounts {
  total: number;
  confirmed: number;
  failed: number;
  pending: number;
}

export interface ReportSummary {
  rows: ReportRow[];
  platform: string;
  meetingId?: string;
  recordedBy: string[];
  sessionStart?: TimePoint;
  sessionEnd?: TimePoint;
  meetingStart?: TimePoint;
  meetingEnd?: TimePoint;
  attendance: Attendance;
  flagged: number;
  actions: ActionCounts;
  outcome: string;
}

export interface TimelineItem {
  seq: number;
  time: TimePoint;
  kind: string;
  line: Phrase;
  /** Marked as evidence by a moderator. */
  evidence: boolean;
}

export interface ReportTimeline {
  /** Why some entries are not listed (shown when any were left out). */
  scope?: string;
  total: number;
  items: TimelineItem[];
}

export type ActionStatus = 'confirmed' | 'failed' | 'pending';

export interface ActionItem {
  actionId: string;
  label: Phrase;
  requestedBy: string;
  requestedAt: TimePoint;
  settledAt?: TimePoint;
  status: ActionStatus;
  /** The status in words. */
  statusText: string;
  latencyMs?: number;
  /** The latency in words. */
  latency?: string;
  attempts: number;
  reason?: string;
  retryable: boolean;
  /** Steps run by a plan (Contain, Restore …), in request order. */
  children: ActionItem[];
}

export interface ContainmentWave {
  n: number;
  source: 'recorded' | 'computed' | 'open';
  /** Where the figures come from, in words. */
  note: string;
  firstArrival: TimePoint;
  detected: TimePoint;
  contained?: TimePoint;
  timeToDetectMs: number;
  timeToDetect: string;
  timeToContainMs?: number;
  timeToContain?: string;
  intruders: number;
}

export interface ReportContainment {
  /** How the two times are defined. */
  definition: string;
  /** Said when there is nothing to measure. */
  empty?: string;
  waves: ContainmentWave[];
}

export interface InvolvedParticipant {
  /** Pseudonym, or the latest display name (cleaned, whole). */
  label: string;
  /** Involvement in words: flagged, ejected, banned, refused entry, action taken. */
  involvement: string[];
  rows: ReportRow[];
  /** Invisible formatting characters removed from their names. */
  hiddenCharacters: number;
}

export interface NoteItem {
  seq: number;
  time: TimePoint;
  author: string;
  text: string;
}

export interface EvidenceItem {
  /** The marked entry's sequence number. */
  seq: number;
  /** Who marked it and when, in words. */
  marked: Phrase;
  note?: string;
  /** The marked entry, described; absent when it is not in this log. */
  entry?: TimelineItem;
  missing?: string;
}

export interface LessonItem {
  question: string;
  observations: Phrase[];
}

export interface ReportIntegrity {
  intro: string;
  headHash: string;
  entries: number;
  firstSeq?: number;
  lastSeq?: number;
  verified: boolean;
  brokenAt?: number;
  /** The verification result in words. */
  status: string;
  rows: ReportRow[];
  howTo: string;
  command: string;
  compare: string;
  notes: string[];
}
