import { act, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { advance, settle } from '../../../electron/host/testing';
import { consoleOnHost } from '../testing/consoleOnHost';
import { usePanicKeys } from './usePanicKeys';

afterEach(() => {
  vi.useRealTimers();
});

function PanicKeys() {
  usePanicKeys();
  return null;
}

/** The console's panic keys in browser mode, on a store wired to a real in-process host. */
async function consoleWithPanicKeys() {
  const t = await consoleOnHost();
  const { store } = t;
  await store.getState().startRehearsal({ scenarioId: 'intrusion', timeScale: 1, startAt: 'beforeIntrusion', seed: 9 });
  await store.getState().loadPanic();
  await t.show(<PanicKeys />);
  // The default End for all key, Ctrl+Alt+Shift+E off a Mac.
  const pressEnd = (repeat = false) =>
    act(() => {
      fireEvent.keyDown(window, { key: 'E', code: 'KeyE', ctrlKey: true, altKey: true, shiftKey: true, repeat });
    });
  const ends = async () => (await t.host.commands.listActions({})).filter((o) => o.kind === 'endForAll');
  return { ...t, store, pressEnd, ends };
}

describe('End for all by key in browser mode', () => {
  it('one press only arms it and says so; the arming times out; a second press within 0.6 s ends the meeting', async () => {
    // Only the page clock is virtual here: the host's I/O keeps real timers.
    vi.useFakeTimers({ toFake: ['performance'] });
    const { store, pressEnd, ends, scheduler, host } = await consoleWithPanicKeys();
    pressEnd();
    await settle();
    expect(store.getState().shortcutMessage).toBe('endAgain');
    expect(await ends()).toEqual([]);

    vi.advanceTimersByTime(700);
    pressEnd();
    await settle();
    expect(await ends()).toEqual([]);

    // A key held down repeats: that is not a second press.
    vi.advanceTimersByTime(100);
    pressEnd(true);
    await settle();
    expect(await ends()).toEqual([]);

    vi.advanceTimersByTime(100);
    pressEnd();
    await settle();
    expect(await ends()).toHaveLength(1);
    await advance(scheduler, 2_000, 250);
    expect((await host.commands.getSnapshot({}))!.state.meeting.status).toBe('ended');
  });
});
