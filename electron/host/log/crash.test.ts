import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/incident/chain';
import { sha256Hex } from './incidentLog';

/**
 * A power cut after the kill: the disk keeps everything that was fsynced (every acknowledged entry)
 * and loses an arbitrary part of what was not. Cuts the file at a random byte after the end of the
 * last acknowledged entry, which usually leaves a torn last line.
 */
function cutPower(file: string, lastAcked: number, random: () => number): boolean {
  const bytes = readFileSync(file);
  const marker = Buffer.from(`"seq":${lastAcked},`);
  // The last occurrence: a torn fragment earlier in the file may carry the same seq (its recovery entry reuses it).
  const at = bytes.lastIndexOf(marker);
  if (at < 0) return false;
  const safeEnd = bytes.indexOf(0x0a, at) + 1;
  if (safeEnd <= 0 || safeEnd >= bytes.length) return false;
  truncateSync(file, safeEnd + 1 + Math.floor(random() * (bytes.length - safeEnd - 1)));
  return true;
}

/** Runs the writer until it has acknowledged a few entries, then kills it with SIGKILL at a random moment. */
function runAndKill(file: string, random: () => number): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('electron/host/log/crashWriter.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
        if (line === 'ready' && !armed) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), 5 + Math.floor(random() * 120));
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`writer exited on its own (${code}): ${stderr}`));
      else done(acked);
    });
  });
}

describe('incident log crash safety', () => {
  it('keeps every acknowledged entry through 50 SIGKILLs, marking each torn line and continuing the chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostdeck-crash-'));
    const file = join(dir, 'crash-session.jsonl');
    let seed = 12345;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const acknowledged: number[] = [];
    try {
      let cuts = 0;
      for (let run = 0; run < 50; run++) {
        const acked = await runAndKill(file, random);
        acknowledged.push(...acked);
        const last = Math.max(0, ...acknowledged);
        if (last > 0 && random() < 0.6 && cutPower(file, last, random)) cuts++;
      }
      expect(cuts).toBeGreaterThan(10);
      // One last start marks a torn tail left by the final kill.
      await runAndKill(file, () => 0);
      const lines = readFileSync(file, 'utf8').split('\n');
      const whole = lines.slice(0, lines.at(-1) === '' ? -1 : lines.length);
      const check = verifyChain(lines.at(-1) === '' ? lines : whole.slice(0, -1), sha256Hex);
      expect(check.ok, JSON.stringify(check)).toBe(true);
      const seqs = new Set(
        whole.flatMap((line) => {
          try {
            return [JSON.parse(line).seq as number];
          } catch {
            return [];
          }
        }),
      );
      expect(acknowledged.length).toBeGreaterThan(500);
      expect(acknowledged.filter((seq) => !seqs.has(seq))).toEqual([]);
      const recoveries = whole.filter((line) => line.includes('"kind":"log.recovered"')).length;
      if (check.ok) expect(check.recovered).toBe(recoveries);
      expect(recoveries).toBeGreaterThan(5);
      console.log(
        `crash test: 50 kills, ${cuts} power cuts, ${acknowledged.length} acknowledged, ${seqs.size} entries, ${recoveries} torn lines recovered`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
