import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/context';
import { ActionTray } from './ActionTray';
import { LanguageSwitch } from './LanguageSwitch';
import { LogTail } from './LogTail';
import { MeetingHeader } from './MeetingHeader';
import { Roster } from './Roster';
import { ScenarioPicker } from './ScenarioPicker';

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

export function App() {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const overview = useAppStore((s) => s.overview);
  return (
    <div className="app">
      <div className="topbar">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </div>
      <ConnectionBanner />
      {overview && !session && <ScenarioPicker />}
      {session && (
        <div className="console">
          <MeetingHeader />
          <div className="console-body">
            <Roster />
            <aside className="side">
              <ActionTray />
              <LogTail />
            </aside>
          </div>
        </div>
      )}
    </div>
  );
}
