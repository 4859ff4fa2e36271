import { describe, expect, it } from 'vitest';
import { diffRoster, type RosterEntry } from './roster';
import type { WebexParticipant } from './schemas';

const NOW = Date.UTC(2026, 10, 26, 9, 30);
const person = (id: string, extra: Partial<WebexParticipant> = {}): WebexParticipant => ({
  id,
  displayName: id.toUpperCase(),
  state: 'joined',
  muted: false,
  video: 'off',
  joinedTime: '2026-11-26T09:05:00Z',
  ...extra,
});
const none = { expelled: new Set<string>(), meetingEnded: false, initial: false };

describe('Webex roster diffing', () => {
  it('first read: everyone joins at the time Webex gives; lobby arrivals wait; a 1970 placeholder is no time', () => {
    const { roster, events } = diffRoster(
      new Map(),
      [person('a'), person('b', { state: 'lobby', joinedTime: '1970-01-01T00:00:00Z' }), person('c', { state: 'end' })],
      NOW,
      { ...none, initial: true },
    );
    expect([...roster.keys()]).toEqual(['a', 'b']);
    expect(events).toEqual([
      { type: 'joined', at: Date.UTC(2026, 10, 26, 9, 5), participant: expect.objectContaining({ id: 'a', presence: 'inMeeting' }) },
      { type: 'joined', at: NOW, participant: expect.objectContaining({ id: 'b', presence: 'waiting' }) },
    ]);
  });

  it('later reads: joins, changes (admitted, muted, video, renamed) and leaves, all at poll time', () => {
    const before = diffRoster(new Map(), [person('a'), person('b', { state: 'lobby' }), person('c')], NOW, none).roster;
    const { events } = diffRoster(
      before,
      [
        person('a', { muted: true, video: 'on', displayName: 'A (renamed)' }),
        person('b', { state: 'joined' }),
        person('d', { joinedTime: '2026-11-26T09:29:00Z' }),
      ],
      NOW + 2000,
      none,
    );
    expect(events).toEqual([
      { type: 'updated', at: NOW + 2000, participantId: 'a', changes: { displayName: 'A (renamed)', audio: false, video: true } },
      { type: 'updated', at: NOW + 2000, participantId: 'b', changes: { presence: 'inMeeting' } },
      { type: 'joined', at: NOW + 2000, participant: expect.objectContaining({ id: 'd' }) },
      { type: 'left', at: NOW + 2000, participantId: 'c', displayName: 'C', reason: 'left' },
    ]);
  });

  it('someone this session expelled leaves as ejected, whether listed as ended or gone from the list', () => {
    const before = diffRoster(new Map(), [person('a'), person('b'), person('c')], NOW, none).roster;
    const { events } = diffRoster(before, [person('a', { state: 'end' }), person('c')], NOW + 1, {
      ...none,
      expelled: new Set(['a', 'b']),
    });
    expect(events.map((e) => (e.type === 'left' ? [e.participantId, e.reason] : e.type))).toEqual([
      ['a', 'ejected'],
      ['b', 'ejected'],
    ]);
  });

  it('a participant seen on two pages of one read is reported once', () => {
    const { roster, events } = diffRoster(new Map(), [person('a'), person('b'), person('b'), person('c')], NOW, none);
    expect(roster.size).toBe(3);
    expect(events.filter((e) => e.type === 'joined')).toHaveLength(3);
  });

  it('maps roles, identity and media from the Webex fields', () => {
    const { roster } = diffRoster(
      new Map<string, RosterEntry>(),
      [
        person('h', { host: true, email: 'host@example.org', orgId: 'org-1', devices: [{ deviceType: 'webex_meeting_center_mac' }] }),
        person('k', { coHost: true, muted: undefined }),
      ],
      NOW,
      none,
    );
    expect(roster.get('h')).toMatchObject({
      role: 'host',
      audio: true,
      identity: { email: 'host@example.org', organisation: 'org-1', client: 'webex_meeting_center_mac' },
    });
    expect(roster.get('k')).toMatchObject({ role: 'cohost', audio: false, sharing: false });
  });
});
