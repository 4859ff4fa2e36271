import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { XmppLink } from '../link';
import { NS, parseMucPresence, type MucPresence } from '../stanzas';
import { serviceOf, type Transport, type XmppTestServer } from './servers';

export type JoinAnswer = { ok: true; presence: MucPresence } | { ok: false; condition: string };

/**
 * An anonymous guest on a real server, the way a meeting intruder arrives: it signs in on the guest
 * domain, joins, floods the chat, and tries to come back. Assertions about what the moderator did
 * are made from its side: the status codes it receives and whether the room lets it back in.
 */
export class Intruder {
  /** Every stanza received, oldest first. */
  readonly received: Element[] = [];
  private listeners = new Set<(el: Element) => void>();
  room = '';
  nick = '';

  private constructor(private link: XmppLink | undefined) {}

  /** Signs in anonymously on the guest domain, or with `account` on the main domain. */
  static async connect(
    server: XmppTestServer,
    transport: Transport = 'tcp',
    account?: { username: string; password: string },
  ): Promise<Intruder> {
    const intruder = new Intruder(undefined);
    intruder.link = await XmppLink.open(
      { service: serviceOf(server, transport), domain: account ? server.domain : server.guestDomain, ...account, reconnect: false },
      { stanza: (el) => intruder.onStanza(el) },
    );
    return intruder;
  }

  /** The address the server gave this guest (new at every sign-in). */
  get jid(): string {
    return this.link?.jid ?? '';
  }

  private onStanza(el: Element): void {
    this.received.push(el);
    for (const listener of [...this.listeners]) listener(el);
  }

  private next<T>(match: (el: Element) => T | undefined, timeoutMs: number): Promise<T | undefined> {
    for (const el of this.received) {
      const value = match(el);
      if (value !== undefined) return Promise.resolve(value);
    }
    return new Promise((resolve) => {
      const listener = (el: Element): void => {
        const value = match(el);
        if (value === undefined) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        resolve(undefined);
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  private ownPresence(el: Element): MucPresence | undefined {
    if (el.name !== 'presence' || !this.room) return undefined;
    const from = String(el.attrs['from'] ?? '').toLowerCase();
    if (el.attrs['type'] === 'error' && (from === this.room || from === `${this.room}/${this.nick.toLowerCase()}`)) {
      const parsed = parseMucPresence(el, this.room);
      return parsed?.ok ? parsed.value : { nick: this.nick, type: 'error', statuses: [], error: { condition: 'undefined-condition' } };
    }
    const parsed = parseMucPresence(el, this.room);
    // ejabberd's destroy notice carries no 110: the nick tells it is ours.
    if (!parsed?.ok) return undefined;
    const mine = parsed.value.statuses.includes('110') || (parsed.value.type === 'unavailable' && parsed.value.nick === this.nick);
    return mine ? parsed.value : undefined;
  }

  /** Tries to join; answers how the room responded (joined, or the refusal's condition). */
  async join(room: string, nick: string, password?: string, timeoutMs = 5_000): Promise<JoinAnswer> {
    this.room = room.toLowerCase();
    this.nick = nick;
    this.received.length = 0;
    const x = xml('x', { xmlns: NS.muc }, xml('history', { maxstanzas: '0' }), ...(password ? [xml('password', {}, password)] : []));
    await this.link?.send(xml('presence', { to: `${room}/${nick}` }, x));
    const answer = await this.next((el) => this.ownPresence(el), timeoutMs);
    if (!answer) return { ok: false, condition: 'timeout' };
    if (answer.type === 'error') return { ok: false, condition: answer.error?.condition ?? 'undefined-condition' };
    return { ok: true, presence: answer };
  }

  /** Sends `count` chat messages as fast as the connection takes them. */
  async flood(count: number, text = 'FREE STUFF CLICK HERE'): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.link?.send(xml('message', { to: this.room, type: 'groupchat' }, xml('body', {}, `${text} #${i}`)));
    }
  }

  /** Waits until the room removes this guest; the status codes and whether the room was destroyed. */
  async removal(
    timeoutMs = 5_000,
  ): Promise<{ statuses: string[]; destroyed: boolean; reason?: string; destroyReason?: string } | undefined> {
    const presence = await this.next((el) => {
      const p = this.ownPresence(el);
      return p?.type === 'unavailable' ? p : undefined;
    }, timeoutMs);
    if (!presence) return undefined;
    return {
      statuses: presence.statuses,
      destroyed: presence.destroyed !== undefined,
      ...(presence.reason ? { reason: presence.reason } : {}),
      ...(presence.destroyed?.reason ? { destroyReason: presence.destroyed.reason } : {}),
    };
  }

  /** Whether the room refuses this guest's chat (e.g. after its voice was revoked). */
  async chatRefused(timeoutMs = 3_000): Promise<string | undefined> {
    const id = `probe-${Math.random().toString(36).slice(2)}`;
    await this.link?.send(xml('message', { to: this.room, type: 'groupchat', id }, xml('body', {}, 'can I speak?')));
    return this.next(
      (el) => (el.name === 'message' && el.attrs['id'] === id ? (el.attrs['type'] === 'error' ? 'refused' : 'accepted') : undefined),
      timeoutMs,
    ).then((v) => (v === 'refused' ? v : undefined));
  }

  async leave(): Promise<void> {
    await this.link?.send(xml('presence', { to: `${this.room}/${this.nick}`, type: 'unavailable' })).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.link?.close();
  }
}
