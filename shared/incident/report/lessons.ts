import { flattenActions } from './actionsSection';
import type { Wave } from './containment';
import { controlAt, type LogFacts, type Moment } from './facts';
import { formatDuration, timePoint } from './format';
import { cleanText, type DescribeContext } from './phrases';
import type { ActionItem, LessonItem } from './reportTypes';
import { joinPhrases, phrase, text, type Phrase, type PhraseParam, type ReportKey } from './strings';

const REMOVED: ReadonlySet<string> = new Set(['ejected', 'banned', 'removed']);

/** Most failed actions listed under one question; the actions section lists them all. */
const MAX_FAILED = 10;

interface LessonInput {
  facts: LogFacts;
  waves: readonly Wave[];
  actions: readonly ActionItem[];
  ctx: DescribeContext;
}

/**
 * The post-incident review questions of NIST SP 800-61 (section 3.4.1, "Lessons Learned"), each
 * with what the log can say towards an answer. The log cannot answer them: it gives the review
 * facts to start from, and says plainly what it cannot know (whether the link was public).
 */
export function buildLessons(input: LessonInput): LessonItem[] {
  const { ctx } = input;
  const l = (key: ReportKey, params: Record<string, PhraseParam> = {}) => phrase(ctx.language, key, params);
  return [
    { question: text(ctx.language, 'lessons.what'), observations: whatHappened(input, l) },
    { question: text(ctx.language, 'lessons.performance'), observations: performance(input, l) },
    { question: text(ctx.language, 'lessons.sooner'), observations: sooner(input, l) },
    { question: text(ctx.language, 'lessons.differently'), observations: differently(input, l) },
    { question: text(ctx.language, 'lessons.indicators'), observations: indicators(input, l) },
    { question: text(ctx.language, 'lessons.prevention'), observations: prevention(input, l) },
  ];
}

type L = (key: ReportKey, params?: Record<string, PhraseParam>) => Phrase;

const local = (m: Moment, input: LessonInput) => timePoint(m.ms, m.tz, input.ctx.language).local;
const duration = (ms: number, input: LessonInput) => formatDuration(ms, input.ctx.language);

function whatHappened(input: LessonInput, l: L): Phrase[] {
  const { waves, facts } = input;
  const out: Phrase[] = [];
  const first = waves[0];
  if (!first) out.push(l('obs.noIntruders'));
  else {
    out.push(l('obs.firstArrival', { time: local(first.firstArrival, input) }));
    out.push(
      l('obs.detected', { time: local(first.detected, input), duration: duration(first.detected.ms - first.firstArrival.ms, input) }),
    );
    out.push(
      first.contained
        ? l('obs.contained', { time: local(first.contained, input), duration: duration(first.contained.ms - first.firstArrival.ms, input) })
        : l('obs.notContained'),
    );
  }
  if (facts.meetingEnded) out.push(l('obs.meetingEnded', { time: local(facts.meetingEnded, input) }));
  return out;
}

function performance(input: LessonInput, l: L): Phrase[] {
  const { facts } = input;
  const all = flattenActions(input.actions);
  const out: Phrase[] = [];
  const count = (status: string) => all.filter((a) => a.status === status).length;
  out.push(l('obs.actions', { total: all.length, confirmed: count('confirmed'), failed: count('failed'), pending: count('pending') }));
  const latencies = all.flatMap((a) => (a.status === 'confirmed' && a.latencyMs !== undefined ? [a.latencyMs] : [])).sort((a, b) => a - b);
  if (latencies.length > 0) {
    const median = latencies[Math.floor((latencies.length - 1) / 2)] ?? 0;
    out.push(l('obs.latency', { median: duration(median, input), max: duration(latencies.at(-1) ?? 0, input) }));
  }
  for (const start of facts.containStarts) out.push(l('obs.contain', { time: local(start, input) }));
  const retried = all.filter((a) => a.attempts > 1).length;
  if (retried > 0) out.push(l('obs.retries', { count: retried }));
  if (facts.scripts.length > 0) {
    const names = facts.scripts.map((s) => `“${cleanText(input.ctx.redactor.text(s))}”`).join(', ');
    out.push(l('obs.scripts', { names }));
  }
  if (facts.notes.length > 0) out.push(l('obs.notes', { count: facts.notes.length }));
  return out;
}

function sooner(input: LessonInput, l: L): Phrase[] {
  const { facts, waves } = input;
  const out: Phrase[] = [];
  const first = waves[0];
  if (first) {
    const next = input.actions.find((a) => a.requestedAt.ms >= first.detected.ms);
    if (next) out.push(l('obs.firstAction', { duration: duration(next.requestedAt.ms - first.detected.ms, input) }));
  }
  const alerted = [...facts.alerts.values()].filter((set) => set.has('loudAudio') || set.has('explicitVideo')).length;
  if (alerted > 0) out.push(l('obs.alerts', { count: alerted }));
  if (facts.errors > 0) out.push(l('obs.errors', { count: facts.errors }));
  if (facts.linkLosses > 0) out.push(l('obs.linkLoss', { count: facts.linkLosses }));
  return out;
}

function differently(input: LessonInput, l: L): Phrase[] {
  const failed = flattenActions(input.actions).filter((a) => a.status === 'failed');
  if (failed.length === 0) return [l('obs.noFailures')];
  return failed.slice(0, MAX_FAILED).map((a) => l('obs.failed', { action: a.label, reason: a.reason ?? '—' }));
}

function indicators(input: LessonInput, l: L): Phrase[] {
  const { facts } = input;
  const out: Phrase[] = [];
  const signals = new Map<string, number>();
  for (const flagged of facts.flagged.values()) {
    for (const flag of flagged.flags) signals.set(flag.signal, (signals.get(flag.signal) ?? 0) + 1);
  }
  if (signals.size > 0) {
    const list = [...signals]
      .sort((a, b) => b[1] - a[1])
      .map(([signal, count]) => l('signal.count', { signal: l(`signal.${signal}` as ReportKey), count }));
    out.push(l('obs.signals', { signals: joinPhrases(list, ', ') }));
  }
  const byIp = new Map<string, number>();
  let anonymous = 0;
  for (const id of facts.flagged.keys()) {
    const identity = facts.joined.get(id)?.participant.identity;
    if (identity?.ip) byIp.set(identity.ip, (byIp.get(identity.ip) ?? 0) + 1);
    if (!identity?.userId && !identity?.email) anonymous++;
  }
  const sharing = Math.max(0, ...byIp.values());
  if (sharing > 1) out.push(l('obs.sharedIp', { count: sharing }));
  if (facts.flagged.size > 0) out.push(l('obs.unknownIdentity', { count: anonymous, total: facts.flagged.size }));
  if (facts.blocked.length > 0) {
    const removed = facts.blocked.filter(({ attempt }) =>
      input.ctx.redactor.people
        .attempt(attempt)
        .participantIds.some((id) => facts.flagged.has(id) || REMOVED.has(facts.left.get(id)?.reason ?? '')),
    ).length;
    out.push(l('obs.rejoin', { count: facts.blocked.length, removed }));
  }
  return out;
}

function prevention(input: LessonInput, l: L): Phrase[] {
  const { facts, waves } = input;
  const out: Phrase[] = [];
  const first = waves[0];
  if (first) {
    const locked = controlAt(facts.controls.locked, first.firstArrival.seq);
    if (locked === false) out.push(l('obs.notLocked'));
    if (locked === true) out.push(l('obs.wasLocked'));
    const waitingRoom = controlAt(facts.controls.waitingRoom, first.firstArrival.seq);
    out.push(l(waitingRoom === true ? 'obs.waitingRoomOn' : waitingRoom === false ? 'obs.waitingRoomOff' : 'obs.waitingRoomUnknown'));
  }
  if (facts.firstLock) out.push(l('obs.lockedAt', { time: local(facts.firstLock, input) }));
  out.push(facts.list.loaded ? l('obs.list', { count: facts.list.count }) : l('obs.noList'));
  out.push(l('obs.publicLink'));
  out.push(l('obs.registration'));
  return out;
}
