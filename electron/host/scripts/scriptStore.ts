import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_SCRIPTS } from '../../../shared/flows/builtinScripts';
import { parseScript, type Script } from '../../../shared/flows/script';
import { HostdeckError } from '../../../shared/contract/reply';

/**
 * Scripts as readable JSON files in `<dataDir>/scripts`, one per script, so an organisation can
 * share them; the built-in scripts come from the app and cannot be overwritten (copy one instead).
 * A file that does not parse is skipped and reported, never loaded half-way.
 */
export class ScriptStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'scripts');
  }

  async list(): Promise<{ scripts: Script[]; problems: string[] }> {
    const scripts = [...BUILTIN_SCRIPTS];
    const problems: string[] = [];
    let files: string[] = [];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`Scripts folder unreadable: ${(error as Error).message}`);
    }
    for (const file of files) {
      const parsed = parseScript(await readFile(join(this.dir, file), 'utf8').catch(() => ''));
      if (parsed.ok && !parsed.script.id.startsWith('builtin-')) scripts.push(parsed.script);
      else problems.push(`${file}: ${parsed.ok ? 'uses a built-in script id' : parsed.problems.join('; ')}`);
    }
    return { scripts, problems };
  }

  async get(id: string): Promise<Script | undefined> {
    return (await this.list()).scripts.find((s) => s.id === id);
  }

  /** Validates and saves a script file; returns the script, or throws with every problem named. */
  async save(text: string): Promise<Script> {
    const parsed = parseScript(text);
    if (!parsed.ok) throw new HostdeckError('invalidInput', parsed.problems.join(' | '));
    if (parsed.script.id.startsWith('builtin-'))
      throw new HostdeckError('invalidInput', 'Built-in scripts cannot be changed: give your copy its own id.');
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${parsed.script.id}.json`);
    await writeFile(`${file}.tmp`, `${JSON.stringify(parsed.script, null, 2)}\n`, { mode: 0o644 });
    await rename(`${file}.tmp`, file);
    return parsed.script;
  }

  async delete(id: string): Promise<void> {
    if (id.startsWith('builtin-')) throw new HostdeckError('invalidInput', 'Built-in scripts cannot be deleted.');
    if (!/^[a-z0-9][a-z0-9-]{0,60}$/.test(id)) throw new HostdeckError('invalidInput', 'Not a script id.');
    await rm(join(this.dir, `${id}.json`), { force: true });
  }
}
