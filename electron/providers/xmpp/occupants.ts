import { createHash } from 'node:crypto';
import type { Identity, LeaveReason, Participant } from '../../../shared/model/participant';
import type { JoiningParticipant, ParticipantChanges } from '../../host/provider';
import type { MucAffiliation, MucPresence, MucRole } from './stanzas';

/** One occupant of the room as the provider tracks it. */
export interface Occupant {
  /** Current nickname (the room JID's resource). */
  nick: string;
  /** Participant id: stable across nick changes and reconnections. */
  id: string;
  /** The server's XEP-0421 occupant id, when it gives one. */
  occupantId?: string;
  /** Real full JID, when the room shows it to moderators. */
  jid?: string;
  role: MucRole;
  affiliation: MucAffiliation;
  client?: string;
  audioMuted?: boolean;
  videoMuted?: boolean;
  isSelf: boolean;
}

/**
 * The participant id for an occupant. XEP-0421's occupant id is stable per room and account (Prosody
 * sends it; ejabberd 23.01 does not), so it is used when present; otherwise the nick, hashed to a
 * bounded printable id.
 */
export function participantIdOf(presence: Pick<MucPresence, 'occupantId' | 'nick'>): string {
  if (presence.occupantId) return `o-${presence.occupantId}`;
  return `n-${createHash('sha256').update(presence.nick).digest('base64url').slice(0, 32)}`;
}

export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return (slash < 0 ? jid : jid.slice(0, slash)).toLowerCase();
}

export function domainOf(jid: string): string {
  const bare = bareJid(jid);
  return bare.slice(bare.indexOf('@') + 1);
}

/** Builds (or updates) an occupant from an available presence. */
export function occupantFrom(presence: MucPresence, previous: Occupant | undefined, isSelf: boolean): Occupant {
  return {
    nick: presence.nick,
    id: previous?.id ?? participantIdOf(presence),
    ...(presence.occupantId ? { occupantId: presence.occupantId } : {}),
    ...((presence.jid ?? previous?.jid) ? { jid: presence.jid ?? previous?.jid } : {}),
    role: presence.role ?? previous?.role ?? 'participant',
    affiliation: presence.affiliation ?? previous?.affiliation ?? 'none',
    ...((presence.client ?? previous?.client) ? { client: presence.client ?? previous?.client } : {}),
    ...(presence.audioMuted !== undefined ? { audioMuted: presence.audioMuted } : {}),
    ...(presence.videoMuted !== undefined ? { videoMuted: presence.videoMuted } : {}),
    isSelf,
  };
}

/** Whether an occupant signed in on the anonymous guest domain. */
export function isGuest(occupant: Occupant, guestDomain: string | undefined): boolean {
  return guestDomain !== undefined && occupant.jid !== undefined && domainOf(occupant.jid) === guestDomain;
}

function roleOf(occupant: Occupant, guestDomain: string | undefined): Participant['role'] {
  if (occupant.isSelf || occupant.affiliation === 'owner') return 'host';
  if (occupant.affiliation === 'admin' || occupant.role === 'moderator') return 'cohost';
  if (isGuest(occupant, guestDomain)) return 'guest';
  return 'attendee';
}

function identityOf(occupant: Occupant): Identity {
  return {
    ...(occupant.jid ? { userId: bareJid(occupant.jid).slice(0, 512) } : {}),
    ...(occupant.client ? { client: occupant.client } : {}),
  };
}

/** The participant the host sees for an occupant. Plain MUC has no media: Jitsi's presence flags fill it in. */
export function toParticipant(occupant: Occupant, guestDomain: string | undefined): JoiningParticipant {
  return {
    id: occupant.id,
    displayName: occupant.nick,
    role: roleOf(occupant, guestDomain),
    presence: 'inMeeting',
    audio: occupant.audioMuted === false,
    video: occupant.videoMuted === false,
    sharing: false,
    identity: identityOf(occupant),
    alerts: [],
  };
}

/** What differs between two views of one occupant, as the host's update event carries it. */
export function changesBetween(before: Occupant, after: Occupant, guestDomain: string | undefined): ParticipantChanges | undefined {
  const a = toParticipant(before, guestDomain);
  const b = toParticipant(after, guestDomain);
  const changes: ParticipantChanges = {};
  if (a.displayName !== b.displayName) changes.displayName = b.displayName;
  if (a.role !== b.role) changes.role = b.role;
  if (a.audio !== b.audio) changes.audio = b.audio;
  if (a.video !== b.video) changes.video = b.video;
  if (JSON.stringify(a.identity) !== JSON.stringify(b.identity)) changes.identity = b.identity;
  return Object.keys(changes).length > 0 ? changes : undefined;
}

/** How two rosters differ, by participant id: used to reconcile after a reconnection. */
export function diffRosters(
  before: Iterable<Occupant>,
  after: Iterable<Occupant>,
): { joined: Occupant[]; left: Occupant[]; kept: [Occupant, Occupant][] } {
  const old = new Map([...before].map((o) => [o.id, o]));
  const joined: Occupant[] = [];
  const kept: [Occupant, Occupant][] = [];
  for (const occupant of after) {
    const previous = old.get(occupant.id);
    if (previous) {
      kept.push([previous, occupant]);
      old.delete(occupant.id);
    } else {
      joined.push(occupant);
    }
  }
  return { joined, left: [...old.values()], kept };
}

/** Why an occupant left, from the status codes of their unavailable presence (XEP-0045 §15.6). */
export function leaveReasonOf(statuses: readonly string[]): LeaveReason {
  if (statuses.includes('301')) return 'banned';
  if (statuses.includes('307')) return 'ejected';
  if (statuses.includes('321') || statuses.includes('322') || statuses.includes('332')) return 'removed';
  return 'left';
}
