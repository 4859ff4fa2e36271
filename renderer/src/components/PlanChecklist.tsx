import { useTranslation } from 'react-i18next';
import type { ActionOutcome } from '../../../shared/model/action';

type PlanSteps = NonNullable<ActionOutcome['plan']>['steps'];

/** Step kinds with their own manual instruction; any other kind gets the general one. */
const BY_HAND_KINDS = [
  'lock',
  'unlock',
  'setWaitingRoom',
  'muteAll',
  'setAllowUnmute',
  'stopAllVideo',
  'setAllowVideo',
  'stopAllShares',
  'setAllowShare',
  'setChat',
  'eject',
] as const;

/** What the moderator does in the platform's own controls for a step Hostdeck could not do. */
export function byHandKey(kind: string): `byHand.${(typeof BY_HAND_KINDS)[number] | 'other'}` {
  return (BY_HAND_KINDS as readonly string[]).includes(kind) ? `byHand.${kind as (typeof BY_HAND_KINDS)[number]}` : 'byHand.other';
}

/**
 * A plan's live checklist: each step pending, done, failed or skipped, with the platform's reason,
 * and for a step that was skipped or failed what the moderator must do by hand.
 */
export function PlanChecklist({ steps }: { steps: PlanSteps }) {
  const { t } = useTranslation();
  return (
    <ol className="plan-steps" data-testid="plan-steps">
      {steps.map((step) => {
        const undone = step.status === 'failed' || step.status === 'skipped';
        return (
          <li key={step.id} className={`plan-step step-${step.status}`} data-step={step.id} data-status={step.status}>
            <span className={`badge status-${step.status === 'running' || step.status === 'waiting' ? 'pending' : step.status}`}>
              {t(`plan.${step.status}`)}
            </span>{' '}
            {t(`actions.kind_${step.kind}`, { target: '' })}
            {step.reason && step.status !== 'confirmed' && <span className="step-reason"> — {step.reason}</span>}
            {undone && (
              <span className="step-by-hand" data-testid="step-by-hand">
                {t('plan.byHand', { what: t(byHandKey(step.kind)) })}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
