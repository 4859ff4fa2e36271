/** Two presses of the End for all key within this time end the meeting; one press alone never does. */
export const END_DOUBLE_PRESS_MS = 600;

/** What a press did: `armed` waits for a second press; `confirmed` is the second press in time. */
export type DoublePressResult = 'armed' | 'confirmed';

/** Counts presses of a guarded key (End for all) on a clock the caller supplies. */
export interface DoublePress {
  press(now: number): DoublePressResult;
}

/**
 * A press confirms only when an earlier press armed the guard no more than `windowMs` before; any
 * other press (the first, a late one, one after a confirmation, a clock that went backwards) arms
 * it again. Nothing is armed at the start, so a press soon after the clock's origin (a page's
 * `performance.now()` begins at zero) cannot confirm on its own.
 */
export function createDoublePress(windowMs: number = END_DOUBLE_PRESS_MS): DoublePress {
  let armedAt: number | null = null;
  return {
    press(now) {
      if (armedAt !== null && now >= armedAt && now - armedAt <= windowMs) {
        armedAt = null;
        return 'confirmed';
      }
      armedAt = now;
      return 'armed';
    },
  };
}
