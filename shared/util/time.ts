/** Formats a UTC offset in minutes east of Greenwich as `+07:00`. */
export function formatOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  const hours = String(Math.floor(abs / 60)).padStart(2, '0');
  const minutes = String(abs % 60).padStart(2, '0');
  return `${sign}${hours}:${minutes}`;
}

/** A source of the current time, injected so engines can be driven by a virtual clock. */
export interface Clock {
  now(): number;
}

/** A clock plus timers: what a simulation or a timed flow needs. */
export interface Scheduler extends Clock {
  /** Runs `fn` after `ms` milliseconds; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}
