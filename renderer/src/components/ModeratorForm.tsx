import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModeratorIdentity } from '../../../shared/model/moderator';
import { useBridge } from '../bridge/context';

/** The moderator name recorded on every new incident-log entry (with this computer's name). */
export function ModeratorForm() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [identity, setIdentity] = useState<ModeratorIdentity | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    void bridge.getIdentity({}).then(
      (view) => (setIdentity(view), setName(view.moderator)),
      (e: Error) => setMessage(e.message),
    );
  }, [bridge]);
  if (!identity) return message ? <p className="error">{message}</p> : null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void bridge.saveIdentity({ moderator: name }).then(
          (view) => (setIdentity(view), setName(view.moderator), setMessage(t('settings.moderatorSaved', { name: view.moderator }))),
          (error: Error) => setMessage(error.message),
        );
      }}
    >
      <p className="muted">{t('settings.moderatorIntro')}</p>
      <label className="language-switch">
        {t('settings.moderatorName')}
        <input
          type="text"
          required
          maxLength={100}
          autoComplete="name"
          value={name}
          placeholder={identity.defaultName}
          onChange={(e) => setName(e.target.value)}
        />
      </label>{' '}
      <button type="submit" className="control control-primary">
        {t('settings.save')}
      </button>
      <p className="muted">
        {t(`settings.moderatorSource_${identity.source}`)} {t('settings.machineName', { machine: identity.machine })}
      </p>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
