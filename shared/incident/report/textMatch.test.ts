import { describe, expect, it } from 'vitest';
import { TextMatcher } from './textMatch';

describe('TextMatcher', () => {
  const matcher = new TextMatcher();
  matcher.add('Ana', 'P1');
  matcher.add('Budi Santoso', 'P2');
  matcher.add('Budi', 'P3');
  matcher.add('budi@kpu.example', 'email-1');
  matcher.add('🔞 LIVE 18+ 🔞', 'P4');
  matcher.add('x', 'never');

  it('replaces whole words only, case-insensitively, longest first', () => {
    expect(matcher.replace('ana and Banana; BUDI SANTOSO left, then budi came')).toBe('P1 and Banana; P2 left, then P3 came');
  });

  it('replaces addresses and names made of symbols', () => {
    expect(matcher.replace('mail budi@kpu.example now')).toBe('mail email-1 now');
    expect(matcher.replace('ejected🔞 LIVE 18+ 🔞!')).toBe('ejectedP4!');
  });

  it('ignores one-character needles and leaves text without needles untouched', () => {
    expect(matcher.replace('x marks the spot')).toBe('x marks the spot');
    const text = 'nothing to see';
    expect(matcher.replace(text)).toBe(text);
  });

  it('keeps indexes right when lower-casing changes a character length', () => {
    const m = new TextMatcher();
    m.add('İstanbul Ekibi', 'P9');
    expect(m.replace('from İstanbul Ekibi today')).toBe('from P9 today');
  });
});
