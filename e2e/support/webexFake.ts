import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningWebexFake {
  url: string;
  liveMeetingId: string;
  /** Values for the Webex settings screen, pointing at the fake. */
  settings: Record<string, string>;
  /** Seats someone in the meeting through the fake's test controls. */
  join(displayName: string, extra?: Record<string, unknown>): Promise<void>;
  state(): Promise<{
    meetings: { id: string; state?: string; locked?: boolean; participants: { displayName: string; state: string }[] }[];
    violations?: unknown[];
  }>;
  stop(): Promise<number | null>;
}

/** Starts the fake Webex (`scripts/fake-webex.ts`) on a free loopback port. */
export async function startWebexFake(officials = 12): Promise<RunningWebexFake> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', resolve('scripts/fake-webex.ts'), '--officials', String(officials)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the fake Webex did not start: ${stderr}`)), 15_000);
    createInterface({ input: child.stdout! }).once('line', (line) => (clearTimeout(timer), done(line)));
    child.once('exit', (code) => fail(new Error(`the fake Webex exited with ${code}: ${stderr}`)));
  });
  const started = JSON.parse(first) as { url: string; liveMeetingId: string; settings: Record<string, string> };
  return {
    ...started,
    async join(displayName, extra = {}) {
      const response = await fetch(`${started.url}/_fake/meetings/${started.liveMeetingId}/participants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName, ...extra }),
      });
      if (!response.ok) throw new Error(`join failed: ${response.status}`);
    },
    async state() {
      return (await (await fetch(`${started.url}/_fake/state`)).json()) as Awaited<ReturnType<RunningWebexFake['state']>>;
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((done) => child.once('exit', done));
      child.kill('SIGTERM');
      return exited;
    },
  };
}
