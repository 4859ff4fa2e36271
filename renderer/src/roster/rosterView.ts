import { ParticipantTable } from '../../../shared/contract/participantTable';
import type { Participant } from '../../../shared/model/participant';
import { foldForSearch } from '../../../shared/risk/normalize';

export const ROSTER_FILTERS = ['inMeeting', 'waiting', 'left', 'flagged', 'audio', 'video', 'sharing', 'unknown'] as const;
export type RosterFilter = (typeof ROSTER_FILTERS)[number];
export const ROSTER_SORTS = ['risk', 'joinTime', 'name'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

const PRESENCE_FILTERS: readonly RosterFilter[] = ['inMeeting', 'waiting', 'left'];

export interface RosterQuery {
  readonly filters: ReadonlySet<RosterFilter>;
  readonly sort: RosterSort;
  readonly search: string;
}

/** Folded names cached per participant object: participants are immutable, so the cache stays right. */
const folded = new WeakMap<Participant, string>();
function searchText(p: Participant): string {
  let text = folded.get(p);
  if (text === undefined) {
    text = foldForSearch([p.displayName, p.identity.email, p.identity.organisation, ...p.renamedFrom].filter(Boolean).join(' '));
    folded.set(p, text);
  }
  return text;
}

function matchesFilter(p: Participant, filter: RosterFilter): boolean {
  switch (filter) {
    case 'inMeeting':
    case 'waiting':
    case 'left':
      return p.presence === filter;
    case 'flagged':
      return p.risk.level === 'flagged';
    case 'audio':
      return p.audio;
    case 'video':
      return p.video;
    case 'sharing':
      return p.sharing;
    case 'unknown':
      return (
        p.match.status === 'unknown' ||
        p.match.status === 'impostor' ||
        (p.match.status === 'noList' && !p.identity.email && !p.identity.userId)
      );
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const RISK_ORDER = { flagged: 0, watch: 1, none: 2 } as const;

/** Flagged first, then watch, then the rest; within a level, the higher score first. */
function riskRank(p: Participant): number {
  return RISK_ORDER[p.risk.level] * 1000 - p.risk.score;
}

/** The people a query keeps, in first-join order; with the risk sort, the riskless apart. */
interface Kept {
  rows: Participant[];
  riskless: Participant[];
}

function keep(participants: Iterable<Participant>, query: RosterQuery): Kept {
  // Presence filters name presences ('inMeeting', 'waiting', 'left'): a set lookup decides them.
  const presence = new Set<string>(PRESENCE_FILTERS.filter((f) => query.filters.has(f)));
  const others = [...query.filters].filter((f) => !PRESENCE_FILTERS.includes(f));
  const needle = foldForSearch(query.search.trim());
  const byRisk = query.sort === 'risk';
  const rows: Participant[] = [];
  // Sorting by risk runs on every roster update of a 10,000-person webinar, where nearly everyone
  // has no risk at all: those (the lowest rank there is, level none and score 0) are set apart as
  // they are filtered and go last, newest first, without comparing ranks.
  const riskless: Participant[] = [];
  for (const p of participants) {
    if (presence.size > 0 && !presence.has(p.presence)) continue;
    if (others.length > 0 && !matchesAll(p, others)) continue;
    if (needle && !searchText(p).includes(needle)) continue;
    if (byRisk && p.risk.level === 'none' && p.risk.score === 0) riskless.push(p);
    else rows.push(p);
  }
  return { rows, riskless };
}

/** What a query kept of a table's chunk, by chunk: a patch changes a few chunks, the rest are reused. */
const keptByChunk = new WeakMap<readonly Participant[], { query: RosterQuery; kept: Readonly<Kept> }>();

function keepFromTable(table: ParticipantTable, query: RosterQuery): Kept {
  const rows: Participant[] = [];
  const riskless: Participant[] = [];
  for (const chunk of table.chunkList()) {
    let cached = keptByChunk.get(chunk);
    if (cached?.query !== query) {
      cached = { query, kept: keep(chunk, query) };
      keptByChunk.set(chunk, cached);
    }
    for (const p of cached.kept.rows) rows.push(p);
    for (const p of cached.kept.riskless) riskless.push(p);
  }
  return { rows, riskless };
}

/**
 * The rows the roster shows: presence filters combine with OR (in meeting or waiting), the others
 * narrow with AND (flagged and audio on); the search ignores case and diacritics and also looks at
 * email, organisation and earlier names. Sorting by risk puts flagged people first, then the
 * highest score, then the latest arrivals (intruders arrive late). Given the roster's table, the
 * filtering is reused for every chunk the last update did not touch (the query must be the same
 * object for that).
 */
export function selectRows(participants: ParticipantTable | Iterable<Participant>, query: RosterQuery): Participant[] {
  const kept = participants instanceof ParticipantTable ? keepFromTable(participants, query) : keep(participants, query);
  // Both lists are the caller's own (fresh arrays): sorting them in place is safe.
  const { rows } = kept;
  switch (query.sort) {
    case 'name':
      return rows.sort((a, b) => collator.compare(a.displayName, b.displayName));
    case 'joinTime':
      return rows.sort((a, b) => a.joinedAt - b.joinedAt);
    case 'risk': {
      rows.sort((a, b) => riskRank(a) - riskRank(b) || b.joinedAt - a.joinedAt);
      // Rows come in join order, so reversed they are already (nearly) newest first.
      const riskless = kept.riskless.reverse().sort((a, b) => b.joinedAt - a.joinedAt);
      for (const p of riskless) rows.push(p);
      return rows;
    }
  }
}

function matchesAll(p: Participant, filters: readonly RosterFilter[]): boolean {
  for (const f of filters) if (!matchesFilter(p, f)) return false;
  return true;
}

/** Counts the panel shows about the roster, computed once per roster version. */
export interface RosterTally {
  readonly inMeeting: number;
  readonly waiting: number;
  readonly left: number;
  /** Flagged and still present. */
  readonly flagged: number;
  /** Flagged, present and not a host: who "eject all flagged" would act on. */
  readonly flaggedGuests: number;
  readonly impostors: number;
  readonly unknown: number;
}

/** Roster maps are replaced, never changed, on each update: the tally is cached per map. */
const tallies = new WeakMap<ParticipantTable, RosterTally>();

export function tallyRoster(participants: ParticipantTable): RosterTally {
  const cached = tallies.get(participants);
  if (cached) return cached;
  let inMeeting = 0;
  let waiting = 0;
  let left = 0;
  let flagged = 0;
  let flaggedGuests = 0;
  let impostors = 0;
  let unknown = 0;
  for (const p of participants.list()) {
    if (p.presence === 'left') {
      left++;
      continue;
    }
    if (p.presence === 'inMeeting') inMeeting++;
    else waiting++;
    if (p.risk.level === 'flagged') {
      flagged++;
      if (isFlaggedGuest(p)) flaggedGuests++;
    }
    if (p.match.status === 'impostor') impostors++;
    if (p.match.status === 'unknown') unknown++;
  }
  const tally = { inMeeting, waiting, left, flagged, flaggedGuests, impostors, unknown };
  tallies.set(participants, tally);
  return tally;
}

/** Who a bulk action reaches: the ticked participants still present, never the host. */
export function bulkTargets(selected: Iterable<string>, participants: ReadonlyMap<string, Participant>): Participant[] {
  const targets: Participant[] = [];
  for (const id of selected) {
    const p = participants.get(id);
    if (p && p.presence !== 'left' && p.role !== 'host') targets.push(p);
  }
  return targets;
}

/** Everyone present and flagged, never the host: what "Eject all flagged" removes. */
export function flaggedPresent(participants: Iterable<Participant>): Participant[] {
  const flagged: Participant[] = [];
  for (const p of participants) if (isFlaggedGuest(p)) flagged.push(p);
  return flagged;
}

/** One rule for "Eject all flagged": its count on the button and the people it acts on. */
function isFlaggedGuest(p: Participant): boolean {
  return p.presence !== 'left' && p.risk.level === 'flagged' && p.role !== 'host';
}

/**
 * The ids from `from` to `to` inclusive, in the order shown (either direction). Only `to` when
 * `from` is not shown (no anchor yet, or it was filtered out).
 */
export function rangeBetween(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to);
  if (end < 0) return [];
  const start = from === null ? -1 : order.indexOf(from);
  if (start < 0) return [to];
  return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}
