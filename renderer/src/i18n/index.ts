import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id } from './id';

export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'hostdeck.language';

/** The saved choice, else the operating system's language (Indonesian if it is), else English. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'id') return saved;
  } catch {
    // storage unavailable: fall through to the OS language
  }
  return languageFromPreferences(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

/**
 * The first of the operating system's preferred languages that Hostdeck speaks: Indonesian for
 * `id` (and the legacy code `in`, still reported by some Android and Java systems), English for `en`;
 * English when none is.
 */
export function languageFromPreferences(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'id' || primary === 'in') return 'id';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not saved; the choice still applies for this run
  }
}

export async function createI18n(language: Language = initialLanguage()): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, id: { translation: id } },
    // React escapes everything it renders; i18next must not escape a second time.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return instance;
}
