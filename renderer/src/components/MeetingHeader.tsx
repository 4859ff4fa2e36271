import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';
import { HoldButton } from './HoldButton';

/** Time the End button must be held. */
export const END_HOLD_MS = 1_000;

function useCounts() {
  return useAppStore(
    useShallow((s) => {
      let inMeeting = 0;
      let waiting = 0;
      let left = 0;
      let alerts = 0;
      for (const p of s.roster.participants.values()) {
        if (p.presence === 'inMeeting') inMeeting++;
        else if (p.presence === 'waiting') waiting++;
        else left++;
        if (p.presence !== 'left' && p.alerts.length > 0) alerts++;
      }
      return { inMeeting, waiting, left, alerts, blocked: s.roster.blockedJoins.length };
    }),
  );
}

/** Platform, title, status (by colour and by word), counts, and the meeting-wide controls. */
export function MeetingHeader() {
  const { t } = useTranslation();
  const meeting = useAppStore((s) => s.roster.meeting);
  const session = useAppStore((s) => s.session);
  const runAction = useAppStore((s) => s.runAction);
  const leaveMeeting = useAppStore((s) => s.leaveMeeting);
  const counts = useCounts();
  if (!meeting || !session) return null;
  const ended = meeting.status === 'ended';
  const lockCapability = session.capabilities.lock;
  const endCapability = session.capabilities.endForAll;

  return (
    <header className="meeting-header" aria-label={meeting.title}>
      <div className="meeting-title">
        <span className="platform">{session.providerName}</span>
        <h1>{meeting.title}</h1>
        <div className="status-row" role="status" aria-live="polite">
          <span className={`badge status-${meeting.status}`} data-testid="meeting-status">
            {t(`header.${meeting.status === 'live' ? 'live' : meeting.status === 'ended' ? 'ended' : 'waiting'}`)}
          </span>
          {!ended && (
            <span className={`badge ${meeting.locked ? 'status-locked' : 'status-open'}`} data-testid="lock-status">
              {meeting.locked ? `🔒 ${t('header.locked')}` : t('header.unlocked')}
            </span>
          )}
        </div>
      </div>
      <dl className="counts">
        <div>
          <dt>{t('header.inMeeting')}</dt>
          <dd data-testid="count-in-meeting">{counts.inMeeting}</dd>
        </div>
        <div>
          <dt>{t('header.waitingRoom')}</dt>
          <dd>{counts.waiting}</dd>
        </div>
        <div>
          <dt>{t('header.left')}</dt>
          <dd>{counts.left}</dd>
        </div>
        <div>
          <dt>{t('header.blocked')}</dt>
          <dd data-testid="count-blocked">{counts.blocked}</dd>
        </div>
        <div className={counts.alerts > 0 ? 'count-alert' : ''}>
          <dt>{t('header.alerts')}</dt>
          <dd data-testid="count-alerts">{counts.alerts}</dd>
        </div>
      </dl>
      <div className="meeting-controls">
        <button
          type="button"
          className={`control ${meeting.locked ? '' : 'control-lock'}`}
          disabled={ended || !lockCapability.available}
          title={lockCapability.available ? undefined : t('actions.unavailable', { reason: lockCapability.reason })}
          onClick={() => void runAction({ kind: meeting.locked ? 'unlock' : 'lock' })}
        >
          {meeting.locked ? t('header.unlock') : `🔒 ${t('header.lock')}`}
        </button>
        <HoldButton
          holdMs={END_HOLD_MS}
          className="control control-danger"
          disabled={ended || !endCapability.available}
          label={t('header.endForAll')}
          holdingLabel={t('header.endHold')}
          description={t('header.endHint')}
          onConfirm={() => void runAction({ kind: 'endForAll' })}
          testId="end-for-all"
        />
        <button type="button" className="control control-quiet" title={t('app.leaveHint')} onClick={() => void leaveMeeting()}>
          {t('app.leave')}
        </button>
      </div>
      {ended && <p className="ended-notice">{t('header.ended_notice')}</p>}
    </header>
  );
}
