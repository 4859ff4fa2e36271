import { describe, expect, it } from 'vitest';
import { allCapabilities, onlyCapabilities } from '../model/capability';
import { describeStep, retryStep, settleStep, startPlan, validatePlan, type Plan } from './plan';
import { restorePlan, suspendPlan } from './suspend';

const plan: Plan = {
  id: 'contain',
  name: 'Contain',
  steps: [
    { id: 'lock', intent: { kind: 'lock' }, after: [] },
    { id: 'mute', intent: { kind: 'muteAll', preventUnmute: true }, after: [] },
    { id: 'eject', intent: { kind: 'eject', participantId: 'p1' }, after: ['lock'] },
  ],
};

describe('plan engine', () => {
  it('launches independent steps at once and ordered steps after their predecessors settle', () => {
    const start = startPlan(plan, allCapabilities(), 0);
    expect(start.launch.map((s) => s.id)).toEqual(['lock', 'mute']);
    expect(start.state.steps['eject']?.status).toBe('waiting');
    const afterLock = settleStep(plan, start.state, 'lock', { ok: false, reason: '503' }, 40);
    expect(afterLock.launch.map((s) => s.id)).toEqual(['eject']); // ordering, not a requirement
    const afterMute = settleStep(plan, afterLock.state, 'mute', { ok: true }, 50);
    const done = settleStep(plan, afterMute.state, 'eject', { ok: true }, 90);
    expect(done.state).toMatchObject({ status: 'failed', finishedAt: 90 });
    expect(done.state.steps['lock']).toMatchObject({ status: 'failed', reason: '503' });
  });

  it('skips what the platform cannot do, with the reason and the manual fallback', () => {
    const caps = onlyCapabilities(['lock', 'eject'], () => ({ reason: 'No API for this.' }));
    const withFallback: Plan = { ...plan, steps: plan.steps.map((s) => (s.id === 'mute' ? { ...s, byHand: 'ask the host to mute.' } : s)) };
    const start = startPlan(withFallback, caps, 0);
    expect(start.state.steps['mute']).toEqual({
      status: 'skipped',
      reason: 'No API for this.',
      byHand: 'ask the host to mute.',
      settledAt: 0,
    });
    expect(describeStep(start.state.steps['mute'])).toBe('No API for this. By hand: ask the host to mute.');
    expect(describeStep(start.state.steps['lock'])).toBeUndefined();
    expect(start.launch.map((s) => s.id)).toEqual(['lock']);
  });

  it('retries a failed step, and the plan settles confirmed when it succeeds', () => {
    let t = startPlan(plan, allCapabilities(), 0);
    t = settleStep(plan, t.state, 'lock', { ok: true }, 1);
    t = settleStep(plan, t.state, 'mute', { ok: false, reason: 'timeout' }, 2);
    t = settleStep(plan, t.state, 'eject', { ok: true }, 3);
    expect(t.state.status).toBe('failed');
    const retry = retryStep(plan, t.state, 'mute', 4);
    expect(retry.launch.map((s) => s.id)).toEqual(['mute']);
    expect(settleStep(plan, retry.state, 'mute', { ok: true }, 5).state.status).toBe('confirmed');
  });

  it('rejects plans with duplicate steps, unknown references or cycles', () => {
    expect(validatePlan(plan)).toBeUndefined();
    expect(validatePlan({ ...plan, steps: [...plan.steps, plan.steps[0]!] })).toMatch(/twice/);
    expect(validatePlan({ ...plan, steps: [{ id: 'a', intent: { kind: 'lock' }, after: ['zz'] }] })).toMatch(/unknown step/);
    expect(
      validatePlan({
        ...plan,
        steps: [
          { id: 'a', intent: { kind: 'lock' }, after: ['b'] },
          { id: 'b', intent: { kind: 'unlock' }, after: ['a'] },
        ],
      }),
    ).toMatch(/cycle/);
  });
});

describe('suspend and restore plans', () => {
  it('suspends everything at once', () => {
    const suspend = suspendPlan();
    expect(suspend.steps.every((s) => s.after.length === 0)).toBe(true);
    expect(suspend.steps.map((s) => s.intent.kind).sort()).toEqual([
      'lock',
      'muteAll',
      'setChat',
      'setWaitingRoom',
      'stopAllShares',
      'stopAllVideo',
    ]);
  });

  it('restores exactly what was captured, leaving unknown and already-suspended controls alone', () => {
    const restore = restorePlan({
      locked: false,
      waitingRoom: true,
      allowUnmute: true,
      allowVideo: null,
      allowShare: false,
      chatEnabled: true,
    });
    expect(restore.steps.map((s) => s.intent)).toEqual([
      { kind: 'unlock' },
      { kind: 'setAllowUnmute', allowed: true },
      { kind: 'setChat', enabled: true },
    ]);
    expect(
      restorePlan({ locked: true, waitingRoom: true, allowUnmute: false, allowVideo: false, allowShare: false, chatEnabled: false }).steps,
    ).toEqual([]);
  });
});
