import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script } from '../../../shared/flows/script';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

/** Pick a script to run now: the built-in apologies first in the console's language, then your own. */
export function ScriptLauncher() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const setScriptRun = useAppStore((s) => s.setScriptRun);
  const [open, setOpen] = useState(false);
  const [scripts, setScripts] = useState<Script[]>([]);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const lang = i18n.language === 'id' ? 'id' : 'en';
  const sorted = [...scripts].sort((a, b) => Number(b.language === lang) - Number(a.language === lang));
  return (
    <>
      <button
        type="button"
        className="control"
        data-testid="open-scripts"
        onClick={() => {
          setOpen(true);
          void bridge.listScripts({}).then(
            (list) => setScripts(list.scripts),
            (e: Error) => setError(e.message),
          );
        }}
      >
        📜 {t('script.scripts')}
      </button>
      <dialog ref={dialog} className="overlay" aria-labelledby="launcher-title" onClose={() => setOpen(false)}>
        <h2 id="launcher-title">{t('script.choose')}</h2>
        {error && <p className="error">{error}</p>}
        <ul className="script-list">
          {sorted.map((script) => (
            <li key={script.id}>
              <button
                type="button"
                className="control script-choice"
                lang={script.language}
                onClick={() =>
                  void bridge.startScript({ scriptId: script.id }).then(
                    (run) => (setScriptRun(run), setOpen(false)),
                    (e: Error) => setError(e.message),
                  )
                }
              >
                <strong>{script.name}</strong> <span className="muted">({script.language.toUpperCase()})</span>
                <span className="script-description">{script.description}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="control control-quiet" onClick={() => setOpen(false)}>
          {t('shortcuts.close')}
        </button>
      </dialog>
    </>
  );
}
