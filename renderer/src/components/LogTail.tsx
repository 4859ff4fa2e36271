import { useTranslation } from 'react-i18next';
import { formatClock } from '../format';
import { summarizeEntry } from '../logSummary';
import { useAppStore } from '../store/context';
import { DisplayName } from './DisplayName';

/** The newest incident-log entries, newest first, each only once it is on disk. */
export function LogTail() {
  const { t, i18n } = useTranslation();
  const log = useAppStore((s) => s.log);
  const logFile = useAppStore((s) => s.session?.logFile);
  return (
    <section className="log-tail" aria-labelledby="log-title">
      <div className="section-head">
        <h2 id="log-title">{t('log.title')}</h2>
      </div>
      {logFile && (
        <p className="muted log-file" title={logFile}>
          {t('header.logFile')}: <code>{logFile}</code>
        </p>
      )}
      {log.length === 0 ? (
        <p className="muted">{t('log.empty')}</p>
      ) : (
        <ol className="log-lines" data-testid="log-lines" tabIndex={0} aria-label={t('log.title')}>
          {[...log].reverse().map((entry) => {
            const summary = summarizeEntry(entry, t);
            return (
              <li
                key={`${entry.sessionId}-${entry.seq}`}
                className={`log-line kind-${entry.kind.replace('.', '-')}`}
                data-kind={entry.kind}
                data-seq={entry.seq}
              >
                <time dateTime={entry.ts}>{formatClock(entry.ts, i18n.language)}</time>
                <span className="log-kind">{t(`log.kind.${entry.kind.replace('.', '_')}`)}</span>
                {summary.name !== undefined && <DisplayName name={summary.name} />}
                {summary.detail && <span className="log-detail">{summary.detail}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
