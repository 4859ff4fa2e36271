import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntryBody } from '../shared/incident/entry';
import { IncidentLog } from '../electron/host/log/incidentLog';
import { exportCsv } from '../shared/incident/report/index';
import { benchLog, EXPORT_ENTRIES, measureExports } from './log-export';
import { report } from './report';

/**
 * The incident log under load: sustained appends with durability on (each group of entries written
 * then fsynced; an entry counts only once its group is on disk), with realistic entries (a
 * participant joining, with every identifier). Then the exports of a generated 100,000-entry log
 * (joins, leaves, intrusion waves, Contain plans, refused joins, notes): the median of 3 runs each.
 */
const COUNT = Number(process.env['LOG_BENCH_COUNT'] ?? 200_000);

function joined(i: number): EntryBody {
  return {
    kind: 'participant.joined',
    data: {
      participant: {
        id: `p-${i}`,
        displayName: `Warga ${i} (Kecamatan ${i % 37})`,
        role: 'attendee',
        presence: 'inMeeting',
        joinedAt: 1_764_000_000_000 + i,
        audio: false,
        video: false,
        sharing: false,
        identity: { userId: `u-${i}`, email: `warga${i}@mail.example`, client: 'Android' },
        alerts: [],
        renamedFrom: [],
        match: { status: 'noList' },
        risk: { score: 0, level: 'none', flags: [] },
      },
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'hostdeck-bench-log-'));
try {
  let durable = 0;
  const log = await IncidentLog.open({
    dir,
    sessionId: '20261127-000000-rehearsal-bbbbbb',
    actor: { moderator: 'bench', machine: 'bench' },
    clock: { now: () => Date.now() },
    onDurable: () => durable++,
  });
  const started = performance.now();
  // Appends arrive in bursts, as events do; the writer groups whatever is queued into one write + fsync.
  for (let i = 0; i < COUNT; i++) {
    log.append(joined(i));
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  await log.flush();
  const seconds = (performance.now() - started) / 1000;
  if (durable !== COUNT) throw new Error(`only ${durable} of ${COUNT} entries reported durable`);
  report('log', 'durable_appends_per_s', COUNT / seconds, 'entries/s', { entries: COUNT });
  await log.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const entries = benchLog();
const timings = measureExports(entries);
for (const [metric, value] of Object.entries(timings)) report('log', metric, value, 'ms', { entries: EXPORT_ENTRIES });
// Redaction rewrites every name and identifier in every cell: slower, stated rather than hidden.
const started = performance.now();
exportCsv(entries, { language: 'en', redact: true });
report('log', 'export_csv_redacted_ms', performance.now() - started, 'ms', { entries: EXPORT_ENTRIES });
