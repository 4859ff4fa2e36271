import type { EventPayload } from '../../../shared/contract/events';
import type { ScriptRun } from '../../../shared/flows/script';
import type { PanicSettings } from '../../../shared/model/panic';
import type { Bridge } from '../bridge';
import type { Slice } from './types';

export interface PanicSlice {
  panic: PanicSettings | null;
  scriptRun: ScriptRun | null;
  /** Desktop app: which global keys the OS accepted (null in browser mode). */
  shortcutStatus: EventPayload<'shortcutStatus'> | null;
  /** The last thing a panic key did, shown briefly. */
  shortcutMessage: string | null;
  isNoteOpen: boolean;
  /** Counts requests to open the note (button or key), so a request while it is open still focuses it. */
  noteRequests: number;
  loadPanic(): Promise<void>;
  savePanic(settings: PanicSettings): Promise<PanicSettings>;
  setScriptRun(run: ScriptRun | null): void;
  setShortcutStatus(status: EventPayload<'shortcutStatus'>): void;
  setShortcutMessage(message: string | null): void;
  setNoteOpen(open: boolean): void;
}

export function createPanicSlice(bridge: Bridge): Slice<PanicSlice> {
  return (set) => ({
    panic: null,
    scriptRun: null,
    shortcutStatus: null,
    shortcutMessage: null,
    isNoteOpen: false,
    noteRequests: 0,
    async loadPanic() {
      const [panic, scriptRun] = await Promise.all([bridge.getPanicSettings({}), bridge.getScriptRun({})]);
      set({ panic, scriptRun });
    },
    async savePanic(settings) {
      const panic = await bridge.savePanicSettings(settings);
      set({ panic });
      return panic;
    },
    setScriptRun: (scriptRun) => set({ scriptRun }),
    setShortcutStatus: (shortcutStatus) => set({ shortcutStatus }),
    setShortcutMessage: (shortcutMessage) => set({ shortcutMessage }),
    setNoteOpen: (isNoteOpen) => set((s) => (isNoteOpen ? { isNoteOpen, noteRequests: s.noteRequests + 1 } : { isNoteOpen })),
  });
}
