import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context';

const FORMATS = ['html', 'pdf', 'markdown', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Saves what the host exported as a file the moderator can keep and send. */
function download(fileName: string, mimeType: string, content: string, encoding: 'utf8' | 'base64'): void {
  const data = encoding === 'base64' ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0)) : content;
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Export a session's record: the report (HTML, PDF, Markdown) or the full log (CSV, JSON), in
 * English or Bahasa Indonesia, with names and identifiers redacted when it leaves the team.
 */
export function LogExport({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [format, setFormat] = useState<Format>('html');
  const [language, setLanguage] = useState<'en' | 'id'>(i18n.language === 'id' ? 'id' : 'en');
  const [redact, setRedact] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="log-export"
      aria-label={t('export.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (format === 'pdf' && bridge.shell === 'web') {
          // Browser mode prints with the browser: the report opens on its own page, ready for Save as PDF.
          window.open(`/report/${encodeURIComponent(sessionId)}.html?lang=${language}&redact=${redact ? 1 : 0}`, '_blank', 'noopener');
          setStatus({ kind: 'ok', text: t('export.printHint') });
          return;
        }
        setBusy(true);
        setStatus(null);
        void bridge
          .exportLog({ sessionId, format, language, redact })
          .then(
            (file) => {
              download(file.fileName, file.mimeType, file.content, file.encoding);
              setStatus({ kind: 'ok', text: t('export.saved', { name: file.fileName }) });
            },
            (error: Error) => setStatus({ kind: 'error', text: error.message }),
          )
          .finally(() => setBusy(false));
      }}
    >
      <h3>{t('export.title')}</h3>
      <div className="button-row">
        <label htmlFor="export-format">{t('export.format')}</label>
        <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`export.format_${f}`)}
            </option>
          ))}
        </select>
        <label htmlFor="export-language">{t('export.language')}</label>
        <select id="export-language" value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'id')}>
          <option value="en">English</option>
          <option value="id">Bahasa Indonesia</option>
        </select>
        <label className="inline-check">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} />
          {t('export.redact')}
        </label>
        <button type="submit" className="control control-primary" disabled={busy} data-testid="export-button">
          {busy ? t('export.working') : t('export.export')}
        </button>
      </div>
      {status && (
        <p className={status.kind === 'error' ? 'error' : 'muted'} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </form>
  );
}
