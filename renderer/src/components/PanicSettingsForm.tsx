import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkBindings } from '../../../shared/keyboard/accelerator';
import { SHORTCUT_COMMANDS, type ContainSteps, type PanicSettings } from '../../../shared/model/panic';
import type { Script } from '../../../shared/flows/script';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

const STEPS: readonly (keyof ContainSteps)[] = [
  'lock',
  'waitingRoom',
  'muteAll',
  'stopAllVideo',
  'stopAllShares',
  'disableChat',
  'ejectFlagged',
  'ejectSelected',
];

/** The event's panic set-up: what Contain does, the closing message, names for scripts, the keys. */
export function PanicSettingsForm() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const saved = useAppStore((s) => s.panic);
  const savePanic = useAppStore((s) => s.savePanic);
  const status = useAppStore((s) => s.shortcutStatus);
  // Edits live in a draft; without one the form shows what is saved.
  const [edited, setDraft] = useState<PanicSettings | null>(null);
  const draft = edited ?? saved;
  const [scripts, setScripts] = useState<Script[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    void bridge.listScripts({}).then(
      (l) => setScripts(l.scripts),
      () => undefined,
    );
  }, [bridge]);
  if (!draft) return null;
  const problems = checkBindings(draft.shortcuts);
  return (
    <form
      className="panic-form"
      aria-label={t('panic.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void savePanic(draft).then(
          () => (setDraft(null), setMessage({ kind: 'ok', text: t('settings.saved') })),
          (error: Error) => setMessage({ kind: 'error', text: error.message }),
        );
      }}
    >
      <fieldset>
        <legend>{t('panic.containSteps')}</legend>
        <div className="field-grid">
          {STEPS.map((step) => (
            <label key={step} className="inline-check">
              <input
                type="checkbox"
                checked={draft.contain[step]}
                onChange={(e) => setDraft({ ...draft, contain: { ...draft.contain, [step]: e.target.checked } })}
              />
              {t(`panic.step_${step}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="panic-closing">{t('panic.closingMessage')}</label>
        <textarea
          id="panic-closing"
          rows={2}
          maxLength={2000}
          value={draft.closingMessage}
          onChange={(e) => setDraft({ ...draft, closingMessage: e.target.value })}
        />
        <span className="help">{t('panic.closingHelp')}</span>
      </div>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="panic-event">{t('panic.eventName')}</label>
          <input
            id="panic-event"
            maxLength={200}
            value={draft.eventName}
            onChange={(e) => setDraft({ ...draft, eventName: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="panic-organizer">{t('panic.organizer')}</label>
          <input
            id="panic-organizer"
            maxLength={200}
            value={draft.organizer}
            onChange={(e) => setDraft({ ...draft, organizer: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="panic-script">{t('panic.apologyScript')}</label>
          <select id="panic-script" value={draft.apologyScriptId} onChange={(e) => setDraft({ ...draft, apologyScriptId: e.target.value })}>
            {scripts.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.language.toUpperCase()})
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t('panic.shortcuts')}</legend>
        <div className="field-grid">
          {SHORTCUT_COMMANDS.map((command) => {
            const id = `key-${command}`;
            const refused = status?.refused.find((r) => r.command === command);
            return (
              <div key={command} className="field">
                <label htmlFor={id}>{t(`panic.key_${command}`)}</label>
                <input
                  id={id}
                  value={draft.shortcuts[command]}
                  onChange={(e) => setDraft({ ...draft, shortcuts: { ...draft.shortcuts, [command]: e.target.value } })}
                />
                {problems
                  .filter((p) => p.command === command)
                  .map((p) => (
                    <span key={p.problem} className={p.problem.startsWith('collides') ? 'help warn' : 'error'}>
                      {p.problem}
                    </span>
                  ))}
                {refused && <span className="error">{t('panic.refused', { reason: refused.reason })}</span>}
              </div>
            );
          })}
        </div>
        <label className="inline-check">
          <input type="checkbox" checked={draft.shortcutSound} onChange={(e) => setDraft({ ...draft, shortcutSound: e.target.checked })} />
          {t('panic.sound')}
        </label>
      </fieldset>
      <button type="submit" className="control control-primary" disabled={problems.some((p) => !p.problem.startsWith('collides'))}>
        {t('settings.save')}
      </button>
      {message && (
        <p className={message.kind === 'error' ? 'error' : undefined} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
