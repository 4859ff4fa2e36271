import { describe, expect, it } from 'vitest';
import type { Participant } from '../model/participant';
import { ParticipantTable } from './participantTable';

const person = (id: string, version: number): Participant => ({
  id,
  displayName: `${id} v${version}`,
  role: 'attendee',
  presence: version % 3 === 0 ? 'left' : 'inMeeting',
  joinedAt: version,
  audio: false,
  video: false,
  sharing: false,
  identity: {},
  alerts: [],
  renamedFrom: [],
  match: { status: 'noList' },
  risk: { score: 0, level: 'none', flags: [] },
});

/** Every way to read a table, compared with a plain Map holding the same. */
function expectSame(table: ParticipantTable, model: Map<string, Participant>): void {
  expect(table.size).toBe(model.size);
  expect([...table.keys()]).toEqual([...model.keys()]);
  expect([...table.values()]).toEqual([...model.values()]);
  expect([...table]).toEqual([...model]);
  expect([...table.entries()]).toEqual([...model.entries()]);
  const seen: string[] = [];
  table.forEach((p, id, map) => {
    expect(map).toBe(table);
    expect(p.id).toBe(id);
    seen.push(id);
  });
  expect(seen).toEqual([...model.keys()]);
  for (const [id, p] of model) {
    expect(table.get(id)).toBe(p);
    expect(table.has(id)).toBe(true);
  }
  expect(table.get('nobody')).toBeUndefined();
  expect(table.has('nobody')).toBe(false);
}

describe('participant table', () => {
  it('behaves like an insertion-ordered Map through thousands of joins and updates, across chunk edges', () => {
    let x = 7;
    const rand = (n: number): number => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    let table = ParticipantTable.EMPTY;
    const model = new Map<string, Participant>();
    let next = 0;
    for (let round = 0; round < 200; round++) {
      const batch: Participant[] = [];
      for (let k = rand(40); k >= 0; k--) {
        const id = rand(3) === 0 || model.size === 0 ? `p${next++}` : `p${rand(next)}`;
        batch.push(person(id, round));
      }
      for (const p of batch) model.set(p.id, p);
      table = table.withUpserts(batch);
    }
    expect(model.size).toBeGreaterThan(256 * 2);
    expectSame(table, model);
  });

  it('leaves every earlier version as it was', () => {
    const v1 = ParticipantTable.from(Array.from({ length: 300 }, (_, i) => person(`p${i}`, 1)));
    const v2 = v1.withUpserts([person('p5', 2), person('p299', 2), person('new', 2)]);
    expect(v1.get('p5')?.joinedAt).toBe(1);
    expect(v1.get('p299')?.joinedAt).toBe(1);
    expect(v1.has('new')).toBe(false);
    expect(v1.size).toBe(300);
    expect(v2.get('p5')?.joinedAt).toBe(2);
    expect(v2.get('new')?.joinedAt).toBe(2);
    expect([...v2.keys()].at(-1)).toBe('new');
    expect(v2.withUpserts([])).toBe(v2);
  });

  it('keeps two versions built on the same one apart (a branch)', () => {
    const [a1, b1, c2, d2, d3, a3, e4] = [
      person('a', 1),
      person('b', 1),
      person('c', 2),
      person('d', 2),
      person('d', 3),
      person('a', 3),
      person('e', 4),
    ];
    const map = (...people: Participant[]): Map<string, Participant> => new Map(people.map((p) => [p.id, p]));
    const base = ParticipantTable.from([a1, b1]);
    const left = base.withUpserts([c2, d2]);
    const right = base.withUpserts([d3, a3]);
    expectSame(left, map(a1, b1, c2, d2));
    expectSame(right, map(a3, b1, d3));
    const further = left.withUpserts([e4]);
    expectSame(further, map(a1, b1, c2, d2, e4));
    expectSame(right, map(a3, b1, d3));
    expectSame(right.withUpserts([c2]), map(a3, b1, d3, c2));
    expectSame(left, map(a1, b1, c2, d2));
    expectSame(base, map(a1, b1));
  });
});
