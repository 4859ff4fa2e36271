import type { ActionOutcome } from '../../../shared/model/action';
import type { LogEntry } from '../../../shared/incident/entry';
import type { RosterMessage } from '../../../shared/contract/roster';

/** Pushed events collected between two frames. */
export interface Inbox {
  roster: RosterMessage[];
  outcomes: ActionOutcome[];
  log: LogEntry[];
}

/**
 * Coalesces pushed events into at most one store update per frame. A busy meeting sends hundreds of
 * events a second; rendering after each would starve the frame budget, while one update per frame
 * shows the same truth with one render. A timer backs up the frame callback, which browsers pause
 * in hidden windows, so nothing waits for the window to be shown.
 */
export function createInbox(
  flush: (inbox: Inbox) => void,
  fallbackMs = 100,
): { push: <K extends keyof Inbox>(kind: K, item: Inbox[K][number]) => void } {
  let inbox: Inbox = { roster: [], outcomes: [], log: [] };
  let scheduled = false;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    if (!scheduled) return;
    scheduled = false;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    const batch = inbox;
    inbox = { roster: [], outcomes: [], log: [] };
    flush(batch);
  };
  return {
    push(kind, item) {
      (inbox[kind] as unknown[]).push(item);
      if (scheduled) return;
      scheduled = true;
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, fallbackMs);
    },
  };
}
