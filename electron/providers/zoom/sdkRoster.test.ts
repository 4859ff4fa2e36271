import { describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../../host/provider';
import { SdkRoster } from './sdkRoster';

function setUp() {
  const events: ProviderEvent[] = [];
  return { events, roster: new SdkRoster((e) => events.push(e)) };
}

describe('Meeting SDK events → roster events', () => {
  it('takes a user event as one payload or an array, and someone joining on hold as waiting', () => {
    const { events, roster } = setUp();
    roster.apply('user-added', { userId: 1, displayName: 'Ketua KPU', bHold: true, isGuest: true }, 10);
    roster.apply(
      'user-added',
      [{ userId: 2, userName: 'Kapolda', participantUUID: 'u-2', isCoHost: true, muted: false, audio: 'computer' }],
      11,
    );
    expect(events).toEqual([
      { type: 'joined', at: 10, participant: expect.objectContaining({ id: 'zn-1', presence: 'waiting', role: 'guest', audio: false }) },
      {
        type: 'joined',
        at: 11,
        participant: expect.objectContaining({ id: 'zu-u-2', presence: 'inMeeting', role: 'cohost', audio: true }),
      },
    ]);
    expect(roster.userIdOf('zu-u-2')).toBe(2);
  });

  it('follows a user with a UUID across a waiting-room move and a failover without logging a departure', () => {
    const { events, roster } = setUp();
    roster.apply('user-added', { userId: 5, userName: 'Pangdam', participantUUID: 'u-5' }, 1);
    roster.apply('user-removed', { userId: 5, reason: 'on hold', participantUUID: 'u-5' }, 2);
    roster.apply('user-added', { userId: 9, userName: 'Pangdam', participantUUID: 'u-5', bHold: true, source: 'on hold' }, 3);
    roster.apply('user-removed', { userId: 9, reason: 'failover' }, 4);
    roster.apply('user-added', { userId: 12, userName: 'Pangdam', participantUUID: 'u-5', bHold: true, source: 'failover' }, 5);
    expect(events.map((e) => e.type)).toEqual(['joined', 'updated', 'updated']);
    expect(events[1]).toMatchObject({ participantId: 'zu-u-5', changes: { presence: 'waiting' } });
    expect(roster.userIdOf('zu-u-5')).toBe(12);
  });

  it('logs a departure as ejected only after our own expel, and ignores unknown users', () => {
    const { events, roster } = setUp();
    roster.apply(
      'user-added',
      [
        { userId: 7, userName: 'K3tua KPU' },
        { userId: 8, userName: 'Bawaslu' },
      ],
      1,
    );
    roster.expelling(7);
    roster.apply('user-removed', [{ userId: 7 }, { userId: 8, displayName: 'Bawaslu' }, { userId: 99 }], 2);
    expect(events.filter((e) => e.type === 'left')).toEqual([
      { type: 'left', at: 2, participantId: 'zn-7', reason: 'ejected' },
      { type: 'left', at: 2, participantId: 'zn-8', displayName: 'Bawaslu', reason: 'left' },
    ]);
    expect(roster.userIdOf('zn-7')).toBeUndefined();
  });

  it('reports only what changed in an update, share state included', () => {
    const { events, roster } = setUp();
    roster.apply('user-added', { userId: 3, userName: 'Host', isHost: true }, 1);
    roster.apply('user-updated', { userId: 3, displayName: 'H0st', bVideoOn: true, muted: true }, 2);
    roster.apply('peer-share-state-change', { userId: 3, action: 'Start' }, 3);
    roster.apply('user-updated', { userId: 3 }, 4);
    expect(events.slice(1)).toEqual([
      { type: 'updated', at: 2, participantId: 'zn-3', changes: { displayName: 'H0st', video: true, audio: false } },
      { type: 'updated', at: 3, participantId: 'zn-3', changes: { sharing: true } },
    ]);
  });

  it('reconciles with a full attendee list: missed joins join, vanished users leave, nothing else is said', () => {
    const { events, roster } = setUp();
    roster.apply(
      'user-added',
      [
        { userId: 1, userName: 'A' },
        { userId: 2, userName: 'B' },
      ],
      1,
    );
    roster.reconcile(
      [
        { userId: 1, userName: 'A' },
        { userId: 3, userName: 'C' },
      ],
      2,
    );
    expect(events.slice(2)).toEqual([
      { type: 'left', at: 2, participantId: 'zn-2', reason: 'unknown' },
      { type: 'updated', at: 2, participantId: 'zn-1', changes: { displayName: 'A' } },
      { type: 'joined', at: 2, participant: expect.objectContaining({ id: 'zn-3', displayName: 'C' }) },
    ]);
    expect(roster.userIdOf('zn-2')).toBeUndefined();
    roster.expelling(3);
    roster.reconcile([{ userId: 1, userName: 'A' }], 3);
    expect(events.at(-2)).toEqual({ type: 'left', at: 3, participantId: 'zn-3', reason: 'ejected' });
  });

  it('refuses malformed payloads with the reason, changing nothing', () => {
    const { events, roster } = setUp();
    expect(roster.apply('user-added', [{ userId: -1 }], 1)).toMatchObject({ event: 'user-added', issues: expect.stringMatching(/userId/) });
    expect(roster.apply('peer-share-state-change', { action: 'Start' }, 1)).toMatchObject({ issues: expect.stringMatching(/userId/) });
    expect(events).toEqual([]);
  });
});
