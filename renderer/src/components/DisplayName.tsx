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
  const { text, removed } = neutralizeText(name);
  const shown = truncateGraphemes(text, MAX_SHOWN);
  return (
    <span className="display-name" title={text}>
      <bdi>{shown.text}</bdi>
      {removed > 0 && <HiddenCharacters count={removed} />}
    </span>
  );
}

/** Names render by the hundred a second in a raid; only the rare one with hidden characters needs translating. */
function HiddenCharacters({ count }: { count: number }) {
  const { t } = useTranslation();
  const label = t('roster.hiddenChars', { count });
  return (
    <span className="badge badge-warn" title={label}>
      {label}
    </span>
  );
}
