import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/incident/entry';
import type { ActionOutcome, PlatformAction } from '../../shared/model/action';
import { recordingRehearsal, type SentCall } from '../providers/rehearsal/recordingRehearsal';
import { advance, createTestHost } from './testing';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const RATE_LIMIT = 5;

describe('Contain against a slow, rate-limited, failing platform', () => {
  it(
    'per-call timeouts and a real rate limit: the plan completes, failed steps say why, retries stay bounded',
    { timeout: 60_000 },
    async () => {
      const sent: PlatformAction[] = [];
      const calls: SentCall[] = [];
      const t = createTestHost(undefined, () => [recordingRehearsal(sent, calls)]);
      cleanup = t.cleanup;
      const { host, scheduler } = t;
      await host.commands.attach({
        providerId: 'rehearsal',
        meetingId: 'intrusion',
        options: {
          seed: 4,
          startAt: 'beforeIntrusion',
          latencyMs: 80,
          jitterMs: 60,
          // The platform's own limit, which the limiter takes from the provider's declared limits.
          rateLimitPerSecond: RATE_LIMIT,
          // Share stopping never answers (every attempt times out); chat control always answers 503.
          unresponsive: ['stopAllShares'],
          failing: ['setChat'],
          failureRate: 0.2,
          callTimeoutMs: 1_000,
        },
      });
      await advance(scheduler, 90_000, 30_000);
      const flagged = (await host.commands.getSnapshot({}))!.state.participants.filter(
        (p) => p.risk.level === 'flagged' && p.presence === 'inMeeting',
      );
      expect(flagged.length).toBeGreaterThanOrEqual(3);
      const outcome = async (id: string) => (await host.commands.listActions({})).find((o) => o.actionId === id) as ActionOutcome;

      await host.commands.runAction({ id: 'contain', kind: 'contain', participantIds: [] });
      // Bottleneck spaces calls on the wall clock and the platform counts them on the virtual one:
      // both move together here, a quarter second at a time, until the plan settles or a bound is hit.
      for (let round = 0; round < 160 && (await outcome('contain')).status === 'pending'; round++) {
        await advance(scheduler, 250, 250);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const contain = await outcome('contain');
      expect(contain.status, 'the plan settles').toBe('failed');
      const steps = new Map(contain.plan?.steps.map((s) => [s.id, s]));
      expect(steps.get('stopAllShares')).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/did not answer within 1 s.*gave up after 4 attempts/),
      });
      expect(steps.get('disableChat')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/503.*gave up after 4 attempts/) });
      expect(contain.reason).toMatch(/Failed: .*stopAllShares \(.*\).*disableChat \(.*\)/);
      for (const id of ['lock', 'waitingRoom', 'muteAll', 'stopAllVideo']) expect(steps.get(id)?.status, id).toBe('confirmed');
      for (const [id, step] of steps) {
        expect(['confirmed', 'failed'], id).toContain(step.status);
        if (step.status === 'failed') expect(step.reason, id).toBeTruthy();
      }

      const log: LogEntry[] = await host.commands.getLogTail({ limit: 5000 });
      for (const child of contain.children ?? []) {
        const o = await outcome(child);
        expect(o.attempts, child).toBeLessThanOrEqual(4);
        expect(
          log.filter((e) => e.kind === 'action.attempt' && e.data.actionId === child),
          child,
        ).toHaveLength(o.attempts);
      }
      expect(sent.filter((a) => a.kind === 'stopAllShares')).toHaveLength(4);
      expect(sent.filter((a) => a.kind === 'setChat')).toHaveLength(4);
      expect(sent.length).toBeLessThanOrEqual(4 * (contain.children?.length ?? 0));
      const ejects = await Promise.all((contain.children ?? []).map(outcome));
      for (const p of flagged)
        expect(
          ejects.find((o) => o.kind === 'eject' && o.participantId === p.id),
          p.displayName,
        ).toBeDefined();

      // The limiter kept to the platform's figure: no rolling second saw more than RATE_LIMIT calls
      // start (a few milliseconds of timer slack allowed at the window's edge).
      for (const call of calls) {
        const inWindow = calls.filter((c) => c.at >= call.at && c.at < call.at + 990).length;
        expect(inWindow).toBeLessThanOrEqual(RATE_LIMIT);
      }
      expect(calls.length).toBeGreaterThan(RATE_LIMIT);
    },
  );
});
