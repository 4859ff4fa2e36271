import type { ProviderInfo } from '../../../shared/contract/session';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskSettings } from '../../../shared/model/risk';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

const NO_PROVIDERS: readonly ProviderInfo[] = [];
import type { Theme } from '../store/uiSlice';
import { LanguageSwitch } from './LanguageSwitch';
import { ModeratorForm } from './ModeratorForm';
import { PanicSettingsForm } from './PanicSettingsForm';
import { ProviderSettingsForm } from './ProviderSettingsForm';
import { ScriptEditor } from './ScriptEditor';

function RiskSettingsForm() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [settings, setSettings] = useState<RiskSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void bridge.getRiskSettings({}).then(setSettings, (e: Error) => setMessage(e.message));
  }, [bridge]);
  if (!settings) return message ? <p className="error">{message}</p> : null;
  const number = (key: keyof RiskSettings, scale = 1) => ({
    value: Number(settings[key]) / scale,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setSettings({ ...settings, [key]: Math.round(Number(e.target.value) * scale) }),
  });
  return (
    <form
      className="risk-form"
      onSubmit={(e) => {
        e.preventDefault();
        void bridge.saveRiskSettings(settings).then(
          (saved) => (setSettings(saved), setMessage(t('settings.saved'))),
          (error: Error) => setMessage(error.message),
        );
      }}
    >
      <p className="muted">{t('settings.riskIntro')}</p>
      <div className="field-grid">
        <label>
          {t('settings.flagAt')} <input type="number" min={1} max={20} {...number('flagAt')} />
        </label>
        <label>
          {t('settings.watchAt')} <input type="number" min={1} max={20} {...number('watchAt')} />
        </label>
        <label>
          {t('settings.lateAfter')} <input type="number" min={0} max={1440} {...number('lateAfterMs', 60_000)} />
        </label>
        <label>
          {t('settings.burstCount')} <input type="number" min={2} max={100} {...number('burstCount')} />
        </label>
        <label>
          {t('settings.burstWindow')} <input type="number" min={1} max={600} {...number('burstWindowMs', 1000)} />
        </label>
        <label className="inline-check">
          <input type="checkbox" checked={settings.soundCue} onChange={(e) => setSettings({ ...settings, soundCue: e.target.checked })} />
          {t('settings.soundCue')}
        </label>
      </div>
      <button type="submit" className="control control-primary">
        {t('settings.save')}
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

function LogRetentionForm() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [days, setDays] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void bridge.getLogSettings({}).then(
      (s) => setDays(s.retentionDays),
      (e: Error) => setMessage(e.message),
    );
  }, [bridge]);
  if (days === null) return message ? <p className="error">{message}</p> : null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void bridge.saveLogSettings({ retentionDays: days }).then(
          (r) => setMessage(r.deleted.length ? t('settings.retentionDeleted', { count: r.deleted.length }) : t('settings.saved')),
          (error: Error) => setMessage(error.message),
        );
      }}
    >
      <p className="muted">{t('settings.retentionIntro')}</p>
      <label className="language-switch">
        {t('settings.retentionDays')}
        <input
          type="number"
          min={0}
          max={3650}
          value={days}
          onChange={(e) => setDays(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
        />
      </label>{' '}
      <button type="submit" className="control control-primary">
        {t('settings.save')}
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

/** App settings: look and language, risk thresholds, and one section per meeting platform. */
export function SettingsDialog() {
  const { t } = useTranslation();
  const isOpen = useAppStore((s) => s.isSettingsOpen);
  const setOpen = useAppStore((s) => s.setSettingsOpen);
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const providers = useAppStore((s) => s.overview?.providers ?? NO_PROVIDERS);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (isOpen && !element.open) element.showModal();
    if (!isOpen && element.open) element.close();
  }, [isOpen]);
  return (
    <dialog ref={dialog} className="overlay settings" aria-labelledby="settings-title" onClose={() => setOpen(false)}>
      <div className="section-head">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <button type="button" className="control" onClick={() => setOpen(false)}>
          {t('shortcuts.close')}
        </button>
      </div>
      {isOpen && (
        <>
          <section>
            <h3>{t('settings.appearance')}</h3>
            <div className="button-row">
              <LanguageSwitch />
              <label className="language-switch">
                <span>{t('settings.theme')}</span>
                <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
                  {(['system', 'light', 'dark'] as const).map((th) => (
                    <option key={th} value={th}>
                      {t(`settings.theme_${th}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </section>
          <section>
            <h3>{t('panic.title')}</h3>
            <PanicSettingsForm />
          </section>
          <section>
            <h3>{t('script.scripts')}</h3>
            <ScriptEditor />
          </section>
          <section>
            <h3>{t('settings.risk')}</h3>
            <RiskSettingsForm />
          </section>
          <section>
            <h3>{t('settings.logs')}</h3>
            <ModeratorForm />
            <LogRetentionForm />
          </section>
          {providers
            .filter((p) => p.hasSettings)
            .map((p) => (
              <section key={p.id}>
                <h3>{p.name}</h3>
                <ProviderSettingsForm providerId={p.id} name={p.name} />
              </section>
            ))}
        </>
      )}
    </dialog>
  );
}
