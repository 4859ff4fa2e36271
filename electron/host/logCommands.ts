import type { HostCommands } from '../../shared/contract/commands';
import { HostdeckError } from '../../shared/contract/reply';
import { LogSettings, type EntryBody, type LogEntry } from '../../shared/incident/entry';
import type { IncidentLog } from './log/incidentLog';
import type { LogLibrary } from './log/logLibrary';
import type { SettingsStore } from './settings/settingsStore';

const SECTION = 'log';

type LogCommands = Pick<
  HostCommands,
  'listLogs' | 'readLog' | 'verifyLog' | 'deleteLog' | 'markEvidence' | 'getLogSettings' | 'saveLogSettings'
>;

export interface LogCommandContext {
  library: LogLibrary;
  settings: SettingsStore;
  /** The attached session's id and log, if any. */
  current: () => { sessionId: string; log: IncidentLog } | null;
  /** Appends to the current log (and its indexes); the promise settles once on disk. */
  write: (body: EntryBody) => { entry: LogEntry; durable: Promise<void> } | undefined;
}

export async function loadLogSettings(settings: SettingsStore): Promise<LogSettings> {
  const raw = (await settings.get(SECTION))['json'];
  try {
    return LogSettings.parse(raw ? JSON.parse(raw) : {});
  } catch {
    return LogSettings.parse({});
  }
}

/** The log viewer's and settings' commands: list, read, verify, delete, retention, evidence marks. */
export function createLogCommands(ctx: LogCommandContext): LogCommands {
  const flushIfCurrent = async (sessionId: string): Promise<void> => {
    const current = ctx.current();
    if (current?.sessionId === sessionId) await current.log.flush();
  };
  return {
    listLogs: async () => ctx.library.list(),
    readLog: async ({ sessionId, afterSeq, limit }) => {
      await flushIfCurrent(sessionId);
      const all = await ctx.library.read(sessionId).catch((error: Error) => {
        throw new HostdeckError('invalidInput', `The log of session ${sessionId} cannot be read: ${error.message}`);
      });
      const after = all.filter((e) => e.seq > afterSeq);
      return { entries: after.slice(0, limit), more: after.length > limit };
    },
    verifyLog: async ({ sessionId }) => {
      await flushIfCurrent(sessionId);
      return ctx.library.verify(sessionId);
    },
    deleteLog: async ({ sessionId }) => {
      if (ctx.current()?.sessionId === sessionId)
        throw new HostdeckError('invalidInput', 'The log of the attached meeting cannot be deleted while it is being written.');
      await ctx.library.delete(sessionId);
      return { deleted: true };
    },
    markEvidence: async ({ seq, note }) => {
      const current = ctx.current();
      if (!current) throw new HostdeckError('notAttached', 'Evidence is marked in the log of the attached meeting.');
      if (seq > current.log.head) throw new HostdeckError('invalidInput', `There is no entry ${seq} in this log yet.`);
      const written = ctx.write({ kind: 'evidence.marked', data: { seq, ...(note ? { note } : {}) } });
      if (!written) throw new HostdeckError('notAttached', 'No meeting is attached.');
      await written.durable;
      return written.entry;
    },
    getLogSettings: async () => loadLogSettings(ctx.settings),
    saveLogSettings: async (settings) => {
      await ctx.settings.set(SECTION, { json: JSON.stringify(settings) });
      const deleted = await ctx.library.applyRetention(settings.retentionDays, ctx.current()?.sessionId);
      return { settings, deleted };
    },
  };
}
