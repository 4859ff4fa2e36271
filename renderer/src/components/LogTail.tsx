import { memo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { cachedT } from '../i18n/cachedT';
import type { LogEntry } from '../../../shared/incident/entry';
import { formatClock } from '../format';
import { summarizeEntry } from '../logSummary';
import { useAppStore } from '../store/context';
import { DisplayName } from './DisplayName';

/** One log line; entries never change, so a line renders once. */
const LogLine = memo(function LogLine({ entry, t, language }: { entry: LogEntry; t: TFunction; language: string }) {
  const summary = summarizeEntry(entry, t);
  return (
    <li className={`log-line kind-${entry.kind.replace('.', '-')}`} data-kind={entry.kind} data-seq={entry.seq}>
      <time dateTime={entry.ts}>{formatClock(entry.ts, language)}</time>
      <span className="log-kind">{t(`log.kind.${entry.kind.replace('.', '_')}`)}</span>
      {summary.name !== undefined && <DisplayName name={summary.name} />}
      {summary.detail && <span className="log-detail">{summary.detail}</span>}
    </li>
  );
});

/** The newest incident-log entries, newest first, each only once it is on disk. */
/** Lines shown live; the whole log is on disk and in the log viewer. */
const SHOWN = 40;

export function LogTail() {
  const { t: translate, i18n } = useTranslation();
  const t = cachedT(translate);
  const log = useAppStore((s) => s.log);
  const logFile = useAppStore((s) => s.session?.logFile);
  const openViewer = useAppStore((s) => s.setLogViewerOpen);
  return (
    <section className="log-tail" aria-labelledby="log-title">
      <div className="section-head">
        <h2 id="log-title">{t('log.title')}</h2>
        <button type="button" className="control control-quiet" onClick={() => openViewer(true)}>
          {t('viewer.openFull')}
        </button>
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
          {log
            .slice(-SHOWN)
            .reverse()
            .map((entry) => (
              <LogLine key={`${entry.sessionId}-${entry.seq}`} entry={entry} t={t} language={i18n.language} />
            ))}
        </ol>
      )}
    </section>
  );
}
