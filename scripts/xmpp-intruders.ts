import { parseArgs } from 'node:util';
import { Intruder } from '../electron/providers/xmpp/testing/intruder';
import { TEST_SERVERS, type Transport } from '../electron/providers/xmpp/testing/servers';

/**
 * A wave of anonymous intruders against a room on one of the test servers, in its own process (so
 * their work does not slow the process being measured or tested):
 *
 *   node --import tsx scripts/xmpp-intruders.ts --server prosody --room ROOM@conference.localhost \
 *     [--count 5] [--flood 20] [--prefix Intruder] [--rejoin] [--transport tcp|websocket]
 *
 * Prints one JSON line per fact: {"event":"joined","nicks":[…]} once everyone is in, then
 * {"event":"removed","nick","statuses","destroyed"} and, with --rejoin, {"event":"rejoin","nick","ok","condition"}.
 * Runs until every intruder is out (and has tried to come back), or until SIGTERM.
 */

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'prosody' },
    room: { type: 'string' },
    count: { type: 'string', default: '5' },
    flood: { type: 'string', default: '0' },
    prefix: { type: 'string', default: 'Intruder' },
    rejoin: { type: 'boolean', default: false },
    transport: { type: 'string', default: 'tcp' },
  },
});
const server = TEST_SERVERS[values.server as keyof typeof TEST_SERVERS];
const count = Number(values.count);
if (!server || !values.room || !Number.isInteger(count) || count < 1 || count > 200) {
  console.error('usage: --server prosody|ejabberd --room ROOM@DOMAIN [--count 1..200] [--flood N] [--prefix NAME] [--rejoin]');
  process.exit(2);
}
const room = values.room;
const say = (fact: Record<string, unknown>): void => console.log(JSON.stringify(fact));

const wave = await Promise.all(Array.from({ length: count }, () => Intruder.connect(server, values.transport as Transport)));
const nicks = wave.map((_, i) => `${values.prefix} ${i + 1}`);
const answers = await Promise.all(wave.map((g, i) => g.join(room, nicks[i] as string)));
const refused = answers.flatMap((a, i) => (a.ok ? [] : [{ nick: nicks[i], condition: a.condition }]));
say({ event: 'joined', nicks: nicks.filter((_, i) => answers[i]?.ok), refused });

async function lifecycle(intruder: Intruder, nick: string): Promise<void> {
  await intruder.flood(Number(values.flood)).catch(() => undefined);
  const removal = await intruder.removal(24 * 3600 * 1000);
  say({ event: 'removed', nick, statuses: removal?.statuses ?? [], destroyed: removal?.destroyed ?? false });
  if (!values.rejoin || removal?.destroyed) return;
  await new Promise((r) => setTimeout(r, 200));
  const again = await intruder.join(room, nick);
  say({ event: 'rejoin', nick, ok: again.ok, ...(again.ok ? {} : { condition: again.condition }) });
}

const stop = async (): Promise<void> => {
  await Promise.all(wave.map((g) => g.close()));
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
await Promise.all(wave.flatMap((g, i) => (answers[i]?.ok ? [lifecycle(g, nicks[i] as string)] : [])));
await stop();
