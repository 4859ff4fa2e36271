import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostEvent } from '../../shared/contract/events';
import type { ActionOutcome } from '../../shared/model/action';
import type { Participant } from '../../shared/model/participant';
import { ManualScheduler } from '../../shared/util/manualScheduler';
import { createRehearsalProvider } from '../providers/rehearsal/rehearsalProvider';
import { MemoryVault } from './credentials/vault';
import { createHost, type Host, type HostOptions } from './host';
import type { Provider, ProviderServices } from './provider';
import { MemorySettingsStore } from './settings/settingsStore';

/** A host on a virtual clock with the rehearsal provider and a throwaway data folder, for tests. */
export function createTestHost(
  start = 1_764_000_000_000,
  providers: (services: ProviderServices) => Provider[] = () => [createRehearsalProvider()],
  existingDataDir?: string,
  extra: Partial<Pick<HostOptions, 'wrapLogFile' | 'moderatorName'>> = {},
): {
  host: Host;
  services: ProviderServices;
  scheduler: ManualScheduler;
  events: HostEvent[];
  dataDir: string;
  cleanup: () => Promise<void>;
} {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'hostdeck-test-'));
  const scheduler = new ManualScheduler(start);
  const services: ProviderServices = {
    vault: new MemoryVault(),
    settings: new MemorySettingsStore(),
    scheduler,
    openExternal: async () => undefined,
  };
  const host = createHost({
    dataDir,
    providers: providers(services),
    services,
    scheduler,
    actor: { moderator: 'test moderator', machine: 'test machine' },
    shell: 'web',
    version: 'test',
    ...extra,
  });
  // The live tail answers once everything appended so far is on disk.
  logWrites.set(scheduler, () => host.commands.getLogTail({ limit: 1 }));
  const events: HostEvent[] = [];
  host.subscribe((e) => events.push(e));
  return {
    host,
    services,
    scheduler,
    events,
    dataDir,
    cleanup: async () => {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Lets pending I/O, deferred flushes and the limiter's dispatch run: several turns of the event
 * loop, because Bottleneck hands each queued call over on its own timer turn.
 */
export async function settle(turns = 8): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * Moves virtual time forward the way the real event loop would: pending I/O and queued calls (the
 * limiter dispatches asynchronously) get to run before and after the clock moves.
 */
export async function advance(scheduler: ManualScheduler, ms: number, step = ms): Promise<void> {
  await quiesce(scheduler);
  for (let done = 0; done < ms; done += step) {
    scheduler.advance(Math.min(step, ms - done));
    await quiesce(scheduler);
  }
}

/**
 * For each test host's clock: waits until every log entry appended so far is on disk. Action
 * outcomes are pushed only then, and an fsync takes real time that virtual time knows nothing of.
 */
const logWrites = new WeakMap<ManualScheduler, () => Promise<unknown>>();

/**
 * Turns the event loop until no new virtual timer has appeared for a few turns in a row, letting
 * the test host's log writes (and the outcomes waiting for them) finish on each turn.
 */
async function quiesce(scheduler: ManualScheduler): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let turn = 0; turn < 60 && stable < 4; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await logWrites.get(scheduler)?.();
    stable = scheduler.pending === last ? stable + 1 : 0;
    last = scheduler.pending;
  }
}

/**
 * A test host attached to a rehearsal scenario and played for `playMs` of virtual time, with
 * helpers to read the roster and the meeting and to run an action and wait for its outcome.
 */
export async function rehearsalUnderway(scenario = 'intrusion', options: Record<string, unknown> = {}, playMs = 90_000) {
  const t = createTestHost();
  await t.host.commands.attach({
    providerId: 'rehearsal',
    meetingId: scenario,
    options: { seed: 4, startAt: 'beforeIntrusion', latencyMs: 30, jitterMs: 0, ...options },
  });
  await advance(t.scheduler, playMs, 30_000);
  const participants = async (): Promise<Participant[]> => (await t.host.commands.getSnapshot({}))?.state.participants ?? [];
  const intruders = (await participants()).filter((p) => p.alerts.length > 0 && p.presence === 'inMeeting');
  const run = async (action: Record<string, unknown>, wait = 100): Promise<ActionOutcome> => {
    const id = `a${Math.random().toString(36).slice(2, 10)}`;
    await t.host.commands.runAction({ id, ...action } as never);
    await advance(t.scheduler, wait);
    return (await t.host.commands.listActions({})).find((o) => o.actionId === id) as ActionOutcome;
  };
  const meeting = async () => (await t.host.commands.getSnapshot({}))?.state.meeting;
  return { ...t, participants, intruders, run, meeting };
}
