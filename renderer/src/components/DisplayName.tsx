import { useTranslation } from 'react-i18next';
import { neutralizeText, truncateGraphemes } from '../../../shared/util/text';

const MAX_SHOWN = 48;

/**
 * Renders an attacker-chosen name as inert, isolated text: markup stays text (React escapes it),
 * bidi overrides and zero-width characters are removed (and counted, because hiding characters is
 * itself suspicious), the name is isolated from the text around it, and long names are cut with
 * the full value in the tooltip.
 */
export function DisplayName({ name }: { name: string }) {
  const { t } = useTranslation();
  const { text, removed } = neutralizeText(name);
  const shown = truncateGraphemes(text, MAX_SHOWN);
  return (
    <span className="display-name" title={text}>
      <bdi>{shown.text}</bdi>
      {removed > 0 && (
        <span className="badge badge-warn" title={t('roster.hiddenChars', { count: removed })}>
          {t('roster.hiddenChars', { count: removed })}
        </span>
      )}
    </span>
  );
}
