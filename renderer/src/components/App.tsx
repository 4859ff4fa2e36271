import { useTranslation } from 'react-i18next';
import { useAppKeys, useFlagCue, useTheme } from '../hooks';
import { useAppStore } from '../store/context';
import { ActionTray } from './ActionTray';
import { LogTail } from './LogTail';
import { LogViewer } from './LogViewer';
import { MeetingHeader } from './MeetingHeader';
import { MeetingPicker } from './MeetingPicker';
import { Roster } from './Roster';
import { SettingsDialog } from './SettingsDialog';
import { ShortcutsOverlay } from './ShortcutsOverlay';
import { SidePanel } from './SidePanel';
import { QuickNote } from './QuickNote';
import { ScriptPanel } from './ScriptPanel';
import { usePanicKeys } from '../keyboard/usePanicKeys';

function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useAppStore((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div className="connection-banner" role="alert">
      {connection === 'connecting' ? t('app.connecting') : t('app.disconnected')}
    </div>
  );
}

/** Shown while the host cannot write the incident log: nothing is lost, but nothing new is confirmed. */
function LogWriteBanner() {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.logStatus);
  if (status.state === 'ok') return null;
  return (
    <div className="connection-banner" role="alert">
      {t('app.logWriteFailing', { error: status.message, count: status.queued })}
    </div>
  );
}

/**
 * Hooks that follow fast-changing state (the roster, the panic keys' inputs) live in components
 * that render nothing, so a roster update re-renders only what shows the roster, not the console.
 */
function ConsoleEffects() {
  useFlagCue();
  usePanicKeys();
  return null;
}

function Console() {
  return (
    <div className="console">
      <ConsoleEffects />
      <MeetingHeader />
      <div className="console-body">
        <main className="main-column">
          <ScriptPanel />
          <Roster />
        </main>
        <aside className="side">
          <SidePanel />
          <ActionTray />
          <LogTail />
        </aside>
      </div>
    </div>
  );
}

export function App() {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const overview = useAppStore((s) => s.overview);
  const setSettingsOpen = useAppStore((s) => s.setSettingsOpen);
  const setShortcutsOpen = useAppStore((s) => s.setShortcutsOpen);
  const isLogViewerOpen = useAppStore((s) => s.isLogViewerOpen);
  const setLogViewerOpen = useAppStore((s) => s.setLogViewerOpen);
  useTheme();
  useAppKeys();
  return (
    <div className="app">
      <div className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav className="topbar-actions" aria-label={t('app.menu')}>
          <button type="button" className="control control-quiet" onClick={() => setShortcutsOpen(true)} aria-keyshortcuts="?">
            {t('app.shortcuts')}
          </button>
          <button
            type="button"
            className="control control-quiet"
            onClick={() => setLogViewerOpen(!isLogViewerOpen)}
            disabled={!overview}
            data-testid="open-logs"
          >
            {t('viewer.open')}
          </button>
          <button type="button" className="control control-quiet" onClick={() => setSettingsOpen(true)} disabled={!overview}>
            {t('app.settings')}
          </button>
        </nav>
      </div>
      <ConnectionBanner />
      <LogWriteBanner />
      {isLogViewerOpen && <LogViewer onClose={() => setLogViewerOpen(false)} />}
      {!isLogViewerOpen && overview && !session && <MeetingPicker />}
      {session && (
        <div hidden={isLogViewerOpen}>
          <Console />
        </div>
      )}
      <ShortcutsOverlay />
      <QuickNote />
      <SettingsDialog />
    </div>
  );
}
