import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../shared/incident/entry';
import { foldForSearch } from '../../../shared/risk/normalize';
import { useBridge } from '../bridge/context';
import { formatClock } from '../format';
import { summarizeEntry } from '../logSummary';
import { participantOfEntry } from '../logParticipant';
import { useAppStore } from '../store/context';
import { DisplayName } from './DisplayName';
import { LogExport } from './LogExport';

const GROUPS = ['participant', 'action', 'meeting', 'panic', 'notes', 'problems'] as const;
type Group = (typeof GROUPS)[number];

function groupOf(kind: LogEntry['kind']): Group {
  if (kind.startsWith('participant.') || kind === 'join.blocked' || kind === 'attendees.loaded') return 'participant';
  if (kind.startsWith('action.')) return 'action';
  if (kind.startsWith('plan.') || kind.startsWith('script.') || kind === 'controls.captured' || kind === 'incident.contained')
    return 'panic';
  if (kind === 'note' || kind === 'evidence.marked' || kind === 'moderator.changed') return 'notes';
  if (kind === 'error' || kind === 'input.rejected' || kind === 'log.recovered' || kind === 'platform.link') return 'problems';
  return 'meeting';
}

type Verification = Awaited<ReturnType<ReturnType<typeof useBridge>['verifyLog']>>;

/**
 * The incident log as a timeline: any session's log, filtered by kind and participant, each entry
 * one click from the participant it is about, markable as evidence, with the chain's integrity shown.
 */
export function LogViewer({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const current = useAppStore((s) => s.session?.sessionId);
  const roster = useAppStore((s) => s.roster.participants);
  const openDetail = useAppStore((s) => s.openDetail);
  const setNoteOpen = useAppStore((s) => s.setNoteOpen);
  const [logs, setLogs] = useState<Awaited<ReturnType<typeof bridge.listLogs>>>([]);
  const [sessionId, setSessionId] = useState<string | null>(current ?? null);
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [groups, setGroups] = useState<ReadonlySet<Group>>(new Set(GROUPS));
  const [who, setWho] = useState('');
  const [error, setError] = useState<string | null>(null);
  const scroll = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void bridge.listLogs({}).then(
      (l) => {
        setLogs(l);
        setSessionId((s) => s ?? l[0]?.sessionId ?? null);
      },
      (e: Error) => setError(e.message),
    );
  }, [bridge]);

  // Loads a log (fresh) or what was appended since the last load (following the live session's log).
  // Loads run one after another, so following never fetches the same entries twice.
  const loaded = useRef<{ id: string | null; seq: number }>({ id: null, seq: 0 });
  const queue = useRef<Promise<void>>(Promise.resolve());
  const load = useCallback(
    (id: string, fresh: boolean): Promise<void> => {
      const run = async (): Promise<void> => {
        if (!fresh && loaded.current.id !== id) return;
        const fetched: LogEntry[] = [];
        for (let after = fresh ? 0 : loaded.current.seq; ;) {
          const page = await bridge.readLog({ sessionId: id, afterSeq: after, limit: 50_000 });
          fetched.push(...page.entries);
          if (!page.more || page.entries.length === 0) break;
          after = page.entries.at(-1)!.seq;
        }
        if (fresh) {
          loaded.current = { id, seq: fetched.at(-1)?.seq ?? 0 };
          setEntries(fetched);
          // The chain is checked when a log is opened; entries followed live are the host's own appends.
          setVerification(await bridge.verifyLog({ sessionId: id }));
        } else if (fetched.length > 0) {
          loaded.current = { id, seq: fetched.at(-1)!.seq };
          setEntries((prev) => [...prev, ...fetched]);
        }
      };
      queue.current = queue.current.then(run, run);
      return queue.current;
    },
    [bridge],
  );

  useEffect(() => {
    if (sessionId) void load(sessionId, true).catch((e: Error) => setError(e.message));
  }, [sessionId, load]);

  const liveHead = useAppStore((s) => s.log.at(-1)?.seq ?? 0);
  const followed = sessionId !== null && sessionId === current ? liveHead : 0;
  useEffect(() => {
    if (sessionId && followed > loaded.current.seq) void load(sessionId, false).catch((e: Error) => setError(e.message));
  }, [sessionId, followed, load]);

  const evidence = useMemo(() => new Set(entries.flatMap((e) => (e.kind === 'evidence.marked' ? [e.data.seq] : []))), [entries]);
  const needle = foldForSearch(who.trim());
  const shown = useMemo(
    () =>
      entries.filter((e) => {
        if (!groups.has(groupOf(e.kind))) return false;
        if (!needle) return true;
        const p = participantOfEntry(e);
        return p !== undefined && foldForSearch(`${p.name} ${p.id}`).includes(needle);
      }),
    [entries, groups, needle],
  );
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroll.current, estimateSize: () => 34, overscan: 20 });
  const isLive = sessionId !== null && sessionId === current;

  return (
    <section className="log-viewer" aria-labelledby="viewer-title" data-testid="log-viewer">
      <div className="section-head">
        <h2 id="viewer-title">{t('viewer.title')}</h2>
        <button type="button" className="control" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
      <div className="viewer-bar">
        <label htmlFor="viewer-session">{t('viewer.session')}</label>
        <select id="viewer-session" value={sessionId ?? ''} onChange={(e) => setSessionId(e.target.value)}>
          {logs.map((l) => (
            <option key={l.sessionId} value={l.sessionId}>
              {l.startedAt ? formatClock(l.startedAt, i18n.language) : ''} {l.title || l.sessionId}{' '}
              {l.sessionId === current ? `(${t('viewer.live')})` : ''}
            </option>
          ))}
        </select>
        {verification && (
          <span className={`badge ${verification.ok ? 'status-confirmed' : 'status-failed'}`} data-testid="chain-status">
            {verification.ok
              ? t('viewer.intact', { count: verification.entries, hash: verification.headHash.slice(0, 16) })
              : t('viewer.broken', { line: verification.line, problem: verification.problem })}
          </span>
        )}
        {isLive && (
          <button type="button" className="control control-quiet" onClick={() => setNoteOpen(true)} data-testid="viewer-note">
            ✎ {t('header.note')}
          </button>
        )}
        {sessionId && !isLive && (
          <button
            type="button"
            className="control control-quiet"
            onClick={() => {
              if (!window.confirm(t('viewer.confirmDelete'))) return;
              void bridge.deleteLog({ sessionId }).then(
                () => bridge.listLogs({}).then((l) => (setLogs(l), setSessionId(l[0]?.sessionId ?? null))),
                (e: Error) => setError(e.message),
              );
            }}
          >
            {t('viewer.delete')}
          </button>
        )}
      </div>
      <div className="viewer-filters" role="group" aria-label={t('roster.filters')}>
        {GROUPS.map((g) => (
          <button
            key={g}
            type="button"
            className={`chip ${groups.has(g) ? 'is-on' : ''}`}
            aria-pressed={groups.has(g)}
            onClick={() => {
              const next = new Set(groups);
              if (next.has(g)) next.delete(g);
              else next.add(g);
              setGroups(next);
            }}
          >
            {t(`viewer.group_${g}`)}
          </button>
        ))}
        <label htmlFor="viewer-who" className="visually-hidden">
          {t('viewer.participant')}
        </label>
        <input id="viewer-who" type="search" placeholder={t('viewer.participant')} value={who} onChange={(e) => setWho(e.target.value)} />
        <span className="muted" role="status">
          {t('viewer.shown', { shown: shown.length, total: entries.length })}
        </span>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div ref={scroll} className="viewer-scroll" tabIndex={0} aria-label={t('viewer.title')} data-testid="viewer-entries">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = shown[item.index] as LogEntry;
            const about = participantOfEntry(entry);
            const summary = summarizeEntry(entry, t);
            const inRoster = isLive && about !== undefined && roster.has(about.id);
            return (
              <div
                key={entry.seq}
                className={`viewer-row ${evidence.has(entry.seq) ? 'is-evidence' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                data-seq={entry.seq}
                data-kind={entry.kind}
              >
                <span className="muted seq">#{entry.seq}</span>
                <time dateTime={entry.ts}>{formatClock(entry.ts, i18n.language)}</time>
                <span className="log-kind">{t(`log.kind.${entry.kind.replace('.', '_')}`)}</span>
                {summary.name !== undefined && <DisplayName name={summary.name} />}
                <span className="log-detail">{summary.detail}</span>
                {evidence.has(entry.seq) && <span className="badge status-locked">{t('viewer.evidence')}</span>}
                <span className="row-actions">
                  {inRoster && (
                    <button
                      type="button"
                      className="control control-quiet"
                      data-testid="show-participant"
                      onClick={() => (openDetail(about.id), onClose())}
                    >
                      {t('viewer.showParticipant')}
                    </button>
                  )}
                  {isLive && !evidence.has(entry.seq) && entry.kind !== 'evidence.marked' && (
                    <button
                      type="button"
                      className="control control-quiet"
                      onClick={() =>
                        void bridge
                          .markEvidence({ seq: entry.seq })
                          .then(() => load(entry.sessionId, false))
                          .catch((e: Error) => setError(e.message))
                      }
                    >
                      {t('viewer.markEvidence')}
                    </button>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {sessionId && <LogExport sessionId={sessionId} />}
    </section>
  );
}
