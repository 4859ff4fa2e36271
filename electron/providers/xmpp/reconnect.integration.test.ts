import { afterEach, describe, expect, it } from 'vitest';
import { UNKNOWN_CONTROLS } from '../../../shared/model/meeting';
import type { ProviderEvent } from '../../host/provider';
import { createFoldState, foldEvent } from '../../host/session/fold';
import { eventually, moderate } from './testing/harness';
import { Intruder } from './testing/intruder';
import { TcpProxy } from './testing/proxy';
import { availability, TEST_SERVERS } from './testing/servers';

/*
 * A real outage: the provider reaches the server through a TCP relay that the test cuts. The server
 * sees Hostdeck vanish; guests come and go meanwhile; the link comes back on its own.
 */

const servers = await Promise.all(Object.values(TEST_SERVERS).map(async (server) => ({ server, state: await availability(server) })));

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  // Newest first: the moderator says goodbye through the relay before the relay goes.
  for (const item of opened.splice(0).reverse()) await item.close().catch(() => undefined);
});

type Connection = Extract<ProviderEvent, { type: 'connection' }>;

for (const { server, state } of servers) {
  const title = state.up
    ? `XMPP provider reconnecting to ${server.label}`
    : `XMPP provider reconnecting to ${server.label} (skipped: ${state.why})`;

  describe.skipIf(!state.up)(title, { timeout: 30_000 }, () => {
    it.each(['tcp', 'websocket'] as const)(
      'resynchronises the roster after an outage over %s: no duplicates, and joins and leaves meanwhile are reported once',
      async (transport) => {
        const proxy = await TcpProxy.start(transport === 'tcp' ? server.c2sPort : server.httpPort);
        opened.push(proxy);
        const mod = await moderate(server, { transport, port: proxy.port });
        opened.push(mod);
        const guest = async (nick: string) => {
          const g = await Intruder.connect(server);
          opened.push(g);
          await g.join(mod.roomJid, nick);
          return g;
        };
        await guest('Stays');
        const leaver = await guest('Leaves meanwhile');
        const [staysId, leaverId] = [await mod.idOf('Stays'), await mod.idOf('Leaves meanwhile')];

        proxy.cut();
        await eventually(
          () => mod.events.find((e): e is Connection => e.type === 'connection' && e.state === 'reconnecting'),
          5_000,
          'the drop',
        );
        await expect(mod.perform({ kind: 'eject', participantId: staysId })).rejects.toMatchObject({ kind: 'network', retryable: true });
        await leaver.leave();
        const newcomer = await guest('Arrives meanwhile');
        proxy.restore();

        const back = await eventually(
          () => mod.events.find((e): e is Connection => e.type === 'connection' && e.state === 'connected'),
          15_000,
          'the reconnection',
        );
        expect(back.detail).toMatch(/1 joined and 1 left/);
        const sinceDrop = mod.events.slice(mod.events.findIndex((e) => e.type === 'connection'));
        expect(sinceDrop.filter((e) => e.type === 'left')).toEqual([
          expect.objectContaining({ participantId: leaverId, reason: 'unknown' }),
        ]);
        expect(sinceDrop.filter((e) => e.type === 'joined').map((e) => e.type === 'joined' && e.participant.displayName)).toEqual([
          'Arrives meanwhile',
        ]);

        // Folded as the host folds them, the events give exactly the room as it is.
        const fold = createFoldState({
          id: mod.roomJid,
          providerId: 'xmpp',
          title: 't',
          status: 'live',
          locked: false,
          controls: UNKNOWN_CONTROLS,
        });
        for (const event of mod.events) foldEvent(fold, event);
        const present = [...fold.participants.values()]
          .filter((t) => t.participant.presence === 'inMeeting')
          .map((t) => t.participant.displayName);
        expect(present.sort()).toEqual(['Arrives meanwhile', 'Moderator', 'Stays']);
        expect(fold.participants.get(staysId)?.participant.presence).toBe('inMeeting');
        expect(fold.meeting.link ?? 'connected').toBe('connected');

        // And the moderator is in charge again.
        const removed = newcomer.removal();
        await mod.perform({ kind: 'eject', participantId: await mod.idOf('Arrives meanwhile') });
        expect((await removed)?.statuses).toContain('307');
      },
    );
  });
}
