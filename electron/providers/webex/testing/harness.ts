import type { ProviderEvent, ProviderServices } from '../../../host/provider';
import { MemoryVault } from '../../../host/credentials/vault';
import { MemorySettingsStore } from '../../../host/settings/settingsStore';
import { ManualScheduler } from '../../../../shared/util/manualScheduler';
import { createWebexProvider, type WebexProvider, type WebexProviderOptions } from '../webexProvider';
import { FakeWebex, type FakeWebexOptions } from './fakeWebex';

/** The system browser, played by fetch: opens the authorization URL and follows the redirect. */
export async function browserVisit(url: string): Promise<Response> {
  const consent = await fetch(url, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) return consent;
  return fetch(location);
}

export interface WebexHarness {
  fake: FakeWebex;
  provider: WebexProvider;
  services: ProviderServices;
  scheduler: ManualScheduler;
  opened: string[];
  events: ProviderEvent[];
  close(): Promise<void>;
}

/**
 * A Webex provider configured against a fresh fake Webex, both on one virtual clock. The
 * "browser" visits every URL the provider opens, unless `browser` says otherwise.
 */
export async function webexHarness(
  options: { fake?: FakeWebexOptions; provider?: WebexProviderOptions; browser?: (url: string) => Promise<unknown> } = {},
): Promise<WebexHarness> {
  const scheduler = new ManualScheduler(Date.UTC(2026, 10, 26, 9, 0));
  const fake = await FakeWebex.start({ now: () => scheduler.now(), ...options.fake });
  const opened: string[] = [];
  const services: ProviderServices = {
    vault: new MemoryVault(),
    settings: new MemorySettingsStore(),
    scheduler,
    openExternal: async (url) => {
      opened.push(url);
      // The browser works on its own: the provider must not wait for it before listening.
      void (options.browser ?? browserVisit)(url);
    },
  };
  const provider = createWebexProvider(services, {
    poll: { minMs: 1_000, maxMs: 3_000, waitingMs: 5_000, backoffMaxMs: 8_000 },
    tuning: { confirmDelayMs: 500, confirmReads: 3, muteAllPerSecond: 10 },
    ...options.provider,
  });
  await provider.saveSettings?.(fake.settings);
  return { fake, provider, services, scheduler, opened, events: [], close: () => fake.close() };
}

/** Waits (in real time) until `check` holds: loopback I/O takes a few real milliseconds. */
export async function until(check: () => boolean, what = 'condition', timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Lets loopback I/O run until the fake has been idle (nothing in flight, no new request) for three
 * checks in a row: the provider's work between two requests takes a few real milliseconds.
 */
export async function quiet(fake: FakeWebex, checkMs = 15): Promise<void> {
  let seen = -1;
  for (let idle = 0; idle < 3;) {
    await new Promise((resolve) => setTimeout(resolve, checkMs));
    idle = seen === fake.requests.length && fake.inFlight === 0 ? idle + 1 : 0;
    seen = fake.requests.length;
  }
}

/** Moves the virtual clock in steps, letting the I/O each step starts finish. */
export async function advanceWithIo(h: { scheduler: ManualScheduler; fake: FakeWebex }, ms: number, step = 250): Promise<void> {
  await quiet(h.fake);
  for (let done = 0; done < ms; done += step) {
    h.scheduler.advance(Math.min(step, ms - done));
    await quiet(h.fake);
  }
}
