import { describe, expect, it } from 'vitest';
import { UNKNOWN_CONTROLS } from '../model/meeting';
import type { Participant } from '../model/participant';
import type { RosterPatch, RosterSnapshot } from './roster';
import { applyRosterMessage, EMPTY_MIRROR } from './rosterMirror';

const meeting = { id: 'm', providerId: 'rehearsal', title: 'T', status: 'live', locked: false, controls: UNKNOWN_CONTROLS } as const;
const p = (id: string, extra: Partial<Participant> = {}): Participant => ({
  id,
  displayName: id,
  role: 'attendee',
  presence: 'inMeeting',
  joinedAt: 1,
  audio: false,
  video: false,
  sharing: false,
  identity: {},
  alerts: [],
  renamedFrom: [],
  match: { status: 'noList' },
  risk: { score: 0, level: 'none', flags: [] },
  ...extra,
});
const snapshot = (seq: number, sessionId = 's1'): RosterSnapshot => ({
  kind: 'snapshot',
  sessionId,
  seq,
  state: { meeting, participants: [p('a'), p('b')], blockedJoins: [] },
});
const patch = (seq: number, upserts: Participant[], sessionId = 's1'): RosterPatch => ({
  kind: 'patch',
  sessionId,
  seq,
  upserts,
  blocked: [],
});

describe('roster mirror', () => {
  it('starts from a snapshot and applies the next patch', () => {
    const first = applyRosterMessage(EMPTY_MIRROR, snapshot(5));
    const next = applyRosterMessage(first.mirror, patch(6, [p('a', { presence: 'left' }), p('c')]));
    expect(next.status).toBe('applied');
    expect(next.mirror.seq).toBe(6);
    expect([...next.mirror.participants.keys()]).toEqual(['a', 'b', 'c']);
    expect(next.mirror.participants.get('a')?.presence).toBe('left');
    expect(first.mirror.participants.get('a')?.presence).toBe('inMeeting');
  });

  it('ignores a patch it already has (duplicate or out of order)', () => {
    const { mirror } = applyRosterMessage(EMPTY_MIRROR, snapshot(5));
    const again = applyRosterMessage(mirror, patch(5, [p('z')]));
    expect(again.status).toBe('stale');
    expect(again.mirror).toBe(mirror);
  });

  it('reports a gap when a patch is missing, without applying it', () => {
    const { mirror } = applyRosterMessage(EMPTY_MIRROR, snapshot(5));
    const gap = applyRosterMessage(mirror, patch(7, [p('z')]));
    expect(gap.status).toBe('gap');
    expect(gap.mirror.participants.has('z')).toBe(false);
  });

  it('reports a gap for patches of another session or before any snapshot', () => {
    expect(applyRosterMessage(EMPTY_MIRROR, patch(1, [])).status).toBe('gap');
    const { mirror } = applyRosterMessage(EMPTY_MIRROR, snapshot(5));
    expect(applyRosterMessage(mirror, patch(6, [], 's2')).status).toBe('gap');
  });

  it('recovers from a gap with a fresh snapshot, and ignores an older snapshot', () => {
    const { mirror } = applyRosterMessage(EMPTY_MIRROR, snapshot(5));
    const fresh = applyRosterMessage(mirror, snapshot(9));
    expect(fresh).toMatchObject({ status: 'applied', mirror: { seq: 9 } });
    expect(applyRosterMessage(fresh.mirror, snapshot(8)).status).toBe('stale');
    expect(applyRosterMessage(fresh.mirror, snapshot(1, 's2')).status).toBe('applied');
  });
});
