import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { advance, settle } from '../../../electron/host/testing';
import { consoleOnHost } from '../testing/consoleOnHost';
import { ActionTray } from './ActionTray';

/** The action tray over a real host on a rehearsal platform whose lock always fails with a 503. */
async function trayOnFailingPlatform() {
  const c = await consoleOnHost();
  const session = await c.bridge.attach({
    providerId: 'rehearsal',
    meetingId: 'intrusion',
    options: { seed: 3, startAt: 'beforeIntrusion', latencyMs: 0, jitterMs: 0, failing: ['lock'] },
  });
  c.store.getState().setSession(session);
  await c.store.getState().resync();
  await c.show(<ActionTray />);
  return c;
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
