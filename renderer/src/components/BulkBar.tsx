import { useTranslation } from 'react-i18next';
import type { ParticipantActionKind } from '../../../shared/model/action';
import { capabilityRefusal } from '../../../shared/model/capability';
import type { Participant } from '../../../shared/model/participant';
import { tallyRoster } from '../roster/rosterView';
import { useAppStore } from '../store/context';

const BULK: readonly ParticipantActionKind[] = ['eject', 'ban', 'mute', 'stopVideo', 'moveToWaitingRoom', 'admit', 'deny'];

/** Acting on many at once: the ticked participants, or every flagged one. */
export function BulkBar({ visible }: { visible: readonly Participant[] }) {
  const { t } = useTranslation();
  const selected = useAppStore((s) => s.selected);
  const setSelected = useAppStore((s) => s.setSelected);
  const participants = useAppStore((s) => s.roster.participants);
  const capabilities = useAppStore((s) => s.session?.capabilities);
  const ended = useAppStore((s) => s.roster.meeting?.status === 'ended');
  const runAction = useAppStore((s) => s.runAction);
  if (!capabilities) return null;
  const present = [...selected]
    .map((id) => participants.get(id))
    .filter((p): p is Participant => !!p && p.presence !== 'left' && p.role !== 'host');
  const flagged = tallyRoster(participants).flaggedGuests;
  const ejectRefusal = capabilityRefusal(capabilities, { kind: 'eject', participantId: 'x' });
  const runOn = (kind: ParticipantActionKind, people: readonly Participant[]): void => {
    for (const p of people) void runAction({ kind, participantId: p.id });
    setSelected([]);
  };
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')}>
      <button
        type="button"
        className="control control-danger"
        disabled={ended || flagged === 0 || ejectRefusal !== undefined}
        title={ejectRefusal}
        data-testid="eject-all-flagged"
        onClick={() => {
          const everyoneFlagged = [...participants.values()].filter(
            (p) => p.presence !== 'left' && p.risk.level === 'flagged' && p.role !== 'host',
          );
          runOn('eject', everyoneFlagged);
        }}
      >
        {t('bulk.ejectFlagged', { count: flagged })}
      </button>
      <span className="bulk-selected" role="status">
        {t('bulk.selected', { count: present.length })}
      </span>
      <button
        type="button"
        className="control control-quiet"
        onClick={() => setSelected(visible.filter((p) => p.presence !== 'left').map((p) => p.id))}
      >
        {t('bulk.selectVisible')}
      </button>
      {present.length > 0 && (
        <>
          {BULK.map((kind) => {
            const refusal = ended ? t('controls.ended') : capabilityRefusal(capabilities, { kind, participantId: 'x' });
            return (
              <button
                key={kind}
                type="button"
                className="control"
                disabled={refusal !== undefined}
                title={refusal}
                onClick={() => runOn(kind, present)}
              >
                {t(`participantAction.${kind}`)}
              </button>
            );
          })}
          <button type="button" className="control control-quiet" onClick={() => setSelected([])}>
            {t('bulk.clear')}
          </button>
        </>
      )}
    </div>
  );
}
