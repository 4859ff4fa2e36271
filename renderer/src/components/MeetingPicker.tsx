import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderInfo } from '../../../shared/contract/session';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

const NO_PROVIDERS: readonly ProviderInfo[] = [];
import type { RehearsalChoice } from '../store/sessionSlice';

const SPEEDS = [1, 10, 30, 60] as const;
const DEFAULT_SEED = 20_241_127;

function RehearsalForm() {
  const { t } = useTranslation();
  const scenarios = useAppStore((s) => s.scenarios);
  const startRehearsal = useAppStore((s) => s.startRehearsal);
  const isAttaching = useAppStore((s) => s.isAttaching);
  const [choice, setChoice] = useState<Omit<RehearsalChoice, 'scenarioId'>>({ timeScale: 10, startAt: 'beginning', seed: DEFAULT_SEED });
  const [scenarioId, setScenarioId] = useState<string | null>(null);
  const selected = scenarioId ?? scenarios[0]?.meetingId ?? null;
  const ids = { speed: useId(), startAt: useId(), seed: useId() };
  return (
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
      <button type="submit" className="control control-primary" disabled={!selected || isAttaching}>
        {isAttaching ? t('picker.starting') : t('picker.start')}
      </button>
    </form>
  );
}

function PlatformMeetings({ provider }: { provider: ProviderInfo }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const attachMeeting = useAppStore((s) => s.attachMeeting);
  const setSettingsOpen = useAppStore((s) => s.setSettingsOpen);
  const isAttaching = useAppStore((s) => s.isAttaching);
  const [meetings, setMeetings] = useState<MeetingSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="platform" aria-label={provider.name} data-testid={`provider-${provider.id}`}>
      <h3>
        {provider.name}{' '}
        <span className={`badge ${provider.status.connected ? 'status-on' : 'status-off'}`}>
          {provider.status.connected ? t('settings.connected') : t('settings.notConnected')}
        </span>
      </h3>
      {provider.status.detail && <p className="muted">{provider.status.detail}</p>}
      <div className="button-row">
        <button type="button" className="control" onClick={() => setSettingsOpen(true)}>
          {t('picker.setUp')}
        </button>
        <button
          type="button"
          className="control"
          disabled={!provider.status.connected}
          onClick={() =>
            void bridge.listMeetings({ providerId: provider.id }).then(
              (m) => (setMeetings(m), setError(null)),
              (e: Error) => setError(e.message),
            )
          }
        >
          {t('picker.listMeetings')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {meetings && meetings.length === 0 && <p className="muted">{t('picker.noMeetings')}</p>}
      {meetings && meetings.length > 0 && (
        <ul className="meeting-list">
          {meetings.map((m) => (
            <li key={m.meetingId}>
              <span className="scenario-title">
                <bdi>{m.title}</bdi>
              </span>{' '}
              <span className="badge status-open">{t(`picker.meeting_${m.status}`)}</span>{' '}
              <button
                type="button"
                className="control control-primary"
                disabled={isAttaching}
                onClick={() => void attachMeeting(provider.id, m.meetingId)}
              >
                {t('picker.attach')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Shown when no meeting is attached: a connected platform's meetings, or a rehearsal. */
export function MeetingPicker() {
  const { t } = useTranslation();
  const attachError = useAppStore((s) => s.attachError);
  const providers = useAppStore((s) => s.overview?.providers ?? NO_PROVIDERS);
  const platforms = providers.filter((p) => p.id !== 'rehearsal');
  const anyConnected = platforms.some((p) => p.status.connected);
  return (
    <main className="picker">
      {platforms.length > 0 && (
        <section aria-labelledby="platforms-title">
          <h1 id="platforms-title">{t('picker.platforms')}</h1>
          {platforms.map((p) => (
            <PlatformMeetings key={p.id} provider={p} />
          ))}
        </section>
      )}
      <section aria-labelledby="rehearsal-title">
        <h1 id="rehearsal-title">{t('picker.title')}</h1>
        <p className="intro">{anyConnected ? t('picker.introConnected') : t('picker.intro')}</p>
        <RehearsalForm />
      </section>
      {attachError && (
        <p className="error" role="alert">
          {t('picker.failed', { reason: attachError })}
        </p>
      )}
    </main>
  );
}
