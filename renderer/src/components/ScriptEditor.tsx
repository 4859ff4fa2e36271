import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fillVariables, parseScript, type Script } from '../../../shared/flows/script';
import { useBridge } from '../bridge/context';
import { useAppStore } from '../store/context';

/**
 * Scripts as the readable JSON files they are stored in: start from a built-in one, edit, see every
 * problem and a preview with the event's names filled in, save. Export and import share them.
 */
export function ScriptEditor() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const panic = useAppStore((s) => s.panic);
  const [scripts, setScripts] = useState<Script[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const reload = (): void =>
    void bridge.listScripts({}).then(
      (l) => (setScripts(l.scripts), setFileProblems(l.problems)),
      () => undefined,
    );
  useEffect(reload, [bridge]);
  const parsed = text.trim() ? parseScript(text) : null;
  const vars = {
    event: panic?.eventName || t('script.sampleEvent'),
    organizer: panic?.organizer || t('script.sampleOrganizer'),
    time: '14:05',
  };
  const save = (): void => {
    if (!parsed?.ok) return;
    void bridge.saveScript({ text }).then(
      (s) => (setMessage({ kind: 'ok', text: t('script.saved', { id: s.id }) }), reload()),
      (e: Error) => setMessage({ kind: 'error', text: e.message }),
    );
  };
  const copyOf = (script: Script): void => {
    const copy = { ...script, id: script.id.replace(/^builtin-/, 'my-'), name: `${script.name} (${t('script.copy')})` };
    setText(JSON.stringify(copy, null, 2));
    setMessage(null);
  };
  return (
    <div className="script-editor">
      <ul className="script-list">
        {scripts.map((s) => (
          <li key={s.id}>
            <span>
              {s.name} <span className="muted">({s.id})</span>
            </span>{' '}
            <button
              type="button"
              className="control control-quiet"
              onClick={() => (s.id.startsWith('builtin-') ? copyOf(s) : setText(JSON.stringify(s, null, 2)))}
            >
              {s.id.startsWith('builtin-') ? t('script.copyEdit') : t('script.edit')}
            </button>
            {!s.id.startsWith('builtin-') && (
              <button type="button" className="control control-quiet" onClick={() => void bridge.deleteScript({ id: s.id }).then(reload)}>
                {t('script.delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {fileProblems.map((p) => (
        <p key={p} className="error">
          {p}
        </p>
      ))}
      <label htmlFor="script-json">{t('script.json')}</label>
      <textarea
        id="script-json"
        rows={12}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Ctrl+S (⌘S on a Mac) saves from the text itself; Tab leaves the field as usual.
          if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
            e.preventDefault();
            save();
          }
        }}
        aria-invalid={parsed ? !parsed.ok : undefined}
        aria-describedby={parsed && !parsed.ok ? 'script-problems' : 'script-json-hint'}
        data-testid="script-json"
      />
      <p id="script-json-hint" className="muted">
        {t('script.saveHint')}
      </p>
      {parsed && !parsed.ok && (
        <ul className="error" id="script-problems" data-testid="script-problems">
          {parsed.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {parsed?.ok && (
        <ol className="script-preview" data-testid="script-preview">
          {parsed.script.steps.map((step, i) => (
            <li key={i}>
              <strong>{t(`script.kind_${step.kind}`)}</strong> {'text' in step && step.text ? fillVariables(step.text, vars) : ''}
              {step.kind === 'wait' ? `${step.seconds} s` : ''}
              {step.kind === 'action' ? t(`script.action_${step.action}`) : ''}
            </li>
          ))}
        </ol>
      )}
      <div className="button-row">
        <button type="button" className="control control-primary" disabled={!parsed?.ok} onClick={save}>
          {t('settings.save')}
        </button>
        {parsed?.ok && (
          <a
            className="control"
            download={`${parsed.script.id}.json`}
            href={`data:application/json;charset=utf-8,${encodeURIComponent(text)}`}
          >
            {t('script.export')}
          </a>
        )}
        <label className="control file-button">
          {t('script.import')}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(e) => void e.target.files?.[0]?.text().then(setText)}
          />
        </label>
      </div>
      {message && (
        <p className={message.kind === 'error' ? 'error' : undefined} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
