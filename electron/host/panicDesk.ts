import type { HostCommands } from '../../shared/contract/commands';
import { HostdeckError } from '../../shared/contract/reply';
import type { ScriptRun } from '../../shared/flows/script';
import { checkBindings } from '../../shared/keyboard/accelerator';
import type { ActionOutcome, Intent } from '../../shared/model/action';
import { capabilityRefusal } from '../../shared/model/capability';
import { DEFAULT_PANIC_SETTINGS, PanicSettings, type ShortcutCommand } from '../../shared/model/panic';
import type { EntryBody } from '../../shared/incident/entry';
import type { Scheduler } from '../../shared/util/time';
import type { ActionExecutor, ActionTarget } from './actions/actionExecutor';
import { ScriptRunner } from './scripts/scriptRunner';
import { ScriptStore } from './scripts/scriptStore';
import type { SettingsStore } from './settings/settingsStore';

const SECTION = 'panic';

type PanicCommands = Pick<
  HostCommands,
  | 'getPanicSettings'
  | 'savePanicSettings'
  | 'listScripts'
  | 'saveScript'
  | 'deleteScript'
  | 'startScript'
  | 'continueScript'
  | 'cancelScript'
  | 'getScriptRun'
>;

export interface PanicDeskOptions {
  dataDir: string;
  settings: SettingsStore;
  scheduler: Scheduler;
  executor: () => ActionExecutor;
  target: () => ActionTarget | null;
  log: (body: EntryBody) => void;
  onScript: (run: ScriptRun | null) => void;
}

/**
 * Everything that happens when things go wrong: the event's panic settings (what Contain does, the
 * closing message, the keys), the scripts and the one running script, and what each panic shortcut
 * does. The shells call `shortcut` when a key fires; the renderer uses the commands.
 */
export class PanicDesk {
  private settingsCache: PanicSettings = DEFAULT_PANIC_SETTINGS;
  private readonly store: ScriptStore;
  readonly scripts: ScriptRunner;

  constructor(private readonly options: PanicDeskOptions) {
    this.store = new ScriptStore(options.dataDir);
    this.scripts = new ScriptRunner({
      scheduler: options.scheduler,
      log: options.log,
      run: (action) => options.executor().run(action),
      chatRefusal: () => {
        const target = options.target();
        return target ? capabilityRefusal(target.session.capabilities, { kind: 'postChat', text: 'x' }) : 'No meeting is attached.';
      },
      onChange: options.onScript,
    });
  }

  /** The current settings (kept in memory; read once at start). */
  get settings(): PanicSettings {
    return this.settingsCache;
  }

  async load(): Promise<void> {
    const raw = (await this.options.settings.get(SECTION))['json'];
    if (!raw) return;
    try {
      this.settingsCache = PanicSettings.parse(JSON.parse(raw));
    } catch {
      this.settingsCache = DEFAULT_PANIC_SETTINGS;
    }
  }

  /** Outcomes from the executor, for the running script. */
  outcome(outcome: ActionOutcome): void {
    this.scripts.outcome(outcome);
  }

  /**
   * What a panic key does; returns a line for the notification. Contain ejects the participants
   * ticked in the console (`selected`) along with the flagged.
   */
  async shortcut(command: ShortcutCommand, act: (intent: Intent) => ActionOutcome, selected: readonly string[] = []): Promise<string> {
    const target = this.options.target();
    if (!target && command !== 'quickNote') return 'No meeting is attached.';
    switch (command) {
      case 'contain':
        act({ kind: 'contain', participantIds: [...selected] });
        return selected.length > 0
          ? `Contain started: locking, muting and ejecting the flagged and the ${selected.length} ticked.`
          : 'Contain started: locking, muting and ejecting the flagged.';
      case 'toggleLock': {
        const locked = target?.controller.meeting.locked ?? false;
        act({ kind: locked ? 'unlock' : 'lock' });
        return locked ? 'Unlocking the meeting.' : 'Locking the meeting.';
      }
      case 'apology': {
        const run = await this.commands.startScript({ scriptId: this.settingsCache.apologyScriptId });
        return `Script started: ${run.name}.`;
      }
      case 'endForAll':
        act({ kind: 'endForAll' });
        return 'Ending the meeting for all.';
      case 'quickNote':
        return 'Type your note in the console.';
    }
  }

  readonly commands: PanicCommands = {
    getPanicSettings: async () => this.settingsCache,
    savePanicSettings: async (settings) => {
      const problems = checkBindings(settings.shortcuts).filter((p) => !p.problem.startsWith('collides'));
      if (problems.length > 0) {
        throw new HostdeckError('invalidInput', problems.map((p) => `${p.command} (${p.accelerator}): ${p.problem}`).join(' '));
      }
      await this.options.settings.set(SECTION, { json: JSON.stringify(settings) });
      this.settingsCache = settings;
      return settings;
    },
    listScripts: async () => this.store.list(),
    saveScript: async ({ text }) => this.store.save(text),
    deleteScript: async ({ id }) => (await this.store.delete(id), { deleted: true }),
    startScript: async ({ scriptId }) => {
      const target = this.options.target();
      if (!target) throw new HostdeckError('notAttached', 'No meeting is attached.');
      const script = await this.store.get(scriptId);
      if (!script) throw new HostdeckError('invalidInput', `There is no script "${scriptId}".`);
      const time = new Date(this.options.scheduler.now()).toLocaleTimeString(script.language === 'id' ? 'id-ID' : 'en-GB', {
        hour: '2-digit',
        minute: '2-digit',
      });
      return this.scripts.start(script, {
        event: this.settingsCache.eventName || target.controller.meeting.title,
        organizer: this.settingsCache.organizer || (script.language === 'id' ? 'Panitia' : 'The organisers'),
        time,
      });
    },
    continueScript: async ({ runId }) => this.scripts.continue(runId),
    cancelScript: async ({ runId }) => this.scripts.cancel(runId),
    getScriptRun: async () => this.scripts.current,
  };
}
