import { memo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { cachedT } from '../i18n/cachedT';
import type { CapabilityStatus } from '../../../shared/model/capability';
import type { Participant } from '../../../shared/model/participant';
import { formatOffset } from '../format';
import { DisplayName } from './DisplayName';

interface RosterRowProps {
  participant: Participant;
  index: number;
  startedAt: number | undefined;
  eject: CapabilityStatus;
  isEjecting: boolean;
  isMeetingOver: boolean;
  isSelected: boolean;
  isActive: boolean;
  top: number;
  onEject: (participant: Participant) => void;
  /** Ticks or unticks one participant; with `extend`, ticks the range from the anchor instead. */
  onToggle: (id: string, extend: boolean) => void;
  onActivate: (id: string) => void;
  onOpen: (id: string) => void;
}

/**
 * One roster row: who, how they match the list, how risky, since when, media, and Eject. The row
 * shell moves as people arrive and leave above it; its content re-renders only when the
 * participant or the row's own state changes, which keeps a 200-joins-a-second roster smooth.
 */
export const RosterRow = memo(function RosterRow(props: RosterRowProps) {
  const { participant: p, index, isSelected, isActive, top } = props;
  // One translation function for the row's content, passed down: a hook per row is costly at 10,000 rows.
  const t = cachedT(useTranslation().t);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      tabIndex={isActive ? 0 : -1}
      className={`roster-row risk-${p.risk.level} ${p.presence === 'left' ? 'has-left' : ''} ${isActive ? 'is-active' : ''} ${isSelected ? 'is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="participant-row"
      data-participant-id={p.id}
      data-presence={p.presence}
      data-alerts={p.alerts.join(' ')}
      data-risk={p.risk.level}
      data-joined-at={p.joinedAt}
      onFocus={() => props.onActivate(p.id)}
      onClick={(e) => {
        // Ctrl/Cmd+click ticks one row, Shift+click a range; plain clicks only focus. Buttons and the
        // checkbox in the row handle their own clicks.
        if ((e.target as HTMLElement).closest('button, input')) return;
        if (e.shiftKey) props.onToggle(p.id, true);
        else if (e.ctrlKey || e.metaKey) props.onToggle(p.id, false);
      }}
      onDoubleClick={() => props.onOpen(p.id)}
    >
      <RowContent
        participant={p}
        startedAt={props.startedAt}
        eject={props.eject}
        isEjecting={props.isEjecting}
        isMeetingOver={props.isMeetingOver}
        isSelected={isSelected}
        t={t}
        onEject={props.onEject}
        onToggle={props.onToggle}
        onOpen={props.onOpen}
      />
    </div>
  );
});

type RowContentProps = Omit<RosterRowProps, 'index' | 'top' | 'isActive' | 'onActivate'> & { t: TFunction };

const RowContent = memo(function RowContent(props: RowContentProps) {
  const { participant: p, startedAt, eject, isEjecting, isMeetingOver, isSelected, t } = props;
  const isPresent = p.presence !== 'left';
  const canEject = isPresent && !isMeetingOver && eject.available && p.role !== 'host';
  const name = p.displayName;
  return (
    <>
      <div role="gridcell" className="cell-select">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={isSelected}
          aria-label={t('roster.selectLabel', { name })}
          // onClick sees Shift (a change event does not); the store decides what is ticked.
          onClick={(e) => {
            e.preventDefault();
            props.onToggle(p.id, e.shiftKey);
          }}
          onChange={() => undefined}
        />
      </div>
      <div role="gridcell" className="cell-name">
        <button type="button" tabIndex={-1} className="name-button" onClick={() => props.onOpen(p.id)}>
          <DisplayName name={name} />
        </button>
        <span className="row-badges">
          {p.risk.level !== 'none' && isPresent && (
            <span
              className={`badge risk-badge-${p.risk.level}`}
              title={p.risk.flags.map((f) => t(`risk.${f.signal}`, { detail: f.detail ?? '' })).join(' · ')}
            >
              {t(`riskLevel.${p.risk.level}`)} {p.risk.score}
            </span>
          )}
          {p.match.status !== 'noList' && <span className={`badge match-${p.match.status}`}>{t(`match.${p.match.status}`)}</span>}
          {isPresent &&
            p.alerts.map((alert) => (
              <span key={alert} className="badge badge-alert">
                {t(`alert.${alert}`)}
              </span>
            ))}
          {p.presence === 'waiting' && <span className="badge status-waiting">{t('roster.waiting')}</span>}
          {!isPresent && <span className="left-note">{t(`leaveReason.${p.leaveReason ?? 'unknown'}`)}</span>}
        </span>
      </div>
      <div role="gridcell" className="cell-role">
        {t(`role.${p.role}`)}
      </div>
      <div role="gridcell" className="cell-time">
        {formatOffset(p.joinedAt, startedAt)}
      </div>
      <div role="gridcell" className="cell-media">
        {isPresent && (
          <>
            <span className={`media ${p.audio ? 'media-on' : ''}`}>{p.audio ? `🎤 ${t('roster.audioOn')}` : t('roster.audioOff')}</span>
            <span className={`media ${p.video ? 'media-on' : ''}`}>{p.video ? `📷 ${t('roster.videoOn')}` : t('roster.videoOff')}</span>
            {p.sharing && <span className="media media-on media-share">🖥 {t('roster.sharing')}</span>}
          </>
        )}
      </div>
      <div role="gridcell" className="cell-actions">
        {isPresent && p.role !== 'host' && (
          <button
            type="button"
            tabIndex={-1}
            className="control control-eject"
            disabled={!canEject || isEjecting}
            aria-label={t('roster.ejectLabel', { name })}
            title={eject.available ? undefined : `${eject.reason} ${eject.alternative ?? ''}`}
            onClick={() => props.onEject(p)}
          >
            {isEjecting ? '…' : t('roster.eject')}
          </button>
        )}
      </div>
    </>
  );
});
