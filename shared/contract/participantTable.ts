import type { Participant } from '../model/participant';

const CHUNK_BITS = 8;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/**
 * Participants by id in first-join order, as an immutable value that shares structure between
 * versions. A webinar's roster holds 10,000 people and changes a few at a time many times a second:
 * copying a Map on each change costs a frame's budget in copying and garbage. Here a new version
 * copies only the chunks (of 256) its changes touch and the short list of chunks.
 *
 * Ids map to positions through an append-only index shared by the versions of one line. A version
 * sees only positions below its own size, so later additions are invisible to it; a version that
 * adds to an index another version already extended (a branch) takes a copy of the index first.
 */
export class ParticipantTable implements ReadonlyMap<string, Participant> {
  static readonly EMPTY = new ParticipantTable(new Map(), [], 0);

  /** The participants as one array, built on first use: iterating an array is far cheaper than a generator. */
  private flat: readonly Participant[] | undefined;

  private constructor(
    private readonly index: Map<string, number>,
    private readonly chunks: readonly (readonly Participant[])[],
    readonly size: number,
  ) {}

  /**
   * The participants in first-join order as chunks of up to 256. A chunk is never changed once its
   * version exists, and versions share the chunks a patch did not touch: views may cache what they
   * derive from a chunk by its identity.
   */
  chunkList(): readonly (readonly Participant[])[] {
    return this.chunks;
  }

  /** Every participant in first-join order (shared, never to be changed). */
  list(): readonly Participant[] {
    if (!this.flat) {
      const flat: Participant[] = [];
      for (const chunk of this.chunks) for (const p of chunk) if (flat.length < this.size) flat.push(p);
      this.flat = flat;
    }
    return this.flat;
  }

  static from(participants: Iterable<Participant>): ParticipantTable {
    return ParticipantTable.EMPTY.withUpserts(participants);
  }

  private position(id: string): number | undefined {
    const i = this.index.get(id);
    return i !== undefined && i < this.size ? i : undefined;
  }

  get(id: string): Participant | undefined {
    const i = this.position(id);
    return i === undefined ? undefined : (this.chunks[i >> CHUNK_BITS] as readonly Participant[])[i & MASK];
  }

  has(id: string): boolean {
    return this.position(id) !== undefined;
  }

  /** A new version with these participants added (at the end) or replaced (in place). */
  withUpserts(upserts: Iterable<Participant>): ParticipantTable {
    let index = this.index;
    let size = this.size;
    const chunks = [...this.chunks] as Participant[][];
    const copied = new Set<number>();
    const writable = (c: number): Participant[] => {
      if (!copied.has(c)) {
        chunks[c] = chunks[c] ? [...(chunks[c] as Participant[])] : [];
        copied.add(c);
      }
      return chunks[c] as Participant[];
    };
    let changed = false;
    for (const p of upserts) {
      changed = true;
      let i = index.get(p.id);
      if (i === undefined || i >= size) {
        // Another version of this line added past our size: branch off with an index of our own.
        if (index.size !== size) index = new Map([...index].filter(([, at]) => at < size));
        i = size++;
        index.set(p.id, i);
      }
      writable(i >> CHUNK_BITS)[i & MASK] = p;
    }
    return changed ? new ParticipantTable(index, chunks, size) : this;
  }

  *values(): MapIterator<Participant> {
    yield* this.list();
  }

  *keys(): MapIterator<string> {
    for (const p of this.values()) yield p.id;
  }

  *entries(): MapIterator<[string, Participant]> {
    for (const p of this.values()) yield [p.id, p];
  }

  [Symbol.iterator](): MapIterator<[string, Participant]> {
    return this.entries();
  }

  forEach(callback: (value: Participant, key: string, map: ReadonlyMap<string, Participant>) => void, thisArg?: unknown): void {
    for (const p of this.list()) callback.call(thisArg, p, p.id, this);
  }
}
