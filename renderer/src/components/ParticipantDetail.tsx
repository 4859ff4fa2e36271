import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LogEntry } from '../../../shared/incident/entry';
import { PARTICIPANT_ACTION_KINDS } from '../../../shared/model/action';
import { neutralizeText } from '../../../shared/util/text';
import { useBridge } from '../bridge/context';
import { formatClock, formatOffset } from '../format';
import { summarizeEntry } from '../logSummary';
import { useAppStore } from '../store/context';
import { ControlButton } from './ControlButton';
import { DisplayName } from './DisplayName';

/**
 * Everything known about one participant: every identity signal the platform gives, how they match
 * the expected list, each risk flag with its reason, earlier names, and their history in this
 * meeting including the actions taken on them.
 */
export function ParticipantDetail() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const detailId = useAppStore((s) => s.detailId);
  const participant = useAppStore((s) => (s.detailId ? s.roster.participants.get(s.detailId) : undefined));
  const startedAt = useAppStore((s) => s.roster.meeting?.startedAt);
  const logSize = useAppStore((s) => s.log.length);
  const openDetail = useAppStore((s) => s.openDetail);
  const capabilities = useAppStore((s) => s.session?.capabilities);
  const [history, setHistory] = useState<LogEntry[]>([]);

  useEffect(() => {
    let live = true;
    if (!detailId) return;
    bridge
      .getParticipantDetail({ participantId: detailId })
      .then((detail) => live && setHistory(detail?.history ?? []))
      .catch(() => live && setHistory([]));
    return () => {
      live = false;
    };
  }, [bridge, detailId, logSize]);

  if (!participant) return <p className="muted">{t('detail.none')}</p>;
  const p = participant;
  const identity = Object.entries(p.identity).filter(([, v]) => v);
  return (
    <section className="participant-detail" aria-labelledby="detail-title" data-testid="participant-detail">
      <div className="section-head">
        <h2 id="detail-title">
          <DisplayName name={p.displayName} />
        </h2>
        <button type="button" className="control control-quiet" onClick={() => openDetail(null)}>
          {t('detail.close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('roster.role')}</dt>
        <dd>{t(`role.${p.role}`)}</dd>
        <dt>{t('detail.presence')}</dt>
        <dd>
          {t(`presence.${p.presence}`)} · {t('roster.joined')} {formatOffset(p.joinedAt, startedAt)}
          {p.leftAt !== undefined && ` · ${t(`leaveReason.${p.leaveReason ?? 'unknown'}`)} ${formatOffset(p.leftAt, startedAt)}`}
        </dd>
        <dt>{t('detail.participantId')}</dt>
        <dd>
          <code>{p.id}</code>
        </dd>
        {identity.map(([key, value]) => (
          <div key={key} className="fact">
            <dt>{t(`identity.${key}`)}</dt>
            <dd>
              <bdi>{neutralizeText(String(value)).text}</bdi>
            </dd>
          </div>
        ))}
        <dt>{t('detail.match')}</dt>
        <dd>
          {t(`match.${p.match.status}`)}
          {p.match.expectedName && ` — ${neutralizeText(p.match.expectedName).text}`}
          {p.match.basis && ` (${t(`matchBasis.${p.match.basis}`)})`}
        </dd>
        {p.renamedFrom.length > 0 && (
          <>
            <dt>{t('detail.renamedFrom')}</dt>
            <dd>
              {p.renamedFrom.map((old, i) => (
                <span key={i} className="old-name">
                  <DisplayName name={old} />
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <h3>
        {t('detail.risk')}: {t(`riskLevel.${p.risk.level}`)} ({p.risk.score})
      </h3>
      {p.risk.flags.length === 0 ? (
        <p className="muted">{t('detail.noFlags')}</p>
      ) : (
        <ul className="flags" data-testid="risk-flags">
          {p.risk.flags.map((f) => (
            <li key={f.signal} data-signal={f.signal}>
              <span className="flag-weight">+{f.weight}</span> {t(`risk.${f.signal}`, { detail: neutralizeText(f.detail ?? '').text })}
            </li>
          ))}
        </ul>
      )}
      {p.presence !== 'left' && p.role !== 'host' && (
        <div className="button-row detail-actions">
          {PARTICIPANT_ACTION_KINDS.map((kind) => {
            // Where the platform only asks (Zoom's unmute), the button says so.
            const asks = kind === 'unmute' && capabilities?.unmute.available === true && capabilities.unmute.asksParticipant === true;
            return (
              <ControlButton
                key={kind}
                intent={{ kind, participantId: p.id }}
                className={kind === 'eject' || kind === 'ban' ? 'control-eject' : ''}
                hint={asks ? t('participantAction.unmuteAskHint') : undefined}
                testId={`detail-${kind}`}
              >
                {t(asks ? 'participantAction.unmuteAsk' : `participantAction.${kind}`)}
              </ControlButton>
            );
          })}
        </div>
      )}
      <h3>{t('detail.history')}</h3>
      <ol className="history">
        {history.map((entry) => (
          <li key={entry.seq}>
            <time dateTime={entry.ts}>{formatClock(entry.ts, i18n.language)}</time>{' '}
            <strong>{t(`log.kind.${entry.kind.replace('.', '_')}`)}</strong>{' '}
            <span className="muted">{summarizeEntry(entry, t).detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
