import type { ExpectedAttendee } from '../../../shared/risk/attendees';
import { indexAttendees, type AttendeeIndex } from '../../../shared/risk/attendees';
import { matchAttendee } from '../../../shared/risk/match';
import { nameSkeleton } from '../../../shared/risk/normalize';
import { scoreParticipant } from '../../../shared/risk/score';
import type { Participant } from '../../../shared/model/participant';
import { DEFAULT_RISK_SETTINGS, type AttendeeMatch, type RiskSettings } from '../../../shared/model/risk';

const PRIVILEGED: readonly Participant['role'][] = ['host', 'cohost', 'panelist'];

/** Matched by email or platform user id rather than by name alone. */
const isIdentified = (match: AttendeeMatch): boolean => match.basis === 'email' || match.basis === 'userId';

/**
 * Keeps what risk scoring needs to know about the meeting as a whole — who is present under which
 * name skeleton, who stands for which expected person, recent unknown joiners — and assesses each
 * participant whenever the fold changes them. Incremental, so a 10,000-person roster with hundreds
 * of joins a second costs a few map lookups per event.
 */
export class RiskEngine {
  private settings: RiskSettings = DEFAULT_RISK_SETTINGS;
  private index: AttendeeIndex | null = null;
  private meetingStartedAt: number | undefined;
  private readonly presentByExpected = new Map<string, string>();
  /** Expected people whose present holder was matched by identity, not by name alone. */
  private readonly identifiedHolders = new Set<string>();
  private readonly skeletonOf = new Map<string, string>();
  private readonly bySkeleton = new Map<string, string[]>();
  /** Present hosts, co-hosts and panelists: the people an imitator copies. */
  private readonly privileged = new Set<string>();
  /** Unknown joins in time order; entries before `recentHead` have left the burst window. */
  private readonly recentUnknown: { id: string; at: number }[] = [];
  private recentHead = 0;
  private readonly burstOf = new Map<string, number>();
  private readonly mediaOnArrival = new Set<string>();

  constructor(private readonly lookup: (id: string) => Participant | undefined) {}

  configure(settings: RiskSettings, meetingStartedAt: number | undefined): void {
    this.settings = settings;
    this.meetingStartedAt = meetingStartedAt;
  }

  /**
   * Replaces the expected list and works out again who stands for whom among those `present`:
   * identity matches first, then name matches in order of arrival, so a name-only claim made
   * before the real person's never wins.
   */
  setAttendees(list: readonly ExpectedAttendee[], present: readonly Participant[] = []): void {
    this.index = list.length > 0 ? indexAttendees(list) : null;
    this.presentByExpected.clear();
    this.identifiedHolders.clear();
    if (!this.index) return;
    const here = present.filter((p) => p.presence !== 'left').sort((a, b) => a.joinedAt - b.joinedAt);
    for (const identified of [true, false])
      for (const p of here) {
        const match = matchAttendee(p, { index: this.index, presentByExpected: this.presentByExpected });
        if (isIdentified(match) === identified) this.claim(p.id, match);
      }
  }

  /**
   * Records that `id` stands for the expected person it matched, when nobody does yet or the holder
   * only had the name while `id` has the identity. Returns the holder it displaced, who is now an
   * impostor suspect and must be re-scored.
   */
  private claim(id: string, match: AttendeeMatch): string | undefined {
    if (match.status !== 'expected' || match.expectedId === undefined) return undefined;
    const holder = this.presentByExpected.get(match.expectedId);
    if (holder === id) return undefined;
    if (holder !== undefined && (this.identifiedHolders.has(match.expectedId) || !isIdentified(match))) return undefined;
    this.presentByExpected.set(match.expectedId, id);
    if (isIdentified(match)) this.identifiedHolders.add(match.expectedId);
    return holder;
  }

  /**
   * Assesses a participant the fold just changed. Returns the re-assessed participant and the ids of
   * others whose assessment may have changed because of it: members of a join burst, and people
   * sharing a name with someone who arrived, left or was renamed.
   */
  assess(p: Participant, isNewJoin: boolean): { participant: Participant; others: string[] } {
    const others = this.trackPresence(p);
    const match = matchAttendee(p, { index: this.index, presentByExpected: this.presentByExpected });
    if (p.presence === 'left') {
      if (match.expectedId && this.presentByExpected.get(match.expectedId) === p.id) {
        this.presentByExpected.delete(match.expectedId);
        this.identifiedHolders.delete(match.expectedId);
      }
    } else {
      const displaced = this.claim(p.id, match);
      if (displaced !== undefined) others.push(displaced);
    }
    if (isNewJoin) {
      if (p.audio && p.video) this.mediaOnArrival.add(p.id);
      const unknown = match.status === 'unknown' || (match.status === 'noList' && !p.identity.email && !p.identity.userId);
      if (unknown && p.role !== 'host' && p.role !== 'cohost') others.push(...this.noteUnknownJoin(p.id, p.joinedAt));
    }
    return { participant: this.score({ ...p, match }), others: [...new Set(others)].filter((id) => id !== p.id) };
  }

  /** Re-scores a participant whose neighbours changed (no change to the meeting-wide indices). */
  reassess(p: Participant): Participant {
    const match = matchAttendee(p, { index: this.index, presentByExpected: this.presentByExpected });
    return this.score({ ...p, match });
  }

  private score(p: Participant): Participant {
    const skeleton = this.skeletonOf.get(p.id) ?? nameSkeleton(p.displayName);
    const same = (this.bySkeleton.get(skeleton) ?? []).filter((id) => id !== p.id);
    const imitated = same.map((id) => this.lookup(id)).find((q) => q && PRIVILEGED.includes(q.role));
    const earlier = (this.bySkeleton.get(skeleton) ?? [])[0];
    const duplicateOf = earlier !== undefined && earlier !== p.id ? this.lookup(earlier)?.displayName : undefined;
    const risk = scoreParticipant(p, {
      settings: this.settings,
      meetingStartedAt: this.meetingStartedAt,
      imitatedHost: PRIVILEGED.includes(p.role) ? undefined : imitated?.displayName,
      duplicateOf,
      burstSize: this.burstOf.get(p.id) ?? 0,
      mediaOnArrival: this.mediaOnArrival.has(p.id),
    });
    return { ...p, risk };
  }

  /**
   * Keeps the name index current and returns who else must be re-scored because of this change:
   * everyone sharing a name the first holder (the one the others duplicate) or a host or panelist
   * (the one the others imitate) just took or gave up. Anyone else joining under a shared name
   * changes nothing for the others, so a crowd of "iPhone"s costs one lookup per join.
   */
  private trackPresence(p: Participant): string[] {
    const previous = this.skeletonOf.get(p.id);
    const next = p.presence === 'left' ? undefined : nameSkeleton(p.displayName) || undefined;
    const wasPrivileged = this.privileged.has(p.id);
    const isPrivileged = next !== undefined && PRIVILEGED.includes(p.role);
    if (isPrivileged) this.privileged.add(p.id);
    else this.privileged.delete(p.id);
    const peers = (skeleton: string | undefined): string[] =>
      skeleton === undefined ? [] : (this.bySkeleton.get(skeleton) ?? []).filter((id) => id !== p.id);
    if (previous === next) return wasPrivileged !== isPrivileged ? peers(next) : [];
    const affected: string[] = [];
    if (previous !== undefined) {
      const list = this.bySkeleton.get(previous) ?? [];
      const rest = peers(previous);
      if (list[0] === p.id || wasPrivileged) affected.push(...rest);
      if (rest.length > 0) this.bySkeleton.set(previous, rest);
      else this.bySkeleton.delete(previous);
      this.skeletonOf.delete(p.id);
    }
    if (next !== undefined) {
      if (isPrivileged) affected.push(...peers(next));
      this.skeletonOf.set(p.id, next);
      this.bySkeleton.set(next, [...(this.bySkeleton.get(next) ?? []), p.id]);
    }
    return affected;
  }

  /**
   * Records an unknown joiner; when the window holds a burst, every member not yet marked is marked
   * with the burst's size at that moment. Amortised O(1) per join, even for a mass arrival.
   */
  private noteUnknownJoin(id: string, at: number): string[] {
    const { burstCount, burstWindowMs } = this.settings;
    this.recentUnknown.push({ id, at });
    while (this.recentHead < this.recentUnknown.length && (this.recentUnknown[this.recentHead]?.at ?? at) <= at - burstWindowMs)
      this.recentHead++;
    if (this.recentHead > 1024 && this.recentHead * 2 > this.recentUnknown.length) {
      this.recentUnknown.splice(0, this.recentHead);
      this.recentHead = 0;
    }
    const size = this.recentUnknown.length - this.recentHead;
    if (size < burstCount) return [];
    const changed: string[] = [];
    for (let i = this.recentUnknown.length - 1; i >= this.recentHead; i--) {
      const member = this.recentUnknown[i] as { id: string };
      if (this.burstOf.has(member.id)) break;
      this.burstOf.set(member.id, size);
      changed.push(member.id);
    }
    return changed;
  }
}
