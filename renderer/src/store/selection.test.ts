import { afterEach, describe, expect, it } from 'vitest';
import { advance, createTestHost, settle } from '../../../electron/host/testing';
import type { Participant } from '../../../shared/model/participant';
import { createHostBridge } from '../testing/hostBridge';
import { connectStore, createAppStore } from './index';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The console's store on a real host playing the intrusion drill, `playMs` in. */
async function console(playMs = 0) {
  const t = createTestHost();
  cleanup = t.cleanup;
  const bridge = createHostBridge(t.host);
  const store = createAppStore(bridge);
  connectStore(store, bridge);
  await settle();
  await store.getState().startRehearsal({ scenarioId: 'intrusion', timeScale: 1, startAt: 'beforeIntrusion', seed: 4 });
  if (playMs > 0) await advance(t.scheduler, playMs, 30_000);
  await settle();
  const present = () => [...store.getState().roster.participants.values()].filter((p) => p.presence === 'inMeeting');
  return { ...t, store, present };
}

const ticked = (store: Awaited<ReturnType<typeof console>>['store']) => [...store.getState().selected].sort();

describe('selection', () => {
  it('ticks and unticks one at a time, each becoming the anchor', async () => {
    const { store } = await console();
    const s = store.getState();
    s.toggleSelected('b');
    s.toggleSelected('d');
    expect(ticked(store)).toEqual(['b', 'd']);
    expect(store.getState().selectionAnchor).toBe('d');
    store.getState().toggleSelected('b');
    expect(ticked(store)).toEqual(['d']);
    expect(store.getState().selectionAnchor).toBe('b');
  });

  it('ticks a range from the anchor in the order shown, in either direction, keeping earlier ticks', async () => {
    const { store } = await console();
    const order = ['a', 'b', 'c', 'd', 'e', 'f'];
    store.getState().toggleSelected('f');
    store.getState().toggleSelected('b');
    store.getState().selectRange(order, 'd');
    expect(ticked(store)).toEqual(['b', 'c', 'd', 'f']);
    expect(store.getState().selectionAnchor).toBe('b');
    store.getState().selectRange(order, 'a');
    expect(ticked(store)).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('ticks only the row itself when there is no anchor or the anchor is not shown', async () => {
    const { store } = await console();
    store.getState().selectRange(['a', 'b', 'c'], 'b');
    expect(ticked(store)).toEqual(['b']);
    expect(store.getState().selectionAnchor).toBe('b');
    store.getState().setSelected([]);
    expect(store.getState().selectionAnchor).toBeNull();
    store.getState().toggleSelected('z');
    store.getState().selectRange(['a', 'b', 'c'], 'c');
    expect(ticked(store)).toEqual(['c', 'z']);
  });
});

describe('bulk actions against the rehearsal platform', () => {
  it('ejects the ticked participants and nobody else, skipping anyone who already left, then clears the ticks', async () => {
    const { store, scheduler, present } = await console(90_000);
    const [first, second, bystander] = present().filter((p) => p.role === 'attendee');
    expect(bystander).toBeDefined();
    const gone = [...store.getState().roster.participants.values()].find((p) => p.presence === 'left');
    expect(gone, 'someone in the drill has left by now').toBeDefined();
    for (const p of [first, second, gone]) if (p) store.getState().toggleSelected(p.id);

    const outcomes = await store.getState().runOnSelected('eject');
    expect(outcomes.map((o) => o.participantId).sort()).toEqual([first?.id, second?.id].sort());
    expect(store.getState().selected.size).toBe(0);
    await advance(scheduler, 2_000);
    await settle();
    const after = store.getState().roster.participants;
    for (const p of [first, second]) expect(after.get(p?.id ?? '')).toMatchObject({ presence: 'left', leaveReason: 'ejected' });
    expect(after.get(bystander?.id ?? '')?.presence).toBe('inMeeting');
    for (const o of outcomes) expect(store.getState().actions.get(o.actionId)?.status).toBe('confirmed');
  });

  it('ejects every flagged participant present, and leaves the rest', async () => {
    const { store, scheduler, present } = await console(90_000);
    const flagged = present().filter((p) => p.risk.level === 'flagged');
    expect(flagged.length).toBeGreaterThanOrEqual(2);
    const others = present().filter((p) => p.risk.level !== 'flagged');

    const outcomes = await store.getState().ejectAllFlagged();
    expect(outcomes.map((o) => o.participantId).sort()).toEqual(flagged.map((p) => p.id).sort());
    expect(outcomes.every((o) => o.kind === 'eject')).toBe(true);
    await advance(scheduler, 3_000);
    await settle();
    const after = store.getState().roster.participants;
    for (const p of flagged) expect(after.get(p.id)?.presence, p.displayName).toBe('left');
    for (const p of others) expect(after.get(p.id)?.presence, p.displayName).not.toBe('left');
  });

  it('stops the screen share of every ticked sharer', async () => {
    const { store, scheduler } = await console(90_000);
    let sharers: Participant[] = [];
    for (let i = 0; i < 12 && sharers.length === 0; i++) {
      sharers = [...store.getState().roster.participants.values()].filter((p) => p.sharing && p.presence === 'inMeeting');
      if (sharers.length === 0) {
        await advance(scheduler, 5_000);
        await settle();
      }
    }
    expect(sharers.length).toBeGreaterThan(0);
    store.getState().setSelected(sharers.map((p) => p.id));

    const outcomes = await store.getState().runOnSelected('stopShare');
    expect(outcomes).toHaveLength(sharers.length);
    await advance(scheduler, 1_000);
    await settle();
    for (const o of outcomes) expect(store.getState().actions.get(o.actionId)).toMatchObject({ kind: 'stopShare', status: 'confirmed' });
    for (const p of sharers) expect(store.getState().roster.participants.get(p.id)?.sharing, p.displayName).toBe(false);
  });
});
