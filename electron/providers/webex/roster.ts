import type { Identity, LeaveReason, Participant } from '../../../shared/model/participant';
import type { JoiningParticipant, ParticipantChanges, ProviderEvent } from '../../host/provider';
import { platformTime, type WebexParticipant } from './schemas';

/** One present participant as the last poll saw them, normalised. */
export type RosterEntry = JoiningParticipant;

/** Why someone who is no longer in the list left, as far as this session knows. */
export interface LeaveContext {
  /** Participants this session expelled. */
  expelled: ReadonlySet<string>;
  meetingEnded: boolean;
  /** The first read after attaching: join times come from Webex, since nobody was seen arrive. */
  initial: boolean;
}

/** A Webex participant in Hostdeck's terms; `undefined` for someone who has left (`state: end`). */
export function normalise(p: WebexParticipant): RosterEntry | undefined {
  if (p.state === 'end') return undefined;
  const identity: Identity = {};
  if (p.email) identity.email = p.email;
  if (p.orgId) identity.organisation = p.orgId;
  const client = p.devices?.find((d) => d.deviceType)?.deviceType;
  if (client) identity.client = client;
  return {
    id: p.id,
    displayName: p.displayName ?? p.email ?? p.id,
    role: roleOf(p),
    presence: p.state === 'lobby' ? 'waiting' : 'inMeeting',
    // Webex reports `muted`; a participant without the field has no audio connected.
    audio: p.muted === false,
    video: p.video === 'on',
    // The REST API does not say who shares: never claimed.
    sharing: false,
    identity,
    alerts: [],
  };
}

function roleOf(p: WebexParticipant): Participant['role'] {
  if (p.host) return 'host';
  if (p.coHost) return 'cohost';
  return 'attendee';
}

function changesBetween(before: RosterEntry, after: RosterEntry): ParticipantChanges | undefined {
  const changes: ParticipantChanges = {};
  if (before.displayName !== after.displayName) changes.displayName = after.displayName;
  if (before.role !== after.role) changes.role = after.role;
  if (before.presence !== after.presence) changes.presence = after.presence;
  if (before.audio !== after.audio) changes.audio = after.audio;
  if (before.video !== after.video) changes.video = after.video;
  if (JSON.stringify(before.identity) !== JSON.stringify(after.identity)) changes.identity = after.identity;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/**
 * Turns two consecutive reads of the roster into events: who joined (lobby arrivals join as
 * `waiting`), who changed, who left. Someone missing from the list or listed as `end` has left.
 * Events carry the poll's time: the host keeps the newest event per participant, and Webex's own
 * times (another clock, lagging, sometimes a 1970 placeholder) could make a real leave or rejoin
 * look older than what was already seen. Only the first read uses Webex's join times, so people
 * already present show when they really arrived.
 */
export function diffRoster(
  previous: ReadonlyMap<string, RosterEntry>,
  items: readonly WebexParticipant[],
  now: number,
  context: LeaveContext,
): { roster: Map<string, RosterEntry>; events: ProviderEvent[] } {
  const roster = new Map<string, RosterEntry>();
  const events: ProviderEvent[] = [];
  for (const item of items) {
    const entry = normalise(item);
    if (!entry) continue;
    // Webex pages are read one after another: someone may move between pages mid-read. Keep the
    // first sighting rather than reporting them twice.
    if (roster.has(entry.id)) continue;
    roster.set(entry.id, entry);
    const before = previous.get(entry.id);
    if (!before) {
      const at = context.initial ? Math.min(now, platformTime(item.joinedTime) ?? now) : now;
      events.push({ type: 'joined', at, participant: entry });
      continue;
    }
    const changes = changesBetween(before, entry);
    if (changes) events.push({ type: 'updated', at: now, participantId: entry.id, changes });
  }
  for (const [id, before] of previous) {
    if (roster.has(id)) continue;
    const reason: LeaveReason = context.meetingEnded ? 'meetingEnded' : context.expelled.has(id) ? 'ejected' : 'left';
    events.push({ type: 'left', at: now, participantId: id, displayName: before.displayName, reason });
  }
  return { roster, events };
}
