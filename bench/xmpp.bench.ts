import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { PlatformIntent } from '../shared/model/action';
import { ProviderLimiter } from '../electron/host/actions/limiter';
import { moderate, type Moderated } from '../electron/providers/xmpp/testing/harness';
import { Intruder } from '../electron/providers/xmpp/testing/intruder';
import { startTestServer, type XmppTestServer } from '../electron/providers/xmpp/testing/servers';
import { percentile, report } from './report';

/**
 * The XMPP provider against real Prosody and ejabberd on loopback, over WebSocket (Jitsi's
 * transport). Each figure is the time from the request to the effect confirmed in the room (the
 * provider resolves only then). The servers are started here if they are not running, and stopped
 * again if this run started them.
 */

const EJECTS = 30;
const BANS = 15;
const LOCKS = 20;
const DESTROYS = 10;
const CONTAIN_RUNS = 5;
const WAVE = 20;
const INTRUDERS = resolve(import.meta.dirname, '../scripts/xmpp-intruders.ts');

const round = (ms: number): number => Math.round(ms * 100) / 100;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function guests(server: XmppTestServer, room: string, count: number, prefix: string): Promise<Intruder[]> {
  const all = await Promise.all(Array.from({ length: count }, () => Intruder.connect(server, 'websocket')));
  await Promise.all(all.map((g, i) => g.join(room, `${prefix} ${i}`)));
  return all;
}

async function closeAll(items: { close(): Promise<void> }[]): Promise<void> {
  await Promise.all(items.map((i) => i.close().catch(() => undefined)));
}

async function act(mod: Moderated, intent: PlatformIntent): Promise<number> {
  return timed(() => mod.perform(intent));
}

async function ejectSamples(server: XmppTestServer): Promise<number[]> {
  const mod = await moderate(server);
  const samples: number[] = [];
  try {
    for (let i = 0; i < EJECTS; i++) {
      const [guest] = await guests(server, mod.roomJid, 1, `Eject ${i}`);
      samples.push(await act(mod, { kind: 'eject', participantId: await mod.idOf(`Eject ${i} 0`) }));
      await guest?.close();
    }
  } finally {
    await mod.close();
  }
  return samples;
}

/** The default ban (the whole guest domain) closes the room to guests, so each sample has a fresh room. */
async function banSamples(server: XmppTestServer): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < BANS; i++) {
    const mod = await moderate(server);
    const present = await guests(server, mod.roomJid, 2, 'Ban');
    samples.push(await act(mod, { kind: 'ban', participantId: await mod.idOf('Ban 0') }));
    await closeAll([...present, mod]);
  }
  return samples;
}

async function lockSamples(server: XmppTestServer): Promise<number[]> {
  const mod = await moderate(server);
  const samples: number[] = [];
  try {
    for (let i = 0; i < LOCKS; i++) {
      samples.push(await act(mod, { kind: 'lock' }));
      await mod.perform({ kind: 'unlock' });
    }
  } finally {
    await mod.close();
  }
  return samples;
}

async function destroySamples(server: XmppTestServer): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < DESTROYS; i++) {
    const mod = await moderate(server);
    const present = await guests(server, mod.roomJid, 3, 'Destroy');
    await mod.idOf('Destroy 2');
    samples.push(await act(mod, { kind: 'endForAll' }));
    await closeAll([...present, mod]);
  }
  return samples;
}

/**
 * A wave of 20 intruders flooding the chat (in their own process, scripts/xmpp-intruders.ts, so
 * their parsing does not slow the provider); eject them all and lock, through the host's limiter.
 */
async function containOnce(server: XmppTestServer): Promise<number> {
  const mod = await moderate(server);
  const wave = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      INTRUDERS,
      '--server',
      server.name,
      '--room',
      mod.roomJid,
      '--count',
      String(WAVE),
      '--flood',
      '50',
      '--transport',
      'websocket',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: wave.stdout });
  const exited = new Promise<void>((resolve) => wave.once('exit', () => resolve()));
  let joined: string[] = [];
  const everyoneIn = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      const fact = JSON.parse(line) as { event: string; nicks?: string[] };
      if (fact.event !== 'joined') return;
      joined = fact.nicks ?? [];
      resolve();
    });
    void exited.then(() => reject(new Error('the intruder wave ended before joining')));
    setTimeout(() => reject(new Error('the intruder wave did not join within 30 s')), 30_000).unref();
  });
  try {
    await everyoneIn;
    if (joined.length !== WAVE) throw new Error(`only ${joined.length} of ${WAVE} intruders got in`);
    const ids = await Promise.all(joined.map((nick) => mod.idOf(nick)));
    const limiter = new ProviderLimiter(mod.session.limits);
    const ms = await timed(() =>
      Promise.all([
        ...ids.map((participantId) => limiter.schedule('eject', () => mod.perform({ kind: 'eject', participantId }))),
        limiter.schedule('lock', () => mod.perform({ kind: 'lock' })),
      ]),
    );
    await limiter.stop();
    return ms;
  } finally {
    wave.kill('SIGTERM');
    await exited;
    await mod.close();
  }
}

async function benchServer(name: XmppTestServer['name']): Promise<void> {
  const { server, stop } = startTestServer(name);
  try {
    const extra = { server: name, transport: 'websocket' };
    const eject = await ejectSamples(server);
    report('xmpp', 'eject_p95_ms', percentile(eject, 95), 'ms', { ...extra, samples: eject.length, p50: round(percentile(eject, 50)) });
    const ban = await banSamples(server);
    report('xmpp', 'ban_p95_ms', percentile(ban, 95), 'ms', {
      ...extra,
      samples: ban.length,
      p50: round(percentile(ban, 50)),
      scope: 'guest domain',
    });
    const lock = await lockSamples(server);
    report('xmpp', 'lock_p95_ms', percentile(lock, 95), 'ms', { ...extra, samples: lock.length, p50: round(percentile(lock, 50)) });
    const destroy = await destroySamples(server);
    report('xmpp', 'destroy_p95_ms', percentile(destroy, 95), 'ms', {
      ...extra,
      samples: destroy.length,
      p50: round(percentile(destroy, 50)),
    });
    const contain: number[] = [];
    for (let i = 0; i < CONTAIN_RUNS; i++) contain.push(await containOnce(server));
    report('xmpp', 'contain_20_ms', percentile(contain, 50), 'ms', {
      ...extra,
      runs: contain.length,
      max: round(Math.max(...contain)),
      wave: WAVE,
    });
  } finally {
    stop();
  }
}

for (const name of ['prosody', 'ejabberd'] as const) await benchServer(name);
// Reconnection timers of closed links are gone; nothing else keeps the process alive.
process.exit(0);
