import type { RosterMessage } from '../../../shared/contract/roster';
import { applyRosterMessage, applyRosterMessages, EMPTY_MIRROR, type RosterMirror } from '../../../shared/contract/rosterMirror';
import type { Bridge } from '../bridge';
import type { Slice } from './types';

export interface RosterSlice {
  roster: RosterMirror;
  /** Folds a pushed roster message in; on a gap, asks the host for a fresh snapshot. */
  applyRoster(message: RosterMessage): void;
  /** Folds everything that arrived within one frame, with one copy and one render. */
  applyRosterBatch(messages: readonly RosterMessage[]): void;
  requestSnapshot(): Promise<void>;
}

export function createRosterSlice(bridge: Bridge): Slice<RosterSlice> {
  let snapshotInFlight = false;
  return (set, get) => ({
    roster: EMPTY_MIRROR,

    applyRoster(message) {
      const { mirror, status } = applyRosterMessage(get().roster, message);
      if (status === 'applied') set({ roster: mirror });
      if (status === 'gap') void get().requestSnapshot();
    },

    applyRosterBatch(messages) {
      const { mirror, status } = applyRosterMessages(get().roster, messages);
      if (mirror !== get().roster) set({ roster: mirror });
      if (status === 'gap') void get().requestSnapshot();
    },

    async requestSnapshot() {
      if (snapshotInFlight) return;
      snapshotInFlight = true;
      try {
        const snapshot = await bridge.getSnapshot({});
        if (snapshot) get().applyRoster(snapshot);
      } finally {
        snapshotInFlight = false;
      }
    },
  });
}
