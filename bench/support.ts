import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

/** Builds the app once if `out/` is missing, so a benchmark can run from a fresh clone. */
export function ensureBuilt(): void {
  if (existsSync(resolve('out/main/web.js')) && existsSync(resolve('out/renderer/index.html'))) return;
  const result = spawnSync(process.execPath, [resolve('node_modules/electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

export interface BenchShell {
  url: string;
  origin: string;
  port: number;
  /** Sends one contract command over a WebSocket of its own and returns the reply value. */
  call(name: string, input: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts browser mode with a throwaway data folder, and a command channel for the benchmark. */
export async function startBenchShell(): Promise<BenchShell> {
  ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'hostdeck-bench-'));
  const child: ChildProcess = spawn(process.execPath, [resolve('out/main/web.js'), '--json', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((done) => createInterface({ input: child.stdout! }).once('line', done));
  const { url, port } = JSON.parse(line) as { url: string; port: number };
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token') ?? '';
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
    headers: { Origin: origin, Cookie: `hostdeck-${port}=${token}` },
    maxPayload: 512 * 1024 * 1024,
  });
  await new Promise((done, fail) => (ws.once('open', done), ws.once('error', fail)));
  let next = 1;
  const waiting = new Map<number, (reply: { ok: boolean; value?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as {
      t: string;
      id: number;
      reply: { ok: boolean; value?: unknown; error?: { message: string } };
    };
    if (frame.t === 'reply') waiting.get(frame.id)?.(frame.reply);
  });
  return {
    url,
    origin,
    port,
    call: (name, input) =>
      new Promise((done, fail) => {
        const id = next++;
        waiting.set(id, (reply) => (reply.ok ? done(reply.value) : fail(new Error(reply.error?.message))));
        ws.send(JSON.stringify({ t: 'call', id, name, input }));
      }),
    stop: async () => {
      ws.close();
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const CHROMIUM = process.env['HOSTDECK_CHROMIUM'] ?? '/usr/bin/chromium';
