import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostEvent } from '../../shared/contract/events';
import { ManualScheduler } from '../../shared/util/manualScheduler';
import { createRehearsalProvider } from '../providers/rehearsal/rehearsalProvider';
import { createHost, type Host } from './host';

/** A host on a virtual clock with the rehearsal provider and a throwaway data folder, for tests. */
export function createTestHost(start = 1_764_000_000_000): {
  host: Host;
  scheduler: ManualScheduler;
  events: HostEvent[];
  dataDir: string;
  cleanup: () => Promise<void>;
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'hostdeck-test-'));
  const scheduler = new ManualScheduler(start);
  const host = createHost({
    dataDir,
    providers: [createRehearsalProvider()],
    scheduler,
    actor: { moderator: 'test moderator', machine: 'test machine' },
    shell: 'web',
    version: 'test',
  });
  const events: HostEvent[] = [];
  host.subscribe((e) => events.push(e));
  return {
    host,
    scheduler,
    events,
    dataDir,
    cleanup: async () => {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Lets pending I/O and deferred flushes run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}
