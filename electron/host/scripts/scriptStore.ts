import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_SCRIPTS } from '../../../shared/flows/builtinScripts';
import { parseScript, type Script } from '../../../shared/flows/script';
import { HostdeckError } from '../../../shared/contract/reply';

/** A script of 50 steps of the longest text is well under this. */
const MAX_SCRIPT_FILE = 512_000;

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
    const { files, problems } = await this.read();
    return { scripts: [...BUILTIN_SCRIPTS, ...files.map((f) => f.script)], problems };
  }

  /**
   * The script files in the folder, sorted by name. A file is skipped, with its name and every
   * problem reported, when it is not a valid script, claims a built-in id, or repeats the id of a
   * file before it (two files, one script: which one would run?).
   */
  private async read(): Promise<{ files: { file: string; script: Script }[]; problems: string[] }> {
    const problems: string[] = [];
    let names: string[] = [];
    try {
      names = (await readdir(this.dir)).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`Scripts folder unreadable: ${(error as Error).message}`);
    }
    const files: { file: string; script: Script }[] = [];
    for (const file of names) {
      const text = await readFile(join(this.dir, file), 'utf8').catch((error: Error) => error);
      if (text instanceof Error) {
        problems.push(`${file}: unreadable (${text.message})`);
        continue;
      }
      if (text.length > MAX_SCRIPT_FILE) {
        problems.push(`${file}: larger than a script can be (${Math.round(MAX_SCRIPT_FILE / 1000)} kB)`);
        continue;
      }
      const parsed = parseScript(text);
      if (!parsed.ok) problems.push(`${file}: ${parsed.problems.join('; ')}`);
      else if (parsed.script.id.startsWith('builtin-')) problems.push(`${file}: uses a built-in script id`);
      else if (files.some((f) => f.script.id === parsed.script.id))
        problems.push(
          `${file}: the id "${parsed.script.id}" is already used by ${files.find((f) => f.script.id === parsed.script.id)?.file}`,
        );
      else files.push({ file, script: parsed.script });
    }
    return { files, problems };
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
    // A shared file of another name that held this script is replaced by the saved one, not left to shadow it.
    for (const other of await this.holdersOf(parsed.script.id))
      if (other !== `${parsed.script.id}.json`) await rm(join(this.dir, other), { force: true });
    return parsed.script;
  }

  /** Deletes a script: its own file, and a shared file of another name that holds it. */
  async delete(id: string): Promise<void> {
    if (id.startsWith('builtin-')) throw new HostdeckError('invalidInput', 'Built-in scripts cannot be deleted.');
    if (!/^[a-z0-9][a-z0-9-]{0,60}$/.test(id)) throw new HostdeckError('invalidInput', 'Not a script id.');
    for (const file of new Set([`${id}.json`, ...(await this.holdersOf(id))])) await rm(join(this.dir, file), { force: true });
  }

  /** Every file in the folder that holds a valid script with this id, shadowed duplicates included. */
  private async holdersOf(id: string): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const holders: string[] = [];
    for (const file of names.filter((f) => f.endsWith('.json'))) {
      const parsed = parseScript(await readFile(join(this.dir, file), 'utf8').catch(() => ''));
      if (parsed.ok && parsed.script.id === id) holders.push(file);
    }
    return holders;
  }
}
