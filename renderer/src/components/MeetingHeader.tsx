import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/context';
import { ControlButton } from './ControlButton';
import { HoldButton } from './HoldButton';

/** Time the End button must be held. */
export const END_HOLD_MS = 1_000;

function useCounts() {
  return useAppStore(
    useShallow((s) => {
      let inMeeting = 0;
      let waiting = 0;
      let left = 0;
      let flagged = 0;
      for (const p of s.roster.participants.values()) {
        if (p.presence === 'inMeeting') inMeeting++;
        else if (p.presence === 'waiting') waiting++;
        else left++;
        if (p.presence !== 'left' && p.risk.level === 'flagged') flagged++;
      }
      return { inMeeting, waiting, left, flagged, blocked: s.roster.blockedJoins.length };
    }),
  );
}

/** Platform, title, status (by colour and by word), counts, and the controls that matter most under stress. */
export function MeetingHeader() {
  const { t } = useTranslation();
  const meeting = useAppStore((s) => s.roster.meeting);
  const session = useAppStore((s) => s.session);
  const runAction = useAppStore((s) => s.runAction);
  const leaveMeeting = useAppStore((s) => s.leaveMeeting);
  const hasSuspended = useAppStore((s) => [...s.actions.values()].some((o) => o.kind === 'suspendAll' && o.status !== 'failed'));
  const counts = useCounts();
  if (!meeting || !session) return null;
  const ended = meeting.status === 'ended';
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
          {meeting.link && meeting.link !== 'connected' && <span className="badge status-failed">{t(`header.link_${meeting.link}`)}</span>}
        </div>
      </div>
      <dl className="counts">
        <div>
          <dt>{t('header.inMeeting')}</dt>
          <dd data-testid="count-in-meeting">{counts.inMeeting}</dd>
        </div>
        <div>
          <dt>{t('header.waitingRoom')}</dt>
          <dd data-testid="count-waiting">{counts.waiting}</dd>
        </div>
        <div>
          <dt>{t('header.left')}</dt>
          <dd>{counts.left}</dd>
        </div>
        <div>
          <dt>{t('header.blocked')}</dt>
          <dd data-testid="count-blocked">{counts.blocked}</dd>
        </div>
        <div className={counts.flagged > 0 ? 'count-alert' : ''}>
          <dt>{t('header.flagged')}</dt>
          <dd data-testid="count-flagged">{counts.flagged}</dd>
        </div>
      </dl>
      <div className="meeting-controls">
        <ControlButton
          intent={{ kind: meeting.locked ? 'unlock' : 'lock' }}
          className={meeting.locked ? '' : 'control-lock'}
          testId="lock-toggle"
        >
          {meeting.locked ? t('header.unlock') : `🔒 ${t('header.lock')}`}
        </ControlButton>
        <ControlButton intent={{ kind: 'suspendAll' }} className="control-suspend" testId="suspend-all">
          ⏸ {t('header.suspend')}
        </ControlButton>
        <ControlButton intent={{ kind: 'restore' }} blockedBecause={hasSuspended ? undefined : t('header.restoreHint')} testId="restore">
          {t('header.restore')}
        </ControlButton>
        <HoldButton
          holdMs={END_HOLD_MS}
          className="control control-danger"
          disabled={ended || !endCapability.available}
          label={t('header.endForAll')}
          holdingLabel={t('header.endHold')}
          description={endCapability.available ? t('header.endHint') : `${endCapability.reason} ${endCapability.alternative ?? ''}`}
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
