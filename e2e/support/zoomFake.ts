import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningZoomFake {
  origin: string;
  meetingId: string;
  /** Values for the Zoom provider's settings screen, pointing at the fake. */
  settings: Record<string, string>;
  signatureEndpointToken: string;
  stop(): Promise<void>;
}

/** Starts the fake Zoom server (`scripts/zoom-fake.ts`) on a free loopback port, as the lead's drill does. */
export async function startZoomFake(): Promise<RunningZoomFake> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/zoom-fake.ts')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the fake Zoom did not start: ${stderr}`)), 15_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolvePromise(line);
    });
    child.once('exit', (code) => reject(new Error(`the fake Zoom exited with ${code}: ${stderr}`)));
  });
  const started = JSON.parse(first) as Omit<RunningZoomFake, 'stop'>;
  return {
    ...started,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
