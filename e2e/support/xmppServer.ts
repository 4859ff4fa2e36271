import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * A real XMPP server for the browser-mode drill against the XMPP provider.
 *
 *   const xmpp = startXmppServer('prosody');          // installs/starts it unless it runs already
 *   // type xmpp.settings into the XMPP settings screen, pick xmpp.roomJid from the meeting list, attach
 *   const wave = startIntruders(xmpp, { count: 4, flood: 10, rejoin: true });
 *   await wave.joined;                                 // the intruders' nicks, once all are in the room
 *   … eject them in the console, lock …
 *   await wave.facts;                                  // what they saw: removals (status codes), rejoin answers
 *   wave.stop(); xmpp.stop();
 *
 * The server comes from scripts/xmpp-servers.sh (Prosody on 127.0.0.1:15222/15280, ejabberd on
 * 25222/25280; moderator mod@localhost / modpass; anonymous guests on guest.localhost; rooms on
 * conference.localhost). `stop()` stops it only if this call started it.
 */
export interface XmppDrillServer {
  name: 'prosody' | 'ejabberd';
  /** Values for the provider's settings screen, keyed by field (password included). */
  settings: Record<string, string>;
  /** The room the settings name, as listMeetings reports it. */
  roomJid: string;
  stop(): void;
}

const ROOT = resolve(import.meta.dirname, '../..');
const PORTS = { prosody: 15280, ejabberd: 25280 } as const;

export function startXmppServer(name: XmppDrillServer['name'] = 'prosody', room = `drill-${Date.now().toString(36)}`): XmppDrillServer {
  const script = resolve(ROOT, 'scripts/xmpp-servers.sh');
  const started = spawnSync('bash', [script, 'start', name], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`could not start ${name}: ${started.stderr || started.stdout}`);
  const startedHere = !/already running/.test(started.stdout);
  return {
    name,
    roomJid: `${room}@conference.localhost`,
    settings: {
      server: `ws://127.0.0.1:${PORTS[name]}/xmpp-websocket`,
      domain: 'localhost',
      mucDomain: 'conference.localhost',
      guestDomain: 'guest.localhost',
      room,
      nickname: 'Moderator',
      username: 'mod',
      password: 'modpass',
      lockMode: 'password',
      guestBan: 'guestDomain',
    },
    stop: () => {
      if (startedHere) spawnSync('bash', [script, 'stop', name]);
    },
  };
}

export interface IntruderFact {
  event: 'joined' | 'removed' | 'rejoin';
  nick?: string;
  nicks?: string[];
  statuses?: string[];
  destroyed?: boolean;
  ok?: boolean;
  condition?: string;
}

export interface IntruderWave {
  /** Resolves with the nicks of the intruders once they are all in the room. */
  joined: Promise<string[]>;
  /** Every fact printed so far. */
  readonly seen: IntruderFact[];
  /** Resolves with all facts when the wave's process ends (everyone removed and retried). */
  facts: Promise<IntruderFact[]>;
  stop(): void;
}

/** Anonymous intruders joining the drill room in their own process (scripts/xmpp-intruders.ts). */
export function startIntruders(
  server: XmppDrillServer,
  options: { count?: number; flood?: number; rejoin?: boolean; prefix?: string } = {},
): IntruderWave {
  const args = ['--import', 'tsx', resolve(ROOT, 'scripts/xmpp-intruders.ts'), '--server', server.name, '--room', server.roomJid];
  args.push('--count', String(options.count ?? 4), '--flood', String(options.flood ?? 0), '--prefix', options.prefix ?? 'Intruder');
  if (options.rejoin) args.push('--rejoin');
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const seen: IntruderFact[] = [];
  let onJoined: (nicks: string[]) => void = () => undefined;
  const joined = new Promise<string[]>((done) => (onJoined = done));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const fact = JSON.parse(line) as IntruderFact;
    seen.push(fact);
    if (fact.event === 'joined') onJoined(fact.nicks ?? []);
  });
  const facts = new Promise<IntruderFact[]>((done) => child.once('exit', () => done(seen)));
  return { joined, seen, facts, stop: () => void child.kill('SIGTERM') };
}
