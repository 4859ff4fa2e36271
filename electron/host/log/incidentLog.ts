import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '../../../shared/incident/chain';
import {
  GENESIS_HASH,
  LOG_SCHEMA_VERSION,
  LogEntry as LogEntrySchema,
  type Actor,
  type EntryBody,
  type LogEntry,
} from '../../../shared/incident/entry';
import type { Clock } from '../../../shared/util/time';
import { formatOffset } from '../../../shared/util/time';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** How many recent entries stay in memory for the live tail. */
const TAIL_SIZE = 5_000;

export interface IncidentLogOptions {
  /** The folder holding one `.jsonl` file per session. */
  dir: string;
  sessionId: string;
  actor: Actor;
  clock: Clock;
  /** Called once an entry is on disk (after fsync). */
  onDurable?: (entry: LogEntry) => void;
  /** Called when the disk refuses a write; entries stay queued in memory and are retried. */
  onWriteError?: (error: Error) => void;
}

/**
 * The append-only incident log of one session: JSON Lines, each line carrying the SHA-256 of the
 * line before it. Appends are numbered and hashed at once (so order is the order of events) and
 * written in groups, each group followed by one fsync; an entry counts as recorded only when its
 * group is on disk.
 */
export class IncidentLog {
  readonly file: string;
  private readonly options: IncidentLogOptions;
  private handle: FileHandle;
  private seq = 0;
  private prevHash = GENESIS_HASH;
  private queue: { line: string; entry: LogEntry; resolve: () => void }[] = [];
  private writing: Promise<void> | null = null;
  private readonly tailEntries: LogEntry[] = [];
  private closed = false;

  private constructor(file: string, handle: FileHandle, options: IncidentLogOptions) {
    this.file = file;
    this.handle = handle;
    this.options = options;
  }

  static async open(options: IncidentLogOptions): Promise<IncidentLog> {
    await mkdir(options.dir, { recursive: true });
    const file = join(options.dir, `${options.sessionId}.jsonl`);
    // 'wx': a session file is never overwritten; an existing one is only ever resumed.
    const handle = await open(file, 'wx', 0o600);
    await writeFile(lockOf(file), String(process.pid));
    return new IncidentLog(file, handle, options);
  }

  /**
   * Reopens an existing session log to append to it, after checking its chain. A last line cut
   * short by a crash is left exactly as it is and marked by a `log.recovered` entry naming its hash,
   * and the chain continues from the last whole entry. A file whose chain is broken anywhere else is
   * refused: appending to it would give a tampered record a valid-looking tail.
   */
  static async resume(options: IncidentLogOptions & { file: string }): Promise<{ log: IncidentLog; recovered: boolean }> {
    const text = await readFile(options.file, 'utf8');
    const lines = text.split('\n');
    const endsClean = text.length === 0 || text.endsWith('\n');
    let check = verifyChain(lines, sha256Hex);
    let torn: string | undefined;
    if (!check.ok && !endsClean && check.line === lines.length) {
      torn = lines.at(-1) as string;
      check = verifyChain(lines.slice(0, -1), sha256Hex);
    }
    if (!check.ok)
      throw new Error(`The incident log ${options.file} does not verify at line ${check.line} (${check.problem}); it is left untouched.`);
    const handle = await open(options.file, 'a', 0o600);
    await writeFile(lockOf(options.file), String(process.pid));
    const log = new IncidentLog(options.file, handle, options);
    log.seq = check.headSeq;
    log.prevHash = check.headHash;
    if (torn !== undefined) {
      // End the fragment's line so the recovery entry starts on its own line; the fragment itself is not touched.
      await handle.write('\n');
      log.append({
        kind: 'log.recovered',
        data: {
          tornBytes: Buffer.byteLength(torn),
          tornHash: sha256Hex(torn),
          reason: 'The last line was cut short when Hostdeck stopped unexpectedly.',
        },
      });
    } else if (!endsClean) {
      // A whole last entry without its newline: complete the line, nothing else to mark.
      await handle.write('\n');
    }
    await log.flush();
    return { log, recovered: torn !== undefined };
  }

  /** Reads and parses a whole log file (entries only; torn lines are skipped). */
  static async read(file: string): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (!line) continue;
      try {
        // The object as written (not zod's copy, which reorders keys), once it is known to be valid,
        // so an export re-serialises each entry byte for byte and its chain can be checked.
        const raw: unknown = JSON.parse(line);
        if (LogEntrySchema.safeParse(raw).success) entries.push(raw as LogEntry);
      } catch {
        // a torn line: not an entry
      }
    }
    return entries;
  }

  /** The sequence number of the last entry appended. */
  get head(): number {
    return this.seq;
  }

  /** The hash of the last entry appended: the chain's head. */
  get headHash(): string {
    return this.prevHash;
  }

  /**
   * Appends an entry. It is numbered, timestamped and chained now; the returned promise settles
   * when it is on disk.
   */
  append(body: EntryBody): { entry: LogEntry; durable: Promise<void> } {
    if (this.closed) throw new Error('incident log is closed');
    const now = this.options.clock.now();
    const date = new Date(now);
    const entry = {
      v: LOG_SCHEMA_VERSION,
      seq: ++this.seq,
      ts: date.toISOString(),
      tz: formatOffset(-date.getTimezoneOffset()),
      sessionId: this.options.sessionId,
      actor: this.options.actor,
      prev: this.prevHash,
      ...body,
    } as LogEntry;
    const line = JSON.stringify(entry);
    this.prevHash = sha256Hex(line);
    this.tailEntries.push(entry);
    if (this.tailEntries.length > TAIL_SIZE) this.tailEntries.splice(0, this.tailEntries.length - TAIL_SIZE);
    const durable = new Promise<void>((resolve) => this.queue.push({ line, entry, resolve }));
    this.kick();
    return { entry, durable };
  }

  /** The most recent entries, oldest first. */
  tail(limit: number): LogEntry[] {
    return this.tailEntries.slice(-limit);
  }

  /** Resolves when everything appended so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      this.kick();
      await this.writing;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.handle.close();
    await rm(lockOf(this.file), { force: true });
  }

  private kick(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = this.writeGroup().finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async writeGroup(): Promise<void> {
    const group = this.queue;
    this.queue = [];
    try {
      await this.handle.write(group.map((g) => g.line + '\n').join(''));
      await this.handle.sync();
    } catch (error) {
      // Nothing is dropped: the group goes back to the front of the queue for the next attempt.
      this.queue = [...group, ...this.queue];
      this.options.onWriteError?.(error as Error);
      await new Promise((resolve) => setTimeout(resolve, 250));
      return;
    }
    for (const item of group) {
      item.resolve();
      this.options.onDurable?.(item.entry);
    }
  }
}

/** The file that says which process is writing a log: another Hostdeck must not append to it. */
export function lockOf(file: string): string {
  return `${file}.lock`;
}

/** Whether a log is being written by a running process (its lock names a live process id). */
export async function isLiveLog(file: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(await readFile(lockOf(file), 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The actor recorded on every entry when no moderator identity is configured. */
export function defaultActor(moderator = 'moderator'): Actor {
  return { moderator, machine: hostname().slice(0, 200) };
}
