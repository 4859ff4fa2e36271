import { createHash } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, LOG_SCHEMA_VERSION, type Actor, type EntryBody, type LogEntry } from '../../../shared/incident/entry';
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
    // 'wx': a session file is never reopened or overwritten.
    const handle = await open(file, 'wx', 0o600);
    return new IncidentLog(file, handle, options);
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

/** The actor recorded on every entry when no moderator identity is configured. */
export function defaultActor(moderator = 'moderator'): Actor {
  return { moderator, machine: hostname().slice(0, 200) };
}
