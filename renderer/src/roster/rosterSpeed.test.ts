import { describe, expect, it } from 'vitest';
import { ParticipantTable } from '../../../shared/contract/participantTable';
import { participant } from '../../../shared/incident/report/testing/logBuilder';
import type { Participant } from '../../../shared/model/participant';
import type { RiskLevel } from '../../../shared/model/risk';
import { selectRows, tallyRoster } from './rosterView';

/** A deterministic crowd: mostly people without risk, some watched or flagged, some left or waiting, some sharing a join time. */
function crowd(size: number, seed = 1): Participant[] {
  let x = seed;
  const rand = (): number => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: size }, (_, i) => {
    const roll = rand();
    const level: RiskLevel = roll < 0.05 ? 'flagged' : roll < 0.1 ? 'watch' : 'none';
    const score = level === 'none' ? (rand() < 0.2 ? Math.floor(rand() * 20) : 0) : Math.floor(rand() * 100);
    const presence = rand() < 0.1 ? 'left' : rand() < 0.1 ? 'waiting' : 'inMeeting';
    return participant(`p${i}`, `Person ${i}`, 1_000 + Math.floor(i / 3) * 10, {
      presence,
      role: i === 0 ? 'host' : 'attendee',
      risk: { score, level, flags: [] },
      match: { status: rand() < 0.1 ? 'unknown' : rand() < 0.05 ? 'impostor' : 'noList' } as Participant['match'],
    });
  });
}

const query = { filters: new Set<never>(), sort: 'risk' as const, search: '' };

describe('roster at webinar scale', () => {
  it('sorts by risk exactly as the plain rule says: rank first, then the newest, for every participant', () => {
    const people = crowd(5_000);
    const rank = (p: Participant): number => ({ flagged: 0, watch: 1, none: 2 })[p.risk.level] * 1000 - p.risk.score;
    const expected = [...people].sort((a, b) => rank(a) - rank(b) || b.joinedAt - a.joinedAt).map((p) => p.joinedAt + ':' + rank(p));
    const rows = selectRows(people, query);
    expect(rows).toHaveLength(people.length);
    expect(new Set(rows.map((p) => p.id)).size).toBe(people.length);
    expect(rows.map((p) => p.joinedAt + ':' + rank(p))).toEqual(expected);
    expect(rows[0]?.risk.level).toBe('flagged');
    expect(rows.at(-1)?.risk).toMatchObject({ level: 'none', score: 0 });
  });

  it('tallies presence, flags and matches once per roster version', () => {
    const people = crowd(2_000, 9);
    const map = ParticipantTable.from(people);
    const present = people.filter((p) => p.presence !== 'left');
    const tally = tallyRoster(map);
    expect(tally).toEqual({
      inMeeting: people.filter((p) => p.presence === 'inMeeting').length,
      waiting: people.filter((p) => p.presence === 'waiting').length,
      left: people.filter((p) => p.presence === 'left').length,
      flagged: present.filter((p) => p.risk.level === 'flagged').length,
      flaggedGuests: present.filter((p) => p.risk.level === 'flagged' && p.role !== 'host').length,
      impostors: present.filter((p) => p.match.status === 'impostor').length,
      unknown: present.filter((p) => p.match.status === 'unknown').length,
    });
    expect(tallyRoster(map)).toBe(tally);
    const next = map.withUpserts([participant('new', 'Newcomer', 99_999, { risk: { score: 90, level: 'flagged', flags: [] } })]);
    expect(tallyRoster(next).flagged).toBe(tally.flagged + 1);
  });

  it('selects the same rows from the roster table as from a plain list, as the table changes and the query with it', () => {
    const people = crowd(3_000, 4);
    let table = ParticipantTable.from(people);
    const queries = [
      query,
      { filters: new Set(['inMeeting', 'waiting'] as const), sort: 'risk' as const, search: '' },
      { filters: new Set(['flagged'] as const), sort: 'joinTime' as const, search: '' },
      { filters: new Set<never>(), sort: 'name' as const, search: 'person 1' },
    ];
    for (let round = 0; round < 6; round++) {
      for (const q of queries) expect(selectRows(table, q).map((p) => p.id)).toEqual(selectRows(table.list(), q).map((p) => p.id));
      // A few people change or arrive: most chunks are reused from the cache, the touched ones are not.
      const changed = [people[round * 300]!, people[2_999 - round]!].map((p) => ({
        ...p,
        presence: 'left' as const,
        risk: { score: 80, level: 'flagged' as const, flags: [] },
      }));
      table = table.withUpserts([...changed, participant(`late${round}`, `Late ${round}`, 50_000 + round)]);
    }
    const rows = selectRows(table, query);
    expect(rows.filter((p) => p.id.startsWith('late'))).toHaveLength(6);
    expect(rows.find((p) => p.id === people[0]!.id)?.risk.level).toBe('flagged');
  });
});
