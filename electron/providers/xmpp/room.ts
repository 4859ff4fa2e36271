import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import type { Meeting } from '../../../shared/model/meeting';
import { UNKNOWN_CONTROLS } from '../../../shared/model/meeting';
import type { LeaveReason } from '../../../shared/model/participant';
import { ProviderError, type ProviderEvent } from '../../host/provider';
import type { XmppLink } from './link';
import { changesBetween, diffRosters, leaveReasonOf, occupantFrom, toParticipant, type Occupant } from './occupants';
import { joinRefusal, listOccupantNicks, readRoomInfo, submitRoomConfig } from './roomRequests';
import { NS, parseMucPresence, parseRoomMessage, type MucPresence, type RoomInfo } from './stanzas';
import { StanzaWaiters, type Wait } from './waiters';

export interface RoomContext {
  link: XmppLink;
  emit(event: ProviderEvent): void;
  now(): number;
  guestDomain: string | undefined;
  /** A stanza the provider could not use; reported, never fatal. */
  problem(detail: string): void;
}

const JOIN_TIMEOUT_MS = 10_000;
const EMPTY_INFO: RoomInfo = { features: new Set(), fields: new Map(), identities: [] };

/** How a join went. */
export interface JoinResult {
  created: boolean;
  joined: number;
  left: number;
}

/**
 * One joined MUC room (XEP-0045): the roster from presence, the room's features from disco#info,
 * and the events the host folds. Joining and re-joining share one path: presences collected until
 * our own (status 110, which the server sends last) are compared with the roster we had, so a
 * reconnection reports who came and went meanwhile, once.
 */
export class MucRoom {
  nick: string;
  info: RoomInfo = EMPTY_INFO;
  /** Occupants by nick. */
  readonly occupants = new Map<string, Occupant>();
  /** The password to give when (re)joining: set when Hostdeck locks the room with one. */
  password: string | undefined;
  status: 'new' | 'joining' | 'joined' | 'removed' | 'destroyed' = 'new';
  linkState: 'connected' | 'reconnecting' | 'disconnected' = 'connected';
  /** Nicks removed to enforce a ban or lock: their leave is reported with this reason. */
  readonly enforced = new Map<string, LeaveReason>();
  /** Jitsi's lobby service, when the server has one: members-only then means newcomers wait there. */
  lobbyService: string | undefined;
  /** Called for each newcomer after the join is reported (ban and lock enforcement). */
  onArrival: ((occupant: Occupant) => void) | undefined;
  private pending: Map<string, Occupant> | null = null;
  private readonly waiters = new StanzaWaiters();

  constructor(
    readonly jid: string,
    nick: string,
    private readonly ctx: RoomContext,
  ) {
    this.nick = nick;
  }

  get self(): Occupant | undefined {
    return this.occupants.get(this.nick);
  }

  get locked(): boolean {
    return this.info.features.has('muc_passwordprotected') || this.info.features.has('muc_membersonly');
  }

  findById(id: string): Occupant | undefined {
    for (const occupant of this.occupants.values()) if (occupant.id === id) return occupant;
    return undefined;
  }

  meeting(): Meeting {
    const title = this.info.fields.get('muc#roomconfig_roomname') || this.jid.slice(0, this.jid.indexOf('@'));
    return {
      id: this.jid,
      providerId: 'xmpp',
      title: title.slice(0, 500),
      status: this.status === 'destroyed' ? 'ended' : 'live',
      locked: this.locked,
      controls: { ...UNKNOWN_CONTROLS, ...(this.lobbyService ? { waitingRoom: this.info.features.has('muc_membersonly') } : {}) },
      ...(this.linkState === 'connected' ? {} : { link: this.linkState }),
    };
  }

  /** Every stanza from the link passes through here. */
  handle(el: Element): void {
    this.waiters.offer(el);
    if (el.name === 'presence') this.onPresence(el);
    else if (el.name === 'message') this.onMessage(el);
  }

  /** Waits for a stanza from the link (see StanzaWaiters). */
  waitFor<T>(match: (el: Element) => T | undefined, timeoutMs: number, signal?: AbortSignal): Wait<T> {
    return this.waiters.waitFor(match, timeoutMs, signal);
  }

  /** Joins (or re-joins) the room; creates and unlocks it when it did not exist. */
  async join(): Promise<JoinResult> {
    this.status = 'joining';
    this.pending = new Map();
    let self: MucPresence | undefined;
    for (let attempt = 1; !self; attempt++) {
      const outcome = await this.sendJoin();
      if ('error' in outcome) {
        // A ghost of our previous connection may still hold the nick for a moment after a drop.
        if (outcome.error.condition === 'conflict' && attempt < 4) {
          this.nick = `${this.nick.replace(/ \(\d\)$/, '')} (${attempt + 1})`;
          continue;
        }
        this.pending = null;
        this.status = 'removed';
        throw joinRefusal(outcome.error.condition, outcome.error.text);
      }
      self = outcome.self;
    }
    const created = self.statuses.includes('201');
    // XEP-0045 §10.1: a new room stays locked (Prosody refuses everyone else) until its owner submits the form.
    if (created) await this.configure({ 'muc#roomconfig_whois': 'moderators' });
    await this.refreshInfo(false);
    return { ...this.adoptRoster(), created };
  }

  private async sendJoin(): Promise<{ self: MucPresence } | { error: { condition: string; text?: string } }> {
    const nick = this.nick;
    const answer = this.waitFor<{ self: MucPresence } | { error: { condition: string; text?: string } }>((el) => {
      if (el.name !== 'presence') return undefined;
      const from = String(el.attrs['from'] ?? '').toLowerCase();
      if (el.attrs['type'] === 'error' && (from === this.jid || from === `${this.jid}/${nick.toLowerCase()}`)) {
        const parsed = parseMucPresence(el, this.jid);
        const error = parsed?.ok ? parsed.value.error : undefined;
        return { error: error ?? { condition: 'undefined-condition' } };
      }
      const parsed = parseMucPresence(el, this.jid);
      if (parsed?.ok && parsed.value.statuses.includes('110') && parsed.value.type === 'available') return { self: parsed.value };
      return undefined;
    }, JOIN_TIMEOUT_MS);
    const x = xml(
      'x',
      { xmlns: NS.muc },
      xml('history', { maxstanzas: '0' }),
      ...(this.password ? [xml('password', {}, this.password)] : []),
    );
    try {
      await this.ctx.link.send(xml('presence', { to: `${this.jid}/${nick}` }, x));
    } catch (error) {
      answer.cancel();
      throw error;
    }
    const outcome = await answer.result;
    if (!outcome) throw new ProviderError('The room did not answer the join in time.', { kind: 'unavailable' });
    return outcome;
  }

  /** Replaces the roster with the one collected while joining and reports the difference. */
  private adoptRoster(): JoinResult {
    const fresh = this.pending ?? new Map<string, Occupant>();
    this.pending = null;
    const { joined, left, kept } = diffRosters(this.occupants.values(), fresh.values());
    const at = this.ctx.now();
    for (const occupant of left)
      this.ctx.emit({ type: 'left', at, participantId: occupant.id, displayName: occupant.nick, reason: 'unknown' });
    for (const [before, after] of kept) {
      const changes = changesBetween(before, after, this.ctx.guestDomain);
      if (changes) this.ctx.emit({ type: 'updated', at, participantId: after.id, changes });
    }
    this.occupants.clear();
    for (const [nick, occupant] of fresh) this.occupants.set(nick, occupant);
    this.status = 'joined';
    for (const occupant of joined) this.ctx.emit({ type: 'joined', at, participant: toParticipant(occupant, this.ctx.guestDomain) });
    for (const occupant of joined) if (!occupant.isSelf) this.onArrival?.(occupant);
    return { created: false, joined: joined.length, left: left.length };
  }

  private onPresence(el: Element): void {
    const parsed = parseMucPresence(el, this.jid);
    if (!parsed) return;
    if (!parsed.ok) return this.ctx.problem(`presence from the room ignored: ${parsed.problem}`);
    const p = parsed.value;
    if (p.type === 'error') return;
    if (this.status === 'joining' && this.pending) return this.collect(p);
    if (this.status !== 'joined') return;
    if (p.type === 'unavailable') this.onUnavailable(p);
    else this.onAvailable(p);
  }

  private collect(p: MucPresence): void {
    const pending = this.pending as Map<string, Occupant>;
    if (p.type === 'unavailable') {
      pending.delete(p.nick);
      return;
    }
    const isSelf = p.statuses.includes('110');
    if (isSelf) this.nick = p.nick;
    // Keep the id an occupant had before a reconnection (ids from nicks would otherwise be recomputed the same anyway).
    const previous = [...this.occupants.values()].find((o) => (p.occupantId ? o.occupantId === p.occupantId : o.nick === p.nick));
    pending.set(p.nick, occupantFrom(p, previous, isSelf));
  }

  private onAvailable(p: MucPresence): void {
    const previous = this.occupants.get(p.nick);
    const occupant = occupantFrom(p, previous, p.nick === this.nick);
    this.occupants.set(p.nick, occupant);
    const at = this.ctx.now();
    if (!previous) {
      this.ctx.emit({ type: 'joined', at, participant: toParticipant(occupant, this.ctx.guestDomain) });
      if (!occupant.isSelf) this.onArrival?.(occupant);
      return;
    }
    const changes = changesBetween(previous, occupant, this.ctx.guestDomain);
    if (changes) this.ctx.emit({ type: 'updated', at, participantId: occupant.id, changes });
  }

  private onUnavailable(p: MucPresence): void {
    const at = this.ctx.now();
    if (p.destroyed) return this.onDestroyed();
    const occupant = this.occupants.get(p.nick);
    if (!occupant) return;
    if (p.statuses.includes('303') && p.newNick) {
      // A nick change: same person, new name (the available presence under the new nick follows).
      this.occupants.delete(p.nick);
      this.occupants.set(p.newNick, { ...occupant, nick: p.newNick });
      if (occupant.isSelf) this.nick = p.newNick;
      this.ctx.emit({ type: 'updated', at, participantId: occupant.id, changes: { displayName: p.newNick } });
      return;
    }
    this.occupants.delete(p.nick);
    const reason = this.enforced.get(p.nick) ?? leaveReasonOf(p.statuses);
    this.enforced.delete(p.nick);
    this.ctx.emit({ type: 'left', at, participantId: occupant.id, displayName: occupant.nick, reason });
    if (occupant.isSelf || p.statuses.includes('110')) {
      this.status = 'removed';
      this.linkState = 'disconnected';
      const by = p.actor ? ` by ${p.actor.slice(0, 100)}` : '';
      this.ctx.emit({ type: 'connection', at, state: 'disconnected', detail: `Hostdeck was removed from the room${by} (${reason}).` });
    }
  }

  private onDestroyed(): void {
    if (this.status === 'destroyed') return;
    this.status = 'destroyed';
    const at = this.ctx.now();
    this.ctx.emit({ type: 'meeting', at, meeting: this.meeting() });
    this.ctx.emit({ type: 'ended', at });
  }

  private onMessage(el: Element): void {
    const parsed = parseRoomMessage(el, this.jid);
    if (!parsed?.ok || this.status !== 'joined') return;
    // 104: the configuration changed (someone locked or unlocked the room, perhaps elsewhere).
    if (parsed.value.statuses.some((code) => ['104', '170', '171', '172', '173', '174'].includes(code)))
      void this.refreshInfo(true).catch(() => undefined);
  }

  /** Re-reads disco#info; reports a change of lock state to the host when `announce`. */
  async refreshInfo(announce: boolean, signal?: AbortSignal): Promise<RoomInfo> {
    const before = this.locked;
    this.info = await readRoomInfo(this.ctx.link, this.jid, signal);
    if (announce && before !== this.locked) this.ctx.emit({ type: 'meeting', at: this.ctx.now(), meeting: this.meeting() });
    return this.info;
  }

  /** Changes the room configuration; returns the requested fields the server does not offer. */
  configure(values: Record<string, string>, signal?: AbortSignal): Promise<string[]> {
    return submitRoomConfig(this.ctx.link, this.jid, values, signal);
  }

  /**
   * Checks the roster against the server's own lists of occupants by role (muc#admin, XEP-0045
   * §9.5 and §8.5): whoever the server no longer lists has left. Needed because Prosody removes
   * non-members when a room turns members-only (322 to them) without telling the other occupants.
   */
  async resync(signal?: AbortSignal): Promise<number> {
    const listed = await listOccupantNicks(this.ctx.link, this.jid, signal);
    const gone = [...this.occupants.values()].filter((o) => !o.isSelf && !listed.has(o.nick));
    const at = this.ctx.now();
    for (const occupant of gone) {
      this.occupants.delete(occupant.nick);
      const reason = this.enforced.get(occupant.nick) ?? 'removed';
      this.enforced.delete(occupant.nick);
      this.ctx.emit({ type: 'left', at, participantId: occupant.id, displayName: occupant.nick, reason });
    }
    return gone.length;
  }

  /** Leaves the room politely (the meeting goes on without Hostdeck). */
  async leave(): Promise<void> {
    if (this.status !== 'joined') return;
    this.status = 'removed';
    await this.ctx.link.send(xml('presence', { to: `${this.jid}/${this.nick}`, type: 'unavailable' })).catch(() => undefined);
  }
}
