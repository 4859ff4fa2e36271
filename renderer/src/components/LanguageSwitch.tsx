import { useTranslation } from 'react-i18next';
import { LANGUAGES, saveLanguage, type Language } from '../i18n';

const NAMES: Record<Language, string> = { en: 'English', id: 'Bahasa Indonesia' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('app.language')}</span>
      <select
        value={i18n.language}
        onChange={(e) => {
          const language = e.target.value as Language;
          saveLanguage(language);
          void i18n.changeLanguage(language);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
