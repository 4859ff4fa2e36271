import { describe, expect, it } from 'vitest';
import { ProviderLimiter } from './limiter';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ProviderLimiter', () => {
  it('lets a burst up to the per-second budget out at once and holds the rest for the next second', async () => {
    const limiter = new ProviderLimiter({ callTimeoutMs: 1000, requestsPerSecond: 5, maxConcurrent: 50 });
    const started: number[] = [];
    const t0 = Date.now();
    const calls = Array.from({ length: 12 }, () => limiter.schedule('eject', async () => void started.push(Date.now() - t0)));
    await sleep(400);
    expect(started).toHaveLength(5);
    await Promise.all(calls);
    expect(started.filter((t) => t >= 900)).toHaveLength(7);
    await limiter.stop();
  });

  it('sends meeting-wide containment ahead of queued per-participant calls', async () => {
    const limiter = new ProviderLimiter({ callTimeoutMs: 1000, requestsPerSecond: 100, maxConcurrent: 1 });
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(name);
      await sleep(20);
    };
    const calls = [
      limiter.schedule('eject', slow('eject1')),
      limiter.schedule('eject', slow('eject2')),
      limiter.schedule('eject', slow('eject3')),
      limiter.schedule('lock', slow('lock')),
    ];
    await Promise.all(calls);
    expect(order.indexOf('lock')).toBeLessThan(order.indexOf('eject3'));
    await limiter.stop();
  });

  it('spaces calls of one kind by the platform’s minimum interval', async () => {
    const limiter = new ProviderLimiter({ callTimeoutMs: 1000, requestsPerSecond: 100, maxConcurrent: 10, minIntervalMs: { lock: 300 } });
    const times: number[] = [];
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => limiter.schedule('lock', async () => void times.push(Date.now() - t0))));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(280);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(280);
    await limiter.stop();
  });
});
