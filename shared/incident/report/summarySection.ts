import type { Wave } from './containment';
import type { LogFacts, Moment } from './facts';
import { formatDuration, timePoint, type TimePoint } from './format';
import { platformName } from './describeEntry';
import { cleanText, type DescribeContext } from './phrases';
import type { ActionCounts, Attendance, ReportContainment, ReportIntegrity, ReportRow, ReportSummary } from './reportTypes';
import { formatInteger, text, type ReportKey } from './strings';

const at = (m: Moment | undefined, ctx: DescribeContext): TimePoint | undefined =>
  m === undefined ? undefined : timePoint(m.ms, m.tz, ctx.language);

/** "24 November 2025, 23:01:00 (UTC+07:00); 24 November 2025, 16:01:00 UTC". */
export const bothTimes = (t: TimePoint): string => `${t.local}; ${t.utc}`;

export function attendanceOf(facts: LogFacts, ctx: DescribeContext): Attendance {
  const statuses = [...facts.matches.values()];
  const count = (status: string) => statuses.filter((s) => s === status).length;
  const peakAt = at(facts.peak.at, ctx);
  return {
    peak: facts.peak.count,
    ...(peakAt ? { peakAt } : {}),
    distinct: facts.joined.size,
    listLoaded: facts.list.loaded,
    expected: count('expected'),
    unknown: count('unknown'),
    impostors: count('impostor'),
    unchecked: facts.joined.size - count('expected') - count('unknown') - count('impostor'),
    blockedAttempts: facts.blocked.length,
  };
}

function outcomeOf(waves: readonly Wave[], ctx: DescribeContext): string {
  const { language } = ctx;
  if (waves.length === 0) return text(language, 'outcome.none');
  if (waves.some((w) => w.contained === undefined)) return text(language, 'outcome.open');
  return waves
    .map((w) => text(language, 'outcome.contained', { duration: formatDuration((w.contained?.ms ?? 0) - w.firstArrival.ms, language) }))
    .join(' ');
}

export function buildSummary(facts: LogFacts, waves: readonly Wave[], actions: ActionCounts, ctx: DescribeContext): ReportSummary {
  const { language, redactor } = ctx;
  const started = facts.sessionStarted;
  const first = facts.entries[0];
  const sessionStart = started
    ? timePoint(Date.parse(started.ts), started.tz, language)
    : first && timePoint(Date.parse(first.ts), first.tz, language);
  const ended = facts.sessionEnded;
  const sessionEnd = ended ? timePoint(Date.parse(ended.ts), ended.tz, language) : undefined;
  const meetingStart = at(facts.meetingStarted, ctx);
  const meetingEnd = at(facts.meetingEnded, ctx);
  const attendance = attendanceOf(facts, ctx);
  const platform = started ? platformName(started.data.providerId, language) : text(language, 'summary.notRecorded');
  const recordedBy = facts.moderators.map((m) => cleanText(redactor.moderator(m)));
  const outcome = outcomeOf(waves, ctx);

  const rows: ReportRow[] = [];
  const row = (key: ReportKey, value: string) => rows.push({ label: text(language, key), value: [value] });
  const name = (key: ReportKey, value: string) => rows.push({ label: text(language, key), value: [{ name: value }] });
  name('summary.event', started ? cleanText(redactor.text(started.data.title)) : text(language, 'summary.notRecorded'));
  row('summary.platform', platform);
  if (started) name('summary.meetingId', cleanText(started.data.meetingId));
  row('summary.session', facts.entries[0]?.sessionId ?? '');
  name('summary.recordedBy', recordedBy.join(', '));
  row('summary.sessionStart', sessionStart ? bothTimes(sessionStart) : text(language, 'summary.notRecorded'));
  row('summary.sessionEnd', sessionEnd ? bothTimes(sessionEnd) : text(language, 'summary.logEndsBefore'));
  row('summary.meetingStart', meetingStart ? bothTimes(meetingStart) : text(language, 'summary.alreadyLive'));
  row('summary.meetingEnd', meetingEnd ? bothTimes(meetingEnd) : text(language, 'summary.logEndsBefore'));
  row(
    'summary.peak',
    attendance.peakAt
      ? text(language, 'summary.peakValue', { count: attendance.peak, time: attendance.peakAt.local })
      : String(attendance.peak),
  );
  row('summary.distinct', formatInteger(attendance.distinct, language));
  row(
    'summary.expected',
    attendance.listLoaded
      ? text(language, 'summary.expectedValue', {
          expected: attendance.expected,
          unknown: attendance.unknown,
          impostors: attendance.impostors,
          unchecked: attendance.unchecked,
        })
      : text(language, 'summary.noList'),
  );
  row('summary.blocked', formatInteger(attendance.blockedAttempts, language));
  row('summary.flagged', formatInteger(facts.flagged.size, language));
  row('summary.outcome', outcome);
  row('summary.actions', text(language, 'summary.actionsValue', { ...actions }));

  return {
    rows,
    platform,
    ...(started ? { meetingId: cleanText(started.data.meetingId) } : {}),
    recordedBy,
    ...(sessionStart ? { sessionStart } : {}),
    ...(sessionEnd ? { sessionEnd } : {}),
    ...(meetingStart ? { meetingStart } : {}),
    ...(meetingEnd ? { meetingEnd } : {}),
    attendance,
    flagged: facts.flagged.size,
    actions,
    outcome,
  };
}

export function buildContainment(waves: readonly Wave[], ctx: DescribeContext): ReportContainment {
  const { language } = ctx;
  const tp = (m: Moment) => timePoint(m.ms, m.tz, language);
  return {
    definition: text(language, 'containment.definition'),
    ...(waves.length === 0 ? { empty: text(language, 'containment.none') } : {}),
    waves: waves.map((w, i) => {
      const timeToDetectMs = Math.max(0, w.detected.ms - w.firstArrival.ms);
      const wave = {
        n: i + 1,
        source: w.source,
        note: text(language, `containment.${w.source}`),
        firstArrival: tp(w.firstArrival),
        detected: tp(w.detected),
        timeToDetectMs,
        timeToDetect: formatDuration(timeToDetectMs, language),
        intruders: w.intruders,
      };
      if (!w.contained) return wave;
      const timeToContainMs = Math.max(0, w.contained.ms - w.firstArrival.ms);
      return { ...wave, contained: tp(w.contained), timeToContainMs, timeToContain: formatDuration(timeToContainMs, language) };
    }),
  };
}

export interface IntegrityInput {
  headHash: string;
  verified: boolean;
  brokenAt?: number;
  fileName?: string;
}

export function buildIntegrity(facts: LogFacts, input: IntegrityInput, ctx: DescribeContext): ReportIntegrity {
  const { language, redactor } = ctx;
  const first = facts.entries[0];
  const last = facts.entries.at(-1);
  const status = input.verified
    ? text(language, 'integrity.verified')
    : input.brokenAt !== undefined
      ? text(language, 'integrity.broken', { line: input.brokenAt })
      : text(language, 'integrity.brokenSomewhere');
  const rows: ReportRow[] = [
    { label: text(language, 'integrity.headHash'), value: [input.headHash] },
    { label: text(language, 'integrity.entries'), value: [formatInteger(facts.entries.length, language)] },
  ];
  if (first && last) {
    rows.push({
      label: text(language, 'integrity.range'),
      value: [text(language, 'integrity.rangeValue', { first: first.seq, last: last.seq })],
    });
  }
  rows.push({ label: text(language, 'integrity.status'), value: [status] });
  const notes: string[] = [];
  if (redactor.active) notes.push(text(language, 'integrity.redacted'));
  if (facts.recovered.length > 0) notes.push(text(language, 'integrity.recovered', { count: facts.recovered.length }));
  if (facts.rejected > 0) notes.push(text(language, 'integrity.rejected', { count: facts.rejected }));
  const file = input.fileName ?? `${first?.sessionId ?? 'session'}.jsonl`;
  return {
    intro: text(language, 'integrity.intro'),
    headHash: input.headHash,
    entries: facts.entries.length,
    ...(first ? { firstSeq: first.seq } : {}),
    ...(last ? { lastSeq: last.seq } : {}),
    verified: input.verified,
    ...(input.brokenAt !== undefined ? { brokenAt: input.brokenAt } : {}),
    status,
    rows,
    howTo: text(language, 'integrity.howTo'),
    command: `npm run verify-log -- --head ${input.headHash} ${cleanText(file)}`,
    compare: text(language, 'integrity.compare'),
    notes,
  };
}
