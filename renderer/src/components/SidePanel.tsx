import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/context';
import type { SidePanel as Panel } from '../store/uiSlice';
import { AttendeesPanel } from './AttendeesPanel';
import { MeetingControls } from './MeetingControls';
import { ParticipantDetail } from './ParticipantDetail';

const PANELS: readonly Panel[] = ['controls', 'detail', 'attendees'];

/** Tabs beside the roster: all meeting controls, the selected participant, and the expected list. */
export function SidePanel() {
  const { t } = useTranslation();
  const panel = useAppStore((s) => s.sidePanel);
  const setPanel = useAppStore((s) => s.setSidePanel);
  return (
    <section className="side-panel">
      <div role="tablist" aria-label={t('panels.label')} className="tabs">
        {PANELS.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            id={`tab-${p}`}
            aria-selected={panel === p}
            aria-controls={`panel-${p}`}
            tabIndex={panel === p ? 0 : -1}
            className={`tab ${panel === p ? 'is-on' : ''}`}
            onClick={() => setPanel(p)}
            onKeyDown={(e) => {
              const i = PANELS.indexOf(panel);
              if (e.key === 'ArrowRight') setPanel(PANELS[(i + 1) % PANELS.length] as Panel);
              if (e.key === 'ArrowLeft') setPanel(PANELS[(i + PANELS.length - 1) % PANELS.length] as Panel);
            }}
          >
            {t(`panels.${p}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} className="tab-panel" tabIndex={0}>
        {panel === 'controls' && <MeetingControls />}
        {panel === 'detail' && <ParticipantDetail />}
        {panel === 'attendees' && <AttendeesPanel />}
      </div>
    </section>
  );
}
