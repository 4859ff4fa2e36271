import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
import { openLogFile, type LogFile, type LogFileWrapper } from './logFile';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** How many recent entries stay in memory for the live tail. */
const TAIL_SIZE = 5_000;

/** How long the writer waits before trying again after the disk refused a write. */
const RETRY_DELAY_MS = 250;

/** The state of a writer whose disk refuses writes: nothing is lost while it lasts, nothing is acknowledged. */
export interface WriteTrouble {
  /** The last error, as the system gave it. */
  error: Error;
  /** When the first failure of this run of failures happened (the log's clock). */
  since: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Entries waiting in memory to be written. */
  queued: number;
}

export interface IncidentLogOptions {
  /** The folder holding one `.jsonl` file per session. */
  dir: string;
  sessionId: string;
  /** Who is recorded on each entry; `setActor` changes it for later entries. */
  actor: Actor;
  clock: Clock;
  /** Called once an entry is on disk (after fsync). */
  onDurable?: (entry: LogEntry) => void;
  /** Called on every failed attempt to write; entries stay queued in memory and are retried. */
  onWriteError?: (trouble: WriteTrouble) => void;
  /** Called once writes succeed again after failures, with the last failure. */
  onWriteRecovered?: (trouble: WriteTrouble) => void;
  /** Wraps the file (tests inject a slow, blocked or failing disk here). */
  wrapFile?: LogFileWrapper;
}

interface Queued {
  line: string;
  entry: LogEntry;
  resolve: () => void;
}

/**
 * The append-only incident log of one session: JSON Lines, each line carrying the SHA-256 of the
 * line before it. Appends are numbered and hashed at once (so order is the order of events) and
 * written in groups, each group followed by one fsync; an entry counts as recorded only when its
 * group is on disk.
 *
 * Each group is written at the file length the previous groups left. When the disk refuses a write
 * or an fsync, whatever part of the group may have reached the file is cut off (truncated back to
 * that length) before the group is written again, so a failure never leaves a torn line in the
 * middle of the file; until it succeeds nothing of the group is acknowledged.
 */
export class IncidentLog {
  readonly file: string;
  private readonly options: IncidentLogOptions;
  private readonly disk: LogFile;
  private actorNow: Actor;
  private seq = 0;
  private prevHash = GENESIS_HASH;
  /** Bytes of the file that hold whole, synced groups: where the next group starts. */
  private size: number;
  /** Whether bytes of a failed group may lie beyond `size`. */
  private dirty = false;
  private trouble: WriteTrouble | null = null;
  private queue: Queued[] = [];
  private writing: Promise<void> | null = null;
  private lastDurable: Promise<void> = Promise.resolve();
  /** The newest entries that are on disk, for the live view. */
  private readonly tailEntries: LogEntry[] = [];
  private closed = false;

  private constructor(file: string, disk: LogFile, size: number, options: IncidentLogOptions) {
    this.file = file;
    this.disk = disk;
    this.size = size;
    this.options = options;
    this.actorNow = options.actor;
  }

  static async open(options: IncidentLogOptions): Promise<IncidentLog> {
    await mkdir(options.dir, { recursive: true });
    const file = join(options.dir, `${options.sessionId}.jsonl`);
    const disk = await openLogFile(file, 'create');
    await writeFile(lockOf(file), String(process.pid));
    return new IncidentLog(file, options.wrapFile ? options.wrapFile(disk) : disk, 0, options);
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
    const raw = await openLogFile(options.file, 'resume');
    const disk = options.wrapFile ? options.wrapFile(raw) : raw;
    await writeFile(lockOf(options.file), String(process.pid));
    const log = new IncidentLog(options.file, disk, await disk.size(), options);
    log.seq = check.headSeq;
    log.prevHash = check.headHash;
    // End a fragment's line (or a whole last entry's missing newline) so the next entry starts on its
    // own line; the bytes already there are not touched. It is synced with the first group.
    if (!endsClean) {
      await log.writeAt(Buffer.from('\n'));
      log.size += 1;
      log.dirty = false;
    }
    if (torn !== undefined) {
      log.append({
        kind: 'log.recovered',
        data: {
          tornBytes: Buffer.byteLength(torn),
          tornHash: sha256Hex(torn),
          reason: 'The last line was cut short when Hostdeck stopped unexpectedly.',
        },
      });
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

  /** Who is recorded on new entries. */
  get actor(): Actor {
    return this.actorNow;
  }

  /** Records a different moderator (or machine) on every entry appended from now on. */
  setActor(actor: Actor): void {
    this.actorNow = actor;
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
      actor: this.actorNow,
      prev: this.prevHash,
      ...body,
    } as LogEntry;
    const line = JSON.stringify(entry);
    this.prevHash = sha256Hex(line);
    const durable = new Promise<void>((resolve) => this.queue.push({ line, entry, resolve }));
    this.lastDurable = durable;
    this.kick();
    return { entry, durable };
  }

  /**
   * Settles once every entry appended so far is on disk, without waiting for later ones. Callbacks
   * attached in turn run in the order of the entries they wait for, so what is announced after an
   * entry is never announced before it.
   */
  settled(): Promise<void> {
    return this.lastDurable;
  }

  /** The most recent entries that are on disk, oldest first. */
  tail(limit: number): LogEntry[] {
    return this.tailEntries.slice(-limit);
  }

  /** Resolves when everything appended so far is on disk (and nothing more is being written). */
  async flush(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      this.kick();
      await this.writing;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.disk.close();
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
    const bytes = Buffer.from(group.map((g) => g.line + '\n').join(''), 'utf8');
    try {
      await this.writeAt(bytes);
      await this.disk.sync();
    } catch (error) {
      // Nothing is dropped: the group goes back to the front of the queue for the next attempt,
      // and whatever part of it reached the file is cut off first (see writeAt).
      this.queue = [...group, ...this.queue];
      this.dirty = true;
      this.trouble = {
        error: error instanceof Error ? error : new Error(String(error)),
        since: this.trouble?.since ?? this.options.clock.now(),
        attempts: (this.trouble?.attempts ?? 0) + 1,
        queued: this.queue.length,
      };
      this.options.onWriteError?.(this.trouble);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      return;
    }
    this.size += bytes.length;
    this.dirty = false;
    for (const item of group) {
      this.tailEntries.push(item.entry);
      this.options.onDurable?.(item.entry);
      item.resolve();
    }
    if (this.tailEntries.length > TAIL_SIZE) this.tailEntries.splice(0, this.tailEntries.length - TAIL_SIZE);
    if (this.trouble) {
      const trouble = this.trouble;
      this.trouble = null;
      this.options.onWriteRecovered?.(trouble);
    }
  }

  /**
   * Writes all the bytes (a write may land only in part) where the last whole group ends. After a
   * failure the file is first cut back to that point, so a group is never written after a fragment
   * of itself. The caller moves `size` on once the bytes count as written.
   */
  private async writeAt(bytes: Buffer): Promise<void> {
    if (this.dirty) {
      await this.disk.truncate(this.size);
      this.dirty = false;
    }
    this.dirty = true;
    let written = 0;
    while (written < bytes.length) {
      const n = await this.disk.write(bytes.subarray(written), this.size + written);
      if (n <= 0) throw new Error('The disk accepted no bytes.');
      written += n;
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
