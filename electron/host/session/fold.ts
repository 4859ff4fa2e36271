import type { EntryBody } from '../../../shared/incident/entry';
import type { Meeting } from '../../../shared/model/meeting';
import { MAX_DISPLAY_NAME, type BlockedJoin, type Participant } from '../../../shared/model/participant';
import { NO_LIST_MATCH, NO_RISK } from '../../../shared/model/risk';
import type { ParticipantChanges, ProviderEvent } from '../provider';

/** How many event ids are remembered to drop duplicates. */
const SEEN_EVENT_IDS = 10_000;
/** How many updates for not-yet-known participants are held until their join arrives. */
const HELD_UPDATES = 1_000;

interface Tracked {
  participant: Participant;
  /** Platform time of the last event applied to this participant. */
  lastAt: number;
}

/** The authoritative meeting state, owned and mutated by the session controller only. */
export interface FoldState {
  meeting: Meeting;
  readonly participants: Map<string, Tracked>;
  readonly blockedJoins: BlockedJoin[];
  readonly seenEventIds: Set<string>;
  readonly heldUpdates: Map<string, Extract<ProviderEvent, { type: 'updated' }>[]>;
}

/** What one event changed: participants to send, whether the header changed, and what to log. */
export interface FoldResult {
  upserts: Participant[];
  meetingChanged: boolean;
  blocked: BlockedJoin[];
  log: EntryBody[];
}

export function createFoldState(meeting: Meeting): FoldState {
  return { meeting, participants: new Map(), blockedJoins: [], seenEventIds: new Set(), heldUpdates: new Map() };
}

/** Cuts absurdly long display names, saying so, so one hostile name cannot bloat every message. */
export function clampDisplayName(name: string): string {
  if (name.length <= MAX_DISPLAY_NAME) return name;
  return `${name.slice(0, MAX_DISPLAY_NAME)}…[+${name.length - MAX_DISPLAY_NAME} chars]`;
}

/**
 * Folds one provider event into the state. Rules: duplicates (same event id) are dropped; per
 * participant the newest platform time wins, so an event older than what was already applied is
 * stale and ignored (a late join after a leave only fills in missing identity); updates for a
 * participant not yet seen are held until the join arrives; a meeting end marks everyone still
 * present as having left.
 */
export function foldEvent(state: FoldState, event: ProviderEvent): FoldResult {
  const result: FoldResult = { upserts: [], meetingChanged: false, blocked: [], log: [] };
  if ('eventId' in event && event.eventId !== undefined) {
    if (state.seenEventIds.has(event.eventId)) return result;
    state.seenEventIds.add(event.eventId);
    if (state.seenEventIds.size > SEEN_EVENT_IDS) {
      const oldest = state.seenEventIds.values().next().value;
      if (oldest !== undefined) state.seenEventIds.delete(oldest);
    }
  }
  switch (event.type) {
    case 'meeting':
      foldMeeting(state, event.meeting, event.at, result);
      break;
    case 'joined':
      foldJoin(state, event, result);
      break;
    case 'left':
      foldLeave(state, event, result);
      break;
    case 'updated':
      foldUpdate(state, event, result);
      break;
    case 'blocked': {
      const attempt = { ...event.attempt, displayName: clampDisplayName(event.attempt.displayName) };
      state.blockedJoins.push(attempt);
      result.blocked.push(attempt);
      result.log.push({ kind: 'join.blocked', data: { attempt } });
      break;
    }
    case 'ended':
      foldEnd(state, event.at, result);
      break;
    case 'connection': {
      const link = event.state;
      if ((state.meeting.link ?? 'connected') === link) break;
      state.meeting = { ...state.meeting, link };
      result.meetingChanged = true;
      result.log.push({ kind: 'platform.link', data: { state: link, at: event.at, ...(event.detail ? { detail: event.detail } : {}) } });
      break;
    }
  }
  return result;
}

function foldMeeting(state: FoldState, meeting: Meeting, at: number, result: FoldResult): void {
  const before = state.meeting;
  if (before.status === 'ended' && meeting.status !== 'ended') return; // an ended meeting stays ended
  state.meeting = meeting;
  result.meetingChanged = JSON.stringify(before) !== JSON.stringify(meeting);
  if (before.status !== 'live' && meeting.status === 'live') {
    result.log.push({ kind: 'meeting.started', data: { at: meeting.startedAt ?? at } });
  }
  if (!before.locked && meeting.locked) result.log.push({ kind: 'meeting.locked', data: { at } });
  if (before.locked && !meeting.locked) result.log.push({ kind: 'meeting.unlocked', data: { at } });
  if (before.status !== 'ended' && meeting.status === 'ended') {
    result.log.push({ kind: 'meeting.ended', data: { at: meeting.endedAt ?? at } });
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(meeting.controls) as (keyof Meeting['controls'])[]) {
    if (before.controls[key] !== meeting.controls[key]) changes[key] = { from: before.controls[key], to: meeting.controls[key] };
  }
  if (Object.keys(changes).length > 0) result.log.push({ kind: 'meeting.controls', data: { at, changes } });
}

function foldJoin(state: FoldState, event: Extract<ProviderEvent, { type: 'joined' }>, result: FoldResult): void {
  const incoming = { ...event.participant, displayName: clampDisplayName(event.participant.displayName) };
  const tracked = state.participants.get(incoming.id);
  if (tracked && event.at < tracked.lastAt) {
    // A join older than what we know (e.g. delivered after the leave): keep only identity it adds.
    const identity = { ...incoming.identity, ...tracked.participant.identity };
    if (JSON.stringify(identity) !== JSON.stringify(tracked.participant.identity)) {
      tracked.participant = { ...tracked.participant, identity };
      result.upserts.push(tracked.participant);
    }
    return;
  }
  if (tracked && tracked.participant.presence !== 'left') {
    // A repeated join for someone present: treat what differs as an update.
    const { id: _id, ...fields } = incoming;
    foldUpdate(state, { type: 'updated', at: event.at, participantId: incoming.id, changes: fields }, result);
    return;
  }
  const participant: Participant = {
    ...incoming,
    joinedAt: event.at,
    renamedFrom: tracked?.participant.renamedFrom ?? [],
    match: tracked?.participant.match ?? NO_LIST_MATCH,
    risk: tracked?.participant.risk ?? NO_RISK,
  };
  state.participants.set(participant.id, { participant, lastAt: event.at });
  result.upserts.push(participant);
  result.log.push({ kind: 'participant.joined', data: { participant } });
  const held = state.heldUpdates.get(participant.id);
  if (held) {
    state.heldUpdates.delete(participant.id);
    for (const update of held) if (update.at >= event.at) foldUpdate(state, update, result);
  }
}

function foldLeave(state: FoldState, event: Extract<ProviderEvent, { type: 'left' }>, result: FoldResult): void {
  const tracked = state.participants.get(event.participantId);
  if (tracked && (event.at < tracked.lastAt || tracked.participant.presence === 'left')) return;
  const base: Participant = tracked?.participant ?? {
    id: event.participantId,
    displayName: clampDisplayName(event.displayName ?? event.participantId),
    role: 'attendee',
    presence: 'left',
    joinedAt: event.at,
    audio: false,
    video: false,
    sharing: false,
    identity: {},
    alerts: [],
    renamedFrom: [],
    match: NO_LIST_MATCH,
    risk: NO_RISK,
  };
  const participant: Participant = {
    ...base,
    presence: 'left',
    leftAt: event.at,
    leaveReason: event.reason,
    audio: false,
    video: false,
    sharing: false,
  };
  state.participants.set(participant.id, { participant, lastAt: event.at });
  result.upserts.push(participant);
  result.log.push({
    kind: 'participant.left',
    data: { participantId: participant.id, displayName: participant.displayName, reason: event.reason, at: event.at },
  });
}

function foldUpdate(state: FoldState, event: Extract<ProviderEvent, { type: 'updated' }>, result: FoldResult): void {
  const tracked = state.participants.get(event.participantId);
  if (!tracked) {
    const held = state.heldUpdates.get(event.participantId) ?? [];
    if (state.heldUpdates.size < HELD_UPDATES || held.length > 0) {
      held.push(event);
      state.heldUpdates.set(event.participantId, held);
    }
    return;
  }
  if (event.at < tracked.lastAt || tracked.participant.presence === 'left') return;
  const before = tracked.participant;
  const after: Participant = { ...before };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const keys = Object.keys(event.changes) as (keyof ParticipantChanges)[];
  for (const key of keys) {
    let value = event.changes[key];
    if (value === undefined) continue;
    if (key === 'displayName') value = clampDisplayName(value as string);
    if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
    changes[key] = { from: before[key], to: value };
    (after as Record<string, unknown>)[key] = value;
    if (key === 'displayName') after.renamedFrom = [...before.renamedFrom, before.displayName].slice(-20);
  }
  tracked.lastAt = event.at;
  if (Object.keys(changes).length === 0) return;
  tracked.participant = after;
  result.upserts.push(after);
  result.log.push({
    kind: 'participant.updated',
    data: { participantId: after.id, displayName: after.displayName, changes },
  });
}

function foldEnd(state: FoldState, at: number, result: FoldResult): void {
  for (const tracked of state.participants.values()) {
    if (tracked.participant.presence === 'left') continue;
    foldLeave(
      state,
      { type: 'left', at: Math.max(at, tracked.lastAt), participantId: tracked.participant.id, reason: 'meetingEnded' },
      result,
    );
  }
  if (state.meeting.status !== 'ended') {
    foldMeeting(state, { ...state.meeting, status: 'ended', endedAt: at }, at, result);
  }
}

/** Replaces a known participant's record (used after risk assessment), keeping its event time. */
export function replaceParticipant(state: FoldState, participant: Participant): void {
  const tracked = state.participants.get(participant.id);
  if (tracked) tracked.participant = participant;
}
