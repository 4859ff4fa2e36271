import { describe, expect, it } from 'vitest';
import { phrase, placeholders, plain, REPORT_LANGUAGES, REPORT_MONTHS, REPORT_STRINGS, text, type ReportKey } from './strings';

describe('report strings', () => {
  const [en, id] = [REPORT_STRINGS.en, REPORT_STRINGS.id];

  it('has the same keys in English and Bahasa Indonesia', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages, and no text is left empty or untranslated', () => {
    for (const key of Object.keys(en) as ReportKey[]) {
      expect(placeholders(id[key]).sort(), key).toEqual(placeholders(en[key]).sort());
      for (const language of REPORT_LANGUAGES) expect(REPORT_STRINGS[language][key].trim(), `${language} ${key}`).not.toBe('');
    }
    // Sentences (not names of platforms or units) must actually be translated.
    const same = (Object.keys(en) as ReportKey[]).filter((k) => en[k] === id[k] && /\s\p{Ll}+\s/u.test(en[k]));
    expect(same).toEqual([]);
  });

  it('names twelve months in each language', () => {
    for (const language of REPORT_LANGUAGES) expect(new Set(REPORT_MONTHS[language]).size).toBe(12);
  });

  it('fills placeholders, keeps names apart and groups numbers the way each language does', () => {
    const p = phrase('en', 'line.joined', { name: { name: 'Budi' }, role: 'panelist' });
    expect(p).toEqual([{ name: 'Budi' }, ' joined as ', 'panelist', '.']);
    expect(text('en', 'summary.peakValue', { count: 100000, time: 'noon' })).toBe('100,000 at noon');
    expect(text('id', 'summary.peakValue', { count: 100000, time: 'siang' })).toBe('100.000 orang pada siang');
    expect(plain(phrase('en', 'line.note', { actor: { name: 'Rina' } }))).toBe('Note by Rina: “{text}”');
  });

  it('states that no media was stored, in both languages', () => {
    expect(text('en', 'doc.media')).toBe(
      'No images, video or audio were captured or stored: Hostdeck records only what the platform reports as text.',
    );
    expect(text('id', 'doc.media')).toMatch(/^Tidak ada gambar, video, atau audio yang direkam maupun disimpan/);
  });
});
