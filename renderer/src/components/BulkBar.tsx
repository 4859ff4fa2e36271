import { useTranslation } from 'react-i18next';
import type { ParticipantActionKind } from '../../../shared/model/action';
import { capabilityRefusal } from '../../../shared/model/capability';
import type { Participant } from '../../../shared/model/participant';
import { bulkTargets, tallyRoster } from '../roster/rosterView';
import { useAppStore } from '../store/context';

const BULK: readonly ParticipantActionKind[] = ['eject', 'ban', 'mute', 'stopVideo', 'stopShare', 'moveToWaitingRoom', 'admit', 'deny'];

/** Acting on many at once: the ticked participants, or every flagged one. */
export function BulkBar({ visible }: { visible: readonly Participant[] }) {
  const { t } = useTranslation();
  const selected = useAppStore((s) => s.selected);
  const setSelected = useAppStore((s) => s.setSelected);
  const participants = useAppStore((s) => s.roster.participants);
  const capabilities = useAppStore((s) => s.session?.capabilities);
  const ended = useAppStore((s) => s.roster.meeting?.status === 'ended');
  const runOnSelected = useAppStore((s) => s.runOnSelected);
  const ejectAllFlagged = useAppStore((s) => s.ejectAllFlagged);
  if (!capabilities) return null;
  const present = bulkTargets(selected, participants);
  const flagged = tallyRoster(participants).flaggedGuests;
  const ejectRefusal = capabilityRefusal(capabilities, { kind: 'eject', participantId: 'x' });
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')}>
      <button
        type="button"
        className="control control-danger"
        disabled={ended || flagged === 0 || ejectRefusal !== undefined}
        title={ejectRefusal}
        data-testid="eject-all-flagged"
        onClick={() => void ejectAllFlagged()}
      >
        {t('bulk.ejectFlagged', { count: flagged })}
      </button>
      <span className="bulk-selected" role="status" data-testid="bulk-selected">
        {t('bulk.selected', { count: present.length })}
      </span>
      <button
        type="button"
        className="control control-quiet"
        data-testid="bulk-select-visible"
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
                data-testid={`bulk-${kind}`}
                onClick={() => void runOnSelected(kind)}
              >
                {t(`participantAction.${kind}`)}
              </button>
            );
          })}
          <button type="button" className="control control-quiet" data-testid="bulk-clear" onClick={() => setSelected([])}>
            {t('bulk.clear')}
          </button>
        </>
      )}
    </div>
  );
}
