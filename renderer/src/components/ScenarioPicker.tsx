import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/context';
import type { RehearsalChoice } from '../store/sessionSlice';

const SPEEDS = [1, 10, 30, 60] as const;
const DEFAULT_SEED = 20_241_127;

/** Shown when no meeting is attached: pick a rehearsal scenario and how to play it. */
export function ScenarioPicker() {
  const { t } = useTranslation();
  const scenarios = useAppStore((s) => s.scenarios);
  const startRehearsal = useAppStore((s) => s.startRehearsal);
  const isAttaching = useAppStore((s) => s.isAttaching);
  const attachError = useAppStore((s) => s.attachError);
  const [choice, setChoice] = useState<Omit<RehearsalChoice, 'scenarioId'>>({ timeScale: 10, startAt: 'beginning', seed: DEFAULT_SEED });
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const selected = scenarioId ?? scenarios[0]?.meetingId ?? null;
  const ids = { speed: useId(), startAt: useId(), seed: useId() };

  return (
    <main className="picker">
      <h1>{t('picker.title')}</h1>
      <p className="intro">{t('picker.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (selected) void startRehearsal({ ...choice, scenarioId: selected });
        }}
      >
        <fieldset>
          <legend>{t('picker.scenario')}</legend>
          {scenarios.map((s) => (
            <label key={s.meetingId} className={`scenario ${selected === s.meetingId ? 'is-selected' : ''}`}>
              <input
                type="radio"
                name="scenario"
                value={s.meetingId}
                checked={selected === s.meetingId}
                onChange={() => setScenarioId(s.meetingId)}
              />
              <span className="scenario-title">{s.title}</span>
              <span className="scenario-description">{s.description}</span>
            </label>
          ))}
        </fieldset>
        <div className="picker-options">
          <div className="field">
            <label htmlFor={ids.speed}>{t('picker.speed')}</label>
            <select id={ids.speed} value={choice.timeScale} onChange={(e) => setChoice({ ...choice, timeScale: Number(e.target.value) })}>
              {SPEEDS.map((scale) => (
                <option key={scale} value={scale}>
                  {t('picker.speedValue', { scale, minutes: Math.round((60 / scale) * 10) / 10 })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.startAt}>{t('picker.startAt')}</label>
            <select
              id={ids.startAt}
              value={choice.startAt}
              onChange={(e) => setChoice({ ...choice, startAt: e.target.value as RehearsalChoice['startAt'] })}
            >
              <option value="beginning">{t('picker.startBeginning')}</option>
              <option value="beforeIntrusion">{t('picker.startBeforeIntrusion')}</option>
            </select>
          </div>
          <div className="field" title={t('picker.seedHint')}>
            <label htmlFor={ids.seed}>{t('picker.seed')}</label>
            <input
              id={ids.seed}
              type="number"
              min={0}
              max={4294967295}
              value={choice.seed}
              onChange={(e) => setChoice({ ...choice, seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
            />
          </div>
        </div>
        {attachError && (
          <p className="error" role="alert">
            {t('picker.failed', { reason: attachError })}
          </p>
        )}
        <button type="submit" className="control control-primary" disabled={!selected || isAttaching}>
          {isAttaching ? t('picker.starting') : t('picker.start')}
        </button>
      </form>
    </main>
  );
}
