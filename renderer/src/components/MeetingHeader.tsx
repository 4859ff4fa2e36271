import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { tallyRoster } from '../roster/rosterView';
import { useAppStore } from '../store/context';
import { ControlButton } from './ControlButton';
import { HoldButton } from './HoldButton';
import { ScriptLauncher } from './ScriptLauncher';

/** Time the End button must be held, or the window for pressing it twice. */
export const END_HOLD_MS = 1_500;
export const END_DOUBLE_PRESS_MS = 600;

function useCounts() {
  // The tally is cached per roster version: store updates that leave the roster alone cost nothing.
  const tally = tallyRoster(useAppStore((s) => s.roster.participants));
  const blocked = useAppStore((s) => s.roster.blockedJoins.length);
  return { ...tally, blocked };
}

/** The roster's counts: they change with every roster update, so they render on their own. */
function RosterCounts() {
  const { t } = useTranslation();
  const counts = useCounts();
  return (
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
  );
}

/** Platform, title, status (by colour and by word), counts, and the controls that matter most under stress. */
export function MeetingHeader() {
  const { t } = useTranslation();
  const meeting = useAppStore((s) => s.roster.meeting);
  const session = useAppStore((s) => s.session);
  const runAction = useAppStore((s) => s.runAction);
  const leaveMeeting = useAppStore((s) => s.leaveMeeting);
  // Restore is offered after a Suspend or Contain that a later Restore has not undone.
  const canRestore = useAppStore((s) => {
    const last = [...s.actions.values()]
      .filter((o) => ['suspendAll', 'contain', 'restore'].includes(o.kind) && o.status !== 'pending')
      .at(-1);
    return last !== undefined && last.kind !== 'restore';
  });
  const selected = useAppStore((s) => s.selected);
  const setNoteOpen = useAppStore((s) => s.setNoteOpen);
  const shortcutMessage = useAppStore((s) => s.shortcutMessage);
  const setShortcutMessage = useAppStore((s) => s.setShortcutMessage);
  useEffect(() => {
    if (!shortcutMessage) return;
    const timer = setTimeout(() => setShortcutMessage(null), shortcutMessage === 'endAgain' ? 1_500 : 5_000);
    return () => clearTimeout(timer);
  }, [shortcutMessage, setShortcutMessage]);
  const contained = useAppStore((s) => s.contained);
  const keys = useAppStore((s) => s.panic?.shortcuts);
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
          {contained?.kind === 'incident.contained' && (
            <span className="badge status-confirmed" data-testid="contained">
              {t('header.contained', {
                seconds: (contained.data.timeToContainMs / 1000).toFixed(1),
                detect: (contained.data.timeToDetectMs / 1000).toFixed(1),
              })}
            </span>
          )}
          {shortcutMessage && (
            <span className="badge status-pending" role="status">
              {shortcutMessage === 'endAgain' ? t('header.endAgain') : shortcutMessage}
            </span>
          )}
        </div>
      </div>
      <RosterCounts />
      <div className="meeting-controls">
        <ControlButton intent={{ kind: 'contain', participantIds: [...selected] }} className="control-contain" testId="contain">
          ⚡ {t('header.contain')}
          {keys && <kbd className="key-hint">{keys.contain.replace('CommandOrControl', 'Ctrl')}</kbd>}
        </ControlButton>
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
        <ControlButton intent={{ kind: 'restore' }} blockedBecause={canRestore ? undefined : t('header.restoreHint')} testId="restore">
          {t('header.restore')}
        </ControlButton>
        <ScriptLauncher />
        <button type="button" className="control control-quiet" onClick={() => setNoteOpen(true)} data-testid="open-note">
          ✎ {t('header.note')}
        </button>
        <HoldButton
          holdMs={END_HOLD_MS}
          doublePressMs={END_DOUBLE_PRESS_MS}
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
      {ended && (
        <p className="ended-notice" data-testid="ended-notice">
          {t('header.ended_notice')}{' '}
          {session.providerId === 'rehearsal' &&
            (contained?.kind === 'incident.contained'
              ? t('header.drillResult', {
                  seconds: (contained.data.timeToContainMs / 1000).toFixed(1),
                  intruders: contained.data.intruders,
                })
              : t('header.drillNotContained'))}
        </p>
      )}
    </header>
  );
}
