import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { advance, createTestHost, settle } from '../../../electron/host/testing';
import { createI18n } from '../i18n';
import { connectStore, createAppStore } from '../store';
import { StoreContext } from '../store/context';
import { createHostBridge } from '../testing/hostBridge';
import { ActionTray } from './ActionTray';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  cleanup();
  await stop?.();
  stop = undefined;
});

/** The action tray over a real host on a rehearsal platform whose lock always fails with a 503. */
async function trayOnFailingPlatform() {
  const t = createTestHost();
  stop = t.cleanup;
  const bridge = createHostBridge(t.host);
  const store = createAppStore(bridge);
  connectStore(store, bridge);
  await settle();
  const session = await bridge.attach({
    providerId: 'rehearsal',
    meetingId: 'intrusion',
    options: { seed: 3, startAt: 'beforeIntrusion', latencyMs: 0, jitterMs: 0, failing: ['lock'] },
  });
  store.getState().setSession(session);
  await store.getState().resync();
  const i18n = await createI18n('en');
  render(
    <I18nextProvider i18n={i18n}>
      <StoreContext.Provider value={store}>
        <ActionTray />
      </StoreContext.Provider>
    </I18nextProvider>,
  );
  return { ...t, store };
}

const item = (kind: string): HTMLElement => {
  const found = screen.getAllByTestId('action-item').find((li) => li.dataset['kind'] === kind);
  if (!found) throw new Error(`no ${kind} in the tray`);
  return found;
};

describe('ActionTray', () => {
  it('shows a failed action with the platform’s reason and a Retry that tries again', async () => {
    const { store, scheduler, host } = await trayOnFailingPlatform();
    await act(async () => {
      await store.getState().runAction({ kind: 'lock' });
      await advance(scheduler, 30_000, 250);
      await settle();
    });
    const lock = item('lock');
    expect(lock.dataset['status']).toBe('failed');
    expect(within(lock).getByText(/503/)).toBeTruthy();
    const attemptsBefore = (await host.commands.getLogTail({ limit: 5000 })).filter((e) => e.kind === 'action.attempt').length;
    expect(attemptsBefore).toBeGreaterThan(0);

    await act(async () => {
      fireEvent.click(within(lock).getByRole('button', { name: 'Retry' }));
      await settle();
    });
    expect(item('lock').dataset['status']).toBe('pending');
    await act(async () => {
      await advance(scheduler, 30_000, 250);
      await settle();
    });
    expect(item('lock').dataset['status']).toBe('failed');
    const attemptsAfter = (await host.commands.getLogTail({ limit: 5000 })).filter((e) => e.kind === 'action.attempt').length;
    expect(attemptsAfter).toBeGreaterThan(attemptsBefore);
  });

  it('says why an action cannot succeed and offers no Retry for it; Dismiss removes it', async () => {
    const { store } = await trayOnFailingPlatform();
    await act(async () => {
      await store.getState().runAction({ kind: 'eject', participantId: 'p-nobody' });
      await settle();
    });
    const eject = item('eject');
    expect(eject.dataset['status']).toBe('failed');
    expect(within(eject).getByText(/No participant/)).toBeTruthy();
    expect(within(eject).queryByRole('button', { name: 'Retry' })).toBeNull();
    await act(async () => {
      fireEvent.click(within(eject).getByRole('button', { name: 'Dismiss' }));
      await settle();
    });
    expect(screen.queryAllByTestId('action-item')).toHaveLength(0);
  });
});
