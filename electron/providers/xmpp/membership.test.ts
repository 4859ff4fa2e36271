import { describe, expect, it } from 'vitest';
import { planMembership, unkeptNote } from './membership';
import type { Occupant } from './occupants';

const occupant = (nick: string, extra: Partial<Occupant> = {}): Occupant => ({
  nick,
  id: `n-${nick}`,
  role: 'participant',
  affiliation: 'none',
  isSelf: false,
  ...extra,
});

describe('who is made a member before a members-only switch', () => {
  it('grants every present non-member once per address, and skips Hostdeck, the affiliated and anyone leaving', () => {
    const occupants = [
      occupant('Moderator', { isSelf: true, affiliation: 'owner', jid: 'mod@localhost/a' }),
      occupant('Alice', { jid: 'Alice@Localhost/phone' }),
      occupant('Alice (laptop)', { jid: 'alice@localhost/laptop' }),
      occupant('Bob', { jid: 'bob@localhost/x', affiliation: 'member' }),
      occupant('Admin', { jid: 'admin@localhost/x', affiliation: 'admin', role: 'moderator' }),
      occupant('Guest', { jid: 'g1@guest.localhost/r' }),
      occupant('Intruder', { jid: 'g2@guest.localhost/r' }),
      occupant('Outcast', { jid: 'g3@guest.localhost/r', affiliation: 'outcast' }),
    ];
    const plan = planMembership(occupants, (o) => o.nick === 'Intruder');
    expect(plan.grant.map((g) => [g.jid, g.occupant.nick])).toEqual([
      ['alice@localhost', 'Alice'],
      ['g1@guest.localhost', 'Guest'],
    ]);
    expect(plan.hidden).toEqual([]);
  });

  it('lists those whose real address the room hides, unless they are leaving anyway', () => {
    const plan = planMembership([occupant('Hidden'), occupant('Hidden intruder'), occupant('Shown', { jid: 'a@b/c' })], (o) =>
      o.nick.includes('intruder'),
    );
    expect(plan.hidden.map((o) => o.nick)).toEqual(['Hidden']);
    expect(plan.grant.map((g) => g.jid)).toEqual(['a@b']);
  });
});

describe('the note for participants who could not be kept', () => {
  it('is absent when everyone who should stay was kept', () => {
    expect(unkeptNote([], [])).toBeUndefined();
  });

  it('names those with hidden addresses and those the server refused, with the first refusal', () => {
    const note = unkeptNote(['Dewi'], [{ nick: 'Budi', why: 'Keeping Budi in the room: not-allowed' }]);
    expect(note).toBe(
      '1 present participant(s) could not be kept in the room: the room does not show Hostdeck their real address, so they could not be ' +
        'made members, and the server removes non-members when the room becomes members-only: “Dewi”. The server refused to make 1 ' +
        'present participant(s) members, so it removes them as the room becomes members-only: “Budi” (first refusal: Keeping Budi in ' +
        'the room: not-allowed).',
    );
  });

  it('lists at most ten names and counts the rest, each name cut to 60 characters', () => {
    const nicks = Array.from({ length: 13 }, (_, i) => `${'x'.repeat(70)}${i}`);
    const note = unkeptNote(nicks, []) ?? '';
    expect(note).toContain(`“${'x'.repeat(60)}” and 3 more.`);
    expect(note.match(/“/g)).toHaveLength(10);
    expect(note.length).toBeLessThan(2000);
  });
});
