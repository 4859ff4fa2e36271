import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyChain } from './chain';
import { GENESIS_HASH } from './entry';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function chain(count: number): string[] {
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const line = JSON.stringify({ v: 1, seq, kind: 'note', data: { text: `entry ${seq}` }, prev });
    lines.push(line);
    prev = sha(line);
  }
  return lines;
}

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head hash', () => {
    const lines = chain(5);
    expect(verifyChain([...lines, ''], sha)).toEqual({ ok: true, entries: 5, headHash: sha(lines[4] as string), headSeq: 5, recovered: 0 });
  });

  it('finds an edited line', () => {
    const lines = chain(5);
    lines[2] = (lines[2] as string).replace('entry 3', 'entry 3 (edited)');
    expect(verifyChain(lines, sha)).toMatchObject({ ok: false, line: 4 });
  });

  it('finds a deleted line', () => {
    const lines = chain(5);
    lines.splice(1, 1);
    expect(verifyChain(lines, sha)).toMatchObject({ ok: false, line: 2 });
  });

  it('finds an inserted line', () => {
    const lines = chain(5);
    lines.splice(3, 0, JSON.stringify({ v: 1, seq: 4, kind: 'note', data: { text: 'forged' }, prev: sha(lines[2] as string) }));
    expect(verifyChain(lines, sha)).toMatchObject({ ok: false, line: 5 });
  });

  it('finds reordered lines', () => {
    const lines = chain(5);
    [lines[1], lines[2]] = [lines[2] as string, lines[1] as string];
    expect(verifyChain(lines, sha)).toMatchObject({ ok: false, line: 2 });
  });

  it('finds a torn last line', () => {
    const lines = chain(3);
    lines[2] = (lines[2] as string).slice(0, 20);
    expect(verifyChain(lines, sha)).toMatchObject({ ok: false, line: 3, problem: expect.stringMatching(/cut short/) });
  });

  it('accepts a torn line only when the next entry marks it by hash and continues the chain', () => {
    const lines = chain(3);
    const torn = (lines[2] as string).slice(0, 25);
    const recovery = (prev: string, tornHash: string) =>
      JSON.stringify({ v: 1, seq: 3, kind: 'log.recovered', data: { tornBytes: torn.length, tornHash, reason: 'crash' }, prev });
    const good = recovery(sha(lines[1] as string), sha(torn));
    const after = JSON.stringify({ v: 1, seq: 4, kind: 'note', data: { text: 'after' }, prev: sha(good) });
    expect(verifyChain([lines[0]!, lines[1]!, torn, good, after, ''], sha)).toMatchObject({
      ok: true,
      entries: 4,
      headSeq: 4,
      recovered: 1,
    });
    // A "recovery" that names other bytes, or skips an entry, does not hide anything.
    expect(verifyChain([lines[0]!, lines[1]!, torn, recovery(sha(lines[1] as string), sha('other')), ''], sha)).toMatchObject({
      ok: false,
      line: 3,
    });
    expect(verifyChain([lines[0]!, torn, recovery(sha(lines[0] as string), sha(torn)), ''], sha)).toMatchObject({ ok: false, line: 2 });
  });
});
