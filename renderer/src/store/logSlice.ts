import { EMPTY_MIRROR } from '../../../shared/contract/rosterMirror';
import type { EventPayload } from '../../../shared/contract/events';
import type { LogEntry } from '../../../shared/incident/entry';
import type { Bridge } from '../bridge';
import type { Slice } from './types';

/** How many recent entries the live tail keeps. */
export const LOG_TAIL_SIZE = 300;

export interface LogSlice {
  log: readonly LogEntry[];
  /** The session's latest `incident.contained` entry, kept when the tail moves past it. */
  contained: LogEntry | null;
  /** Whether the host can write the incident log; `failing` while the disk refuses writes. */
  logStatus: EventPayload<'logStatus'>;
  setLogStatus(status: EventPayload<'logStatus'>): void;
  appendLog(entry: LogEntry): void;
  appendLogBatch(entries: readonly LogEntry[]): void;
  /** Clears everything session-bound when the attached session changes. */
  resetForSession(sessionId: string | null): void;
  /** Reloads roster, actions and log tail from the host (after attach or a reconnect). */
  resync(): Promise<void>;
}

export function createLogSlice(bridge: Bridge): Slice<LogSlice> {
  return (set, get) => ({
    log: [],
    contained: null,
    logStatus: { state: 'ok' },

    setLogStatus(logStatus) {
      set({ logStatus });
    },

    appendLog(entry) {
      get().appendLogBatch([entry]);
    },

    appendLogBatch(entries) {
      const session = get().session;
      const log = get().log;
      let last = log.at(-1);
      const fresh: LogEntry[] = [];
      for (const entry of entries) {
        if (session && entry.sessionId !== session.sessionId) continue;
        if (last && last.sessionId === entry.sessionId && entry.seq <= last.seq) continue;
        fresh.push(entry);
        last = entry;
      }
      if (fresh.length === 0) return;
      const next = log.length + fresh.length > LOG_TAIL_SIZE ? [...log, ...fresh].slice(-LOG_TAIL_SIZE) : [...log, ...fresh];
      const contained = fresh.findLast((e) => e.kind === 'incident.contained');
      set(contained ? { log: next, contained } : { log: next });
    },

    resetForSession() {
      set({
        log: [],
        contained: null,
        logStatus: { state: 'ok' },
        actions: new Map(),
        dismissed: new Set(),
        roster: EMPTY_MIRROR,
        selected: new Set(),
        activeId: null,
        detailId: null,
      });
    },

    async resync() {
      const [tail, actions] = await Promise.all([bridge.getLogTail({ limit: LOG_TAIL_SIZE }), bridge.listActions({})]);
      const session = get().session;
      const log = tail.filter((e) => !session || e.sessionId === session.sessionId);
      const contained = log.findLast((e) => e.kind === 'incident.contained');
      if (contained) set({ log, contained });
      else set({ log });
      for (const outcome of actions) get().applyOutcome(outcome);
      await get().requestSnapshot();
    },
  });
}
