import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../shared/model/participant';
import { NO_LIST_MATCH, NO_RISK, type Risk } from '../../../shared/model/risk';
import { ROSTER_FILTERS, selectRows, type RosterFilter, type RosterQuery } from './rosterView';

function person(id: string, displayName: string, joinedAt: number, extra: Partial<Participant> = {}): Participant {
  return {
    id,
    displayName,
    role: 'attendee',
    presence: 'inMeeting',
    joinedAt,
    audio: false,
    video: false,
    sharing: false,
    identity: { email: `${id}@kpu.example.id` },
    alerts: [],
    renamedFrom: [],
    match: NO_LIST_MATCH,
    risk: NO_RISK,
    ...extra,
  };
}
const risk = (level: Risk['level'], score: number): Risk => ({ level, score, flags: [] });

/** A small meeting with one participant standing out on each filter. */
const roster: Participant[] = [
  person('siti', 'Siti Rahmawati', 3_000, { audio: true }),
  person('andre', 'André Wijaya', 1_000, { video: true }),
  person('zaki', 'zaki', 2_000, { presence: 'waiting', identity: {} }),
  person('budi', 'Budi Santoso', 5_000, { presence: 'left', leftAt: 6_000, leaveReason: 'ejected' }),
  person('x1', 'qq_8fk2m', 7_000, { risk: risk('flagged', 6), audio: true, video: true, identity: {} }),
  person('x2', 'Dr. Ratna Sari', 8_000, {
    risk: risk('flagged', 4),
    match: { status: 'impostor', expectedId: 'a1', expectedName: 'Dr. Ratna Sari', basis: 'alreadyPresent' },
  }),
  person('w', 'Joko 10', 4_000, {
    risk: risk('watch', 2),
    sharing: true,
    identity: { email: 'joko@kpu.example.id', organisation: 'Dinas Komunikasi' },
  }),
  person('r', 'Wati', 6_500, { renamedFrom: ['Ñoño Pérez'] }),
];

const query = (q: Partial<{ filters: RosterFilter[]; sort: RosterQuery['sort']; search: string }> = {}): RosterQuery => ({
  filters: new Set(q.filters ?? []),
  sort: q.sort ?? 'joinTime',
  search: q.search ?? '',
});
const ids = (q: Parameters<typeof query>[0]) => selectRows(roster, query(q)).map((p) => p.id);

describe('selectRows: sorting', () => {
  it('by join time, earliest first', () => {
    expect(ids({ sort: 'joinTime' })).toEqual(['andre', 'zaki', 'siti', 'w', 'budi', 'r', 'x1', 'x2']);
  });

  it('by name, ignoring case and accents, numbers in numeric order', () => {
    expect(ids({ sort: 'name' })).toEqual(['andre', 'budi', 'x2', 'w', 'x1', 'siti', 'r', 'zaki']);
    const numbered = [person('a', 'Peserta 10', 1), person('b', 'peserta 9', 2), person('c', 'Peserta 100', 3)];
    expect(selectRows(numbered, query({ sort: 'name' })).map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });

  it('by risk: flagged first, higher score first, then watch, then the rest latest arrival first', () => {
    expect(ids({ sort: 'risk' })).toEqual(['x1', 'x2', 'w', 'r', 'budi', 'siti', 'zaki', 'andre']);
    const tie = [person('early', 'A', 1_000, { risk: risk('flagged', 4) }), person('late', 'B', 9_000, { risk: risk('flagged', 4) })];
    expect(selectRows(tie, query({ sort: 'risk' })).map((p) => p.id)).toEqual(['late', 'early']);
  });

  it('does not reorder the caller’s list', () => {
    const before = roster.map((p) => p.id);
    selectRows(roster, query({ sort: 'name' }));
    expect(roster.map((p) => p.id)).toEqual(before);
  });
});

describe('selectRows: filters', () => {
  const cases: [RosterFilter, string[]][] = [
    ['inMeeting', ['andre', 'siti', 'w', 'r', 'x1', 'x2']],
    ['waiting', ['zaki']],
    ['left', ['budi']],
    ['flagged', ['x1', 'x2']],
    ['audio', ['siti', 'x1']],
    ['video', ['andre', 'x1']],
    ['sharing', ['w']],
    // No identity and no list, or an impostor suspect: the people nobody can vouch for.
    ['unknown', ['zaki', 'x1', 'x2']],
  ];
  it.each(cases)('%s', (filter, expected) => {
    expect(ids({ filters: [filter] })).toEqual(expected);
  });

  it('covers every filter the toolbar offers', () => {
    expect(cases.map(([f]) => f).sort()).toEqual([...ROSTER_FILTERS].sort());
  });

  it('combines presence filters with OR and the others with AND', () => {
    expect(ids({ filters: ['waiting', 'left'] })).toEqual(['zaki', 'budi']);
    expect(ids({ filters: ['flagged', 'audio'] })).toEqual(['x1']);
    expect(ids({ filters: ['inMeeting', 'waiting', 'unknown'] })).toEqual(['zaki', 'x1', 'x2']);
    expect(ids({ filters: ['left', 'flagged'] })).toEqual([]);
  });

  it('unknown also covers someone not on a loaded list, but not an expected person', () => {
    const listed = [
      person('u', 'Hendra', 1, { match: { status: 'unknown' } }),
      person('e', 'Agus Salim', 2, { identity: {}, match: { status: 'expected', expectedId: 'a3', basis: 'name' } }),
    ];
    expect(selectRows(listed, query({ filters: ['unknown'] })).map((p) => p.id)).toEqual(['u']);
  });
});

describe('selectRows: search', () => {
  it('ignores case and diacritics both ways', () => {
    expect(ids({ search: 'ANDRE' })).toEqual(['andre']);
    expect(ids({ search: 'andré' })).toEqual(['andre']);
    expect(ids({ search: 'rahmawatí' })).toEqual(['siti']);
  });

  it('finds people by email, organisation and earlier names, and ignores surrounding spaces', () => {
    expect(ids({ search: 'budi@kpu' })).toEqual(['budi']);
    expect(ids({ search: 'dinas komunikasi' })).toEqual(['w']);
    expect(ids({ search: '  nono perez ' })).toEqual(['r']);
  });

  it('narrows the filtered rows and keeps the sort', () => {
    expect(ids({ search: 'a', filters: ['flagged'], sort: 'risk' })).toEqual(['x2']);
    expect(ids({ search: 'sa', sort: 'name' })).toEqual(['budi', 'x2']);
    expect(ids({ search: 'sa', sort: 'risk' })).toEqual(['x2', 'budi']);
    expect(ids({ search: 'nobody here' })).toEqual([]);
  });
});
