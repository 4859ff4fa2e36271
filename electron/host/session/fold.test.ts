import { describe, expect, it } from 'vitest';
import { UNKNOWN_CONTROLS, type Meeting } from '../../../shared/model/meeting';
import type { JoiningParticipant, ProviderEvent } from '../provider';
import { createFoldState, foldEvent, type FoldState } from './fold';

const meeting: Meeting = {
  id: 'm1',
  providerId: 'rehearsal',
  title: 'Webinar',
  status: 'live',
  locked: false,
  controls: UNKNOWN_CONTROLS,
  startedAt: 0,
};

function person(id: string, displayName = `Name ${id}`): JoiningParticipant {
  return { id, displayName, role: 'attendee', presence: 'inMeeting', audio: false, video: false, sharing: false, identity: {}, alerts: [] };
}

function foldAll(state: FoldState, events: ProviderEvent[]): string[] {
  return events.flatMap((e) => foldEvent(state, e).log.map((l) => l.kind));
}

describe('foldEvent', () => {
  it('adds joins and marks leaves, keeping people who left as history', () => {
    const state = createFoldState(meeting);
    const kinds = foldAll(state, [
      { type: 'joined', at: 10, participant: person('a') },
      { type: 'joined', at: 20, participant: person('b') },
      { type: 'left', at: 30, participantId: 'a', reason: 'ejected' },
    ]);
    expect(kinds).toEqual(['participant.joined', 'participant.joined', 'participant.left']);
    expect(state.participants.get('a')?.participant).toMatchObject({ presence: 'left', leftAt: 30, leaveReason: 'ejected', joinedAt: 10 });
    expect(state.participants.get('b')?.participant.presence).toBe('inMeeting');
  });

  it('drops an event delivered twice with the same id', () => {
    const state = createFoldState(meeting);
    const join: ProviderEvent = { type: 'joined', at: 10, participant: person('a'), eventId: 'e1' };
    expect(foldEvent(state, join).upserts).toHaveLength(1);
    const again = foldEvent(state, join);
    expect(again.upserts).toHaveLength(0);
    expect(again.log).toHaveLength(0);
  });

  it('treats a repeated join of someone present as an update, not a second join', () => {
    const state = createFoldState(meeting);
    foldEvent(state, { type: 'joined', at: 10, participant: person('a') });
    const result = foldEvent(state, { type: 'joined', at: 12, participant: { ...person('a'), video: true } });
    expect(result.log.map((l) => l.kind)).toEqual(['participant.updated']);
    expect(state.participants.size).toBe(1);
    expect(state.participants.get('a')?.participant.video).toBe(true);
  });

  it('ignores a join that arrives after the newer leave, but keeps the identity it adds', () => {
    const state = createFoldState(meeting);
    foldEvent(state, { type: 'left', at: 50, participantId: 'a', displayName: 'Intruder', reason: 'ejected' });
    const late = foldEvent(state, { type: 'joined', at: 40, participant: { ...person('a', 'Intruder'), identity: { ip: '203.0.113.9' } } });
    expect(late.log).toHaveLength(0);
    const p = state.participants.get('a')?.participant;
    expect(p?.presence).toBe('left');
    expect(p?.identity.ip).toBe('203.0.113.9');
  });

  it('ignores stale updates and applies newer ones', () => {
    const state = createFoldState(meeting);
    foldEvent(state, { type: 'joined', at: 10, participant: person('a') });
    foldEvent(state, { type: 'updated', at: 30, participantId: 'a', changes: { audio: true } });
    const stale = foldEvent(state, { type: 'updated', at: 20, participantId: 'a', changes: { audio: false } });
    expect(stale.upserts).toHaveLength(0);
    expect(state.participants.get('a')?.participant.audio).toBe(true);
  });

  it('holds an update for someone not yet seen and applies it when the join arrives', () => {
    const state = createFoldState(meeting);
    expect(foldEvent(state, { type: 'updated', at: 15, participantId: 'a', changes: { sharing: true } }).upserts).toHaveLength(0);
    const join = foldEvent(state, { type: 'joined', at: 10, participant: person('a') });
    expect(join.log.map((l) => l.kind)).toEqual(['participant.joined', 'participant.updated']);
    expect(state.participants.get('a')?.participant.sharing).toBe(true);
  });

  it('records renames with the old and the new name', () => {
    const state = createFoldState(meeting);
    foldEvent(state, { type: 'joined', at: 10, participant: person('a', 'xx_k2') });
    const result = foldEvent(state, { type: 'updated', at: 11, participantId: 'a', changes: { displayName: 'Budi Santoso' } });
    expect(result.log[0]).toMatchObject({
      kind: 'participant.updated',
      data: { changes: { displayName: { from: 'xx_k2', to: 'Budi Santoso' } } },
    });
  });

  it('lets a participant who left join again', () => {
    const state = createFoldState(meeting);
    foldAll(state, [
      { type: 'joined', at: 10, participant: person('a') },
      { type: 'left', at: 20, participantId: 'a', reason: 'left' },
    ]);
    const back = foldEvent(state, { type: 'joined', at: 30, participant: person('a') });
    expect(back.log.map((l) => l.kind)).toEqual(['participant.joined']);
    expect(state.participants.get('a')?.participant).toMatchObject({ presence: 'inMeeting', joinedAt: 30 });
    expect(state.participants.get('a')?.participant.leftAt).toBeUndefined();
  });

  it('logs lock, unlock and end from meeting events, and an ended meeting stays ended', () => {
    const state = createFoldState(meeting);
    foldEvent(state, { type: 'joined', at: 10, participant: person('a') });
    const kinds = foldAll(state, [
      { type: 'meeting', at: 20, meeting: { ...meeting, locked: true } },
      { type: 'meeting', at: 25, meeting: { ...meeting, locked: false } },
      { type: 'ended', at: 30 },
      { type: 'meeting', at: 40, meeting: { ...meeting, status: 'live' } },
    ]);
    expect(kinds).toEqual(['meeting.locked', 'meeting.unlocked', 'participant.left', 'meeting.ended']);
    expect(state.meeting.status).toBe('ended');
    expect(state.participants.get('a')?.participant.leaveReason).toBe('meetingEnded');
  });

  it('cuts a 5,000-character display name and says how much was cut', () => {
    const state = createFoldState(meeting);
    foldEvent(state, { type: 'joined', at: 10, participant: person('a', 'A'.repeat(5000)) });
    const name = state.participants.get('a')?.participant.displayName ?? '';
    expect(name.length).toBeLessThan(1100);
    expect(name.endsWith('…[+4000 chars]')).toBe(true);
  });

  it('appends blocked join attempts in order', () => {
    const state = createFoldState(meeting);
    const attempt = { id: 'b1', displayName: 'Again', at: 5, identity: {}, reason: 'locked' as const };
    const result = foldEvent(state, { type: 'blocked', attempt });
    expect(result.blocked).toEqual([attempt]);
    expect(result.log).toEqual([{ kind: 'join.blocked', data: { attempt } }]);
    expect(state.blockedJoins).toHaveLength(1);
  });
});
