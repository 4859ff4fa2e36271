import Bottleneck from 'bottleneck';
import type { PlatformActionKind } from '../../../shared/model/action';
import type { ProviderLimits } from '../provider';

/** Containment first: meeting-wide controls jump ahead of per-participant calls, chat goes last. */
function priorityOf(kind: PlatformActionKind): number {
  if (['lock', 'setWaitingRoom', 'muteAll', 'stopAllVideo', 'stopAllShares', 'setChat', 'endForAll'].includes(kind)) return 2;
  if (kind === 'postChat') return 7;
  return 5;
}

/**
 * Keeps calls to one platform within the limits its provider declares: at most N calls started in
 * any rolling second (a burst goes out at once up to N, then each slot comes back one second after
 * its call started — a sliding window, so no two back-to-back bursts can exceed the platform's
 * limit the way a reservoir refilled on a fixed clock can), a ceiling on calls in flight, and
 * per-kind spacing where the platform documents one (e.g. an SDK method allowed once every 5 s).
 * Bottleneck does the scheduling.
 */
export class ProviderLimiter {
  private readonly global: Bottleneck;
  private readonly perKind = new Map<PlatformActionKind, Bottleneck>();
  private readonly returns = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly limits: ProviderLimits) {
    const perSecond = Math.max(1, Math.floor(limits.requestsPerSecond));
    this.global = new Bottleneck({ maxConcurrent: Math.max(1, limits.maxConcurrent), reservoir: perSecond });
  }

  /** Runs `call` now that it has a slot, and gives the slot back one second after it started. */
  private timed<T>(call: () => Promise<T>): () => Promise<T> {
    return () => {
      const timer = setTimeout(() => void this.global.incrementReservoir(1).catch(() => undefined), 1000);
      this.returns.add(timer);
      setTimeout(() => this.returns.delete(timer), 1001);
      return call();
    };
  }

  /** Runs `call` when the limits allow it. */
  schedule<T>(kind: PlatformActionKind, call: () => Promise<T>): Promise<T> {
    const options = { priority: priorityOf(kind) };
    const spacing = this.limits.minIntervalMs?.[kind];
    if (!spacing) return this.global.schedule(options, this.timed(call));
    let limiter = this.perKind.get(kind);
    if (!limiter) {
      limiter = new Bottleneck({ maxConcurrent: 1, minTime: spacing });
      limiter.chain(this.global);
      this.perKind.set(kind, limiter);
    }
    return limiter.schedule(options, this.timed(call));
  }

  /** Drops queued calls (they reject) and the pending slot returns. */
  async stop(): Promise<void> {
    for (const timer of this.returns) clearTimeout(timer);
    this.returns.clear();
    await Promise.all([...this.perKind.values(), this.global].map((l) => l.stop({ dropWaitingJobs: true }).catch(() => undefined)));
  }
}
