import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/context';
import { tallyRoster } from '../roster/rosterView';
import { useAppStore } from '../store/context';

type Result =
  { kind: 'ok'; count: number } | { kind: 'problems'; problems: { line: number; message: string }[] } | { kind: 'error'; message: string };

/**
 * Who should be here: import the expected-attendee list (CSV with name, email, organisation, role),
 * or take the platform's registrants. A file with any bad row is refused whole, every problem listed.
 */
export function AttendeesPanel() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [count, setCount] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const participants = useAppStore((s) => s.roster.participants);
  const { impostors, unknown } = tallyRoster(participants);

  useEffect(() => {
    void bridge.getAttendees({}).then(
      (list) => setCount(list.length),
      () => setCount(null),
    );
  }, [bridge]);

  const importFile = async (file: File): Promise<void> => {
    try {
      const reply = await bridge.importAttendees({ csv: await file.text() });
      if (reply.ok) {
        setCount(reply.count);
        setResult({ kind: 'ok', count: reply.count });
      } else setResult({ kind: 'problems', problems: reply.problems });
    } catch (error) {
      setResult({ kind: 'error', message: (error as Error).message });
    }
  };

  return (
    <section className="attendees-panel" aria-labelledby="attendees-title">
      <h2 id="attendees-title">{t('attendees.title')}</h2>
      <p className="muted">{t('attendees.intro')}</p>
      <p data-testid="attendee-count">{count ? t('attendees.loaded', { count }) : t('attendees.none')}</p>
      {count ? <p>{t('attendees.summary', { impostors, unknown })}</p> : null}
      <div className="button-row">
        <label className="control file-button">
          {t('attendees.import')}
          <input
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            data-testid="attendee-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <button
          type="button"
          className="control"
          onClick={() =>
            void bridge.loadRegistrants({}).then(
              (r) => (setCount(r.count), setResult({ kind: 'ok', count: r.count })),
              (error: Error) => setResult({ kind: 'error', message: error.message }),
            )
          }
        >
          {t('attendees.registrants')}
        </button>
        {count ? (
          <button
            type="button"
            className="control control-quiet"
            onClick={() => void bridge.clearAttendees({}).then(() => (setCount(0), setResult(null)))}
          >
            {t('attendees.clear')}
          </button>
        ) : null}
      </div>
      {result?.kind === 'ok' && <p role="status">{t('attendees.imported', { count: result.count })}</p>}
      {result?.kind === 'error' && (
        <p className="error" role="alert">
          {result.message}
        </p>
      )}
      {result?.kind === 'problems' && (
        <div role="alert" className="import-problems" data-testid="import-problems">
          <p className="error">{t('attendees.refused', { count: result.problems.length })}</p>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i}>
                {p.line > 0 ? t('attendees.line', { line: p.line }) : ''} {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
