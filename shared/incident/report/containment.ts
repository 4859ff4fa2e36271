import type { LogEntry } from '../entry';
import { momentOf, type Moment } from './facts';

/**
 * One wave of intrusion: from the first flagged participant's arrival, to Hostdeck's first flag
 * (time to detect), to the moment every flagged participant is out and the meeting is locked or
 * ended (time to contain).
 */
export interface Wave {
  /** `recorded`: measured by the host during the meeting; `computed`: reconstructed from the log; `open`: never contained. */
  source: 'recorded' | 'computed' | 'open';
  firstArrival: Moment;
  detected: Moment;
  contained?: Moment;
  intruders: number;
  /** The flagged participants of the wave (empty for a recorded wave the replay did not see). */
  participantIds: string[];
}

interface Open {
  intruders: Set<string>;
  /** How many of them are in the meeting now. */
  inside: number;
  firstArrival: Moment;
  detected: Moment;
}

/**
 * Finds the waves of a log. The host records `incident.contained` when it measures one; this
 * replays the same rule over the entries so that a log without that record (an older build, a
 * wave still open when the log ends) still gets its times, marked as computed or open. A recorded
 * measurement replaces the replay's for the same wave.
 */
export function findWaves(entries: readonly LogEntry[]): Wave[] {
  const firstSeen = new Map<string, Moment>();
  const present = new Set<string>();
  let locked = false;
  let ended = false;
  let open: Open | undefined;
  const waves: Wave[] = [];
  /** Index of a computed wave not yet confirmed by a recorded measurement. */
  let unconfirmed: number | undefined;

  for (const entry of entries) {
    switch (entry.kind) {
      case 'participant.joined': {
        const id = entry.data.participant.id;
        if (!firstSeen.has(id)) firstSeen.set(id, momentOf(entry));
        if (!present.has(id) && open?.intruders.has(id)) open.inside++;
        present.add(id);
        break;
      }
      case 'participant.left': {
        const id = entry.data.participantId;
        if (present.has(id) && open?.intruders.has(id)) open.inside--;
        present.delete(id);
        break;
      }
      case 'meeting.locked':
        locked = true;
        break;
      case 'meeting.unlocked':
        locked = false;
        break;
      case 'meeting.ended':
        ended = true;
        break;
      case 'participant.flagged': {
        const id = entry.data.participantId;
        if (!present.has(id)) break;
        const arrival = firstSeen.get(id) ?? momentOf(entry);
        if (!open) {
          // A new wave: a computed one before it can no longer be confirmed by a later record.
          unconfirmed = undefined;
          open = { intruders: new Set(), inside: 0, firstArrival: arrival, detected: momentOf(entry) };
        }
        if (!open.intruders.has(id)) {
          open.intruders.add(id);
          open.inside++;
        }
        if (arrival.ms < open.firstArrival.ms) open.firstArrival = arrival;
        break;
      }
      case 'incident.contained': {
        const d = entry.data;
        const recorded: Wave = {
          source: 'recorded',
          firstArrival: { ms: d.firstIntruderAt, tz: entry.tz, seq: entry.seq },
          detected: { ms: d.detectedAt, tz: entry.tz, seq: entry.seq },
          contained: { ms: d.containedAt, tz: entry.tz, seq: entry.seq },
          intruders: d.intruders,
          participantIds: [],
        };
        // The replay knows which entries the wave began at (the record has only times): keep them.
        const seen = unconfirmed !== undefined ? waves[unconfirmed] : open ? { ...open, participantIds: [...open.intruders] } : undefined;
        if (seen) {
          recorded.firstArrival.seq = seen.firstArrival.seq;
          recorded.detected.seq = seen.detected.seq;
          recorded.participantIds = seen.participantIds;
        }
        if (unconfirmed !== undefined) waves[unconfirmed] = recorded;
        else waves.push(recorded);
        unconfirmed = undefined;
        open = undefined;
        continue;
      }
      default:
        break;
    }
    if (open && open.inside === 0 && (locked || ended)) {
      const { firstArrival, detected, intruders } = open;
      waves.push({
        source: 'computed',
        firstArrival,
        detected,
        contained: momentOf(entry),
        intruders: intruders.size,
        participantIds: [...intruders],
      });
      unconfirmed = waves.length - 1;
      open = undefined;
    }
  }
  if (open) {
    const { firstArrival, detected, intruders } = open;
    waves.push({ source: 'open', firstArrival, detected, intruders: intruders.size, participantIds: [...intruders] });
  }
  return waves;
}
