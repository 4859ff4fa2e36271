import { describe, expect, it } from 'vitest';
import { createDoublePress, END_DOUBLE_PRESS_MS } from './doublePress';

describe('End for all double press', () => {
  it('a single press only arms; a second within 0.6 s confirms', () => {
    const guard = createDoublePress();
    expect(END_DOUBLE_PRESS_MS).toBe(600);
    expect(guard.press(10_000)).toBe('armed');
    expect(guard.press(10_600)).toBe('confirmed');
  });

  it('the arming times out: a second press after 0.6 s arms again instead of ending', () => {
    const guard = createDoublePress();
    expect(guard.press(10_000)).toBe('armed');
    expect(guard.press(10_601)).toBe('armed');
    expect(guard.press(11_000)).toBe('confirmed');
  });

  it('a confirmation disarms: a third quick press starts over', () => {
    const guard = createDoublePress();
    expect(['armed', 'confirmed', 'armed', 'confirmed'].map((_, i) => guard.press(5_000 + i * 100))).toEqual([
      'armed',
      'confirmed',
      'armed',
      'confirmed',
    ]);
  });

  it('the first press ever arms, even right at the clock’s origin (a page’s performance.now() starts at 0)', () => {
    expect(createDoublePress().press(0)).toBe('armed');
    expect(createDoublePress().press(300)).toBe('armed');
  });

  it('a clock that went backwards arms instead of confirming', () => {
    const guard = createDoublePress();
    expect(guard.press(10_000)).toBe('armed');
    expect(guard.press(9_900)).toBe('armed');
    expect(guard.press(10_200)).toBe('confirmed');
  });
});
