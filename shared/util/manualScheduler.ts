import type { Scheduler } from './time';

interface Timer {
  at: number;
  order: number;
  fn: () => void;
}

/**
 * A virtual-time scheduler: nothing happens until `advance` is called, and timers fire in time
 * order (ties in the order they were set). Used to run simulations and flows deterministically.
 */
export class ManualScheduler implements Scheduler {
  private current: number;
  private timers: Timer[] = [];
  private order = 0;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer: Timer = { at: this.current + Math.max(0, ms), order: this.order++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Number of timers still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const next = this.nextDue(until);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.fn();
    }
    this.current = until;
  }

  /** Fires timers until none are left (or `limit` have fired, to stop runaway loops). */
  runAll(limit = 1_000_000): void {
    for (let fired = 0; this.timers.length > 0 && fired < limit; fired++) {
      const next = this.nextDue(Number.POSITIVE_INFINITY);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
  }

  private nextDue(until: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at > until) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.order < best.order)) best = t;
    }
    return best;
  }
}
