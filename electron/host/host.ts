import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { HostCommands } from '../../shared/contract/commands';
import type { EventName, EventPayload, HostEvent } from '../../shared/contract/events';
import type { Revocation } from '../../shared/contract/providerSettings';
import { HostdeckError } from '../../shared/contract/reply';
import type { SessionInfo } from '../../shared/contract/session';
import type { Actor, EntryBody, LogEntry } from '../../shared/incident/entry';
import type { Scheduler } from '../../shared/util/time';
import { ActionExecutor } from './actions/actionExecutor';
import { ProviderLimiter } from './actions/limiter';
import type { RetryPolicy } from './actions/retryPolicy';
import { IncidentLog } from './log/incidentLog';
import type { LogFileWrapper } from './log/logFile';
import { ModeratorIdentityStore } from './identity';
import type { Provider, ProviderEvent, ProviderServices, ProviderSession } from './provider';
import { ProviderRegistry } from './providerRegistry';
import { SessionController } from './session/sessionController';
import { readSettingsView, writeSettings } from './settings/providerSettings';
import { PanicDesk } from './panicDesk';
import { LogLibrary } from './log/logLibrary';
import { createLogCommands, loadLogSettings } from './logCommands';
import { exportSession, reportHtml, type PdfPrinter } from './exports';
import type { PanicSettings, ShortcutCommand } from '../../shared/model/panic';
import { ParticipantHistory } from './session/participantHistory';
import { parseAttendeeCsv } from '../../shared/risk/csv';
import type { ExpectedAttendee } from '../../shared/risk/attendees';
import { DEFAULT_RISK_SETTINGS, RiskSettings } from '../../shared/model/risk';

export interface HostOptions {
  /** The app's data folder; incident logs go to `<dataDir>/logs`. */
  dataDir: string;
  providers: readonly Provider[];
  /** The services the providers were built with (settings screens read and write through them). */
  services: ProviderServices;
  scheduler: Scheduler;
  /** Who entries are recorded under until a moderator name is saved (the OS user on this machine). */
  actor: Actor;
  /** A moderator name given on the command line for this run (browser mode's `--moderator`). */
  moderatorName?: string;
  /** Wraps each session's log file (tests inject a slow or failing disk). */
  wrapLogFile?: LogFileWrapper;
  shell: 'electron' | 'web';
  version: string;
  retryPolicy?: RetryPolicy;
  /** The desktop app prints reports to PDF; browser mode has no printer here. */
  printPdf?: PdfPrinter;
}

export type HostListener = (event: HostEvent) => void;

/** The engine both shells wrap: commands in, events out. Knows nothing of Electron. */
export interface Host {
  readonly commands: HostCommands;
  subscribe(listener: HostListener): () => void;
  /** Records an unexpected exception (context: where it happened) as an `error` entry; never throws. */
  reportError(context: string, error: unknown): void;
  /** Records a rejected message from a shell (bad schema, wrong sender) in the incident log. */
  reportRejected(channel: string, issues: string): void;
  /** A panic key fired (the desktop app's global shortcuts); returns a line for the notification. */
  shortcut(command: ShortcutCommand): Promise<string>;
  /** A session's report as HTML, for browser mode to serve for printing. */
  reportHtml(sessionId: string, language: 'en' | 'id', redact: boolean): Promise<string>;
  /** The event's panic settings (the desktop app registers the shortcuts they name). */
  panicSettings(): Promise<PanicSettings>;
  close(): Promise<void>;
}

interface Attached {
  info: SessionInfo;
  provider: ProviderSession;
  controller: SessionController;
  limiter: ProviderLimiter;
  log: IncidentLog;
  history: ParticipantHistory;
}

const RISK_SECTION = 'risk';

async function loadRiskSettings(services: ProviderServices): Promise<RiskSettings> {
  const stored = await services.settings.get(RISK_SECTION);
  const raw = stored['json'];
  if (!raw) return DEFAULT_RISK_SETTINGS;
  try {
    return RiskSettings.parse(JSON.parse(raw));
  } catch {
    return DEFAULT_RISK_SETTINGS;
  }
}

/** A session id that sorts by time and names the log file: `20261126-224248-rehearsal-ab12cd`. */
function newSessionId(now: number, providerId: string): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${providerId}-${randomBytes(3).toString('hex')}`;
}

export function createHost(options: HostOptions): Host {
  const registry = new ProviderRegistry(options.providers);
  const listeners = new Set<HostListener>();
  let attached: Attached | null = null;
  let attaching = false;
  // The expected-attendee list outlives sessions: it belongs to the event, not to one attach.
  let attendees: ExpectedAttendee[] = [];
  const identity = new ModeratorIdentityStore(options.services.settings, {
    actor: options.actor,
    commandLine: options.moderatorName,
  });
  const library = new LogLibrary(join(options.dataDir, 'logs'), () => identity.actor, options.scheduler);
  // Before any new session: logs a crash left open are marked and closed, and old ones expire.
  const housekeeping = (async () => {
    await identity.load();
    for (const result of await library.recoverInterrupted()) {
      if (result.problem) console.error(`incident log ${result.sessionId}: ${result.problem}`);
    }
    await library.applyRetention((await loadLogSettings(options.services.settings)).retentionDays, undefined);
  })().catch((error: unknown) => console.error('incident log housekeeping failed', error));

  function emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as HostEvent;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        // A shell that fails to deliver one event (a window going away) must not stop the others.
        // A failure on a log event is not logged again: that would loop.
        if (name === 'log') console.error('delivering a log entry failed', error);
        else reportInternal(`delivering the "${name}" event`, error);
      }
    }
  }

  let isReporting = false;
  /** How often each distinct error (where + message) happened in the attached session. */
  const errorCounts = new Map<string, number>();
  /**
   * An exception inside the host (a provider callback, the session controller, the executor, a
   * command): recorded as an `error` entry of the attached session's log, so the record shows it,
   * and printed. The same error repeating (a listener failing on every event) is recorded the 1st,
   * 10th, 100th … time with its count, so it cannot flood the log. Never throws.
   */
  function reportInternal(context: string, error: unknown): void {
    console.error(`internal error (${context}):`, error);
    if (isReporting || !attached) return;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 3900) || 'Unknown error';
    const key = `${context}\n${message}`;
    const count = (errorCounts.get(key) ?? 0) + 1;
    errorCounts.set(key, count);
    if (!/^10*$/.test(String(count))) return;
    isReporting = true;
    try {
      const where = count > 1 ? `${context} (${count} times in this session)` : context;
      record({ kind: 'error', data: { message, context: where.slice(0, 4000) } });
    } catch (failure) {
      console.error('the error could not be recorded', failure);
    } finally {
      isReporting = false;
    }
  }

  /** Appends to a session's log and indexes the entry for the participant detail view. */
  function write(target: { log: IncidentLog; history: ParticipantHistory }, body: EntryBody): { entry: LogEntry; durable: Promise<void> } {
    const written = target.log.append(body);
    target.history.note(written.entry);
    return written;
  }

  function record(body: EntryBody): LogEntry | undefined {
    if (!attached) return undefined;
    return write(attached, body).entry;
  }

  const target = () => (attached ? { session: attached.provider, controller: attached.controller, limiter: attached.limiter } : null);
  const panic: PanicDesk = new PanicDesk({
    dataDir: options.dataDir,
    settings: options.services.settings,
    scheduler: options.scheduler,
    executor: () => executor,
    target,
    log: (body) => void record(body),
    onScript: (run) => emit('script', run),
  });
  const panicLoaded = panic.load();
  const executor: ActionExecutor = new ActionExecutor({
    scheduler: options.scheduler,
    target,
    log: record,
    onOutcome: (outcome) => {
      // Pushed only once the entries that led to it are on disk: the console never shows an outcome
      // the record could lose. Waiting on `settled()` keeps outcomes in the order they happened.
      const log = attached?.log;
      if (log) void log.settled().then(() => emit('action', outcome));
      else emit('action', outcome);
      try {
        panic.outcome(outcome);
      } catch (error) {
        reportInternal(`the running script, after the outcome of ${outcome.actionId}`, error);
      }
    },
    onError: reportInternal,
    closingMessage: () => panic.settings.closingMessage,
    containSteps: () => panic.settings.contain,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  });
  let shortcutActions = 0;
  /** Who the moderator has ticked in the console, for the global Contain key; cleared with the session. */
  let selection: readonly string[] = [];

  function requireAttached(): Attached {
    if (!attached) throw new HostdeckError('notAttached', 'No meeting is attached.');
    return attached;
  }

  async function detach(reason: string): Promise<boolean> {
    const current = attached;
    if (!current) return false;
    executor.reset();
    selection = [];
    write(current, { kind: 'session.ended', data: { reason } });
    attached = null;
    await current.limiter.stop();
    await current.provider.close().catch((error: unknown) => console.error('provider close failed', error));
    await current.log.close();
    emit('session', null);
    return true;
  }

  async function attach(providerId: Provider['id'], meetingId: string, providerOptions: unknown): Promise<SessionInfo> {
    await housekeeping;
    const provider = registry.get(providerId);
    const now = options.scheduler.now();
    const sessionId = newSessionId(now, providerId);
    const log = await IncidentLog.open({
      dir: join(options.dataDir, 'logs'),
      sessionId,
      actor: identity.actor,
      clock: options.scheduler,
      onDurable: (entry) => emit('log', entry),
      onWriteError: (trouble) => {
        console.error(`incident log: write failed (attempt ${trouble.attempts}), will retry: ${trouble.error.message}`);
        emit('logStatus', {
          state: 'failing',
          message: trouble.error.message.slice(0, 500),
          since: trouble.since,
          attempts: trouble.attempts,
          queued: trouble.queued,
        });
      },
      onWriteRecovered: () => emit('logStatus', { state: 'ok' }),
      ...(options.wrapLogFile ? { wrapFile: options.wrapLogFile } : {}),
    });
    // Events that arrive while the provider is still attaching are held, then folded in order.
    const early: ProviderEvent[] = [];
    let controller: SessionController | null = null;
    let session: ProviderSession;
    try {
      session = await provider.attach(meetingId, providerOptions, {
        scheduler: options.scheduler,
        emit: (event) => {
          if (!controller) return void early.push(event);
          try {
            controller.handle(event);
          } catch (error) {
            // Thrown into the provider's callback it would be lost (or end the process): record it.
            reportInternal(`the "${event.type}" event from ${provider.name}`, error);
          }
        },
      });
    } catch (error) {
      log.append({ kind: 'error', data: { message: (error as Error).message.slice(0, 4000), context: 'attach' } });
      await log.close();
      throw error;
    }
    const sink = { log, history: new ParticipantHistory() };
    write(sink, { kind: 'session.started', data: { providerId, meetingId, title: session.meeting.title, options: providerOptions } });
    if (attendees.length > 0) write(sink, { kind: 'attendees.loaded', data: { count: attendees.length, source: 'csv' } });
    // Nothing is published until the first snapshot: a client starts from it, then patches.
    let published = false;
    controller = new SessionController({
      sessionId,
      meeting: session.meeting,
      onRoster: (message) => published && emit('roster', message),
      onLog: (body) => write(sink, body),
      now: () => options.scheduler.now(),
      attendees,
      riskSettings: await loadRiskSettings(options.services),
    });
    const info: SessionInfo = {
      sessionId,
      providerId,
      providerName: provider.name,
      meetingId,
      title: session.meeting.title,
      attachedAt: now,
      capabilities: session.capabilities,
      logFile: log.file,
    };
    executor.reset();
    selection = [];
    errorCounts.clear();
    attached = { info, provider: session, controller, limiter: new ProviderLimiter(session.limits), log, history: sink.history };
    for (const event of early.splice(0)) {
      try {
        controller.handle(event);
      } catch (error) {
        reportInternal(`the "${event.type}" event from ${provider.name}`, error);
      }
    }
    const snapshot = controller.snapshot();
    published = true;
    emit('session', info);
    emit('roster', snapshot);
    return info;
  }

  const commands: HostCommands = {
    async getOverview() {
      const providers = await Promise.all(
        registry.list().map(async (p) => ({ id: p.id, name: p.name, status: await p.status(), hasSettings: p.settingsFields.length > 0 })),
      );
      return { version: options.version, shell: options.shell, providers, session: attached?.info ?? null };
    },

    async listMeetings({ providerId }) {
      return registry.get(providerId).listMeetings();
    },

    async attach({ providerId, meetingId, options: providerOptions }) {
      if (attached || attaching) {
        throw new HostdeckError('alreadyAttached', 'A meeting is already attached: leave it before opening another.');
      }
      attaching = true;
      try {
        return await attach(providerId, meetingId, providerOptions);
      } finally {
        attaching = false;
      }
    },

    async detach() {
      return { detached: await detach('The moderator left the meeting in Hostdeck.') };
    },

    async getSnapshot() {
      return attached ? attached.controller.snapshot() : null;
    },

    async runAction(request) {
      const outcome = executor.run(request);
      // Acknowledged only once the request is on disk: the record holds every action the moderator took.
      await attached?.log.flush();
      return outcome;
    },

    async retryAction({ actionId }) {
      return executor.retry(actionId);
    },

    async cancelAction({ actionId }) {
      return executor.cancel(actionId) ?? null;
    },

    async listActions() {
      return executor.list();
    },

    async setSelection({ participantIds }) {
      selection = attached ? [...new Set(participantIds)] : [];
      return { count: selection.length };
    },

    async getLogTail({ limit }) {
      const current = attached;
      if (!current) return [];
      // The tail holds entries on disk only: wait for those appended so far.
      await current.log.settled();
      return current.log.tail(limit);
    },

    async addNote({ text }) {
      const current = requireAttached();
      const { entry, durable } = write(current, { kind: 'note', data: { text } });
      await durable;
      return entry;
    },

    async importAttendees({ csv }) {
      const parsed = parseAttendeeCsv(csv);
      if (!parsed.ok) return { ok: false, problems: parsed.problems };
      attendees = parsed.attendees;
      if (attached) {
        record({ kind: 'attendees.loaded', data: { count: attendees.length, source: 'csv' } });
        attached.controller.setAttendees(attendees);
      }
      return { ok: true, count: attendees.length };
    },

    async loadRegistrants() {
      const current = requireAttached();
      if (!current.provider.listRegistrants) {
        throw new HostdeckError('providerError', `${current.info.providerName} does not offer a registrant list for this meeting.`);
      }
      attendees = await current.provider.listRegistrants();
      record({ kind: 'attendees.loaded', data: { count: attendees.length, source: 'registrants' } });
      current.controller.setAttendees(attendees);
      return { count: attendees.length };
    },

    async getAttendees() {
      return attendees;
    },

    async clearAttendees() {
      attendees = [];
      if (attached) {
        record({ kind: 'attendees.loaded', data: { count: 0, source: 'cleared' } });
        attached.controller.setAttendees([]);
      }
      return { count: 0 };
    },

    async getParticipantDetail({ participantId }) {
      const current = requireAttached();
      const participant = current.controller.participant(participantId);
      return participant ? { participant, history: current.history.of(participantId) } : null;
    },

    async getRiskSettings() {
      return loadRiskSettings(options.services);
    },

    async saveRiskSettings(settings) {
      if (settings.watchAt > settings.flagAt)
        throw new HostdeckError('invalidInput', 'The "watch" score must not be above the "flag" score.');
      await options.services.settings.set(RISK_SECTION, { json: JSON.stringify(settings) });
      attached?.controller.setRiskSettings(settings);
      return settings;
    },

    ...panic.commands,

    async exportLog(request) {
      const current = attached;
      if (current?.info.sessionId === request.sessionId) await current.log.flush();
      return exportSession(library, request, options.scheduler.now(), options.printPdf);
    },

    async getIdentity() {
      await housekeeping;
      return identity.view();
    },

    async saveIdentity({ moderator }) {
      await housekeeping;
      const { previous, actor } = await identity.save(moderator);
      const current = attached;
      if (current && previous.moderator !== actor.moderator) {
        // The change is itself an entry under the new name, naming the old one: the record says who did what.
        current.log.setActor(actor);
        await write(current, { kind: 'moderator.changed', data: { previous } }).durable;
      }
      return identity.view();
    },

    ...createLogCommands({
      library,
      settings: options.services.settings,
      current: () => (attached ? { sessionId: attached.info.sessionId, log: attached.log } : null),
      write: (body) => (attached ? write(attached, body) : undefined),
    }),

    async getProviderSettings({ providerId }) {
      return readSettingsView(registry.get(providerId), options.services);
    },

    async saveProviderSettings({ providerId, values }) {
      const provider = registry.get(providerId);
      if (provider.saveSettings) await provider.saveSettings(values);
      else await writeSettings(provider, options.services, values);
      return readSettingsView(provider, options.services);
    },

    async signIn({ providerId }) {
      const provider = registry.get(providerId);
      if (!provider.signIn) throw new HostdeckError('invalidInput', `${provider.name} does not sign in through the browser.`);
      await provider.signIn();
      return provider.status();
    },

    async signOut({ providerId }) {
      const provider = registry.get(providerId);
      const revocation: Revocation = (await provider.signOut?.()) ?? { revocation: 'notOffered' };
      return { ...revocation, status: await provider.status() };
    },
  };

  return {
    commands,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportError: reportInternal,
    reportRejected(channel, issues) {
      if (!record({ kind: 'input.rejected', data: { channel: channel.slice(0, 200), issues: issues.slice(0, 4000) } })) {
        console.warn(`rejected message on ${channel}: ${issues}`);
      }
    },
    async shortcut(command) {
      await panicLoaded;
      return panic.shortcut(
        command,
        (intent) => executor.run({ ...intent, id: `key-${command}-${Date.now().toString(36)}-${++shortcutActions}` }),
        selection,
      );
    },
    async reportHtml(sessionId, language, redact) {
      if (attached?.info.sessionId === sessionId) await attached.log.flush();
      return reportHtml(library, sessionId, language, redact, options.scheduler.now());
    },
    async panicSettings() {
      await panicLoaded;
      return panic.settings;
    },
    async close() {
      await detach('Hostdeck was closed.');
      listeners.clear();
    },
  };
}
