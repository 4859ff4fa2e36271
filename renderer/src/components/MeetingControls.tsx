import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CHAT_TEXT } from '../../../shared/model/action';
import { useAppStore } from '../store/context';
import { ControlButton, useRefusal } from './ControlButton';

/** A persistent control shown as its state (colour and word) with the action that flips it. */
function Toggle({ label, value, on, off }: { label: string; value: boolean | null; on: React.ReactNode; off: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="toggle-row">
      <span className="toggle-label">{label}</span>
      <span className={`badge ${value === null ? 'status-unknown' : value ? 'status-on' : 'status-off'}`}>
        {value === null ? t('controls.unknown') : value ? t('controls.on') : t('controls.off')}
      </span>
      <span className="toggle-actions">{value ? off : on}</span>
    </div>
  );
}

/** Every meeting-wide control the platform allows, each disabled with its reason where it does not. */
export function MeetingControls() {
  const { t } = useTranslation();
  const meeting = useAppStore((s) => s.roster.meeting);
  const [preventUnmute, setPreventUnmute] = useState(true);
  const [preventVideo, setPreventVideo] = useState(true);
  const [preventShare, setPreventShare] = useState(true);
  const [chat, setChat] = useState('');
  const runAction = useAppStore((s) => s.runAction);
  const chatRefusal = useRefusal({ kind: 'postChat', text: 'x' });
  if (!meeting) return null;
  const { controls } = meeting;

  return (
    <section className="meeting-controls-panel" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls.title')}</h2>
      <div className="control-group">
        <Toggle
          label={t('controls.waitingRoom')}
          value={controls.waitingRoom}
          on={
            <ControlButton intent={{ kind: 'setWaitingRoom', enabled: true }} showReason>
              {t('controls.turnOn')}
            </ControlButton>
          }
          off={
            <ControlButton intent={{ kind: 'setWaitingRoom', enabled: false }} showReason>
              {t('controls.turnOff')}
            </ControlButton>
          }
        />
        <div className="button-row">
          <ControlButton intent={{ kind: 'admitAll' }} showReason>
            {t('controls.admitAll')}
          </ControlButton>
          <ControlButton intent={{ kind: 'denyAll' }} showReason>
            {t('controls.denyAll')}
          </ControlButton>
        </div>
      </div>
      <div className="control-group">
        <div className="button-row">
          <ControlButton intent={{ kind: 'muteAll', preventUnmute }} showReason testId="mute-all">
            {t('controls.muteAll')}
          </ControlButton>
          <label className="inline-check">
            <input type="checkbox" checked={preventUnmute} onChange={(e) => setPreventUnmute(e.target.checked)} />
            {t('controls.preventUnmute')}
          </label>
        </div>
        <Toggle
          label={t('controls.allowUnmute')}
          value={controls.allowUnmute}
          on={
            <ControlButton intent={{ kind: 'setAllowUnmute', allowed: true }} showReason>
              {t('controls.allow')}
            </ControlButton>
          }
          off={
            <ControlButton intent={{ kind: 'setAllowUnmute', allowed: false }} showReason>
              {t('controls.prevent')}
            </ControlButton>
          }
        />
      </div>
      <div className="control-group">
        <div className="button-row">
          <ControlButton intent={{ kind: 'stopAllVideo', preventStart: preventVideo }} showReason>
            {t('controls.stopAllVideo')}
          </ControlButton>
          <label className="inline-check">
            <input type="checkbox" checked={preventVideo} onChange={(e) => setPreventVideo(e.target.checked)} />
            {t('controls.preventRestart')}
          </label>
        </div>
        <Toggle
          label={t('controls.allowVideo')}
          value={controls.allowVideo}
          on={
            <ControlButton intent={{ kind: 'setAllowVideo', allowed: true }} showReason>
              {t('controls.allow')}
            </ControlButton>
          }
          off={
            <ControlButton intent={{ kind: 'setAllowVideo', allowed: false }} showReason>
              {t('controls.prevent')}
            </ControlButton>
          }
        />
      </div>
      <div className="control-group">
        <div className="button-row">
          <ControlButton intent={{ kind: 'stopAllShares', preventStart: preventShare }} showReason>
            {t('controls.stopAllShares')}
          </ControlButton>
          <label className="inline-check">
            <input type="checkbox" checked={preventShare} onChange={(e) => setPreventShare(e.target.checked)} />
            {t('controls.preventRestart')}
          </label>
        </div>
        <Toggle
          label={t('controls.allowShare')}
          value={controls.allowShare}
          on={
            <ControlButton intent={{ kind: 'setAllowShare', allowed: true }} showReason>
              {t('controls.allow')}
            </ControlButton>
          }
          off={
            <ControlButton intent={{ kind: 'setAllowShare', allowed: false }} showReason>
              {t('controls.prevent')}
            </ControlButton>
          }
        />
      </div>
      <div className="control-group">
        <Toggle
          label={t('controls.chat')}
          value={controls.chatEnabled}
          on={
            <ControlButton intent={{ kind: 'setChat', enabled: true }} showReason>
              {t('controls.turnOn')}
            </ControlButton>
          }
          off={
            <ControlButton intent={{ kind: 'setChat', enabled: false }} showReason>
              {t('controls.turnOff')}
            </ControlButton>
          }
        />
        <form
          className="chat-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!chat.trim()) return;
            void runAction({ kind: 'postChat', text: chat.trim() });
            setChat('');
          }}
        >
          <label htmlFor="chat-text" className="visually-hidden">
            {t('controls.chatMessage')}
          </label>
          <input
            id="chat-text"
            value={chat}
            maxLength={MAX_CHAT_TEXT}
            placeholder={t('controls.chatMessage')}
            disabled={chatRefusal !== undefined}
            onChange={(e) => setChat(e.target.value)}
          />
          <button type="submit" className="control" disabled={chatRefusal !== undefined || !chat.trim()}>
            {t('controls.post')}
          </button>
          {chatRefusal && <span className="control-reason">{chatRefusal}</span>}
        </form>
      </div>
    </section>
  );
}
