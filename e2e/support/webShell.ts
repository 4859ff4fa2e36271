import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { LogEntry } from '../../shared/incident/entry';

export interface RunningWebShell {
  url: string;
  origin: string;
  port: number;
  dataDir: string;
  /** Every line of the session logs written so far, parsed. */
  logEntries(): LogEntry[];
  /** Everything the shell printed (stdout and stderr), and how it exited if it did: for failure reports. */
  diagnostics(): string;
  /** Waits for a line of the shell's output matching `pattern` (e.g. a sign-in address). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/**
 * Starts browser mode (`out/main/web.js`, built beforehand) on a free loopback port with its own data
 * folder; `entry` replaces the script and Node flags (e.g. the Zoom meeting-window variant).
 */
export async function startWebShell(entry: string[] = [resolve('out/main/web.js')]): Promise<RunningWebShell> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hostdeck-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [...entry, '--json', '--data-dir', dataDir, '--moderator', 'e2e moderator'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => output.push(line));
  const first = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${stderr}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolvePromise(line);
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${stderr}`)));
  });
  const { url, port } = JSON.parse(first) as { url: string; port: number };
  return {
    url,
    port,
    origin: new URL(url).origin,
    dataDir,
    logEntries() {
      const dir = join(dataDir, 'logs');
      return readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .flatMap((f) =>
          readFileSync(join(dir, f), 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as LogEntry),
        );
    },
    diagnostics() {
      const exit =
        child.exitCode !== null || child.signalCode !== null ? `exited: code ${child.exitCode}, signal ${child.signalCode}\n` : '';
      return `${exit}--- stdout\n${output.join('\n')}\n--- stderr\n${stderr}`;
    },
    async waitForOutput(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const line of output) {
          const match = pattern.exec(line);
          if (match) return match;
        }
        if (Date.now() > deadline) throw new Error(`browser mode never printed ${pattern}: ${output.join('\n')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
