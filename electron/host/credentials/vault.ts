import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Where providers keep secrets (tokens, passwords). Secrets never leave the host: not to the
 * renderer, not to the incident log.
 */
export interface CredentialVault {
  /** Whether secrets survive a restart (encrypted on disk) or live in memory only. */
  readonly persistent: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix` (e.g. every secret of one provider). */
  keys(prefix: string): Promise<string[]>;
}

/** Browser mode's vault: memory only, so no secret is ever written to disk in plaintext. */
export class MemoryVault implements CredentialVault {
  readonly persistent = false;
  private readonly secrets = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.secrets.get(key);
  }
  async set(key: string, secret: string): Promise<void> {
    this.secrets.set(key, secret);
  }
  async delete(key: string): Promise<void> {
    this.secrets.delete(key);
  }
  async keys(prefix: string): Promise<string[]> {
    return [...this.secrets.keys()].filter((k) => k.startsWith(prefix));
  }
}

/** Encrypts with a key the operating system guards (Electron's safeStorage in the desktop app). */
export interface SecretCipher {
  encrypt(plaintext: string): Buffer;
  decrypt(ciphertext: Buffer): string;
}

const VaultFile = z.record(z.string().max(200), z.string().max(100_000));

/**
 * The desktop app's vault: one file of individually encrypted values (base64), written atomically
 * with owner-only permissions. A value that no longer decrypts (another machine's key) is dropped
 * rather than crashing the app.
 */
export class EncryptedFileVault implements CredentialVault {
  readonly persistent = true;
  private cache: Map<string, string> | null = null;

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const encrypted = (await this.load()).get(key);
    if (encrypted === undefined) return undefined;
    try {
      return this.cipher.decrypt(Buffer.from(encrypted, 'base64'));
    } catch {
      return undefined;
    }
  }

  async set(key: string, secret: string): Promise<void> {
    const all = await this.load();
    all.set(key, this.cipher.encrypt(secret).toString('base64'));
    await this.save(all);
  }

  async delete(key: string): Promise<void> {
    const all = await this.load();
    if (all.delete(key)) await this.save(all);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...(await this.load()).keys()].filter((k) => k.startsWith(prefix));
  }

  private async load(): Promise<Map<string, string>> {
    if (this.cache) return this.cache;
    let raw: unknown = {};
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        console.error(`credential vault unreadable, starting empty: ${(error as Error).message}`);
    }
    const parsed = VaultFile.safeParse(raw);
    this.cache = new Map(parsed.success ? Object.entries(parsed.data) : []);
    return this.cache;
  }

  private async save(all: Map<string, string>): Promise<void> {
    const temporary = `${this.file}.tmp`;
    await writeFile(temporary, JSON.stringify(Object.fromEntries(all)), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}
