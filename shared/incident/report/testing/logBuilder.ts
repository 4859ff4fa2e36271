import type { HashFn } from '../../chain';
import { GENESIS_HASH, LOG_SCHEMA_VERSION, type Actor, type EntryBody, type LogEntry } from '../../entry';
import type { Participant } from '../../../model/participant';
import { NO_LIST_MATCH, NO_RISK } from '../../../model/risk';

export interface LogBuilderOptions {
  sessionId?: string;
  /** Epoch ms of the first entry. */
  start?: number;
  tz?: string;
  actor?: Actor;
}

/**
 * Writes a log the way the host does (same key order, numbered, chained with the injected hash),
 * for tests and benchmarks that need real, verifiable logs without a running host.
 */
export class LogBuilder {
  readonly entries: LogEntry[] = [];
  readonly lines: string[] = [];
  now: number;
  actor: Actor;
  private readonly hash: HashFn;
  private readonly sessionId: string;
  private readonly tz: string;
  private prev = GENESIS_HASH;

  constructor(hash: HashFn, options: LogBuilderOptions = {}) {
    this.hash = hash;
    this.sessionId = options.sessionId ?? '20261126-090000-rehearsal-a1b2c3';
    this.now = options.start ?? Date.UTC(2026, 10, 26, 2, 0, 0);
    this.tz = options.tz ?? '+07:00';
    this.actor = options.actor ?? { moderator: 'Rina Moderator', machine: 'kpu-laptop-07' };
  }

  get headHash(): string {
    return this.prev;
  }

  /** Moves the clock forward. */
  wait(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Appends an entry (any kind, including kinds this build does not know, such as `evidence.marked`). */
  add(body: EntryBody | { kind: string; data: unknown }): LogEntry {
    const entry = {
      v: LOG_SCHEMA_VERSION,
      seq: this.entries.length + 1,
      ts: new Date(this.now).toISOString(),
      tz: this.tz,
      sessionId: this.sessionId,
      actor: this.actor,
      prev: this.prev,
      ...body,
    } as LogEntry;
    const line = JSON.stringify(entry);
    this.prev = this.hash(line);
    this.entries.push(entry);
    this.lines.push(line);
    return entry;
  }
}

/** A participant as the host logs it on joining, with every field filled. */
export function participant(id: string, displayName: string, at: number, overrides: Partial<Participant> = {}): Participant {
  return {
    id,
    displayName,
    role: 'attendee',
    presence: 'inMeeting',
    joinedAt: at,
    audio: false,
    video: false,
    sharing: false,
    identity: {},
    alerts: [],
    renamedFrom: [],
    match: NO_LIST_MATCH,
    risk: NO_RISK,
    ...overrides,
  };
}
