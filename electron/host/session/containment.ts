import type { Meeting } from '../../../shared/model/meeting';
import type { Participant } from '../../../shared/model/participant';

export interface Containment {
  firstIntruderAt: number;
  detectedAt: number;
  containedAt: number;
  timeToDetectMs: number;
  timeToContainMs: number;
  intruders: number;
}

/**
 * Measures an incident on the host's clock: from the moment the first intruder's join reached
 * Hostdeck, to the first flag (time to detect), to the moment every flagged participant is out and
 * the meeting is locked or ended (time to contain). A later wave starts a new measurement.
 */
export class ContainmentTracker {
  private readonly seenAt = new Map<string, number>();
  private intruders = new Set<string>();
  private firstIntruderAt: number | undefined;
  private detectedAt: number | undefined;

  constructor(private readonly now: () => number) {}

  /** Records when a participant was first seen; returns a containment if this completes one. */
  participant(p: Participant): void {
    if (!this.seenAt.has(p.id)) this.seenAt.set(p.id, this.now());
    if (p.risk.level === 'flagged' && p.presence !== 'left' && !this.intruders.has(p.id)) {
      this.intruders.add(p.id);
      const seen = this.seenAt.get(p.id) ?? this.now();
      this.firstIntruderAt = Math.min(this.firstIntruderAt ?? seen, seen);
      this.detectedAt ??= this.now();
    }
  }

  /** Checks whether the current wave is contained, given everyone's state and the meeting's. */
  check(meeting: Meeting, lookup: (id: string) => Participant | undefined): Containment | undefined {
    if (this.intruders.size === 0 || this.firstIntruderAt === undefined || this.detectedAt === undefined) return undefined;
    if (!meeting.locked && meeting.status !== 'ended') return undefined;
    for (const id of this.intruders) if (lookup(id)?.presence !== 'left') return undefined;
    const containedAt = this.now();
    const result: Containment = {
      firstIntruderAt: this.firstIntruderAt,
      detectedAt: this.detectedAt,
      containedAt,
      timeToDetectMs: this.detectedAt - this.firstIntruderAt,
      timeToContainMs: containedAt - this.firstIntruderAt,
      intruders: this.intruders.size,
    };
    this.intruders = new Set();
    this.firstIntruderAt = undefined;
    this.detectedAt = undefined;
    return result;
  }
}
