import { useTranslation } from 'react-i18next';
import { ACTION_KINDS, type ActionOutcome } from '../../../shared/model/action';
import { neutralizeText } from '../../../shared/util/text';
import { useAppStore } from '../store/context';
import { PlanChecklist } from './PlanChecklist';

function label(outcome: ActionOutcome, t: ReturnType<typeof useTranslation>['t']): string {
  if (!(ACTION_KINDS as readonly string[]).includes(outcome.kind)) return t('actions.kind_unknown', { kind: outcome.kind });
  return t(`actions.kind_${outcome.kind}`, { target: neutralizeText(outcome.target ?? outcome.participantId ?? '').text });
}

/**
 * Every action the moderator took, newest first: pending until the platform answers, then done or
 * failed with the reason and a retry; a confirmed action shows the platform's note, if it gave one
 * (e.g. a setting it had to change first). Nothing disappears until the moderator dismisses it.
 */
export function ActionTray() {
  const { t } = useTranslation();
  const actions = useAppStore((s) => s.actions);
  const dismissed = useAppStore((s) => s.dismissed);
  const retryAction = useAppStore((s) => s.retryAction);
  const dismissAction = useAppStore((s) => s.dismissAction);
  const cancelAction = useAppStore((s) => s.cancelAction);
  // Steps of a plan show inside their plan's checklist, not as separate items.
  const visible = [...actions.values()].filter((o) => !dismissed.has(o.actionId) && !o.parentId).reverse();

  return (
    <section className="action-tray" aria-labelledby="actions-title">
      <div className="section-head">
        <h2 id="actions-title">{t('actions.title')}</h2>
      </div>
      {visible.length === 0 ? (
        <p className="muted">{t('actions.empty')}</p>
      ) : (
        <ul aria-live="polite" data-testid="action-list" tabIndex={0} aria-label={t('actions.title')}>
          {visible.map((o) => (
            <li
              key={o.actionId}
              className={`action action-${o.status}`}
              data-testid="action-item"
              data-status={o.status}
              data-kind={o.kind}
            >
              <span className={`badge status-${o.status}`}>{t(`actions.${o.status}`)}</span>
              <span className="action-label">
                <bdi>{label(o, t)}</bdi>
              </span>
              {o.latencyMs !== undefined && o.status === 'confirmed' && (
                <span className="muted">{t('actions.latency', { ms: Math.round(o.latencyMs) })}</span>
              )}
              {o.plan && <PlanChecklist steps={o.plan.steps} />}
              {o.status === 'failed' && o.reason && !o.plan && <p className="action-reason">{o.reason}</p>}
              {o.status === 'confirmed' && o.reason && !o.plan && <p className="action-note">{o.reason}</p>}
              {o.status === 'pending' && (
                <span className="action-buttons">
                  <button type="button" className="control control-quiet" onClick={() => void cancelAction(o.actionId)}>
                    {t('actions.cancel')}
                  </button>
                </span>
              )}
              {o.status !== 'pending' && (
                <span className="action-buttons">
                  {o.status === 'failed' && o.retryable && (
                    <button type="button" className="control" onClick={() => void retryAction(o.actionId)}>
                      {t('actions.retry')}
                    </button>
                  )}
                  <button type="button" className="control control-quiet" onClick={() => dismissAction(o.actionId)}>
                    {t('actions.dismiss')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
