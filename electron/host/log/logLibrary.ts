import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyChain, type ChainCheck } from '../../../shared/incident/chain';
import type { Actor, LogEntry } from '../../../shared/incident/entry';
import type { Clock } from '../../../shared/util/time';
import { IncidentLog, isLiveLog, sha256Hex } from './incidentLog';

/** A session log on disk, as the log list shows it. */
export interface LogFileInfo {
  sessionId: string;
  title: string;
  providerId: string;
  startedAt: string | undefined;
  endedAt: string | undefined;
  bytes: number;
  modifiedAt: number;
}

const SESSION_FILE = /^[0-9]{8}-[0-9]{6}-[a-z]+-[0-9a-f]{6}\.jsonl$/;

/**
 * The folder of session logs: listing, reading, verifying, deleting, retention, and marking logs
 * that a crash left without an end. Never rewrites an entry: recovery only appends.
 */
export class LogLibrary {
  constructor(
    readonly dir: string,
    /** Who recovery entries are recorded under (the moderator now). */
    private readonly actor: () => Actor,
    private readonly clock: Clock,
  ) {}

  fileOf(sessionId: string): string {
    if (!SESSION_FILE.test(`${sessionId}.jsonl`)) throw new Error(`"${sessionId}" is not a session id.`);
    return join(this.dir, `${sessionId}.jsonl`);
  }

  async list(): Promise<LogFileInfo[]> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => SESSION_FILE.test(f));
    } catch {
      return [];
    }
    const infos = await Promise.all(files.map((f) => this.info(f).catch(() => undefined)));
    return infos.filter((i): i is LogFileInfo => i !== undefined).sort((a, b) => b.sessionId.localeCompare(a.sessionId));
  }

  async read(sessionId: string): Promise<LogEntry[]> {
    return IncidentLog.read(this.fileOf(sessionId));
  }

  async verify(sessionId: string): Promise<ChainCheck> {
    return verifyChain((await readFile(this.fileOf(sessionId), 'utf8')).split('\n'), sha256Hex);
  }

  /** SHA-256 of the file's last non-empty line (the head a reader would check an export against). */
  async lastLineHash(sessionId: string): Promise<string> {
    const lines = (await readFile(this.fileOf(sessionId), 'utf8')).split('\n').filter((l) => l !== '');
    return sha256Hex(lines.at(-1) ?? '');
  }

  async delete(sessionId: string): Promise<void> {
    const file = this.fileOf(sessionId);
    if (await isLiveLog(file)) throw new Error('This log is being written by a running Hostdeck.');
    await rm(file);
    await rm(`${file}.lock`, { force: true });
  }

  /** Deletes logs last written more than `days` ago (0 keeps everything), except `keep`. */
  async applyRetention(days: number, keep: string | undefined): Promise<string[]> {
    if (days <= 0) return [];
    const cutoff = this.clock.now() - days * 86_400_000;
    const removed: string[] = [];
    for (const info of await this.list()) {
      if (info.sessionId === keep || info.modifiedAt >= cutoff || (await isLiveLog(this.fileOf(info.sessionId)))) continue;
      await rm(this.fileOf(info.sessionId), { force: true });
      await rm(`${this.fileOf(info.sessionId)}.lock`, { force: true });
      removed.push(info.sessionId);
    }
    return removed;
  }

  /**
   * Logs of sessions that never ended (Hostdeck was killed, the machine lost power) get their torn
   * last line marked and a closing entry, so each reads to a clear end and its chain verifies.
   */
  async recoverInterrupted(): Promise<{ sessionId: string; recovered: boolean; problem?: string }[]> {
    const results: { sessionId: string; recovered: boolean; problem?: string }[] = [];
    for (const info of await this.list()) {
      const file = this.fileOf(info.sessionId);
      try {
        const text = await readFile(file, 'utf8');
        const last = text.trimEnd().split('\n').at(-1) ?? '';
        if (text.endsWith('\n') && last.includes('"kind":"session.ended"')) continue;
        // Another Hostdeck (browser mode beside the desktop app) may be writing this one right now.
        if (await isLiveLog(file)) continue;
        const { log, recovered } = await IncidentLog.resume({
          file,
          dir: this.dir,
          sessionId: info.sessionId,
          actor: this.actor(),
          clock: this.clock,
        });
        log.append({
          kind: 'session.ended',
          data: { reason: 'Hostdeck stopped unexpectedly; this entry was added when it next started.' },
        });
        await log.close();
        results.push({ sessionId: info.sessionId, recovered });
      } catch (error) {
        results.push({ sessionId: info.sessionId, recovered: false, problem: (error as Error).message });
      }
    }
    return results;
  }

  private async info(file: string): Promise<LogFileInfo> {
    const path = join(this.dir, file);
    const [text, meta] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : undefined);
    let title = '';
    let providerId = '';
    let startedAt: string | undefined;
    try {
      const entry = JSON.parse(first) as { kind?: string; ts?: string; data?: { title?: string; providerId?: string } };
      if (entry.kind === 'session.started') {
        title = String(entry.data?.title ?? '').slice(0, 500);
        providerId = String(entry.data?.providerId ?? '');
        startedAt = entry.ts;
      }
    } catch {
      // a log whose first line is torn still lists, untitled
    }
    const tail = text.trimEnd().split('\n').at(-1) ?? '';
    let endedAt: string | undefined;
    try {
      const entry = JSON.parse(tail) as { kind?: string; ts?: string };
      if (entry.kind === 'session.ended') endedAt = entry.ts;
    } catch {
      // torn tail: not ended
    }
    return { sessionId: file.replace(/\.jsonl$/, ''), title, providerId, startedAt, endedAt, bytes: meta.size, modifiedAt: meta.mtimeMs };
  }
}
