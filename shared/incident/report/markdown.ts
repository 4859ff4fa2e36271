import type { ActionItem, Report, ReportRow, TimelineItem } from './reportTypes';
import { text, type Phrase } from './strings';

/**
 * Punctuation escaped in Markdown text. CommonMark renders a backslash-escaped ASCII punctuation
 * character as itself (spec §2.4), so this text cannot open a code span, emphasis, link or image
 * (`[`), raw HTML or autolink (`<`), entity (`&`), strikethrough (`~`), table cell (`|`), heading
 * closer (`#`), math (`$`) or attribute block (`{`); escaping `.`, `:` and `@` keeps autolinkers
 * from turning "www.example.com", "https://…" or an e-mail address into a link. Characters that
 * only mean something at the start of a line (`-`, `+`, `1.`) are covered because the report never
 * starts a line with untrusted text, and `.` is escaped anyway. Commas, brackets and quotes stay
 * as they are, so the Markdown remains readable as plain text.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>&~|#$^{}.:@]/g;

/** Escapes text for Markdown so it shows literally, whatever it contains. */
export function escapeMarkdown(value: string): string {
  return value.replace(MARKDOWN_SPECIAL, '\\$&');
}

const md = (value: Phrase): string => escapeMarkdown(value.map((s) => (typeof s === 'string' ? s : s.name)).join(''));

function rows(list: readonly ReportRow[], indent = ''): string[] {
  return list.map((row) => `${indent}- **${escapeMarkdown(row.label)}:** ${md(row.value)}`);
}

/** A fenced code block whose fence is longer than any backtick run inside, so the content cannot close it. */
function codeBlock(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${content.replace(/[\r\n]+/g, ' ')}\n${fence}`;
}

function timeline(report: Report, out: string[]): void {
  const { language } = report;
  out.push(`## ${escapeMarkdown(text(language, 'section.timeline'))}`, '');
  if (report.timeline.scope) out.push(escapeMarkdown(report.timeline.scope), '');
  if (report.timeline.items.length === 0) out.push(escapeMarkdown(text(language, 'timeline.empty')), '');
  let day = '';
  const evidence = escapeMarkdown(text(language, 'timeline.evidence'));
  const item = (t: TimelineItem) =>
    `- **${escapeMarkdown(t.time.localTime)}** (${escapeMarkdown(t.time.utcTime)} UTC, ${escapeMarkdown(text(language, 'col.seq'))} ${t.seq}) ${md(t.line)}${t.evidence ? ` **\\[${evidence}\\]**` : ''}`;
  for (const t of report.timeline.items) {
    if (t.time.localDate !== day) {
      if (day !== '') out.push('');
      day = t.time.localDate;
      out.push(`**${escapeMarkdown(day)}**`, '');
    }
    out.push(item(t));
  }
  out.push('');
}

function action(a: ActionItem, indent: string, report: Report): string[] {
  const parts = [a.statusText, a.latency, `${text(report.language, 'col.attempts')}: ${a.attempts}`].filter((p) => p !== undefined);
  const by = text(report.language, 'actions.by', { actor: a.requestedBy });
  const reason = a.reason !== undefined ? ` ${text(report.language, 'actions.reason', { reason: a.reason })}` : '';
  const line = `${indent}- **${escapeMarkdown(a.requestedAt.localTime)}** ${md(a.label)} — ${escapeMarkdown(`${parts.join(', ')}; ${by}.${reason}`)}`;
  return [line, ...a.children.flatMap((c) => action(c, `${indent}  `, report))];
}

/** The report as Markdown, for pasting into a ticket, a wiki or a message. */
export function renderMarkdown(report: Report): string {
  const { language } = report;
  const t = (key: Parameters<typeof text>[1]) => escapeMarkdown(text(language, key));
  const out: string[] = [`# ${escapeMarkdown(report.heading)}`, ''];
  for (const notice of report.notices) out.push(escapeMarkdown(notice), '');
  if (report.generatedAt) out.push(escapeMarkdown(text(language, 'doc.generatedAt', { time: report.generatedAt.local })), '');

  out.push(`## ${t('section.summary')}`, '', ...rows(report.summary.rows), '');
  timeline(report, out);

  out.push(`## ${t('section.actions')}`, '');
  if (report.actions.length === 0) out.push(t('actions.none'));
  for (const a of report.actions) out.push(...action(a, '', report));
  out.push('');

  out.push(`## ${t('section.containment')}`, '', escapeMarkdown(report.containment.definition), '');
  if (report.containment.empty) out.push(escapeMarkdown(report.containment.empty), '');
  for (const w of report.containment.waves) {
    out.push(`### ${escapeMarkdown(text(language, 'containment.wave', { n: w.n }))}`, '', escapeMarkdown(w.note), '');
    out.push(`- **${t('containment.firstArrival')}:** ${escapeMarkdown(w.firstArrival.local)}`);
    out.push(`- **${t('containment.detected')}:** ${escapeMarkdown(w.detected.local)}`);
    if (w.contained) out.push(`- **${t('containment.contained')}:** ${escapeMarkdown(w.contained.local)}`);
    out.push(`- **${t('containment.ttd')}:** ${escapeMarkdown(w.timeToDetect)}`);
    if (w.timeToContain) out.push(`- **${t('containment.ttc')}:** ${escapeMarkdown(w.timeToContain)}`);
    out.push(`- **${t('containment.count')}:** ${w.intruders}`, '');
  }

  out.push(`## ${t('section.participants')}`, '');
  if (report.participants.length === 0) out.push(t('participants.none'), '');
  for (const p of report.participants) {
    out.push(`- **${escapeMarkdown(p.label)}** — ${escapeMarkdown(p.involvement.join(', '))}`, ...rows(p.rows, '  '));
    if (p.hiddenCharacters > 0) out.push(`  - ${escapeMarkdown(text(language, 'participants.hidden', { count: p.hiddenCharacters }))}`);
  }
  out.push('');

  out.push(`## ${t('section.notes')}`, '');
  if (report.notes.length === 0) out.push(t('notes.none'));
  for (const n of report.notes) out.push(`- **${escapeMarkdown(n.time.local)}**, ${escapeMarkdown(n.author)}: ${escapeMarkdown(n.text)}`);
  out.push('');

  out.push(`## ${t('section.evidence')}`, '');
  if (report.evidence.length === 0) out.push(t('evidence.none'));
  for (const e of report.evidence) {
    const what = e.entry ? md(e.entry.line) : escapeMarkdown(e.missing ?? '');
    const note = e.note !== undefined ? ` — ${escapeMarkdown(e.note)}` : '';
    out.push(`- **${escapeMarkdown(text(language, 'col.seq'))} ${e.seq}:** ${what} ${md(e.marked)}${note}`);
  }
  out.push('');

  out.push(`## ${t('section.lessons')}`, '', escapeMarkdown(report.lessons.intro), '');
  for (const lesson of report.lessons.items) {
    out.push(`### ${escapeMarkdown(lesson.question)}`, '', ...lesson.observations.map((o) => `- ${md(o)}`), '');
  }

  const integrity = report.integrity;
  out.push(`## ${t('section.integrity')}`, '', escapeMarkdown(integrity.intro), '', ...rows(integrity.rows), '');
  out.push(escapeMarkdown(integrity.howTo), '', codeBlock(integrity.command), '', escapeMarkdown(integrity.compare), '');
  for (const note of integrity.notes) out.push(escapeMarkdown(note), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
