import { hostname, userInfo } from 'node:os';
import type { Actor } from '../../shared/incident/entry';
import { cleanModeratorName, MODERATOR_NAME_MAX, ModeratorName, type ModeratorIdentity } from '../../shared/model/moderator';
import type { SettingsStore } from './settings/settingsStore';

const SECTION = 'identity';
const FALLBACK_NAME = 'moderator';

/** A name fit for the record: cleaned and cut to the limit; the fallback when nothing is left. */
function fitName(raw: string | undefined): string {
  const name = cleanModeratorName(raw ?? '')
    .slice(0, MODERATOR_NAME_MAX)
    .trim();
  return name || FALLBACK_NAME;
}

/** The name of the user signed in to this computer, when the operating system says. */
export function osUserName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    // No entry for this user in the system's user database (some containers): try the environment.
    return process.env['USER'] ?? process.env['USERNAME'];
  }
}

/** The actor recorded when no moderator name is saved: the given name (else "moderator") on this machine. */
export function defaultActor(moderator?: string): Actor {
  return { moderator: fitName(moderator), machine: cleanModeratorName(hostname()).slice(0, 200) || 'unknown' };
}

/**
 * Who the incident log records on each entry. The moderator's name is saved in the settings store
 * (Settings → Incident logs); until one is saved, a name given on the command line for this run
 * (browser mode's `--moderator`) or else the default (the operating-system user name) is used.
 */
export class ModeratorIdentityStore {
  private current: Actor;
  private source: ModeratorIdentity['source'];

  constructor(
    private readonly settings: SettingsStore,
    private readonly defaults: { actor: Actor; commandLine?: string | undefined },
  ) {
    this.current = defaults.actor;
    this.source = 'default';
    if (defaults.commandLine !== undefined) this.useCommandLine(defaults.commandLine);
  }

  /** Reads the saved name. A name on the command line wins over it for this run. */
  async load(): Promise<void> {
    if (this.source === 'commandLine') return;
    const saved = ModeratorName.safeParse((await this.settings.get(SECTION))['moderator'] ?? '');
    if (saved.success) {
      this.current = { ...this.current, moderator: saved.data };
      this.source = 'settings';
    }
  }

  get actor(): Actor {
    return this.current;
  }

  view(): ModeratorIdentity {
    return { ...this.current, source: this.source, defaultName: this.defaults.actor.moderator };
  }

  /** Saves a (parsed) name; returns the actor before and after. */
  async save(moderator: string): Promise<{ previous: Actor; actor: Actor }> {
    await this.settings.set(SECTION, { moderator });
    const previous = this.current;
    this.current = { ...previous, moderator };
    this.source = 'settings';
    return { previous, actor: this.current };
  }

  private useCommandLine(raw: string): void {
    const parsed = ModeratorName.safeParse(raw);
    if (!parsed.success) throw new Error(`--moderator: ${parsed.error.issues[0]?.message ?? 'not a valid name'}`);
    this.current = { ...this.current, moderator: parsed.data };
    this.source = 'commandLine';
  }
}
