import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoldButton } from './HoldButton';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup() {
  const onConfirm = vi.fn();
  const view = render(
    <HoldButton
      holdMs={1000}
      doublePressMs={600}
      onConfirm={onConfirm}
      label="End for all"
      holdingLabel="Hold…"
      description="Hold to end"
    />,
  );
  return { onConfirm, button: view.getByRole('button') };
}

describe('HoldButton', () => {
  it('does nothing on a click, nor on two clicks further apart than the double-press window', () => {
    const { onConfirm, button } = setup();
    fireEvent.click(button);
    fireEvent.pointerDown(button, { button: 0 });
    fireEvent.pointerUp(button);
    act(() => vi.advanceTimersByTime(700));
    fireEvent.pointerDown(button, { button: 0 });
    fireEvent.pointerUp(button);
    act(() => vi.advanceTimersByTime(5000));
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('fires at once on a deliberate double press within the window', () => {
    const { onConfirm, button } = setup();
    fireEvent.pointerDown(button, { button: 0 });
    fireEvent.pointerUp(button);
    act(() => vi.advanceTimersByTime(300));
    fireEvent.keyDown(button, { key: 'Enter' });
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('fires once the pointer has been held for the full time, not before', () => {
    const { onConfirm, button } = setup();
    fireEvent.pointerDown(button, { button: 0 });
    act(() => vi.advanceTimersByTime(999));
    expect(onConfirm).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('works from the keyboard by holding Space, and cancels when released early', () => {
    const { onConfirm, button } = setup();
    fireEvent.keyDown(button, { key: ' ' });
    act(() => vi.advanceTimersByTime(500));
    fireEvent.keyUp(button, { key: ' ' });
    act(() => vi.advanceTimersByTime(1000));
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.keyDown(button, { key: 'Enter' });
    act(() => vi.advanceTimersByTime(1000));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
