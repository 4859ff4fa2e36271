import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import type { ProviderServices } from '../../../host/provider';
import { secretKey } from '../../../host/settings/providerSettings';

/**
 * The real XMPP servers the provider is tested against, as `scripts/xmpp-servers.sh` sets them up
 * on 127.0.0.1: the same layout on both, different software.
 */
export interface XmppTestServer {
  name: 'prosody' | 'ejabberd';
  label: string;
  c2sPort: number;
  httpPort: number;
  domain: string;
  mucDomain: string;
  guestDomain: string;
  moderator: { username: string; password: string };
  /** A registered account with no rights in the test rooms. */
  member: { username: string; password: string };
}

const layout = { domain: 'localhost', mucDomain: 'conference.localhost', guestDomain: 'guest.localhost' };
const moderator = { username: 'mod', password: 'modpass' };
const member = { username: 'alice', password: 'alicepass' };

export const TEST_SERVERS: Record<XmppTestServer['name'], XmppTestServer> = {
  prosody: {
    name: 'prosody',
    label: 'Prosody',
    c2sPort: Number(process.env['PROSODY_C2S_PORT'] ?? 15222),
    httpPort: Number(process.env['PROSODY_HTTP_PORT'] ?? 15280),
    ...layout,
    moderator,
    member,
  },
  ejabberd: {
    name: 'ejabberd',
    label: 'ejabberd',
    c2sPort: Number(process.env['EJABBERD_C2S_PORT'] ?? 25222),
    httpPort: Number(process.env['EJABBERD_HTTP_PORT'] ?? 25280),
    ...layout,
    moderator,
    member,
  },
};

export type Transport = 'websocket' | 'tcp';

/** The server address for a transport: Jitsi's web clients use the WebSocket. */
export function serviceOf(server: XmppTestServer, transport: Transport = 'websocket', port?: number): string {
  return transport === 'websocket'
    ? `ws://127.0.0.1:${port ?? server.httpPort}/xmpp-websocket`
    : `xmpp://127.0.0.1:${port ?? server.c2sPort}`;
}

/** Whether something accepts connections on the server's client port. */
export function isListening(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (up: boolean): void => {
      socket.destroy();
      done(up);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * Whether tests against `server` can run; when they cannot, why (for the skipped test's title).
 * With HOSTDECK_XMPP_REQUIRED=1 (CI) a missing server is an error instead of a skip.
 */
export async function availability(server: XmppTestServer): Promise<{ up: true } | { up: false; why: string }> {
  if (await isListening(server.c2sPort)) return { up: true };
  const why = `no ${server.label} on 127.0.0.1:${server.c2sPort} (start it: bash scripts/xmpp-servers.sh start ${server.name})`;
  if (process.env['HOSTDECK_XMPP_REQUIRED'] === '1') throw new Error(`XMPP server required but missing: ${why}`);
  return { up: false, why };
}

const SCRIPT = resolve(import.meta.dirname, '../../../../scripts/xmpp-servers.sh');

/**
 * Starts one server with `scripts/xmpp-servers.sh` (installing it from Debian if missing) and
 * returns a stop function that stops it only if this call started it. For the benchmark and the
 * browser-mode drill; unit tests expect the servers to be running already.
 */
export function startTestServer(name: XmppTestServer['name']): { server: XmppTestServer; startedHere: boolean; stop(): void } {
  const run = (command: 'start' | 'stop') => spawnSync('bash', [SCRIPT, command, name], { encoding: 'utf8' });
  const started = run('start');
  if (started.status !== 0) throw new Error(`could not start ${name}: ${started.stderr || started.stdout}`);
  const startedHere = !/already running/.test(started.stdout);
  return {
    server: TEST_SERVERS[name],
    startedHere,
    stop: () => {
      if (startedHere) run('stop');
    },
  };
}

/** The settings form values that point the provider at `server`, as a moderator would type them. */
export function settingsFor(
  server: XmppTestServer,
  room: string,
  transport: Transport = 'websocket',
  port?: number,
): Record<string, string> {
  return {
    server: serviceOf(server, transport, port),
    domain: server.domain,
    mucDomain: server.mucDomain,
    guestDomain: server.guestDomain,
    room,
    nickname: 'Moderator',
    username: server.moderator.username,
    password: server.moderator.password,
    lockMode: 'password',
    guestBan: 'guestDomain',
  };
}

/** Stores settings for the provider directly (plain values and secrets), bypassing the screen. */
export async function storeSettings(services: ProviderServices, values: Record<string, string>): Promise<void> {
  const { password, lockPassword, ...plain } = values;
  await services.settings.set('xmpp', plain);
  if (password) await services.vault.set(secretKey('xmpp', 'password'), password);
  if (lockPassword) await services.vault.set(secretKey('xmpp', 'lockPassword'), lockPassword);
}

/** A room name no other test run uses. */
export function uniqueRoom(prefix = 'room'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
