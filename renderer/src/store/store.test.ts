import { afterEach, describe, expect, it } from 'vitest';
import { advance, createTestHost, settle } from '../../../electron/host/testing';
import type { Bridge } from '../bridge';
import { createHostBridge } from '../testing/hostBridge';
import { connectStore, createAppStore } from './index';
import { LOG_TAIL_SIZE } from './logSlice';
import type { LogFile } from '../../../electron/host/log/logFile';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function consoleOnRehearsal(wrap: (bridge: Bridge) => Bridge = (b) => b, host: Parameters<typeof createTestHost>[3] = {}) {
  const t = createTestHost(undefined, undefined, undefined, host);
  cleanup = t.cleanup;
  const bridge = wrap(createHostBridge(t.host));
  const store = createAppStore(bridge);
  connectStore(store, bridge);
  await settle();
  await store.getState().startRehearsal({ scenarioId: 'intrusion', timeScale: 1, startAt: 'beforeIntrusion', seed: 9 });
  return { ...t, store, bridge };
}

describe('console store against a real host', () => {
  it('mirrors the host roster from snapshot and patches', async () => {
    const { store, scheduler, host } = await consoleOnRehearsal();
    await advance(scheduler, 90_000);
    const snapshot = await host.commands.getSnapshot({});
    expect(store.getState().roster.seq).toBe(snapshot?.seq);
    expect([...store.getState().roster.participants.values()]).toEqual(snapshot?.state.participants);
  });

  it('asks for a fresh snapshot when a patch goes missing, and catches up', async () => {
    let drop = false;
    const { store, scheduler, host } = await consoleOnRehearsal((bridge) => ({
      ...bridge,
      onRoster: (listener) =>
        bridge.onRoster((message) => {
          if (drop && message.kind === 'patch') {
            drop = false; // lose exactly one patch in transit
            return;
          }
          listener(message);
        }),
    }));
    drop = true;
    await advance(scheduler, 90_000);
    expect(drop).toBe(false);
    await store.getState().runAction({ kind: 'lock' });
    await advance(scheduler, 300);
    await settle();
    const snapshot = await host.commands.getSnapshot({});
    expect(store.getState().roster.seq).toBe(snapshot?.seq);
    expect(store.getState().roster.participants.size).toBe(snapshot?.state.participants.length);
  });

  it('shows every action until it settles, with the reason when it fails', async () => {
    const { store, scheduler } = await consoleOnRehearsal();
    const ghost = await store.getState().runAction({ kind: 'eject', participantId: 'p-nobody' });
    expect(ghost).toMatchObject({ status: 'failed', reason: expect.stringMatching(/No participant/) });
    const lock = await store.getState().runAction({ kind: 'lock' });
    expect(store.getState().actions.get(lock.actionId)?.status).toBe('pending');
    await advance(scheduler, 300);
    expect(store.getState().actions.get(lock.actionId)?.status).toBe('confirmed');
    expect(store.getState().roster.meeting?.locked).toBe(true);
    expect(store.getState().log.some((e) => e.kind === 'meeting.locked')).toBe(true);
  });

  it('keeps an action visible as failed when the host cannot be reached', async () => {
    const { store } = await consoleOnRehearsal((bridge) => ({
      ...bridge,
      runAction: () => Promise.reject(new Error('Not connected to Hostdeck. Reconnecting…')),
    }));
    const outcome = await store.getState().runAction({ kind: 'lock' });
    expect(store.getState().actions.get(outcome.actionId)).toMatchObject({
      status: 'failed',
      retryable: true,
      reason: expect.stringMatching(/Not connected/),
    });
  });

  it('never lets a late pending reply hide a settled outcome', async () => {
    const { store } = await consoleOnRehearsal();
    const base = { actionId: 'a1', kind: 'lock', requestedAt: 1, retryable: false };
    store.getState().applyOutcome({ ...base, status: 'confirmed', attempts: 1 });
    store.getState().applyOutcome({ ...base, status: 'pending', attempts: 1 });
    expect(store.getState().actions.get('a1')?.status).toBe('confirmed');
    store.getState().applyOutcome({ ...base, status: 'pending', attempts: 2 });
    expect(store.getState().actions.get('a1')?.status).toBe('pending');
  });

  it('tells the host who is ticked, so the global Contain key (another app focused) ejects them too', async () => {
    const { store, scheduler, host } = await consoleOnRehearsal();
    await advance(scheduler, 90_000, 30_000);
    const official = [...store.getState().roster.participants.values()].find((p) => p.role === 'attendee' && p.risk.level === 'none')!;
    const other = [...store.getState().roster.participants.values()].find(
      (p) => p.role === 'attendee' && p.risk.level === 'none' && p.id !== official.id,
    )!;
    store.getState().toggleSelected(other.id);
    store.getState().toggleSelected(official.id);
    store.getState().toggleSelected(other.id);
    await settle();
    expect(await host.shortcut('contain')).toMatch(/and the 1 ticked\.$/);
    await advance(scheduler, 400, 100);
    const roster = (await host.commands.getSnapshot({}))!.state.participants;
    expect(roster.find((p) => p.id === official.id)?.presence).toBe('left');
    expect(roster.find((p) => p.id === other.id)?.presence).toBe('inMeeting');
    store.getState().setSelected([]);
    await settle();
    expect(await host.shortcut('contain')).toBe('Contain started: locking, muting and ejecting the flagged.');
  });

  it('keeps the containment result after the live tail has moved past it, and forgets it with the session', async () => {
    const { store, scheduler, bridge } = await consoleOnRehearsal();
    await advance(scheduler, 90_000, 30_000);
    await store.getState().runAction({ kind: 'contain', participantIds: [] });
    await advance(scheduler, 400, 100);
    const contained = store.getState().contained;
    expect(contained?.kind).toBe('incident.contained');
    for (let i = 0; i < LOG_TAIL_SIZE + 20; i++) await bridge.addNote({ text: `note ${i}` });
    await settle();
    expect(store.getState().log.some((e) => e.kind === 'incident.contained')).toBe(false);
    expect(store.getState().contained).toEqual(contained);
    await store.getState().resync();
    expect(store.getState().contained).toEqual(contained);
    store.getState().resetForSession(null);
    expect(store.getState().contained).toBeNull();
  });

  it('shows when the incident log cannot be written, and clears it once the entries are saved', async () => {
    const disk = { failing: false };
    const wrapLogFile = (file: LogFile): LogFile => ({
      ...file,
      write: async (data, position) => {
        if (disk.failing) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return file.write(data, position);
      },
    });
    const { store, bridge } = await consoleOnRehearsal(undefined, { wrapLogFile });
    expect(store.getState().logStatus).toEqual({ state: 'ok' });
    disk.failing = true;
    let isAcknowledged = false;
    const note = bridge.addNote({ text: 'written while the disk is full' }).then((entry) => ((isAcknowledged = true), entry));
    await expect.poll(() => store.getState().logStatus.state, { timeout: 10_000 }).toBe('failing');
    expect(store.getState().logStatus).toMatchObject({ message: expect.stringMatching(/ENOSPC/), queued: expect.any(Number) });
    expect(isAcknowledged).toBe(false);
    disk.failing = false;
    expect((await note).data).toEqual({ text: 'written while the disk is full' });
    await expect.poll(() => store.getState().logStatus, { timeout: 10_000 }).toEqual({ state: 'ok' });
  });
});
