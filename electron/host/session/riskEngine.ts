import type { ExpectedAttendee } from '../../../shared/risk/attendees';
import { indexAttendees, type AttendeeIndex } from '../../../shared/risk/attendees';
import { matchAttendee } from '../../../shared/risk/match';
import { nameSkeleton } from '../../../shared/risk/normalize';
import { scoreParticipant } from '../../../shared/risk/score';
import type { Participant } from '../../../shared/model/participant';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from '../../../shared/model/risk';

const PRIVILEGED: readonly Participant['role'][] = ['host', 'cohost', 'panelist'];

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
  private readonly skeletonOf = new Map<string, string>();
  private readonly bySkeleton = new Map<string, string[]>();
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

  setAttendees(list: readonly ExpectedAttendee[]): void {
    this.index = list.length > 0 ? indexAttendees(list) : null;
    this.presentByExpected.clear();
  }

  /**
   * Assesses a participant the fold just changed. Returns the re-assessed participant and the ids of
   * others whose assessment may have changed because of it (members of a join burst).
   */
  assess(p: Participant, isNewJoin: boolean): { participant: Participant; others: string[] } {
    const others: string[] = [];
    this.trackPresence(p);
    const match = matchAttendee(p, { index: this.index, presentByExpected: this.presentByExpected });
    if (p.presence === 'left') {
      if (match.expectedId && this.presentByExpected.get(match.expectedId) === p.id) this.presentByExpected.delete(match.expectedId);
    } else if (match.status === 'expected' && match.expectedId && !this.presentByExpected.has(match.expectedId)) {
      this.presentByExpected.set(match.expectedId, p.id);
    }
    if (isNewJoin) {
      if (p.audio && p.video) this.mediaOnArrival.add(p.id);
      const unknown = match.status === 'unknown' || (match.status === 'noList' && !p.identity.email && !p.identity.userId);
      if (unknown && p.role !== 'host' && p.role !== 'cohost') others.push(...this.noteUnknownJoin(p.id, p.joinedAt));
    }
    return { participant: this.score({ ...p, match }), others: others.filter((id) => id !== p.id) };
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

  private trackPresence(p: Participant): void {
    const previous = this.skeletonOf.get(p.id);
    const next = p.presence === 'left' ? undefined : nameSkeleton(p.displayName);
    if (previous === next) return;
    if (previous !== undefined) {
      const list = (this.bySkeleton.get(previous) ?? []).filter((id) => id !== p.id);
      if (list.length > 0) this.bySkeleton.set(previous, list);
      else this.bySkeleton.delete(previous);
      this.skeletonOf.delete(p.id);
    }
    if (next !== undefined && next !== '') {
      this.skeletonOf.set(p.id, next);
      this.bySkeleton.set(next, [...(this.bySkeleton.get(next) ?? []), p.id]);
    }
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
