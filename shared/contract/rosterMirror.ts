import type { Meeting } from '../model/meeting';
import type { BlockedJoin, Participant } from '../model/participant';
import type { RosterMessage } from './roster';

/**
 * A client's copy of the host's meeting state, rebuilt from a snapshot and kept current by ordered
 * patches. The host stays the source of truth: the mirror never changes state on its own.
 */
export interface RosterMirror {
  readonly sessionId: string | null;
  readonly seq: number;
  readonly meeting: Meeting | null;
  /** Participants by id, in first-join order (Map keeps insertion order). */
  readonly participants: ReadonlyMap<string, Participant>;
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
  participants: new Map(),
  blockedJoins: [],
};

/** Folds one roster message into a mirror, returning a new mirror (the old one is not changed). */
export function applyRosterMessage(mirror: RosterMirror, message: RosterMessage): { mirror: RosterMirror; status: MirrorStatus } {
  if (message.kind === 'snapshot') {
    if (message.sessionId === mirror.sessionId && message.seq < mirror.seq) return { mirror, status: 'stale' };
    const participants = new Map<string, Participant>();
    for (const p of message.state.participants) participants.set(p.id, p);
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
  let participants = mirror.participants;
  if (message.upserts.length > 0) {
    const next = new Map(mirror.participants);
    for (const p of message.upserts) next.set(p.id, p);
    participants = next;
  }
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
 * Folds a batch of messages (all that arrived within one frame) with at most one copy of the
 * participant map. Stops at the first gap: the client then asks for a snapshot.
 */
export function applyRosterMessages(
  mirror: RosterMirror,
  messages: readonly RosterMessage[],
): { mirror: RosterMirror; status: MirrorStatus } {
  let current = mirror;
  let copied: Map<string, Participant> | null = null;
  let applied = false;
  for (const message of messages) {
    if (message.kind === 'snapshot') {
      const next = applyRosterMessage(current, message);
      if (next.status === 'applied') {
        current = next.mirror;
        copied = null;
        applied = true;
      }
      continue;
    }
    if (message.sessionId !== current.sessionId) return { mirror: withMap(current, copied), status: 'gap' };
    if (message.seq <= current.seq) continue;
    if (message.seq !== current.seq + 1) return { mirror: withMap(current, copied), status: 'gap' };
    if (message.upserts.length > 0) {
      copied ??= new Map(current.participants);
      for (const p of message.upserts) copied.set(p.id, p);
    }
    current = {
      sessionId: current.sessionId,
      seq: message.seq,
      meeting: message.meeting ?? current.meeting,
      participants: copied ?? current.participants,
      blockedJoins: message.blocked.length > 0 ? [...current.blockedJoins, ...message.blocked] : current.blockedJoins,
    };
    applied = true;
  }
  return { mirror: withMap(current, copied), status: applied ? 'applied' : 'stale' };
}

function withMap(mirror: RosterMirror, map: Map<string, Participant> | null): RosterMirror {
  return map && mirror.participants !== map ? { ...mirror, participants: map } : mirror;
}
