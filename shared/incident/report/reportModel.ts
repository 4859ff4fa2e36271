import type { LogEntry } from '../entry';
import { buildActions, countActions } from './actionsSection';
import { findWaves } from './containment';
import { describeEntry } from './describeEntry';
import { collectFacts, type LogFacts } from './facts';
import { timePoint } from './format';
import { buildLessons } from './lessons';
import { buildInvolved } from './participantsSection';
import { cleanText, nameSpan, type DescribeContext } from './phrases';
import { Redactor } from './redact';
import type { EvidenceItem, NoteItem, Report, ReportTimeline, TimelineItem } from './reportTypes';
import { phrase, text, type ReportLanguage } from './strings';
import { buildContainment, buildIntegrity, buildSummary } from './summarySection';

export type * from './reportTypes';

export interface ReportOptions {
  /** Replace names and identifiers with pseudonyms everywhere in the report. */
  redact: boolean;
  language: ReportLanguage;
  /** The chain's head hash as the verifier computed it (SHA-256 of the last line). */
  headHash: string;
  /** Whether the chain verified. */
  verified: boolean;
  /** 1-based line of the first broken entry, when it did not. */
  brokenAt?: number;
  /** When the report is made (epoch ms); left out of the report when absent, so it stays reproducible. */
  generatedAt?: number;
  /** The log file's name for the verification command; `<sessionId>.jsonl` by default. */
  fileName?: string;
}

/**
 * Turns a session's incident log into a report a committee can read: summary, timeline, moderator
 * actions, time to detect and contain, participants involved, notes, evidence, lessons-learned
 * prompts and the chain's integrity. Pure: the chain is verified by the caller (hashing differs
 * between Node and the browser) and passed in.
 */
export function buildReport(entries: readonly LogEntry[], options: ReportOptions): Report {
  const { language } = options;
  const facts = collectFacts(entries);
  const redactor = new Redactor(entries, { redact: options.redact, language });
  const ctx: DescribeContext = { language, redactor, actions: facts.actions };
  const waves = findWaves(entries);
  const actions = buildActions(facts, ctx);
  const counts = countActions(actions);
  const participants = buildInvolved(facts, ctx);
  const sessionId = entries[0]?.sessionId ?? '';
  const title = facts.sessionStarted ? cleanText(redactor.text(facts.sessionStarted.data.title)) : sessionId;
  const last = entries.at(-1);

  const notices = [
    text(language, 'doc.source', { sessionId }),
    text(language, 'doc.times'),
    text(language, 'doc.media'),
    ...(options.redact ? [text(language, 'doc.redacted'), text(language, 'doc.redactedCaveat')] : [text(language, 'doc.notRedacted')]),
    text(language, 'doc.hostileText'),
  ];
  const report: Report = {
    language,
    redacted: options.redact,
    sessionId,
    title,
    heading: text(language, 'doc.heading', { title }),
    notices,
    summary: buildSummary(facts, waves, counts, ctx),
    timeline: buildTimeline(facts, ctx),
    actions,
    containment: buildContainment(waves, ctx),
    participants,
    notes: buildNotes(facts, ctx),
    evidence: buildEvidence(facts, ctx),
    lessons: { intro: text(language, 'lessons.intro'), items: buildLessons({ facts, waves, actions, ctx }) },
    integrity: buildIntegrity(facts, options, ctx),
  };
  if (options.generatedAt !== undefined) report.generatedAt = timePoint(options.generatedAt, last?.tz ?? '+00:00', language);
  return report;
}

/** Participants the incident touched (by participant id): their joins, departures and changes are significant. */
function involvedIds(facts: LogFacts, redactor: Redactor): Set<string> {
  const ids = new Set<string>(facts.flagged.keys());
  for (const [id, left] of facts.left) if (left.reason === 'ejected' || left.reason === 'banned' || left.reason === 'removed') ids.add(id);
  for (const targets of facts.targets.values()) for (const id of targets) ids.add(id);
  for (const { attempt } of facts.blocked) for (const id of redactor.people.attempt(attempt).participantIds) ids.add(id);
  return ids;
}

/**
 * Whether an entry belongs in the report's timeline. Routine comings and goings of uninvolved
 * participants are counted in the summary instead (a meeting of thousands would bury the incident);
 * first attempts are implied by their outcome; rejected input is counted under integrity.
 */
function isSignificant(entry: LogEntry, involved: ReadonlySet<string>): boolean {
  switch (entry.kind) {
    case 'participant.joined':
      return involved.has(entry.data.participant.id);
    case 'participant.left':
    case 'participant.updated':
      return involved.has(entry.data.participantId);
    case 'action.requested':
      // A plan's steps are listed under it in the actions section; their outcomes stay in the timeline.
      return entry.data.parentId === undefined;
    case 'action.attempt':
      return entry.data.attempt > 1;
    case 'controls.captured':
    case 'input.rejected':
    case 'evidence.marked':
      return false;
    default:
      return true;
  }
}

function timelineItem(entry: LogEntry, ctx: DescribeContext, evidence: boolean): TimelineItem {
  return {
    seq: entry.seq,
    time: timePoint(Date.parse(entry.ts), entry.tz, ctx.language),
    kind: entry.kind,
    line: describeEntry(entry, ctx).line,
    evidence,
  };
}

function buildTimeline(facts: LogFacts, ctx: DescribeContext): ReportTimeline {
  const involved = involvedIds(facts, ctx.redactor);
  const marked = new Set(facts.evidence.map((e) => e.data.seq));
  const items: TimelineItem[] = [];
  for (const entry of facts.entries) {
    const isMarked = marked.has(entry.seq);
    if (isMarked || isSignificant(entry, involved)) items.push(timelineItem(entry, ctx, isMarked));
  }
  const total = facts.entries.length;
  const scope = items.length < total ? text(ctx.language, 'timeline.scope', { shown: items.length, total }) : undefined;
  return { total, items, ...(scope !== undefined ? { scope } : {}) };
}

function buildNotes(facts: LogFacts, ctx: DescribeContext): NoteItem[] {
  return facts.notes.map((entry) => ({
    seq: entry.seq,
    time: timePoint(Date.parse(entry.ts), entry.tz, ctx.language),
    author: cleanText(ctx.redactor.moderator(entry.actor.moderator)),
    text: cleanText(ctx.redactor.text(entry.data.text)),
  }));
}

function buildEvidence(facts: LogFacts, ctx: DescribeContext): EvidenceItem[] {
  if (facts.evidence.length === 0) return [];
  const bySeq = new Map(facts.entries.map((e) => [e.seq, e]));
  return facts.evidence.map((entry) => {
    const mark = entry;
    const marked = phrase(ctx.language, 'evidence.marked', {
      actor: nameSpan(ctx.redactor.moderator(entry.actor.moderator)),
      time: timePoint(Date.parse(entry.ts), entry.tz, ctx.language).local,
    });
    const target = bySeq.get(mark.data.seq);
    const item: EvidenceItem = { seq: mark.data.seq, marked };
    if (mark.data.note !== undefined) item.note = cleanText(ctx.redactor.text(mark.data.note));
    if (target) item.entry = timelineItem(target, ctx, true);
    else item.missing = text(ctx.language, 'evidence.missing', { seq: mark.data.seq });
    return item;
  });
}
