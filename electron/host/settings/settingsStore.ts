import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const SettingsFile = z.record(z.string().max(100), z.record(z.string().max(100), z.string().max(4000)));

/**
 * Plain (non-secret) settings by section: one section per provider, plus the app's own. Stored as
 * JSON in the data folder, written atomically. Secrets never go here: they belong in the vault.
 */
export interface SettingsStore {
  get(section: string): Promise<Record<string, string>>;
  set(section: string, values: Record<string, string>): Promise<void>;
}

export class MemorySettingsStore implements SettingsStore {
  private readonly sections = new Map<string, Record<string, string>>();
  async get(section: string): Promise<Record<string, string>> {
    return { ...(this.sections.get(section) ?? {}) };
  }
  async set(section: string, values: Record<string, string>): Promise<void> {
    this.sections.set(section, { ...values });
  }
}

export class FileSettingsStore implements SettingsStore {
  private cache: Record<string, Record<string, string>> | null = null;

  constructor(private readonly file: string) {}

  async get(section: string): Promise<Record<string, string>> {
    return { ...((await this.load())[section] ?? {}) };
  }

  async set(section: string, values: Record<string, string>): Promise<void> {
    const all = await this.load();
    all[section] = { ...values };
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, JSON.stringify(all, null, 2), { mode: 0o600 });
    await rename(temporary, this.file);
  }

  private async load(): Promise<Record<string, Record<string, string>>> {
    if (this.cache) return this.cache;
    let raw: unknown = {};
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        console.error(`settings unreadable, using defaults: ${(error as Error).message}`);
    }
    const parsed = SettingsFile.safeParse(raw);
    this.cache = parsed.success ? parsed.data : {};
    return this.cache;
  }
}
