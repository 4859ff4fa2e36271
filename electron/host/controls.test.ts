import { afterEach, describe, expect, it } from 'vitest';
import { advance, rehearsalUnderway } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function underway(scenario = 'intrusion', options: Record<string, unknown> = {}) {
  const t = await rehearsalUnderway(scenario, options);
  cleanup = t.cleanup;
  return t;
}

describe('every control on the rehearsal platform', () => {
  it('flags the intruders with their reasons, and no invited official', async () => {
    const { participants, intruders } = await underway();
    const everyone = await participants();
    for (const p of intruders) {
      expect(p.risk.level, p.displayName).toBe('flagged');
      expect(p.risk.flags.map((f) => f.signal)).toContain('platformAlert');
    }
    const officials = everyone.filter((p) => p.identity.email && p.role !== 'host');
    expect(officials.length).toBeGreaterThan(30);
    expect(officials.filter((p) => p.risk.level === 'flagged').map((p) => p.displayName)).toEqual([]);
    const hostImitation = everyone.find((p) => p.role !== 'host' && p.displayName.startsWith('Moderator KPU'));
    if (hostImitation) expect(hostImitation.risk.flags.map((f) => f.signal)).toContain('imitatesHost');
  });

  it('mutes with unmuting prevented: intruders stay muted; after allowing it they come back', async () => {
    const { run, participants, scheduler, intruders } = await underway();
    expect(intruders.some((p) => p.audio)).toBe(true);
    expect(await run({ kind: 'muteAll', preventUnmute: true })).toMatchObject({ status: 'confirmed' });
    await advance(scheduler, 30_000, 5_000);
    expect((await participants()).filter((p) => p.presence === 'inMeeting' && p.role !== 'host' && p.audio)).toEqual([]);
    await run({ kind: 'setAllowUnmute', allowed: true });
    await run({ kind: 'mute', participantId: intruders[0]!.id });
    await advance(scheduler, 20_000, 5_000);
    expect((await participants()).find((p) => p.id === intruders[0]!.id)?.audio).toBe(true);
  });

  it('holds newcomers in the waiting room, admits one and denies the rest', async () => {
    const { run, participants, scheduler, intruders } = await underway('intrusion', { rejoinDelayMs: 5_000 });
    await run({ kind: 'setWaitingRoom', enabled: true });
    for (const p of intruders) await run({ kind: 'eject', participantId: p.id }, 10);
    await advance(scheduler, 6_000, 1_000);
    const waiting = (await participants()).filter((p) => p.presence === 'waiting');
    expect(waiting.length).toBe(intruders.length);
    expect(await run({ kind: 'admit', participantId: waiting[0]!.id })).toMatchObject({ status: 'confirmed' });
    expect(await run({ kind: 'denyAll' })).toMatchObject({ status: 'confirmed' });
    const after = await participants();
    expect(after.find((p) => p.id === waiting[0]!.id)?.presence).toBe('inMeeting');
    expect(after.filter((p) => p.presence === 'waiting')).toEqual([]);
    expect(await run({ kind: 'admit', participantId: waiting[0]!.id })).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/not in the waiting room/),
    });
  });

  it('bans: a banned intruder is turned away when they try to come back', async () => {
    const { run, host, scheduler, intruders } = await underway('intrusion', { rejoinDelayMs: 5_000 });
    await run({ kind: 'ban', participantId: intruders[0]!.id });
    await advance(scheduler, 6_000, 1_000);
    const blocked = (await host.commands.getSnapshot({}))?.state.blockedJoins ?? [];
    expect(blocked).toEqual([expect.objectContaining({ displayName: intruders[0]!.displayName, reason: 'banned' })]);
  });

  it('suspends all activity in one action and restores exactly the captured state', async () => {
    const { run, meeting, participants, host } = await underway();
    await run({ kind: 'setChat', enabled: false }); // already off before the suspend: restore must leave it off
    const before = await meeting();
    const suspend = await run({ kind: 'suspendAll' }, 300);
    expect(suspend).toMatchObject({ status: 'confirmed', plan: { name: 'Suspend all activity' } });
    expect(suspend.plan?.steps.every((s) => s.status === 'confirmed')).toBe(true);
    expect(suspend.children).toHaveLength(6);
    const suspended = await meeting();
    expect(suspended).toMatchObject({
      locked: true,
      controls: { waitingRoom: true, allowUnmute: false, allowVideo: false, allowShare: false, chatEnabled: false },
    });
    expect(
      (await participants()).filter((p) => p.role !== 'host' && p.presence === 'inMeeting' && (p.audio || p.video || p.sharing)),
    ).toEqual([]);
    const restore = await run({ kind: 'restore' }, 300);
    expect(restore).toMatchObject({ status: 'confirmed' });
    const restored = await meeting();
    expect({ locked: restored?.locked, controls: restored?.controls }).toEqual({ locked: before?.locked, controls: before?.controls });
    const log = await host.commands.getLogTail({ limit: 5000 });
    expect(log.find((e) => e.kind === 'controls.captured')).toMatchObject({
      data: { controls: { locked: false, chatEnabled: false, waitingRoom: false } },
    });
    expect(log.filter((e) => e.kind === 'plan.finished').map((e) => e.data.status)).toEqual(['confirmed', 'confirmed']);
    expect(await run({ kind: 'restore' })).toMatchObject({ status: 'failed', reason: expect.stringMatching(/Nothing to restore/) });
  });

  it('on a restricted platform, refuses what the API cannot do with the reason, and skips it in Suspend', async () => {
    const { run, intruders, host } = await underway('restricted');
    const info = (await host.commands.getOverview({})).session;
    expect(info?.capabilities.eject).toMatchObject({ available: false, alternative: 'Lock the meeting, then end it for all.' });
    expect(await run({ kind: 'eject', participantId: intruders[0]!.id })).toMatchObject({
      status: 'failed',
      reason: 'This platform cannot remove participants through its API. Lock the meeting, then end it for all.',
    });
    const suspend = await run({ kind: 'suspendAll' }, 300);
    const steps = Object.fromEntries((suspend.plan?.steps ?? []).map((s) => [s.id, s.status]));
    expect(steps).toEqual({
      lock: 'confirmed',
      waitingRoom: 'confirmed',
      muteAll: 'skipped',
      stopAllVideo: 'skipped',
      stopAllShares: 'skipped',
      disableChat: 'confirmed',
    });
    expect(suspend.status).toBe('confirmed');
    expect(suspend.reason).toMatch(
      /Skipped: muteAll \(This platform cannot mute everyone through its API\. .*By hand: ask the platform host to mute everyone\.\)/,
    );
  });

  it('imports an attendee list and catches an impostor using a real participant’s name', async () => {
    const { host, participants, scheduler } = await underway();
    const everyone = await participants();
    const officials = everyone.filter((p) => p.identity.email);
    const csv = [
      'name,email,organisation',
      ...officials.map((p) => `"${p.displayName}",${p.identity.email},${p.identity.organisation ?? ''}`),
    ].join('\n');
    expect(await host.commands.importAttendees({ csv })).toEqual({ ok: true, count: officials.length });
    await advance(scheduler, 10);
    const after = await participants();
    expect(after.filter((p) => p.identity.email && p.presence !== 'left').every((p) => p.match.status === 'expected')).toBe(true);
    const copies = after.filter((p) => !p.identity.email && officials.some((o) => o.displayName === p.displayName));
    for (const copy of copies) expect(copy.match).toMatchObject({ status: 'impostor' });
    expect(await host.commands.importAttendees({ csv: 'name,email\n,bad' })).toMatchObject({ ok: false });
    expect(await host.commands.getAttendees({})).toHaveLength(officials.length); // a bad file leaves the list as it was
  });

  it('shows a participant’s history: join, flag, and the actions taken on them', async () => {
    const { host, run, intruders } = await underway();
    await run({ kind: 'eject', participantId: intruders[0]!.id });
    const detail = await host.commands.getParticipantDetail({ participantId: intruders[0]!.id });
    expect(detail?.history.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['participant.joined', 'participant.flagged', 'action.requested', 'participant.left', 'action.confirmed']),
    );
  });
});
