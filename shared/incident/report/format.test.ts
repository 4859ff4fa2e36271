import { describe, expect, it } from 'vitest';
import { formatDecimal, formatDuration, timePoint } from './format';

describe('report time and number formats', () => {
  it('writes local time from the offset recorded in the log, across midnight', () => {
    const t = timePoint(Date.UTC(2026, 10, 26, 18, 30, 5), '+07:00', 'en');
    expect(t.utc).toBe('26 November 2026, 18:30:05 UTC');
    expect(t.local).toBe('27 November 2026, 01:30:05 (UTC+07:00)');
    expect(t.localTime).toBe('01:30:05');
    expect(t.localDate).toBe('27 November 2026');
    expect(t.iso).toBe('2026-11-26T18:30:05.000Z');
  });

  it('writes Indonesian times with full stops and the word "pukul", negative offsets too', () => {
    expect(timePoint(Date.UTC(2026, 0, 1, 2, 3, 4), '+07:00', 'id').local).toBe('1 Januari 2026 pukul 09.03.04 (UTC+07:00)');
    expect(timePoint(Date.UTC(2026, 0, 1, 2, 3, 4), '-03:30', 'en').local).toBe('31 December 2025, 22:33:04 (UTC-03:30)');
  });

  it('writes durations a reader takes in at once, with the language decimal mark', () => {
    expect(formatDuration(850, 'en')).toBe('850 ms');
    expect(formatDuration(30_100, 'en')).toBe('30.1 s');
    expect(formatDuration(30_100, 'id')).toBe('30,1 detik');
    expect(formatDuration(245_000, 'en')).toBe('4 min 5 s');
    expect(formatDuration(4_800_000, 'id')).toBe('1 jam 20 menit');
    expect(formatDecimal(1234567.891, 2, 'id')).toBe('1.234.567,89');
  });
});
