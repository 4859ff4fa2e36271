import { useTranslation } from 'react-i18next';
import { formatOffset } from '../format';
import { useAppStore } from '../store/context';
import { DisplayName } from './DisplayName';

/** People the platform turned away (locked or banned), newest first. */
export function BlockedJoins() {
  const { t } = useTranslation();
  const blockedJoins = useAppStore((s) => s.roster.blockedJoins);
  const startedAt = useAppStore((s) => s.roster.meeting?.startedAt);
  if (blockedJoins.length === 0) return null;
  return (
    <div className="blocked" data-testid="blocked-joins">
      <h3>
        {t('roster.blockedTitle')} <span className="muted">({blockedJoins.length})</span>
      </h3>
      <ul>
        {blockedJoins
          .slice(-50)
          .reverse()
          .map((b) => (
            <li key={b.id} data-testid="blocked-join">
              <span className="cell-time">{formatOffset(b.at, startedAt)}</span> <DisplayName name={b.displayName} />{' '}
              <span className="muted">({t(`roster.blockedReason_${b.reason}`)})</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
