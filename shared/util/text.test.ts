import { describe, expect, it } from 'vitest';
import { neutralizeText, truncateGraphemes } from './text';

describe('neutralizeText', () => {
  it('removes bidi overrides, isolates and zero-width characters, counting them', () => {
    expect(neutralizeText('\u202Egnp.exe')).toEqual({ text: 'gnp.exe', removed: 1 });
    expect(neutralizeText('Bu\u200Bdi\u200D San\u2066toso\u2069')).toEqual({ text: 'Budi Santoso', removed: 4 });
  });

  it('removes control characters and collapses whitespace to one line', () => {
    expect(neutralizeText('  a\u0007\n\n b\t c ')).toEqual({ text: 'a b c', removed: 1 });
  });

  it('keeps markup as plain characters (rendering as text is the job of the UI)', () => {
    expect(neutralizeText('<img src=x onerror=alert(1)>').text).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('truncateGraphemes', () => {
  it('never splits an emoji or an accented letter', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(truncateGraphemes(family.repeat(5), 2)).toEqual({ text: `${family}${family}…`, truncated: true });
    expect(truncateGraphemes('e\u0301e\u0301e\u0301', 2)).toEqual({ text: 'e\u0301e\u0301…', truncated: true });
  });

  it('leaves short text alone', () => {
    expect(truncateGraphemes('Rina', 10)).toEqual({ text: 'Rina', truncated: false });
  });
});
