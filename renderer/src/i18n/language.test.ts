import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n, initialLanguage, languageFromPreferences, saveLanguage } from './index';

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

/** The operating system's preferred languages, as Chromium (and so Electron) reports them. */
function osLanguages(...languages: string[]): void {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

describe('default language', () => {
  it('is the first preferred language Hostdeck speaks', () => {
    expect(languageFromPreferences(['id-ID'])).toBe('id');
    expect(languageFromPreferences(['id'])).toBe('id');
    expect(languageFromPreferences(['in-ID'])).toBe('id');
    expect(languageFromPreferences(['jv-ID', 'id-ID', 'en-US'])).toBe('id');
    expect(languageFromPreferences(['en-US', 'id-ID'])).toBe('en');
    expect(languageFromPreferences(['en-GB'])).toBe('en');
  });

  it('falls back to English when the system speaks neither, and does not mistake look-alike codes', () => {
    expect(languageFromPreferences(['fr-FR', 'de'])).toBe('en');
    expect(languageFromPreferences([])).toBe('en');
    expect(languageFromPreferences(['ind', 'inh-RU'])).toBe('en');
  });

  it('follows an Indonesian operating system until the moderator chooses otherwise', async () => {
    osLanguages('id-ID', 'en-US');
    expect(initialLanguage()).toBe('id');
    const i18n = await createI18n();
    expect(i18n.language).toBe('id');
    expect(i18n.t('picker.title')).toBe('Mulai latihan');
    expect(document.documentElement.lang).toBe('id');

    saveLanguage('en');
    expect(initialLanguage()).toBe('en');
  });

  it('starts in English on an English system, and in Indonesian once chosen', () => {
    osLanguages('en-AU');
    expect(initialLanguage()).toBe('en');
    saveLanguage('id');
    expect(initialLanguage()).toBe('id');
  });
});
