import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../chain';
import { LogEntry } from '../../entry';
import { buildReport } from '../reportModel';
import { generateLog } from './generateLog';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('generateLog', () => {
  it('writes exactly the entries asked for, schema-valid and chained, with intrusion waves', () => {
    const { log, intrusionWaves } = generateLog(10_000, sha, 11);
    expect(log.entries).toHaveLength(10_000);
    expect(verifyChain(log.lines, sha)).toMatchObject({ ok: true, entries: 10_000, headHash: log.headHash });
    for (const entry of log.entries) expect(LogEntry.safeParse(entry).success, `${entry.seq} ${entry.kind}`).toBe(true);
    expect(intrusionWaves).toBeGreaterThanOrEqual(9);
    expect(log.entries.at(-1)?.kind).toBe('session.ended');
    const report = buildReport(log.entries, { language: 'en', redact: false, headHash: log.headHash, verified: true });
    expect(report.containment.waves).toHaveLength(intrusionWaves);
    expect(report.containment.waves.every((w) => w.source === 'recorded')).toBe(true);
  });

  it('writes the same log for the same seed', () => {
    expect(generateLog(2_000, sha, 5).log.headHash).toBe(generateLog(2_000, sha, 5).log.headHash);
    expect(generateLog(2_000, sha, 5).log.headHash).not.toBe(generateLog(2_000, sha, 6).log.headHash);
  });
});
