import { xml } from '@xmpp/client';
import { XmppLink } from '../link';
import { submitRoomConfig } from '../roomRequests';
import { NS } from '../stanzas';
import { serviceOf, type XmppTestServer } from './servers';

/**
 * A second moderator in the room, on its own connection with the moderator's account: what another
 * host in the meeting does outside Hostdeck (e.g. giving a participant their voice back).
 */
export class CoHost {
  private constructor(
    private readonly link: XmppLink,
    private readonly room: string,
  ) {}

  static async join(server: XmppTestServer, room: string, nick = 'Co-host'): Promise<CoHost> {
    const link = await XmppLink.open(
      { service: serviceOf(server, 'tcp'), domain: server.domain, ...server.moderator, reconnect: false },
      { stanza: () => undefined },
    );
    await link.send(xml('presence', { to: `${room}/${nick}` }, xml('x', { xmlns: NS.muc }, xml('history', { maxstanzas: '0' }))));
    // The join is confirmed by the room's answer to a request that needs the moderator role.
    await link.request(
      xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.mucAdmin }, xml('item', { role: 'moderator' }))),
      'Joining',
    );
    return new CoHost(link, room);
  }

  async setRole(nick: string, role: 'visitor' | 'participant' | 'moderator'): Promise<void> {
    await this.link.request(
      xml('iq', { type: 'set', to: this.room }, xml('query', { xmlns: NS.mucAdmin }, xml('item', { nick, role }))),
      `Setting ${nick}'s role`,
    );
  }

  async setAffiliation(jid: string, affiliation: 'admin' | 'member' | 'none'): Promise<void> {
    await this.link.request(
      xml('iq', { type: 'set', to: this.room }, xml('query', { xmlns: NS.mucAdmin }, xml('item', { jid, affiliation }))),
      `Setting ${jid}'s affiliation`,
    );
  }

  /** The bare JIDs the room lists with `affiliation` (XEP-0045 §9.5): the server's own record. */
  async affiliated(affiliation: 'member' | 'admin' | 'outcast'): Promise<string[]> {
    const answer = await this.link.request(
      xml('iq', { type: 'get', to: this.room }, xml('query', { xmlns: NS.mucAdmin }, xml('item', { affiliation }))),
      `Listing the room's ${affiliation}s`,
    );
    return (answer.getChild('query', NS.mucAdmin)?.getChildren('item') ?? []).map((item) => String(item.attrs['jid'] ?? '').toLowerCase());
  }

  /** Changes the room's configuration through the owner form (the moderator's account owns the test rooms). */
  async configure(values: Record<string, string>): Promise<void> {
    const missing = await submitRoomConfig(this.link, this.room, values);
    if (missing.length > 0) throw new Error(`the server offers no ${missing.join(', ')}`);
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
