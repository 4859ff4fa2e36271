import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapabilityStatus } from '../../../shared/model/capability';
import type { Participant } from '../../../shared/model/participant';
import { formatOffset } from '../format';
import { DisplayName } from './DisplayName';

interface ParticipantRowProps {
  participant: Participant;
  startedAt: number | undefined;
  ejectCapability: CapabilityStatus;
  isEjecting: boolean;
  isMeetingOver: boolean;
  onEject: (participant: Participant) => void;
}

/** One participant: who, since when, what their microphone, camera and screen are doing, and Eject. */
export const ParticipantRow = memo(function ParticipantRow({
  participant: p,
  startedAt,
  ejectCapability,
  isEjecting,
  isMeetingOver,
  onEject,
}: ParticipantRowProps) {
  const { t } = useTranslation();
  const isPresent = p.presence !== 'left';
  const canEject = isPresent && !isMeetingOver && ejectCapability.available && p.role !== 'host';
  return (
    <tr
      className={`participant ${p.alerts.length > 0 && isPresent ? 'has-alerts' : ''} ${isPresent ? '' : 'has-left'}`}
      data-testid="participant-row"
      data-participant-id={p.id}
      data-presence={p.presence}
      data-alerts={p.alerts.join(' ')}
    >
      <td className="cell-name">
        <DisplayName name={p.displayName} />
        {isPresent &&
          p.alerts.map((alert) => (
            <span key={alert} className="badge badge-alert">
              {t(`alert.${alert}`)}
            </span>
          ))}
        {!isPresent && (
          <span className="left-note">
            {t(`leaveReason.${p.leaveReason ?? 'unknown'}`)} {p.leftAt !== undefined ? formatOffset(p.leftAt, startedAt) : ''}
          </span>
        )}
      </td>
      <td>{t(`role.${p.role}`)}</td>
      <td className="cell-time">{formatOffset(p.joinedAt, startedAt)}</td>
      <td className="cell-media">
        {isPresent && (
          <>
            <span className={`media ${p.audio ? 'media-on' : ''}`}>{p.audio ? `🎤 ${t('roster.audioOn')}` : t('roster.audioOff')}</span>
            <span className={`media ${p.video ? 'media-on' : ''}`}>{p.video ? `📷 ${t('roster.videoOn')}` : t('roster.videoOff')}</span>
            {p.sharing && <span className="media media-on media-share">🖥 {t('roster.sharing')}</span>}
          </>
        )}
      </td>
      <td className="cell-actions">
        {isPresent && p.role !== 'host' && (
          <button
            type="button"
            className="control control-eject"
            disabled={!canEject || isEjecting}
            aria-label={t('roster.ejectLabel', { name: p.displayName })}
            title={
              ejectCapability.available
                ? undefined
                : t('actions.unavailable', { reason: `${ejectCapability.reason} ${ejectCapability.alternative ?? ''}` })
            }
            onClick={() => onEject(p)}
          >
            {isEjecting ? '…' : t('roster.eject')}
          </button>
        )}
      </td>
    </tr>
  );
});
