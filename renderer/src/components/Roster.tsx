import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/model/participant';
import { formatOffset } from '../format';
import { useAppStore } from '../store/context';
import { DisplayName } from './DisplayName';
import { ParticipantRow } from './ParticipantRow';

/** Present participants first (those with alerts on top, then by join time); people who left on request. */
function order(participants: Iterable<Participant>): { present: Participant[]; left: Participant[] } {
  const present: Participant[] = [];
  const left: Participant[] = [];
  for (const p of participants) (p.presence === 'left' ? left : present).push(p);
  present.sort((a, b) => Number(b.alerts.length > 0) - Number(a.alerts.length > 0) || a.joinedAt - b.joinedAt);
  left.sort((a, b) => (b.leftAt ?? 0) - (a.leftAt ?? 0));
  return { present, left };
}

export function Roster() {
  const { t } = useTranslation();
  const participants = useAppStore((s) => s.roster.participants);
  const blockedJoins = useAppStore((s) => s.roster.blockedJoins);
  const meeting = useAppStore((s) => s.roster.meeting);
  const ejectCapability = useAppStore((s) => s.session?.capabilities.eject);
  const actions = useAppStore((s) => s.actions);
  const runAction = useAppStore((s) => s.runAction);
  const [showLeft, setShowLeft] = useState(false);
  const { present, left } = useMemo(() => order(participants.values()), [participants]);
  const ejecting = useMemo(() => {
    const ids = new Set<string>();
    for (const outcome of actions.values()) {
      if (outcome.kind === 'eject' && outcome.status === 'pending' && outcome.participantId) ids.add(outcome.participantId);
    }
    return ids;
  }, [actions]);
  const onEject = useCallback((p: Participant) => void runAction({ kind: 'eject', participantId: p.id }), [runAction]);
  if (!meeting || !ejectCapability) return null;
  const rows = showLeft ? [...present, ...left] : present;

  return (
    <section className="roster" aria-labelledby="roster-title">
      <div className="section-head">
        <h2 id="roster-title">
          {t('roster.title')} <span className="muted">({present.length})</span>
        </h2>
        {left.length > 0 && (
          <label className="toggle">
            <input type="checkbox" checked={showLeft} onChange={(e) => setShowLeft(e.target.checked)} />
            {t('roster.showLeft', { count: left.length })}
          </label>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('roster.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('roster.name')}</th>
                <th scope="col">{t('roster.role')}</th>
                <th scope="col">{t('roster.joined')}</th>
                <th scope="col">{t('roster.media')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('roster.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <ParticipantRow
                  key={p.id}
                  participant={p}
                  startedAt={meeting.startedAt}
                  ejectCapability={ejectCapability}
                  isEjecting={ejecting.has(p.id)}
                  isMeetingOver={meeting.status === 'ended'}
                  onEject={onEject}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {blockedJoins.length > 0 && (
        <div className="blocked" data-testid="blocked-joins">
          <h3>
            {t('roster.blockedTitle')} <span className="muted">({blockedJoins.length})</span>
          </h3>
          <ul>
            {blockedJoins
              .slice(-50)
              .reverse()
              .map((b) => (
                <li key={b.id} data-testid="blocked-join">
                  <span className="cell-time">{formatOffset(b.at, meeting.startedAt)}</span> <DisplayName name={b.displayName} />{' '}
                  <span className="muted">({t(`roster.blockedReason_${b.reason}`)})</span>
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}
