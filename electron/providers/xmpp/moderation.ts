import { randomBytes, randomUUID } from 'node:crypto';
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { z } from 'zod';
import type { PlatformAction } from '../../../shared/model/action';
import type { JitsiFeatures } from './capabilities';
import { ProviderError, type ActionNote } from '../../host/provider';
import type { XmppLink } from './link';
import { bareJid, domainOf, isGuest, type Occupant } from './occupants';
import type { MucRoom } from './room';
import type { XmppConfig } from './settings';
import { planMembership, unkeptNote } from './membership';
import { readRoomInfo } from './roomRequests';
import { NS, parseMucPresence, parseRoomMessage } from './stanzas';

/** How long the room has to show an action's effect after the server accepted it. */
const CONFIRM_MS = 4_000;
const IQ_TIMEOUT_MS = 10_000;
/** Membership grants in flight at once before a members-only switch. */
const GRANT_CONCURRENCY = 16;

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
  /** Nicks an eject or ban of this session is removing right now: never made members. */
  private readonly removing = new Set<string>();
  /** Bare JIDs this session made members so that a members-only switch kept them. */
  private readonly granted = new Set<string>();

  constructor(
    private readonly room: MucRoom,
    private readonly link: XmppLink,
    private readonly config: ModerationConfig,
    private readonly report: (detail: string) => void,
    private readonly jitsi: JitsiFeatures = {},
  ) {
    room.onArrival = (occupant) => this.enforce(occupant);
  }

  async perform(action: PlatformAction, signal: AbortSignal): Promise<void | ActionNote> {
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
        return this.jitsi.endConference ? this.endConference(this.jitsi.endConference, signal) : this.destroy(signal);
      case 'muteAll':
        return this.muteAll(action.preventUnmute, signal);
      case 'setWaitingRoom':
        return this.setLobby(action.enabled, signal);
      case 'setAllowUnmute':
        if (this.jitsi.avModeration) return this.setAvModeration(this.jitsi.avModeration, !action.allowed, signal);
        break;
    }
    throw new ProviderError(`“${action.kind}” is not something this XMPP room can do.`, { kind: 'unsupported', retryable: false });
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

  /**
   * Kicks the occupant (role none). If this session made them a member to keep them through a
   * members-only switch, the membership is withdrawn in the same breath (sent right after the kick,
   * on the same stream), or they could walk back into the members-only room.
   */
  async eject(occupant: Occupant, signal?: AbortSignal, reason = 'Removed by the moderator.'): Promise<void | ActionNote> {
    const own = occupant.jid ? bareJid(occupant.jid) : undefined;
    this.removing.add(occupant.nick);
    // Settles to the failure, if any, so a kick that fails first leaves no rejection unhandled.
    let withdrawn: Promise<Error | undefined> | undefined;
    try {
      await this.removal(
        occupant.nick,
        () => {
          const kick = this.admin({ nick: occupant.nick, role: 'none' }, reason, `Removing ${occupant.nick}`, signal);
          if (own && this.granted.has(own)) {
            withdrawn = this.withdrawMembership(own, occupant.nick, signal).then(
              () => undefined,
              (error: unknown) => error as Error,
            );
          }
          return kick;
        },
        signal,
      );
    } finally {
      this.removing.delete(occupant.nick);
    }
    const failed = await withdrawn;
    if (!failed) return;
    return {
      note:
        `Removed, but Hostdeck could not withdraw the membership it gave ${occupant.nick.slice(0, 60)} when the room became ` +
        `members-only (${failed.message.slice(0, 200)}): they can come back while it stays members-only.`,
    };
  }

  private async withdrawMembership(jid: string, nick: string, signal?: AbortSignal): Promise<void> {
    await this.admin({ jid, affiliation: 'none' }, undefined, `Withdrawing ${nick}’s membership`, signal);
    this.granted.delete(jid);
  }

  /** Whether an occupant is on their way out: never kept through a members-only switch. */
  private leaving(occupant: Occupant): boolean {
    return (
      this.removing.has(occupant.nick) ||
      this.room.enforced.has(occupant.nick) ||
      occupant.affiliation === 'outcast' ||
      (occupant.jid !== undefined && this.isBanned(occupant.jid))
    );
  }

  /**
   * Before the room becomes members-only: makes every present occupant who should stay a member, one
   * admin request each, so the server does not remove them (322), as Jitsi's own lobby keeps those
   * already in the meeting (rule in membership.ts). Each occupant is checked again just before its
   * request, so an eject that started meanwhile wins; a grant sent before an eject is withdrawn by it.
   * Resolves with a note naming those who could not be kept.
   */
  private async keepPresent(signal: AbortSignal): Promise<ActionNote | undefined> {
    const plan = planMembership(this.room.occupants.values(), (o) => this.leaving(o));
    const queue = [...plan.grant];
    const refused: { nick: string; why: string }[] = [];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { jid, occupant } = next;
        if (signal.aborted) return;
        if (this.room.occupants.get(occupant.nick) !== occupant || this.leaving(occupant)) continue;
        this.granted.add(jid);
        try {
          await this.admin({ jid, affiliation: 'member' }, undefined, `Keeping ${occupant.nick} in the room`, signal);
        } catch (error) {
          refused.push({ nick: occupant.nick, why: (error as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(GRANT_CONCURRENCY, queue.length) }, worker));
    if (signal.aborted) throw new ProviderError('Cancelled.', { kind: 'cancelled', retryable: false });
    const note = unkeptNote(
      plan.hidden.map((o) => o.nick),
      refused,
    );
    return note ? { note } : undefined;
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
    this.removing.add(occupant.nick);
    await this.removal(occupant.nick, () => this.outcast(own, `Banning ${occupant.nick}`, signal), signal)
      .catch((error: unknown) => {
        if (!(error instanceof ProviderError) || error.kind !== 'unconfirmed') throw error;
      })
      .finally(() => this.removing.delete(occupant.nick));
    this.bans.add(own);
    this.granted.delete(own); // an outcast is no longer a member
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

  private async setLocked(locked: boolean, signal: AbortSignal): Promise<void | ActionNote> {
    const byPassword = this.config.lockMode === 'password';
    const kept = locked && !byPassword ? await this.keepPresent(signal) : undefined;
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
    return kept;
  }

  /**
   * Revokes voice (role visitor) to mute, grants it back (role participant) to unmute. Voice only
   * means something in a moderated room (XEP-0045 §8.3): to mute in an unmoderated room, the room is
   * made moderated first, and the moderator is told, since it changes the room for everyone.
   */
  private async setVoice(occupant: Occupant, voiced: boolean, signal: AbortSignal): Promise<void | ActionNote> {
    // Only a visitor lacks voice: granting "participant" to a moderator would demote them.
    if (voiced && occupant.role !== 'visitor') return;
    let note: ActionNote | undefined;
    // Unmuting never needs the room switched to moderated.
    if (!voiced && !this.room.info.features.has('muc_moderated')) {
      const missing = await this.room.configure({ 'muc#roomconfig_moderatedroom': '1' }, signal);
      await this.room.refreshInfo(false, signal);
      if (missing.length > 0 || !this.room.info.features.has('muc_moderated')) {
        throw new ProviderError('The room is not moderated and the server would not make it so: nobody can be muted in it.', {
          kind: 'unsupported',
          retryable: false,
        });
      }
      note = {
        note: 'The room was not moderated, so Hostdeck made it moderated first: speaking now needs voice, which the moderators can revoke.',
      };
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
    return note;
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

  /** Waits for the room to report that it closed after `send`; whether it did. */
  private async closing(send: () => Promise<unknown>, signal: AbortSignal): Promise<boolean> {
    const destroyed = this.room.waitFor(
      (el) => {
        const parsed = el.name === 'presence' ? parseMucPresence(el, this.room.jid) : undefined;
        return parsed?.ok && parsed.value.destroyed ? true : undefined;
      },
      CONFIRM_MS,
      signal,
    );
    try {
      await send();
    } catch (error) {
      destroyed.cancel();
      throw error;
    }
    await destroyed.result;
    return this.room.status === 'destroyed';
  }

  private async destroy(signal: AbortSignal): Promise<void> {
    const iq = xml(
      'iq',
      { type: 'set', to: this.room.jid },
      xml('query', { xmlns: NS.mucOwner }, xml('destroy', {}, xml('reason', {}, 'The moderator ended the meeting.'))),
    );
    if (!(await this.closing(() => this.link.request(iq, 'Ending the meeting', IQ_TIMEOUT_MS, signal), signal))) {
      throw new ProviderError('The server accepted the request, but the room did not report that it closed.', { kind: 'unconfirmed' });
    }
  }

  /**
   * Jitsi's end-conference component (mod_end_conference) ends the meeting for everyone, jicofo and
   * the bridge included: `<end_conference/>` to the component's address, as lib-jitsi-meet sends it.
   * When the room does not close, the room's own destroy (XEP-0045 §10.9) follows, if Hostdeck owns it.
   */
  private async endConference(component: string, signal: AbortSignal): Promise<void> {
    const message = xml('message', { to: component }, xml('end_conference', { xmlns: NS.jitsi }));
    if (await this.closing(() => this.link.send(message), signal)) return;
    if (this.room.self?.affiliation !== 'owner') {
      throw new ProviderError('Jitsi’s end-conference component did not close the room, and Hostdeck does not own it.', {
        kind: 'unconfirmed',
      });
    }
    this.report('Jitsi’s end-conference component did not close the room; destroying it directly');
    await this.destroy(signal);
  }

  /** Jitsi's focus (jicofo) in the room: it carries out mute requests on the media. */
  private focus(): Occupant | undefined {
    return [...this.room.occupants.values()].find((o) => !o.isSelf && isFocus(o));
  }

  /**
   * Mutes everyone's audio the way Jitsi Meet does: one `<mute/>` request per participant to the
   * focus (jicofo), which mutes the media on the bridge. With `preventUnmute`, Jitsi's AV moderation
   * component is switched on first, so nobody unmutes without a moderator's approval.
   */
  private async muteAll(preventUnmute: boolean, signal: AbortSignal): Promise<void> {
    if (!this.jitsi.avModeration) {
      throw new ProviderError('This server has no Jitsi audio/video moderation component.', { kind: 'unsupported', retryable: false });
    }
    const focus = this.focus();
    if (!focus) {
      throw new ProviderError('Jitsi’s focus (jicofo) is not in the room, so nobody can be muted through it.', { kind: 'unavailable' });
    }
    if (preventUnmute) await this.setAvModeration(this.jitsi.avModeration, true, signal);
    const targets = [...this.room.occupants.values()].filter((o) => !o.isSelf && o !== focus);
    const results = await Promise.allSettled(
      targets.map((o) =>
        this.link.request(
          xml(
            'iq',
            { type: 'set', to: `${this.room.jid}/${focus.nick}` },
            xml('mute', { xmlns: NS.jitsiAudio, jid: `${this.room.jid}/${o.nick}` }, 'true'),
          ),
          `Muting ${o.nick}`,
          IQ_TIMEOUT_MS,
          signal,
        ),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) {
      const first = (failed[0] as PromiseRejectedResult).reason as Error;
      throw new ProviderError(`Jitsi’s focus refused to mute ${failed.length} of ${targets.length}: ${first.message.slice(0, 200)}`, {
        kind: 'unconfirmed',
      });
    }
  }

  /** Whether unmuting needs a moderator's approval (Jitsi's AV moderation for audio), as last confirmed. */
  avModerationOn: boolean | undefined;

  /** Switches Jitsi's AV moderation for audio; confirmed by the component's broadcast of the new state. */
  private async setAvModeration(component: string, enable: boolean, signal: AbortSignal): Promise<void> {
    const confirmed = this.room.waitFor(
      (el) => {
        if (el.name !== 'message') return undefined;
        const state = parseJsonMessage(el.getChildText('json-message', NS.jitsi));
        return state?.type === 'av_moderation' && state.room === this.room.jid && state.mediaType === 'audio' && state.enabled === enable
          ? true
          : undefined;
      },
      CONFIRM_MS,
      signal,
    );
    const command = JSON.stringify({ type: 'av_moderation', room: this.room.jid, enable, mediaType: 'audio' });
    try {
      await this.link.send(xml('message', { to: component }, xml('json-message', { xmlns: NS.jitsi }, command)));
    } catch (error) {
      confirmed.cancel();
      throw error;
    }
    if (!(await confirmed.result)) {
      throw new ProviderError(
        `Jitsi’s audio/video moderation component did not confirm that unmuting ${enable ? 'needs' : 'no longer needs'} approval.`,
        { kind: 'unconfirmed' },
      );
    }
    this.avModerationOn = enable;
  }

  /**
   * Jitsi's lobby: lib-jitsi-meet turns it on by making the room members-only; Jitsi's lobby plugin
   * then opens `room@<lobby service>`, where newcomers wait to be admitted. Confirmed when the room
   * reports members-only and (turning on) the lobby room exists.
   */
  private async setLobby(enabled: boolean, signal: AbortSignal): Promise<void | ActionNote> {
    const lobby = this.jitsi.lobby;
    if (!lobby) throw new ProviderError('This server has no Jitsi lobby.', { kind: 'unsupported', retryable: false });
    const kept = enabled ? await this.keepPresent(signal) : undefined;
    const missing = await this.room.configure({ 'muc#roomconfig_membersonly': enabled ? '1' : '0' }, signal);
    if (missing.length > 0) {
      throw new ProviderError('This server’s rooms have no members-only setting, which Jitsi’s lobby needs.', {
        kind: 'unsupported',
        retryable: false,
      });
    }
    await this.room.refreshInfo(true, signal);
    if (enabled) await this.room.resync(signal);
    if (this.room.info.features.has('muc_membersonly') !== enabled) {
      throw new ProviderError(`The server accepted the change, but the room is ${enabled ? 'still open' : 'still members-only'}.`, {
        kind: 'unconfirmed',
      });
    }
    if (!enabled) return;
    const lobbyRoom = `${this.room.jid.slice(0, this.room.jid.indexOf('@'))}@${lobby}`;
    const deadline = Date.now() + CONFIRM_MS;
    for (;;) {
      const exists = await readRoomInfo(this.link, lobbyRoom, signal).then(
        () => true,
        () => false,
      );
      if (exists) return kept;
      if (Date.now() > deadline || signal.aborted) {
        throw new ProviderError('The room is members-only, but Jitsi’s lobby room did not open: newcomers are refused, not held.', {
          kind: 'unconfirmed',
        });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Whether an occupant is Jitsi's focus (jicofo joins every room as `focus`, account `focus@…`). */
export function isFocus(occupant: Occupant): boolean {
  return occupant.nick === 'focus' && (occupant.jid ?? '').toLowerCase().startsWith('focus@');
}

/** A Jitsi JSON message (`<json-message xmlns='http://jitsi.org/jitmeet'>`), bounded and validated. */
const JitsiJson = z.looseObject({
  type: z.string().max(100),
  room: z.string().max(3071).optional(),
  enabled: z.boolean().optional(),
  mediaType: z.string().max(20).optional(),
});

function parseJsonMessage(text: string | null | undefined): z.infer<typeof JitsiJson> | undefined {
  if (!text || text.length > 10_000) return undefined;
  try {
    const parsed = JitsiJson.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
