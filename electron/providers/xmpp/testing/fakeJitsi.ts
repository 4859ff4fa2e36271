import { createHash, randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import xml, { Parser, type Element } from '@xmpp/xml';
import { NS } from '../stanzas';

/**
 * The Jitsi-like deployment `scripts/xmpp-servers.sh` adds to the test Prosody: accounts on
 * `meet.localhost`, whose disco#info advertises the components below the way Jitsi's Prosody
 * plugins do; rooms on `conference.meet.localhost`; lobby rooms on `lobby.meet.localhost`.
 */
export const JITSI = {
  domain: 'meet.localhost',
  mucDomain: 'conference.meet.localhost',
  lobbyDomain: 'lobby.meet.localhost',
  component: 'jitsi.meet.localhost',
  port: Number(process.env['PROSODY_COMPONENT_PORT'] ?? 15347),
  secret: process.env['HOSTDECK_FAKE_JITSI_SECRET'] ?? 'hostdeck-fake-jitsi',
} as const;

/** The focus's own address: jicofo joins every room as `focus` and is an owner of all of them. */
const FOCUS = `focus@${JITSI.component}/focus`;

export interface MuteRequest {
  room: string;
  /** The occupant who asked (their room JID). */
  from: string;
  /** The occupant to mute (room JID). */
  target: string;
  media: 'audio' | 'video';
}

interface RoomOccupant {
  jid?: string;
  role?: string;
}

/**
 * A stand-in for Jitsi's server side, for tests: jicofo (the focus, which joins rooms and carries
 * out `<mute/>` requests), mod_av_moderation_component, mod_end_conference and the lobby rooms of
 * mod_muc_lobby_rooms. It is an external component (XEP-0114) of the test Prosody, so everything the
 * provider sends it travels through a real server. It acts only for a room's moderators, as Jitsi's
 * components do. What it received is recorded for the tests to check.
 */
export class FakeJitsi {
  readonly mutes: MuteRequest[] = [];
  readonly avModeration: { from: string; command: Record<string, unknown> }[] = [];
  readonly endRequests: { from: string; room?: string }[] = [];
  /** Lobby rooms opened (bare JIDs). */
  readonly lobbies = new Set<string>();
  private readonly rooms = new Map<string, Map<string, RoomOccupant>>();
  private readonly pending = new Map<string, (el: Element) => void>();
  private readonly watchers = new Set<(el: Element) => void>();

  private constructor(private readonly socket: Socket) {}

  /** Connects to the test Prosody as the component and completes the handshake (XEP-0114). */
  static start(): Promise<FakeJitsi> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: JITSI.port });
      const fake = new FakeJitsi(socket);
      const parser = new Parser();
      const timer = setTimeout(() => fail(new Error('the fake Jitsi component was not accepted in time')), 5_000);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      let ready = false;
      parser.on('start', (el: Element) => {
        const digest = createHash('sha1')
          .update(String(el.attrs['id'] ?? '') + JITSI.secret)
          .digest('hex');
        socket.write(xml('handshake', {}, digest).toString());
      });
      parser.on('element', (el: Element) => {
        if (!ready) {
          if (el.name === 'handshake') {
            ready = true;
            clearTimeout(timer);
            resolve(fake);
          } else fail(new Error(`the test Prosody refused the fake Jitsi component: ${el.toString().slice(0, 300)}`));
          return;
        }
        fake.onStanza(el);
      });
      parser.on('error', (error: Error) => fail(error));
      socket.on('data', (data) => parser.write(data.toString('utf8')));
      socket.once('error', fail);
      socket.once('connect', () =>
        socket.write(
          `<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='${JITSI.component}'>`,
        ),
      );
    });
  }

  private send(el: Element): void {
    this.socket.write(el.toString());
  }

  private request(iq: Element, timeoutMs = 5_000): Promise<Element> {
    const id = randomUUID();
    iq.attrs['id'] = id;
    iq.attrs['from'] ??= FOCUS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${iq.toString().slice(0, 200)}`));
      }, timeoutMs);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        if (answer.attrs['type'] === 'error') reject(new Error(answer.toString().slice(0, 300)));
        else resolve(answer);
      });
      this.send(iq);
    });
  }

  /** Waits for a stanza `match` accepts. Register before sending what causes it. */
  private next(match: (el: Element) => boolean, timeoutMs = 5_000): Promise<Element> {
    return new Promise((resolve, reject) => {
      const watcher = (el: Element): void => {
        if (!match(el)) return;
        this.watchers.delete(watcher);
        clearTimeout(timer);
        resolve(el);
      };
      const timer = setTimeout(() => {
        this.watchers.delete(watcher);
        reject(new Error('the fake Jitsi timed out'));
      }, timeoutMs);
      this.watchers.add(watcher);
    });
  }

  /** The focus joins `room` (as jicofo joins every conference). */
  async joinRoom(room: string): Promise<void> {
    // Listed first: the room sends the present occupants before the focus's own presence.
    this.rooms.set(room, this.rooms.get(room) ?? new Map());
    await this.enter(room);
  }

  private async enter(room: string): Promise<void> {
    const self = this.next((el) => el.name === 'presence' && bare(el.attrs['from']) === room && statuses(el).includes('110'));
    this.send(xml('presence', { from: FOCUS, to: `${room}/focus` }, xml('x', { xmlns: NS.muc }, xml('history', { maxstanzas: '0' }))));
    const presence = await self;
    if (presence.attrs['type'] === 'error') throw new Error(`the focus could not join ${room}: ${presence.toString().slice(0, 300)}`);
  }

  private onStanza(el: Element): void {
    for (const watcher of [...this.watchers]) watcher(el);
    const id = String(el.attrs['id'] ?? '');
    if (el.name === 'iq' && (el.attrs['type'] === 'result' || el.attrs['type'] === 'error')) {
      this.pending.get(id)?.(el);
      this.pending.delete(id);
      return;
    }
    if (el.name === 'iq') return this.onIq(el);
    if (el.name === 'presence') return this.onPresence(el);
    if (el.name === 'message') return void this.onMessage(el).catch(() => undefined);
  }

  private onPresence(el: Element): void {
    const from = String(el.attrs['from'] ?? '');
    const occupants = this.rooms.get(bare(from));
    if (!occupants) return;
    const nick = from.slice(from.indexOf('/') + 1);
    if (el.attrs['type'] === 'unavailable') {
      occupants.delete(nick);
      if (el.getChild('x', NS.mucUser)?.getChild('destroy')) this.rooms.delete(bare(from));
      return;
    }
    const item = el.getChild('x', NS.mucUser)?.getChild('item');
    occupants.set(nick, { jid: item?.attrs['jid'], role: item?.attrs['role'] });
  }

  /** The room JID of a room `jid` is a moderator of, if any. */
  private moderatorIn(jid: string): string | undefined {
    for (const [room, occupants] of this.rooms)
      for (const occupant of occupants.values()) if (occupant.jid === jid && occupant.role === 'moderator') return room;
    return undefined;
  }

  private onIq(el: Element): void {
    const from = String(el.attrs['from'] ?? '');
    const reply = (type: 'result' | 'error', ...children: Element[]) =>
      this.send(xml('iq', { type, to: from, from: String(el.attrs['to'] ?? ''), id: String(el.attrs['id'] ?? '') }, ...children));
    const mute = el.getChild('mute', NS.jitsiAudio) ?? el.getChild('mute', NS.jitsiVideo);
    const room = bare(from);
    const asker = this.rooms.get(room)?.get(from.slice(from.indexOf('/') + 1));
    // jicofo takes mute requests from the room's moderators only.
    if (el.attrs['type'] === 'set' && mute && asker?.role === 'moderator') {
      this.mutes.push({
        room,
        from,
        target: String(mute.attrs['jid'] ?? ''),
        media: mute.attrs['xmlns'] === NS.jitsiVideo ? 'video' : 'audio',
      });
      return reply('result');
    }
    reply('error', xml('error', { type: 'cancel' }, xml(mute ? 'not-allowed' : 'service-unavailable', { xmlns: NS.stanzas })));
  }

  private async onMessage(el: Element): Promise<void> {
    const from = String(el.attrs['from'] ?? '');
    const to = String(el.attrs['to'] ?? '');
    if (to === JITSI.component) {
      const room = this.moderatorIn(from);
      if (el.getChild('end_conference')) {
        this.endRequests.push({ from, ...(room ? { room } : {}) });
        // mod_end_conference: a moderator's request destroys the conference's room.
        if (room) await this.destroy(room, 'The meeting has been terminated');
        return;
      }
      const json = el.getChildText('json-message', NS.jitsi);
      if (json) {
        const command = JSON.parse(json) as Record<string, unknown>;
        this.avModeration.push({ from, command });
        // mod_av_moderation_component: moderators of the named room switch it; occupants hear of it.
        if (command['type'] !== 'av_moderation' || !room || command['room'] !== room) return;
        const state = JSON.stringify({
          type: 'av_moderation',
          room,
          enabled: command['enable'] === true,
          mediaType: command['mediaType'],
          actor: from,
        });
        for (const occupant of this.rooms.get(room)?.values() ?? []) {
          if (occupant.jid && occupant.jid !== FOCUS)
            this.send(xml('message', { from: JITSI.component, to: occupant.jid }, xml('json-message', { xmlns: NS.jitsi }, state)));
        }
      }
      return;
    }
    // A configuration change in a room the focus is in (104): open or close its lobby, as
    // mod_muc_lobby_rooms does when the room turns members-only.
    const room = bare(from);
    if (!this.rooms.has(room) || !statuses(el).includes('104')) return;
    const info = await this.request(xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.discoInfo })));
    const membersOnly = (info.getChild('query', NS.discoInfo)?.getChildren('feature') ?? []).some(
      (f) => f.attrs['var'] === 'muc_membersonly',
    );
    const lobby = `${room.slice(0, room.indexOf('@'))}@${JITSI.lobbyDomain}`;
    if (membersOnly && !this.lobbies.has(lobby)) {
      await this.enter(lobby);
      this.lobbies.add(lobby);
    } else if (!membersOnly && this.lobbies.has(lobby)) {
      this.lobbies.delete(lobby);
      await this.destroy(lobby, 'The lobby was turned off');
    }
  }

  private async destroy(room: string, reason: string): Promise<void> {
    await this.request(
      xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS.mucOwner }, xml('destroy', {}, xml('reason', {}, reason)))),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.end('</stream:stream>', () => resolve());
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 500).unref();
    });
  }
}

function bare(jid: unknown): string {
  const s = String(jid ?? '').toLowerCase();
  const slash = s.indexOf('/');
  return slash < 0 ? s : s.slice(0, slash);
}

function statuses(el: Element): string[] {
  return (el.getChild('x', NS.mucUser)?.getChildren('status') ?? []).map((s) => String(s.attrs['code'] ?? ''));
}
