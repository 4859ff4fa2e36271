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
 * Keeps calls to one platform within the limits its provider declares: a request budget per second
 * (a reservoir refilled every second, so a burst goes out at once up to the budget), a ceiling on
 * calls in flight, and per-kind spacing where the platform documents one (e.g. an SDK method
 * allowed once every 5 s). Bottleneck does the scheduling.
 */
export class ProviderLimiter {
  private readonly global: Bottleneck;
  private readonly perKind = new Map<PlatformActionKind, Bottleneck>();

  constructor(private readonly limits: ProviderLimits) {
    const perSecond = Math.max(1, Math.floor(limits.requestsPerSecond));
    this.global = new Bottleneck({
      maxConcurrent: Math.max(1, limits.maxConcurrent),
      reservoir: perSecond,
      reservoirRefreshAmount: perSecond,
      reservoirRefreshInterval: 1000,
    });
  }

  /** Runs `call` when the limits allow it. */
  schedule<T>(kind: PlatformActionKind, call: () => Promise<T>): Promise<T> {
    const options = { priority: priorityOf(kind) };
    const spacing = this.limits.minIntervalMs?.[kind];
    if (!spacing) return this.global.schedule(options, call);
    let limiter = this.perKind.get(kind);
    if (!limiter) {
      limiter = new Bottleneck({ maxConcurrent: 1, minTime: spacing });
      limiter.chain(this.global);
      this.perKind.set(kind, limiter);
    }
    return limiter.schedule(options, call);
  }

  /** Drops queued calls (they reject) and stops the refill timer. */
  async stop(): Promise<void> {
    await Promise.all([...this.perKind.values(), this.global].map((l) => l.stop({ dropWaitingJobs: true }).catch(() => undefined)));
  }
}
