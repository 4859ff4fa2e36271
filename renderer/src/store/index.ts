import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Bridge } from '../bridge';
import { createActionsSlice } from './actionsSlice';
import { createConnectionSlice } from './connectionSlice';
import { createLogSlice } from './logSlice';
import { createRosterSlice } from './rosterSlice';
import { createSessionSlice } from './sessionSlice';
import { createInbox } from './inbox';
import { createPanicSlice } from './panicSlice';
import { createUiSlice } from './uiSlice';
import type { AppState } from './types';

export type { AppState } from './types';
export type AppStore = StoreApi<AppState>;

/** The console window's one store, composed from slices; it mirrors the host, it never owns truth. */
export function createAppStore(bridge: Bridge): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createSessionSlice(bridge)(...a),
    ...createRosterSlice(bridge)(...a),
    ...createActionsSlice(bridge)(...a),
    ...createLogSlice(bridge)(...a),
    ...createUiSlice(...a),
    ...createPanicSlice(bridge)(...a),
  }));
}

/** Wires the bridge's pushed events and connection changes into the store. Returns an unsubscribe. */
export function connectStore(store: AppStore, bridge: Bridge): () => void {
  const state = store.getState;
  const inbox = createInbox((batch) => {
    if (batch.roster.length) state().applyRosterBatch(batch.roster);
    if (batch.outcomes.length) state().applyOutcomes(batch.outcomes);
    if (batch.log.length) state().appendLogBatch(batch.log);
  });
  const sendSelection = (): void => {
    if (state().connection !== 'open' || !state().session) return;
    void bridge.setSelection({ participantIds: [...state().selected].slice(0, 10_000) }).catch(() => undefined);
  };
  const subscriptions = [
    bridge.onRoster((message) => inbox.push('roster', message)),
    bridge.onAction((outcome) => inbox.push('outcomes', outcome)),
    bridge.onLog((entry) => inbox.push('log', entry)),
    bridge.onLogStatus((status) => state().setLogStatus(status)),
    bridge.onScript((run) => state().setScriptRun(run)),
    bridge.onShortcutStatus((status) => state().setShortcutStatus(status)),
    bridge.onShortcutFired(({ command, message }) => {
      state().setShortcutMessage(message);
      if (command === 'quickNote') state().setNoteOpen(true);
    }),
    bridge.onSession((session) => {
      if (state().setSession(session) && session)
        void state()
          .resync()
          .catch(() => undefined);
    }),
    // The host keeps the ticks for the desktop app's global Contain key (pressed while another app has focus).
    store.subscribe((now, before) => {
      if (now.selected !== before.selected) sendSelection();
    }),
    bridge.onConnection((connection) => {
      const wasOpen = state().connection === 'open';
      state().setConnection(connection);
      if (connection === 'open' && !wasOpen) {
        // Fresh start or back after an outage: take the host's state again, nothing assumed.
        sendSelection();
        void state()
          .loadPanic()
          .catch(() => undefined);
        void state()
          .refreshOverview()
          .then(() => (state().session ? state().resync() : undefined))
          .catch(() => undefined);
      }
    }),
  ];
  return () => subscriptions.forEach((unsubscribe) => unsubscribe());
}
