import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ProviderSettingsView, SignOutResult } from '../../../shared/contract/providerSettings';
import { neutralizeText } from '../../../shared/util/text';
import type { ProviderId } from '../../../shared/model/meeting';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

/**
 * A provider's settings, rendered from the fields it declares. Secret fields are write-only: the
 * form shows whether one is stored, never the value, and leaving one empty keeps it.
 */
export function ProviderSettingsForm({ providerId, name }: { providerId: ProviderId; name: string }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const refreshOverview = useAppStore((s) => s.refreshOverview);
  const [view, setView] = useState<ProviderSettingsView | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const formId = useId();
  const lang = i18n.language === 'id' ? 'id' : 'en';

  useEffect(() => {
    void bridge.getProviderSettings({ providerId }).then(
      (v) => (setView(v), setValues(v.values)),
      (error: Error) => setMessage({ kind: 'error', text: error.message }),
    );
  }, [bridge, providerId]);

  if (!view) return message ? <p className="error">{message.text}</p> : null;
  const act = async <T,>(work: () => Promise<T>, done: string | ((value: T) => { kind: 'ok' | 'error'; text: string })): Promise<void> => {
    try {
      const value = await work();
      setMessage(typeof done === 'string' ? { kind: 'ok', text: done } : done(value));
      setView(await bridge.getProviderSettings({ providerId }));
      await refreshOverview();
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  };

  return (
    <form
      className="provider-form"
      aria-label={name}
      onSubmit={(e) => {
        e.preventDefault();
        void act(async () => {
          const next = await bridge.saveProviderSettings({ providerId, values });
          setView(next);
          setValues(next.values);
        }, t('settings.saved'));
      }}
    >
      <p className="provider-status" role="status">
        <span className={`badge ${view.status.connected ? 'status-on' : 'status-off'}`}>
          {view.status.connected ? t('settings.connected') : t('settings.notConnected')}
        </span>{' '}
        {view.status.account ?? ''} {view.status.detail ?? ''}
      </p>
      {view.fields.map((field) => {
        const id = `${formId}-${field.key}`;
        const help = field.help?.[lang];
        const value = values[field.key] ?? '';
        const set = (v: string): void => setValues({ ...values, [field.key]: v });
        return (
          <div key={field.key} className="field">
            <label htmlFor={id}>
              {field.label[lang]}
              {field.required ? ' *' : ''}
            </label>
            {field.kind === 'select' ? (
              <select id={id} value={value} onChange={(e) => set(e.target.value)}>
                <option value="">—</option>
                {field.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label[lang]}
                  </option>
                ))}
              </select>
            ) : field.kind === 'boolean' ? (
              <input id={id} type="checkbox" checked={value === 'true'} onChange={(e) => set(e.target.checked ? 'true' : 'false')} />
            ) : (
              <input
                id={id}
                type={field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'number' : field.kind === 'url' ? 'url' : 'text'}
                autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
                value={value}
                placeholder={
                  field.kind === 'secret' && view.secretsStored.includes(field.key) ? t('settings.secretStored') : (field.placeholder ?? '')
                }
                onChange={(e) => set(e.target.value)}
              />
            )}
            {help && <span className="help">{help}</span>}
          </div>
        );
      })}
      <div className="button-row">
        {view.fields.length > 0 && (
          <button type="submit" className="control control-primary">
            {t('settings.save')}
          </button>
        )}
        {view.status.canSignIn && !view.status.connected && (
          <button type="button" className="control" onClick={() => void act(() => bridge.signIn({ providerId }), t('settings.signedIn'))}>
            {t('settings.signIn')}
          </button>
        )}
        {view.status.canSignIn && view.status.connected && (
          <button
            type="button"
            className="control control-quiet"
            onClick={() =>
              void act(
                () => bridge.signOut({ providerId }),
                (result) => signOutMessage(result, name, t),
              )
            }
          >
            {t('settings.signOut')}
          </button>
        )}
      </div>
      {message && (
        <p className={message.kind === 'error' ? 'error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

/** Tokens are always deleted here; what the moderator needs to know is whether the platform revoked them. */
function signOutMessage(result: SignOutResult, name: string, t: TFunction): { kind: 'ok' | 'error'; text: string } {
  switch (result.revocation) {
    case 'revoked':
      return { kind: 'ok', text: t('settings.signedOutRevoked', { name }) };
    case 'notOffered':
      return { kind: 'ok', text: t('settings.signedOutLocal', { name }) };
    case 'failed':
      return { kind: 'error', text: t('settings.signedOutRevokeFailed', { name, reason: neutralizeText(result.reason ?? '').text }) };
  }
}
