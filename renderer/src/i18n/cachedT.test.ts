import { describe, expect, it } from 'vitest';
import { cachedT } from './cachedT';
import { createI18n } from './index';

describe('cachedT', () => {
  it('answers exactly as i18next does, in each language, with and without options', async () => {
    for (const language of ['en', 'id'] as const) {
      const i18n = await createI18n(language);
      const t = i18n.t.bind(i18n) as typeof i18n.t;
      const fast = cachedT(t);
      expect(cachedT(t)).toBe(fast);
      for (const key of ['roster.audioOn', 'roster.eject', 'role.attendee', 'no.such.key']) {
        expect(fast(key)).toBe(t(key));
        expect(fast(key)).toBe(t(key));
      }
      expect(fast('roster.ejectLabel', { name: 'Budi' })).toBe(t('roster.ejectLabel', { name: 'Budi' }));
      expect(fast('roster.ejectLabel', { name: 'Budi' })).toContain('Budi');
      expect(fast('roster.hiddenChars', { count: 3 })).toBe(t('roster.hiddenChars', { count: 3 }));
    }
    const en = await createI18n('en');
    const id = await createI18n('id');
    expect(cachedT(en.t.bind(en) as typeof en.t)('roster.eject')).not.toBe(cachedT(id.t.bind(id) as typeof id.t)('roster.eject'));
  });
});
