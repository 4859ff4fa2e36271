import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context';
import { panicShortcuts, SHORTCUTS } from '../keyboard/shortcuts';
import { useAppStore } from '../store/context';

const platform = (): 'mac' | 'other' => (/Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other');

/** The `?` overlay: every keyboard shortcut, in a modal dialog. */
export function ShortcutsOverlay() {
  const { t } = useTranslation();
  const isOpen = useAppStore((s) => s.isShortcutsOpen);
  const setOpen = useAppStore((s) => s.setShortcutsOpen);
  const panic = useAppStore((s) => s.panic);
  const status = useAppStore((s) => s.shortcutStatus);
  const shell = useBridge().shell;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (isOpen && !element.open) element.showModal();
    if (!isOpen && element.open) element.close();
  }, [isOpen]);
  return (
    <dialog
      ref={dialog}
      className="overlay"
      aria-labelledby="shortcuts-title"
      onClose={() => setOpen(false)}
      data-testid="shortcuts-overlay"
    >
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      {(['app', 'roster'] as const).map((scope) => (
        <section key={scope}>
          <h3>{t(`shortcuts.scope_${scope}`)}</h3>
          <table className="shortcut-table">
            <tbody>
              {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{t(s.description)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section data-testid="panic-shortcuts">
        <h3>{t('shortcuts.scope_panic')}</h3>
        <p className="help">{t(shell === 'electron' ? 'shortcuts.panicGlobal' : 'shortcuts.panicLocal')}</p>
        <table className="shortcut-table">
          <tbody>
            {panicShortcuts(panic, status, platform()).map((s) => (
              <tr key={s.command}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>
                  {t(`panic.key_${s.command}`)}
                  {s.refused !== undefined && <span className="help warn"> {t('shortcuts.panicRefused', { reason: s.refused })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <button type="button" className="control" onClick={() => setOpen(false)} autoFocus>
        {t('shortcuts.close')}
      </button>
    </dialog>
  );
}
