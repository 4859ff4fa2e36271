import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { containPlan } from '../shared/flows/contain';
import { DEFAULT_PANIC_SETTINGS } from '../shared/model/panic';
import type { PlatformAction } from '../shared/model/action';
import { MemoryVault } from '../electron/host/credentials/vault';
import { createHost } from '../electron/host/host';
import type { Provider, ProviderSession } from '../electron/host/provider';
import { realScheduler } from '../electron/host/realScheduler';
import { MemorySettingsStore } from '../electron/host/settings/settingsStore';
import { createRehearsalProvider } from '../electron/providers/rehearsal/rehearsalProvider';
import { startWebServer } from '../electron/web/server';
import { report } from './report';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuilt } from './support';

/**
 * Panic in one keystroke, measured in Chromium against browser mode: a rehearsal meeting of 1,000
 * with 50 intruders, 50 ms latency (±20 ms jitter), and Daily's documented REST limit of 20
 * requests a second (docs.daily.co/docs/rest-api: most endpoints 20 req/s). Contain is pressed on
 * the keyboard; the platform's calls are timestamped where the provider receives them.
 */
const LATENCY = 50;
const JITTER = 20;
const RATE = 20;
const OPTIONS = {
  seed: 3,
  timeScale: 1,
  latencyMs: LATENCY,
  jitterMs: JITTER,
  rateLimitPerSecond: RATE,
  crowd: { size: 950, churnPerSecond: 0, churnDurationMs: 0, intruders: 50 },
};

/** The rehearsal provider, with each platform call's arrival time noted (measurement only). */
function timedRehearsal(calls: number[]): Provider {
  const inner = createRehearsalProvider();
  return {
    ...inner,
    attach: async (meetingId, options, context) => {
      const session = await inner.attach(meetingId, options, context);
      const timed: ProviderSession = { ...session, perform: (action, signal) => (calls.push(Date.now()), session.perform(action, signal)) };
      return timed;
    },
  };
}

/** The same Contain plan, one call at a time: what a naive executor would do on the same platform. */
async function sequentialContain(): Promise<number> {
  const provider = createRehearsalProvider();
  const events: { type: string; participant?: { id: string; alerts: string[] } }[] = [];
  const session = await provider.attach('townhall', OPTIONS, { scheduler: realScheduler, emit: (e) => events.push(e as never) });
  await new Promise((r) => setTimeout(r, 2_600));
  const intruders = events.flatMap((e) =>
    e.type === 'joined' && e.participant && e.participant.alerts.length > 0 ? [e.participant.id] : [],
  );
  const plan = containPlan(DEFAULT_PANIC_SETTINGS.contain, intruders);
  const started = Date.now();
  for (const [i, step] of plan.steps.entries()) {
    for (;;) {
      try {
        await session.perform({ ...step.intent, id: `s${i}` } as PlatformAction, new AbortController().signal);
        break;
      } catch (error) {
        const wait = (error as { retryAfterMs?: number }).retryAfterMs;
        if (wait === undefined) throw error;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  const elapsed = Date.now() - started;
  await session.close();
  return elapsed;
}

ensureBuilt();
const dataDir = mkdtempSync(join(tmpdir(), 'hostdeck-bench-panic-'));
const calls: number[] = [];
const services = {
  vault: new MemoryVault(),
  settings: new MemorySettingsStore(),
  scheduler: realScheduler,
  openExternal: async () => undefined,
};
const host = createHost({
  dataDir,
  providers: [timedRehearsal(calls)],
  services,
  scheduler: realScheduler,
  actor: { moderator: 'bench', machine: 'bench' },
  shell: 'web',
  version: 'bench',
});
const server = await startWebServer({ host, staticDir: resolve('out/renderer'), bindAddress: '127.0.0.1', port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Start rehearsal' }).waitFor();
  await host.commands.attach({ providerId: 'rehearsal', meetingId: 'townhall', options: OPTIONS });
  await page.locator('[data-testid=participant-row][data-risk=flagged]').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=count-flagged]')?.textContent) >= 50, undefined, {
    timeout: 30_000,
  });
  await page.evaluate(() => {
    const w = window as unknown as { __keyAt?: number };
    // The chord's last key (C) is the key event; the modifiers go down before it.
    window.addEventListener('keydown', (e) => e.code === 'KeyC' && (w.__keyAt ??= performance.timeOrigin + e.timeStamp), { capture: true });
  });
  calls.length = 0;
  await page.keyboard.press('Control+Alt+Shift+KeyC');
  const contain = page.locator('[data-testid=action-item][data-kind=contain]');
  await contain.waitFor();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=action-item][data-kind=contain]')?.getAttribute('data-status') !== 'pending',
    undefined,
    { timeout: 60_000 },
  );
  const keyAt = await page.evaluate(() => (window as unknown as { __keyAt: number }).__keyAt);
  const outcome = (await host.commands.listActions({})).find((o) => o.kind === 'contain');
  const steps = outcome?.plan?.steps.length ?? 0;
  report('panic', 'first_request_ms', (calls[0] ?? Number.NaN) - keyAt, 'ms');
  report('panic', 'contain_ms', (outcome?.settledAt ?? Number.NaN) - keyAt, 'ms', { steps, status: outcome?.status ?? 'missing' });
  report('panic', 'contain_sequential_ms', await sequentialContain(), 'ms', { steps });
  const floor = (Math.ceil(steps / RATE) - 1) * 1000;
  report('panic', 'contain_ideal_ms', floor + LATENCY + JITTER / 2, 'ms', { rate_limit_per_s: RATE, latency_ms: LATENCY });
} finally {
  await browser.close();
  await server.close();
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
}
