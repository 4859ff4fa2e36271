import { REPORT_CSS } from './htmlStyle';
import type { ActionItem, Report, ReportRow } from './reportTypes';
import { text, type Phrase, type ReportKey } from './strings';

/** No scripts, no external resources, no frames: only the inline stylesheet may apply. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;

/** Escapes text for HTML element content and quoted attributes alike. */
export function escapeHtml(value: string): string {
  return value.replace(SPECIAL, (ch) => ENTITIES[ch] as string);
}

/** A phrase as HTML: names isolated in `<bdi>` so a right-to-left name cannot reorder the sentence. */
function phraseHtml(value: Phrase): string {
  let out = '';
  for (const segment of value) out += typeof segment === 'string' ? escapeHtml(segment) : `<bdi>${escapeHtml(segment.name)}</bdi>`;
  return out;
}

const e = escapeHtml;

function kvTable(rows: readonly ReportRow[], mono: ReadonlySet<string> = new Set()): string {
  const body = rows
    .map((r) => `<tr><th scope="row">${e(r.label)}</th><td${mono.has(r.label) ? ' class="mono"' : ''}>${phraseHtml(r.value)}</td></tr>`)
    .join('');
  return `<table class="kv"><tbody>${body}</tbody></table>`;
}

function timeline(report: Report, t: (key: ReportKey) => string): string {
  const out: string[] = [`<section class="major" id="timeline"><h2>${t('section.timeline')}</h2>`];
  if (report.timeline.scope) out.push(`<p>${e(report.timeline.scope)}</p>`);
  if (report.timeline.items.length === 0) {
    out.push(`<p>${t('timeline.empty')}</p></section>`);
    return out.join('');
  }
  out.push(
    `<table class="timeline"><thead><tr><th>${t('col.seq')}</th><th>${t('col.localTime')}</th><th>${t('col.utcTime')}</th><th>${t('col.event')}</th></tr></thead><tbody>`,
  );
  const tag = `<span class="tag">${t('timeline.evidence')}</span>`;
  let day = '';
  for (const item of report.timeline.items) {
    if (item.time.localDate !== day) {
      day = item.time.localDate;
      out.push(`<tr class="day"><td colspan="4">${e(day)}</td></tr>`);
    }
    out.push(
      `<tr${item.evidence ? ' class="evidence"' : ''}><td class="n">${item.seq}</td><td class="t">${e(item.time.localTime)}</td><td class="t">${e(item.time.utcTime)}</td><td>${phraseHtml(item.line)}${item.evidence ? tag : ''}</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out.join('');
}

function actionRows(a: ActionItem, report: Report, isStep: boolean): string {
  const status = `<span class="status-${a.status}">${e(a.statusText)}</span>`;
  const by = e(text(report.language, 'actions.by', { actor: a.requestedBy }));
  const reason = a.reason !== undefined ? `<br>${e(text(report.language, 'actions.reason', { reason: a.reason }))}` : '';
  const row = `<tr${isStep ? ' class="step"' : ''}><td>${phraseHtml(a.label)}<br><small>${by}</small></td><td class="t">${e(a.requestedAt.localTime)}</td><td>${status}${reason}</td><td class="t">${e(a.latency ?? '—')}</td><td>${a.attempts}</td></tr>`;
  return row + a.children.map((c) => actionRows(c, report, true)).join('');
}

function actions(report: Report, t: (key: ReportKey) => string): string {
  const out = [`<section class="major" id="actions"><h2>${t('section.actions')}</h2>`];
  if (report.actions.length === 0) out.push(`<p>${t('actions.none')}</p>`);
  else {
    out.push(
      `<table class="actions"><thead><tr><th>${t('col.action')}</th><th>${t('col.requested')}</th><th>${t('col.outcome')}</th><th>${t('col.latency')}</th><th>${t('col.attempts')}</th></tr></thead><tbody>`,
      ...report.actions.map((a) => actionRows(a, report, false)),
      '</tbody></table>',
    );
  }
  out.push('</section>');
  return out.join('');
}

function containment(report: Report, t: (key: ReportKey) => string): string {
  const c = report.containment;
  const out = [`<section class="major" id="containment"><h2>${t('section.containment')}</h2><p>${e(c.definition)}</p>`];
  if (c.empty) out.push(`<p>${e(c.empty)}</p>`);
  const label = (key: ReportKey) => text(report.language, key);
  for (const w of c.waves) {
    const rows: ReportRow[] = [
      { label: label('containment.firstArrival'), value: [w.firstArrival.local] },
      { label: label('containment.detected'), value: [w.detected.local] },
      ...(w.contained ? [{ label: label('containment.contained'), value: [w.contained.local] }] : []),
      { label: label('containment.ttd'), value: [w.timeToDetect] },
      ...(w.timeToContain ? [{ label: label('containment.ttc'), value: [w.timeToContain] }] : []),
      { label: label('containment.count'), value: [String(w.intruders)] },
    ];
    out.push(`<h3>${e(text(report.language, 'containment.wave', { n: w.n }))}</h3><p>${e(w.note)}</p>${kvTable(rows)}`);
  }
  out.push('</section>');
  return out.join('');
}

function participants(report: Report, t: (key: ReportKey) => string): string {
  const out = [`<section class="major" id="participants"><h2>${t('section.participants')}</h2>`];
  if (report.participants.length === 0) out.push(`<p>${t('participants.none')}</p>`);
  for (const p of report.participants) {
    const hidden = p.hiddenCharacters > 0 ? `<p>${e(text(report.language, 'participants.hidden', { count: p.hiddenCharacters }))}</p>` : '';
    out.push(
      `<div class="person"><h3><bdi>${e(p.label)}</bdi></h3><p class="involvement">${e(p.involvement.join(', '))}</p>${kvTable(p.rows)}${hidden}</div>`,
    );
  }
  out.push('</section>');
  return out.join('');
}

function notesAndEvidence(report: Report, t: (key: ReportKey) => string): string {
  const out = [`<section class="major" id="notes"><h2>${t('section.notes')}</h2>`];
  if (report.notes.length === 0) out.push(`<p>${t('notes.none')}</p>`);
  else {
    out.push('<ul>');
    for (const n of report.notes) out.push(`<li><strong>${e(n.time.local)}</strong>, <bdi>${e(n.author)}</bdi>: ${e(n.text)}</li>`);
    out.push('</ul>');
  }
  out.push(`</section><section id="evidence"><h2>${t('section.evidence')}</h2>`);
  if (report.evidence.length === 0) out.push(`<p>${t('evidence.none')}</p>`);
  else {
    out.push('<ul>');
    for (const ev of report.evidence) {
      const what = ev.entry ? phraseHtml(ev.entry.line) : e(ev.missing ?? '');
      const note = ev.note !== undefined ? `<br>${e(ev.note)}` : '';
      out.push(`<li><strong>${t('col.seq')} ${ev.seq}</strong>: ${what}<br><small>${phraseHtml(ev.marked)}</small>${note}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('');
}

function lessonsAndIntegrity(report: Report, t: (key: ReportKey) => string): string {
  const out = [`<section class="major" id="lessons"><h2>${t('section.lessons')}</h2><p>${e(report.lessons.intro)}</p>`];
  for (const lesson of report.lessons.items) {
    out.push(`<h3>${e(lesson.question)}</h3><ul>${lesson.observations.map((o) => `<li>${phraseHtml(o)}</li>`).join('')}</ul>`);
  }
  const i = report.integrity;
  out.push(`</section><section class="major" id="integrity"><h2>${t('section.integrity')}</h2><p>${e(i.intro)}</p>`);
  out.push(kvTable(i.rows, new Set([text(report.language, 'integrity.headHash')])));
  if (!i.verified) out.push(`<p class="broken">${e(i.status)}</p>`);
  out.push(`<p>${e(i.howTo)}</p><pre><code>${e(i.command)}</code></pre><p>${e(i.compare)}</p>`);
  for (const note of i.notes) out.push(`<p>${e(note)}</p>`);
  out.push('</section>');
  return out.join('');
}

/**
 * The report as one self-contained HTML document for reading and for printing to PDF: inline CSS
 * only, no scripts, a Content-Security-Policy that forbids everything else, and every value
 * escaped (names chosen by intruders included).
 */
export function renderHtml(report: Report): string {
  const t = (key: ReportKey) => e(text(report.language, key));
  const notices = report.notices.map((n) => `<p${n === text(report.language, 'doc.media') ? ' class="media"' : ''}>${e(n)}</p>`).join('');
  const generated = report.generatedAt ? `<p>${e(text(report.language, 'doc.generatedAt', { time: report.generatedAt.local }))}</p>` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${report.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    // A constant without double quotes: written literally so the policy reads exactly as intended.
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(report.heading)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${e(report.heading)}</h1><div class="notices">${notices}${generated}</div></header>`,
    `<section id="summary"><h2>${t('section.summary')}</h2>${kvTable(report.summary.rows)}</section>`,
    timeline(report, t),
    actions(report, t),
    containment(report, t),
    participants(report, t),
    notesAndEvidence(report, t),
    lessonsAndIntegrity(report, t),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
