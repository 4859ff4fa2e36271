import type { Scheduler } from '../../shared/util/time';

/** The wall clock and Node's timers. */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
