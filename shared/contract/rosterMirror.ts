import type { Meeting } from '../model/meeting';
import type { BlockedJoin } from '../model/participant';
import { ParticipantTable } from './participantTable';
import type { RosterMessage } from './roster';

/**
 * A client's copy of the host's meeting state, rebuilt from a snapshot and kept current by ordered
 * patches. The host stays the source of truth: the mirror never changes state on its own.
 */
export interface RosterMirror {
  readonly sessionId: string | null;
  readonly seq: number;
  readonly meeting: Meeting | null;
  /** Participants by id, in first-join order; a new version shares what did not change. */
  readonly participants: ParticipantTable;
  readonly blockedJoins: readonly BlockedJoin[];
}

/**
 * `applied`: the message was folded in. `stale`: older than what the mirror holds, ignored.
 * `gap`: a patch is missing (or belongs to another session); the client must ask for a snapshot.
 */
export type MirrorStatus = 'applied' | 'stale' | 'gap';

export const EMPTY_MIRROR: RosterMirror = {
  sessionId: null,
  seq: -1,
  meeting: null,
  participants: ParticipantTable.EMPTY,
  blockedJoins: [],
};

/** Folds one roster message into a mirror, returning a new mirror (the old one is not changed). */
export function applyRosterMessage(mirror: RosterMirror, message: RosterMessage): { mirror: RosterMirror; status: MirrorStatus } {
  if (message.kind === 'snapshot') {
    if (message.sessionId === mirror.sessionId && message.seq < mirror.seq) return { mirror, status: 'stale' };
    const participants = ParticipantTable.from(message.state.participants);
    return {
      mirror: {
        sessionId: message.sessionId,
        seq: message.seq,
        meeting: message.state.meeting,
        participants,
        blockedJoins: message.state.blockedJoins,
      },
      status: 'applied',
    };
  }
  if (message.sessionId !== mirror.sessionId) return { mirror, status: 'gap' };
  if (message.seq <= mirror.seq) return { mirror, status: 'stale' };
  if (message.seq !== mirror.seq + 1) return { mirror, status: 'gap' };
  const participants = mirror.participants.withUpserts(message.upserts);
  return {
    mirror: {
      sessionId: mirror.sessionId,
      seq: message.seq,
      meeting: message.meeting ?? mirror.meeting,
      participants,
      blockedJoins: message.blocked.length > 0 ? [...mirror.blockedJoins, ...message.blocked] : mirror.blockedJoins,
    },
    status: 'applied',
  };
}

/**
 * Folds a batch of messages (all that arrived within one frame) into one new mirror. Stops at the
 * first gap: the client then asks for a snapshot.
 */
export function applyRosterMessages(
  mirror: RosterMirror,
  messages: readonly RosterMessage[],
): { mirror: RosterMirror; status: MirrorStatus } {
  let current = mirror;
  let applied = false;
  for (const message of messages) {
    const next = applyRosterMessage(current, message);
    if (next.status === 'gap') return { mirror: current, status: 'gap' };
    if (next.status === 'applied') {
      current = next.mirror;
      applied = true;
    }
  }
  return { mirror: current, status: applied ? 'applied' : 'stale' };
}
