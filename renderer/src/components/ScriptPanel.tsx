import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptStep } from '../../../shared/flows/script';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function StepBody({ step, until }: { step: ScriptStep; until?: number | undefined }) {
  const { t } = useTranslation();
  const now = useNow(step.kind === 'wait');
  switch (step.kind) {
    case 'say':
      return (
        <p className="teleprompter" lang="auto">
          {step.text}
        </p>
      );
    case 'confirm':
      return <p className="teleprompter-question">{step.text}</p>;
    case 'chat':
      return (
        <p className="muted">
          {t('script.posting')}: “{step.text}”
        </p>
      );
    case 'action':
      return <p className="muted">{t('script.running', { action: t(`script.action_${step.action}`) })}</p>;
    case 'wait':
      return (
        <p className="countdown" role="timer" aria-live="off">
          {step.text ? `${step.text} ` : ''}
          <strong>{Math.max(0, Math.ceil(((until ?? now) - now) / 1000))}</strong> s
        </p>
      );
  }
}

/**
 * The running script, large and calm: the words to read aloud, countdowns, and what the panel is
 * doing meanwhile. Enter or the Next button moves on when the moderator is ready.
 */
export function ScriptPanel() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const run = useAppStore((s) => s.scriptRun);
  const setScriptRun = useAppStore((s) => s.setScriptRun);
  if (!run) return null;
  const step = run.steps[run.index];
  const waitsForModerator = run.status === 'waiting' && (step?.kind === 'say' || step?.kind === 'confirm' || step?.kind === 'wait');
  const next = (): void => void bridge.continueScript({ runId: run.runId }).then(setScriptRun, () => undefined);
  return (
    <section
      className="script-panel"
      aria-labelledby="script-title"
      data-testid="script-panel"
      data-step={step?.kind ?? 'done'}
      data-status={run.status}
    >
      <div className="section-head">
        <h2 id="script-title">
          {run.name}{' '}
          <span className="muted">
            {t('script.progress', { step: Math.min(run.index + 1, run.steps.length), total: run.steps.length })}
          </span>
        </h2>
        {run.status === 'waiting' ? (
          <button
            type="button"
            className="control control-quiet"
            onClick={() => void bridge.cancelScript({ runId: run.runId }).then(setScriptRun, () => undefined)}
          >
            {t('script.cancel')}
          </button>
        ) : (
          <button type="button" className="control control-quiet" onClick={() => setScriptRun(null)}>
            {t('actions.dismiss')}
          </button>
        )}
      </div>
      {run.status === 'waiting' && step ? (
        <StepBody step={step} until={run.until} />
      ) : (
        <p className="muted">{t(`script.status_${run.status}`)}</p>
      )}
      {waitsForModerator && (
        <button type="button" className="control control-primary script-next" onClick={next} autoFocus data-testid="script-next">
          {step?.kind === 'confirm' ? t('script.confirm') : step?.kind === 'wait' ? t('script.skip') : t('script.next')}
        </button>
      )}
      {run.results.some((r) => r.result !== 'done') && (
        <ul className="script-results">
          {run.results
            .filter((r) => r.result !== 'done')
            .map((r) => (
              <li key={r.index}>
                {t('script.stepN', { n: r.index + 1 })}: {t(`plan.${r.result}`)} {r.reason ? `— ${r.reason}` : ''}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
