import { bareJid, type Occupant } from './occupants';

/**
 * Who a members-only switch would remove, and what to do about it. Prosody and ejabberd remove
 * every present non-member (status 322) when a room becomes members-only; Jitsi's own lobby keeps
 * the people already in the meeting. So, before Hostdeck makes a room members-only, every present
 * occupant who should stay is made a member (one admin request each).
 *
 * Who should stay: everyone present whose affiliation is `none`, except Hostdeck's own seat and
 * anyone `leaving` says is on their way out (an eject or ban of this session in progress, a ban
 * this session holds, an arrival being turned away). The provider does not see the host's risk
 * flags: an intruder whose eject reaches the provider after the switch was made a member, and the
 * eject then withdraws that membership (see `Moderation.eject`).
 */
export interface MembershipPlan {
  /** One occupant per bare JID to make a member. */
  grant: { jid: string; occupant: Occupant }[];
  /** Occupants who should stay but whose real address the room does not show: they cannot be made members. */
  hidden: Occupant[];
}

export function planMembership(occupants: Iterable<Occupant>, leaving: (occupant: Occupant) => boolean): MembershipPlan {
  const grant = new Map<string, Occupant>();
  const hidden: Occupant[] = [];
  for (const occupant of occupants) {
    if (occupant.isSelf || occupant.affiliation !== 'none' || leaving(occupant)) continue;
    if (!occupant.jid) hidden.push(occupant);
    else if (!grant.has(bareJid(occupant.jid))) grant.set(bareJid(occupant.jid), occupant);
  }
  return { grant: [...grant].map(([jid, occupant]) => ({ jid, occupant })), hidden };
}

const LISTED = 10;

function names(nicks: readonly string[]): string {
  const shown = nicks.slice(0, LISTED).map((n) => `“${n.slice(0, 60)}”`);
  return nicks.length > LISTED ? `${shown.join(', ')} and ${nicks.length - LISTED} more` : shown.join(', ');
}

/**
 * What the moderator is told when present participants who should have stayed could not be made
 * members, so the server removes them as the room becomes members-only; undefined when everyone
 * who should stay was kept.
 */
export function unkeptNote(hidden: readonly string[], refused: readonly { nick: string; why: string }[]): string | undefined {
  const parts: string[] = [];
  if (hidden.length > 0) {
    parts.push(
      `${hidden.length} present participant(s) could not be kept in the room: the room does not show Hostdeck their real address, ` +
        `so they could not be made members, and the server removes non-members when the room becomes members-only: ${names(hidden)}.`,
    );
  }
  if (refused.length > 0) {
    const first = refused[0] as { nick: string; why: string };
    parts.push(
      `The server refused to make ${refused.length} present participant(s) members, so it removes them as the room becomes ` +
        `members-only: ${names(refused.map((r) => r.nick))} (first refusal: ${first.why.slice(0, 200)}).`,
    );
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}
