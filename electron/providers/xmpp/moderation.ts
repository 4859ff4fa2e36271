import { randomBytes, randomUUID } from 'node:crypto';
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import type { PlatformAction } from '../../../shared/model/action';
import { ProviderError } from '../../host/provider';
import type { XmppLink } from './link';
import { bareJid, domainOf, isGuest, type Occupant } from './occupants';
import type { MucRoom } from './room';
import type { XmppConfig } from './settings';
import { NS, parseMucPresence, parseRoomMessage } from './stanzas';

/** How long the room has to show an action's effect after the server accepted it. */
const CONFIRM_MS = 4_000;
const IQ_TIMEOUT_MS = 10_000;

export type ModerationConfig = Pick<XmppConfig, 'guestDomain' | 'guestBan' | 'lockMode' | 'lockPassword'>;

/**
 * The moderator's actions as XEP-0045 requests, each confirmed by its effect in the room (the
 * occupant's presence or the room's features), not just by the server's `result`. One item per
 * admin request: Prosody applies only the first item of a multi-item request and still answers
 * `result`. Bans and a members-only lock are also enforced on arrival, because ejabberd lets an
 * outcast back in after a voice toggle (PLATFORMS.md §3.2).
 */
export class Moderation {
  /** Bare JIDs and domains this session made outcast. */
  readonly bans = new Set<string>();
  private lockedMembersOnly = false;

  constructor(
    private readonly room: MucRoom,
    private readonly link: XmppLink,
    private readonly config: ModerationConfig,
    private readonly report: (detail: string) => void,
  ) {
    room.onArrival = (occupant) => this.enforce(occupant);
  }

  async perform(action: PlatformAction, signal: AbortSignal): Promise<void> {
    switch (action.kind) {
      case 'eject':
        return this.eject(this.target(action.participantId), signal);
      case 'ban':
        return this.ban(this.target(action.participantId), signal);
      case 'mute':
        return this.setVoice(this.target(action.participantId), false, signal);
      case 'unmute':
        return this.setVoice(this.target(action.participantId), true, signal);
      case 'lock':
        return this.setLocked(true, signal);
      case 'unlock':
        return this.setLocked(false, signal);
      case 'postChat':
        return this.postChat(action.text, signal);
      case 'endForAll':
        return this.destroy(signal);
      default:
        throw new ProviderError(`“${action.kind}” is not something an XMPP room can do.`, { kind: 'unsupported', retryable: false });
    }
  }

  private target(participantId: string): Occupant {
    const occupant = this.room.findById(participantId);
    if (!occupant) throw new ProviderError('That participant is no longer in the room.', { kind: 'notFound', retryable: false });
    if (occupant.isSelf) throw new ProviderError('That is Hostdeck’s own seat in the room.', { kind: 'invalid', retryable: false });
    return occupant;
  }

  private admin(item: Record<string, string>, reason: string | undefined, what: string, signal?: AbortSignal): Promise<Element> {
    const children = reason ? [xml('reason', {}, reason)] : [];
    const iq = xml('iq', { type: 'set', to: this.room.jid }, xml('query', { xmlns: NS.mucAdmin }, xml('item', item, ...children)));
    return this.link.request(iq, what, IQ_TIMEOUT_MS, signal);
  }

  /** Waits for `nick` to leave the room (any unavailable presence under that nick). */
  private departure(nick: string, signal?: AbortSignal) {
    return this.room.waitFor(
      (el) => {
        const parsed = el.name === 'presence' ? parseMucPresence(el, this.room.jid) : undefined;
        return parsed?.ok && parsed.value.nick === nick && parsed.value.type === 'unavailable' ? parsed.value : undefined;
      },
      CONFIRM_MS,
      signal,
    );
  }

  /** Sends `request` and waits for `nick` to be gone; `unconfirmed` when they are still there. */
  private async removal(nick: string, request: () => Promise<unknown>, signal?: AbortSignal): Promise<void> {
    if (!this.room.occupants.has(nick)) return;
    const gone = this.departure(nick, signal);
    try {
      await request();
    } catch (error) {
      gone.cancel();
      throw error;
    }
    await gone.result;
    if (this.room.occupants.has(nick)) {
      throw new ProviderError(`The server accepted the request, but ${nick.slice(0, 60)} is still in the room.`, { kind: 'unconfirmed' });
    }
  }

  async eject(occupant: Occupant, signal?: AbortSignal, reason = 'Removed by the moderator.'): Promise<void> {
    await this.removal(
      occupant.nick,
      () => this.admin({ nick: occupant.nick, role: 'none' }, reason, `Removing ${occupant.nick}`, signal),
      signal,
    );
  }

  private async ban(occupant: Occupant, signal: AbortSignal): Promise<void> {
    if (!occupant.jid) {
      throw new ProviderError('The room hides this participant’s address, so the server cannot ban them.', {
        kind: 'unsupported',
        retryable: false,
      });
    }
    // An anonymous guest returns with a new address: only the guest domain keeps them out (§3.2 quirk 2).
    const domain =
      isGuest(occupant, this.config.guestDomain) && this.config.guestBan === 'guestDomain' ? domainOf(occupant.jid) : undefined;
    const covered = domain ? [...this.room.occupants.values()].filter((o) => !o.isSelf && o.jid && domainOf(o.jid) === domain) : [];
    // Each address first, then the domain: ejabberd ignores an address ban (and sends no 301) once
    // the domain is an outcast, and keeps present guests in after a domain ban.
    await this.banAddress(occupant, signal);
    await Promise.allSettled(covered.filter((o) => o !== occupant).map((o) => this.banAddress(o, signal)));
    if (domain) {
      await this.outcast(domain, 'Banning the guest domain', signal);
      this.bans.add(domain);
    }
    await this.removeBanned(signal);
    if (this.room.occupants.has(occupant.nick)) {
      throw new ProviderError(`The server accepted the ban, but ${occupant.nick.slice(0, 60)} is still in the room.`, {
        kind: 'unconfirmed',
      });
    }
  }

  /** Makes one occupant's own address an outcast and waits for them to go (301). */
  private async banAddress(occupant: Occupant, signal: AbortSignal): Promise<void> {
    const own = bareJid(occupant.jid as string);
    this.room.enforced.set(occupant.nick, 'banned');
    await this.removal(occupant.nick, () => this.outcast(own, `Banning ${occupant.nick}`, signal), signal).catch((error: unknown) => {
      if (!(error instanceof ProviderError) || error.kind !== 'unconfirmed') throw error;
    });
    this.bans.add(own);
  }

  private outcast(jid: string, what: string, signal?: AbortSignal): Promise<Element> {
    return this.admin({ jid, affiliation: 'outcast' }, 'Banned by the moderator.', what, signal);
  }

  /** Removes, by a kick, anyone a ban of this session covers whom the server left in the room. */
  private async removeBanned(signal: AbortSignal): Promise<void> {
    const remaining = [...this.room.occupants.values()].filter((o) => !o.isSelf && o.jid && this.isBanned(o.jid));
    const results = await Promise.allSettled(
      remaining.map((o) => {
        this.room.enforced.set(o.nick, 'banned');
        return this.eject(o, signal, 'Banned by the moderator.');
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0)
      throw new ProviderError(`The ban holds, but ${failed} banned participant(s) could not be removed yet.`, { kind: 'unconfirmed' });
  }

  isBanned(jid: string): boolean {
    return this.bans.has(bareJid(jid)) || this.bans.has(domainOf(jid));
  }

  /** Keeps banned accounts (and non-members of a members-only lock) out, whatever the server let through. */
  private enforce(occupant: Occupant): void {
    let reason: 'banned' | 'removed' | undefined;
    if (occupant.affiliation === 'outcast' || (occupant.jid && this.isBanned(occupant.jid))) reason = 'banned';
    else if (this.lockedMembersOnly && occupant.affiliation === 'none' && occupant.role !== 'moderator') reason = 'removed';
    if (!reason) return;
    this.room.enforced.set(occupant.nick, reason);
    const why = reason === 'banned' ? 'Banned from this room.' : 'The room is members-only.';
    this.admin({ nick: occupant.nick, role: 'none' }, why, `Removing ${occupant.nick}`).catch((error: unknown) =>
      this.report(`could not turn away ${occupant.nick.slice(0, 60)}: ${(error as Error).message}`),
    );
  }

  private async setLocked(locked: boolean, signal: AbortSignal): Promise<void> {
    const byPassword = this.config.lockMode === 'password';
    const secret = locked && byPassword ? (this.config.lockPassword ?? randomBytes(18).toString('base64url')) : '';
    const values: Record<string, string> = locked
      ? byPassword
        ? { 'muc#roomconfig_roomsecret': secret, 'muc#roomconfig_passwordprotectedroom': '1' }
        : { 'muc#roomconfig_membersonly': '1' }
      : { 'muc#roomconfig_roomsecret': '', 'muc#roomconfig_passwordprotectedroom': '0', 'muc#roomconfig_membersonly': '0' };
    const missing = await this.room.configure(values, signal);
    const essential = byPassword ? 'muc#roomconfig_roomsecret' : 'muc#roomconfig_membersonly';
    if (locked && missing.includes(essential)) {
      throw new ProviderError(`This server’s rooms have no ${byPassword ? 'password' : 'members-only'} setting.`, {
        kind: 'unsupported',
        retryable: false,
      });
    }
    this.room.password = secret || undefined;
    this.lockedMembersOnly = locked && !byPassword;
    await this.room.refreshInfo(true, signal);
    if (this.lockedMembersOnly) await this.room.resync(signal);
    if (this.room.locked !== locked) {
      throw new ProviderError(`The server accepted the change, but the room does not report itself ${locked ? 'locked' : 'open'}.`, {
        kind: 'unconfirmed',
      });
    }
  }

  /** Revokes voice (role visitor) to mute, grants it back (role participant) to unmute. */
  private async setVoice(occupant: Occupant, voiced: boolean, signal: AbortSignal): Promise<void> {
    // Only a visitor lacks voice: granting "participant" to a moderator would demote them.
    if (voiced && occupant.role !== 'visitor') return;
    // Voice only means something in a moderated room (XEP-0045 §8.3); unmuting never needs it switched on.
    if (!voiced && !this.room.info.features.has('muc_moderated')) {
      await this.room.configure({ 'muc#roomconfig_moderatedroom': '1' }, signal);
      await this.room.refreshInfo(false, signal);
    }
    const role = voiced ? 'participant' : 'visitor';
    const changed = this.room.waitFor(
      (el) => {
        const parsed = el.name === 'presence' ? parseMucPresence(el, this.room.jid) : undefined;
        return parsed?.ok && parsed.value.nick === occupant.nick && parsed.value.role === role ? true : undefined;
      },
      CONFIRM_MS,
      signal,
    );
    try {
      const [reason, what] = voiced ? ['Voice granted by the moderator.', 'Unmuting'] : ['Muted by the moderator.', 'Muting'];
      await this.admin({ nick: occupant.nick, role }, reason, `${what} ${occupant.nick}`, signal);
    } catch (error) {
      changed.cancel();
      throw error;
    }
    await changed.result;
    if (this.room.occupants.get(occupant.nick)?.role !== role) {
      const still = voiced ? 'still has no voice' : 'still has voice';
      throw new ProviderError(`The server accepted the request, but ${occupant.nick.slice(0, 60)} ${still}.`, { kind: 'unconfirmed' });
    }
  }

  private async postChat(text: string, signal: AbortSignal): Promise<void> {
    const id = randomUUID();
    // The room reflects a groupchat message to its sender (XEP-0045 §7.4): that echo confirms delivery.
    const echo = this.room.waitFor<{ error?: string }>(
      (el) => {
        if (el.name !== 'message') return undefined;
        const parsed = parseRoomMessage(el, this.room.jid);
        if (!parsed?.ok || (parsed.value.id !== id && parsed.value.originId !== id)) return undefined;
        return parsed.value.error ? { error: parsed.value.error.text ?? parsed.value.error.condition } : {};
      },
      CONFIRM_MS,
      signal,
    );
    const message = xml(
      'message',
      { to: this.room.jid, type: 'groupchat', id },
      xml('body', {}, text),
      xml('origin-id', { xmlns: NS.originId, id }),
    );
    try {
      await this.link.send(message);
    } catch (error) {
      echo.cancel();
      throw error;
    }
    const answer = await echo.result;
    if (!answer) throw new ProviderError('The message was sent, but the room did not echo it back.', { kind: 'unconfirmed' });
    if (answer.error)
      throw new ProviderError(`The room refused the message: ${answer.error.slice(0, 300)}`, { kind: 'forbidden', retryable: false });
  }

  private async destroy(signal: AbortSignal): Promise<void> {
    const destroyed = this.room.waitFor(
      (el) => {
        const parsed = el.name === 'presence' ? parseMucPresence(el, this.room.jid) : undefined;
        return parsed?.ok && parsed.value.destroyed ? true : undefined;
      },
      CONFIRM_MS,
      signal,
    );
    const iq = xml(
      'iq',
      { type: 'set', to: this.room.jid },
      xml('query', { xmlns: NS.mucOwner }, xml('destroy', {}, xml('reason', {}, 'The moderator ended the meeting.'))),
    );
    try {
      await this.link.request(iq, 'Ending the meeting', IQ_TIMEOUT_MS, signal);
    } catch (error) {
      destroyed.cancel();
      throw error;
    }
    await destroyed.result;
    if (this.room.status !== 'destroyed') {
      throw new ProviderError('The server accepted the request, but the room did not report that it closed.', { kind: 'unconfirmed' });
    }
  }
}
