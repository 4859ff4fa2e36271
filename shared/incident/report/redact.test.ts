import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LogEntry } from '../entry';
import { exportCsv } from './csv';
import { exportJson } from './json';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { Redactor } from './redact';
import { buildReport } from './reportModel';
import { plain } from './strings';
import { OFFICIALS, storyLog } from './testing/storyLog';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Every name and identifier the story's log contains. */
const SECRETS = [
  ...OFFICIALS.flatMap((o) => [o.name, o.id, ...Object.values(o.identity)]),
  'qq_6e2lg',
  '🔞 LIVE 18+ 🔞',
  'Moderat0r KPU',
  'xx_unknown',
  'p-x1',
  'p-x2',
  'p-x3',
  '203.0.113.9',
  'Rina Moderator',
  'kpu-laptop-07',
];

describe('redaction', () => {
  const log = storyLog(sha);
  const options = { language: 'en' as const, headHash: log.headHash, verified: true };
  const report = buildReport(log.entries, { ...options, redact: true });

  it('leaves no name or identifier anywhere in the report or any export', () => {
    const outputs = {
      report: JSON.stringify(report),
      html: renderHtml(report),
      markdown: renderMarkdown(report).replace(/\\/g, ''),
      csv: exportCsv(log.entries, { language: 'en', redact: true }),
      json: exportJson(log.entries, { headHash: log.headHash, redact: true }),
    };
    // The same export unredacted holds every one of them, so the check below is not vacuous.
    const unredacted = exportJson(log.entries, { headHash: log.headHash });
    for (const secret of SECRETS) expect(unredacted.includes(secret), secret).toBe(true);
    for (const [format, output] of Object.entries(outputs)) {
      for (const secret of SECRETS) expect(output.includes(secret), `${format} contains ${secret}`).toBe(false);
    }
  });

  it('numbers people by first appearance and keeps each one’s pseudonym everywhere', () => {
    // Five officials join first (1–5), then the three intruders (6–8); a refused stranger is 9.
    expect(report.participants.map((p) => p.label)).toEqual(['Participant 6', 'Participant 7', 'Participant 8', 'Participant 9']);
    const timeline = report.timeline.items.map((t) => plain(t.line));
    expect(timeline).toContain(
      'Participant 6 joined as attendee, with microphone and camera on. The platform reported: loud noise, explicit video.',
    );
    // The ejected intruder who comes back under the same name is the same person.
    expect(timeline.filter((l) => l === 'A join attempt as Participant 6 was refused: the meeting was locked.')).toHaveLength(2);
    expect(timeline).toContain('A join attempt as Participant 9 was refused: the meeting was locked.');
    // A copy of an official's name points to the official, whose name it copied.
    expect(timeline.find((l) => l.startsWith('Hostdeck flagged Participant 7'))).toContain(
      'same name as someone already present (Participant 2)',
    );
    expect(timeline).toContain('Participant 8: renamed from Participant 8 to Participant 8; started sharing the screen.');
    expect(report.notes[0]?.text).toBe('Noise from Participant 6 and a copy of Participant 2; containing now.');
    expect(report.notes[0]?.author).toBe('Moderator 1');
  });

  it('keeps what links identifiers: two intruders from one address share one token', () => {
    const rows = report.participants.slice(0, 2).map((p) => plain(p.rows.find((r) => r.label.startsWith('Identifiers'))?.value ?? []));
    expect(rows[0]).toBe('participant id: participant-6; IP address: ip-3; client: Web browser');
    expect(rows[1]).toBe('participant id: participant-7; IP address: ip-3; client: Web browser');
  });

  it('uses the report’s language for pseudonyms', () => {
    const id = buildReport(log.entries, { ...options, language: 'id', redact: true });
    expect(id.participants[0]?.label).toBe('Peserta 6');
  });

  it('produces redacted entries that still follow the log schema', () => {
    const redactor = new Redactor(log.entries, { redact: true, language: 'en' });
    for (const entry of log.entries) expect(LogEntry.safeParse(redactor.entry(entry)).success, entry.kind).toBe(true);
  });

  it('never touches enumerations, even when someone is called "host", "left" or "done"', () => {
    const hostile = storyLog(sha, { intruders: ['host', 'left', 'ejected'], note: 'host left, ejected: done' });
    const redactor = new Redactor(hostile.entries, { redact: true, language: 'en' });
    const redacted = hostile.entries.map((e) => redactor.entry(e));
    const roles = redacted.flatMap((e) => (e.kind === 'participant.joined' ? [e.data.participant.role] : []));
    expect(roles).toContain('host');
    const reasons = redacted.flatMap((e) => (e.kind === 'participant.left' ? [e.data.reason] : []));
    expect(new Set(reasons)).toEqual(new Set(['ejected', 'meetingEnded']));
    const note = redacted.find((e) => e.kind === 'note');
    expect(note?.kind === 'note' && note.data.text).toBe('Participant 6 Participant 7, Participant 8: done');
  });

  it('passes everything through unchanged when not asked to redact', () => {
    const redactor = new Redactor(log.entries, { redact: false, language: 'en' });
    for (const entry of log.entries) expect(redactor.entry(entry)).toBe(entry);
    const plainReport = buildReport(log.entries, { ...options, redact: false });
    expect(plainReport.participants[0]?.label).toBe('qq_6e2lg');
  });
});
