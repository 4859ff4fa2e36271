import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import Papa from 'papaparse';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { neutralizeText } from '../../util/text';
import { exportCsv } from './csv';
import { REPORT_CSP, renderHtml } from './html';
import { REPORT_CSS } from './htmlStyle';
import { exportJson } from './json';
import { renderMarkdown } from './markdown';
import { buildReport, type Report } from './reportModel';
import { LogBuilder, participant } from './testing/logBuilder';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Names an intruder might choose to break out of a report, hide, or fill it. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '</style><script>alert(2)</script>',
  '<img src=x onerror=alert(3)>',
  '"><svg onload=alert(4)>',
  "'><iframe src=//evil.example>",
  'Ad\u200Bmin\u200D\uFEFF',
  '\u202Egnp.exe \u2066x\u2069',
  'N'.repeat(500),
  '🔞'.repeat(300),
  '[click me](https://evil.example)',
  '![x](https://evil.example/x.png)',
  '# Heading',
  'www.evil.example',
  'https://evil.example/path',
  'mail@evil.example',
  '**bold** _it_ `code` ~~gone~~',
  '&lt;b&gt; &amp;',
  '<!-- hidden -->{onclick=alert(5)}',
  '| a | b |',
  '1. not a list',
];
const clean = (s: string) => neutralizeText(s).text;

/** A meeting where every hostile name joins, is flagged, ejected and refused, and turns up in notes and chat. */
function hostileLog(): LogBuilder {
  const log = new LogBuilder(sha, { actor: { moderator: '<b>mod</b>', machine: '"><script>m</script>' } });
  log.add({ kind: 'session.started', data: { providerId: '<zoom>', meetingId: '<script>', title: '</title><script>alert(0)</script>' } });
  log.add({ kind: 'meeting.started', data: { at: log.now } });
  HOSTILE.forEach((name, i) => {
    const id = `p-${i}`;
    log.wait(1_000);
    const p = participant(id, name, log.now, { identity: { email: `${name}@x`, organisation: name }, alerts: ['explicitVideo'] });
    log.add({ kind: 'participant.joined', data: { participant: p } });
    const flags = [{ signal: 'duplicateName' as const, weight: 2, detail: name.slice(0, 300) }];
    log.add({ kind: 'participant.flagged', data: { participantId: id, displayName: name, score: 5, flags, match: { status: 'noList' } } });
    log.add({ kind: 'action.requested', data: { action: { id: `a-${i}`, kind: 'eject', participantId: id }, target: name } });
    log.add({ kind: 'participant.left', data: { participantId: id, displayName: name, reason: 'ejected', at: log.now } });
    const outcome = {
      actionId: `a-${i}`,
      kind: 'eject',
      status: 'failed' as const,
      reason: name,
      requestedAt: log.now,
      attempts: 1,
      retryable: false,
    };
    log.add({ kind: 'action.failed', data: { outcome } });
    log.add({ kind: 'join.blocked', data: { attempt: { id: `b-${i}`, displayName: name, at: log.now, identity: {}, reason: 'locked' } } });
  });
  log.add({ kind: 'note', data: { text: HOSTILE.join(' / ') } });
  log.add({ kind: 'action.requested', data: { action: { id: 'chat', kind: 'postChat', text: HOSTILE.slice(0, 5).join(' ') } } });
  log.add({ kind: 'error', data: { message: HOSTILE[1] as string, context: HOSTILE[0] } });
  log.add({ kind: 'evidence.marked', data: { seq: 4, note: HOSTILE[2] } });
  return log;
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function walk(node: Node, visit: (el: Element) => void): void {
  if ('tagName' in node) visit(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) walk(child, visit);
  if ('content' in node && node.content) walk(node.content, visit);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  const children = 'childNodes' in node ? node.childNodes : [];
  return children.map(textOf).join(node.nodeName === 'p' || node.nodeName === 'li' || node.nodeName === 'td' ? ' ' : '');
}

const reports = (): [string, Report][] => {
  const log = hostileLog();
  return (['en', 'id'] as const).flatMap((language) =>
    [false, true].map((redact): [string, Report] => [
      `${language}${redact ? ' redacted' : ''}`,
      buildReport(log.entries, { language, redact, headHash: log.headHash, verified: true }),
    ]),
  );
};

const HTML_ELEMENTS = new Set(
  'html head body meta title style header h1 h2 h3 div p section table thead tbody tr th td span strong small br ul li bdi pre code'.split(
    ' ',
  ),
);
const HTML_ATTRIBUTES = new Set(['charset', 'http-equiv', 'content', 'name', 'lang', 'class', 'id', 'scope', 'colspan']);

describe('hostile names in the HTML report', () => {
  for (const [label, report] of reports()) {
    it(`appear only as escaped text (${label})`, () => {
      const html = renderHtml(report);
      for (const tag of ['<script', '<img', '<svg', '<iframe', '<a ', '<!--']) expect(html.toLowerCase()).not.toContain(tag);
      const doc = parse(html);
      const styles: string[] = [];
      const metas: Record<string, string>[] = [];
      walk(doc, (el) => {
        expect(HTML_ELEMENTS.has(el.tagName), el.tagName).toBe(true);
        for (const attr of el.attrs) expect(HTML_ATTRIBUTES.has(attr.name), attr.name).toBe(true);
        if (el.tagName === 'style') styles.push(textOf(el));
        if (el.tagName === 'meta') metas.push(Object.fromEntries(el.attrs.map((a) => [a.name, a.value])));
      });
      expect(styles).toEqual([REPORT_CSS]);
      expect(metas[1]).toEqual({ 'http-equiv': 'Content-Security-Policy', content: REPORT_CSP });
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
      const text = textOf(doc);
      expect(text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
      if (!report.redacted) for (const name of HOSTILE) expect(text, name).toContain(clean(name));
      expect(text).toContain('</title><script>alert(0)</script>');
    });
  }

  it('cuts very long names inside sentences but shows them whole among the participants', () => {
    const report = reports()[0]?.[1] as Report;
    const long = 'N'.repeat(500);
    expect(report.participants.map((p) => p.label)).toContain(long);
    const joined = report.timeline.items.map((t) => t.line).find((l) => l.some((s) => typeof s !== 'string' && s.name.startsWith('NNN')));
    expect(joined?.find((s) => typeof s !== 'string')).toEqual({ name: `${'N'.repeat(80)}…` });
  });
});

describe('hostile names in the Markdown report', () => {
  const markdown = new MarkdownIt({ html: true, linkify: true });
  for (const [label, report] of reports()) {
    it(`cannot add links, images, HTML or structure (${label})`, () => {
      const source = renderMarkdown(report);
      expect(source).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
      const doc = parse(markdown.render(source));
      const counts: Record<string, number> = {};
      walk(doc, (el) => {
        counts[el.tagName] = (counts[el.tagName] ?? 0) + 1;
        expect(el.attrs, el.tagName).toEqual([]);
      });
      expect(Object.keys(counts).sort()).toEqual(['body', 'code', 'h1', 'h2', 'h3', 'head', 'html', 'li', 'p', 'pre', 'strong', 'ul']);
      expect(counts['h1']).toBe(1);
      expect(counts['h2']).toBe(9);
      expect(counts['h3']).toBe(report.lessons.items.length + report.containment.waves.length);
      const text = textOf(doc);
      if (!report.redacted) for (const name of HOSTILE) expect(text, name).toContain(clean(name));
    });
  }
});

describe('hostile names in the CSV and JSON exports', () => {
  const log = hostileLog();

  it('keep the CSV to one well-formed row per entry, names cleaned', () => {
    for (const redact of [false, true]) {
      const csv = exportCsv(log.entries, { language: 'en', redact });
      expect(csv.slice(1)).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
      const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
      expect(rows).toHaveLength(log.entries.length + 1);
      for (const row of rows) expect(row).toHaveLength(8);
      if (!redact) {
        const names = rows.filter((r) => r[3] === 'participant.joined').map((r) => r[4]);
        expect(names).toEqual(HOSTILE.map(clean));
      }
    }
  });

  it('keep the JSON faithful: every name round-trips exactly', () => {
    const doc = JSON.parse(exportJson(log.entries, { headHash: log.headHash })) as { entries: { kind: string; data: unknown }[] };
    const names = doc.entries.flatMap((e) =>
      e.kind === 'participant.joined' ? [(e.data as { participant: { displayName: string } }).participant.displayName] : [],
    );
    expect(names).toEqual(HOSTILE);
  });
});
