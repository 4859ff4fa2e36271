import type { Identity } from '../model/participant';
import { NO_LIST_MATCH, type AttendeeMatch } from '../model/risk';
import type { AttendeeIndex } from './attendees';
import { foldForSearch, nameSkeleton } from './normalize';

export interface MatchContext {
  readonly index: AttendeeIndex | null;
  /** Which participant currently present stands for each expected person (by expected id). */
  readonly presentByExpected: ReadonlyMap<string, string>;
}

/**
 * Classifies a participant against the expected list. Identity first (email, then platform user
 * id): an identity match is the expected person, whatever name they use. Then the name's skeleton:
 * a name that looks like an expected person's is that person only if nothing contradicts it; it is
 * an impostor suspect when that person is already present, when the participant's identity
 * differs from theirs, or when the name only matches through look-alike characters. Attackers reuse
 * real participants' names; this is the pattern that catches them.
 */
export function matchAttendee(participant: { id: string; displayName: string; identity: Identity }, context: MatchContext): AttendeeMatch {
  const { index } = context;
  if (!index || index.size === 0) return NO_LIST_MATCH;
  const { email, userId } = participant.identity;
  const byEmail = email ? index.byEmail(email) : undefined;
  if (byEmail) return { status: 'expected', expectedId: byEmail.id, expectedName: byEmail.name, basis: 'email' };
  const byUserId = userId ? index.byUserId(userId) : undefined;
  if (byUserId) return { status: 'expected', expectedId: byUserId.id, expectedName: byUserId.name, basis: 'userId' };
  const candidates = index.bySkeleton(nameSkeleton(participant.displayName));
  if (candidates.length === 0) return { status: 'unknown' };
  let best: AttendeeMatch | undefined;
  for (const candidate of candidates) {
    const holder = context.presentByExpected.get(candidate.id);
    if (email && candidate.email && candidate.email.toLowerCase() !== email.trim().toLowerCase()) {
      best = { status: 'impostor', expectedId: candidate.id, expectedName: candidate.name, basis: 'identityMismatch' };
    } else if (holder !== undefined && holder !== participant.id) {
      best ??= { status: 'impostor', expectedId: candidate.id, expectedName: candidate.name, basis: 'alreadyPresent' };
    } else if (foldForSearch(participant.displayName).replace(/\s+/g, ' ') !== foldForSearch(candidate.name).replace(/\s+/g, ' ')) {
      best ??= { status: 'impostor', expectedId: candidate.id, expectedName: candidate.name, basis: 'lookalike' };
    } else {
      return { status: 'expected', expectedId: candidate.id, expectedName: candidate.name, basis: 'name' };
    }
  }
  return best ?? { status: 'unknown' };
}
