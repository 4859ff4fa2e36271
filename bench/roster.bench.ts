import { chromium } from '@playwright/test';
import { mainThreadFrameWork } from './frames';
import { percentile, report } from './report';
import { CHROMIUM, CHROMIUM_ARGS, startBenchShell } from './support';

/**
 * The roster at webinar scale, in Chromium against browser mode: 10,000 participants join, then
 * 200 join and 200 leave every second for 30 s. Measures the first full render, frame times (the
 * main thread's work per frame, from a Chromium trace, and the interval between frames) and
 * host-event-to-painted-row latency during the churn, and the renderer's JS heap.
 */
const SIZE = Number(process.env['ROSTER_BENCH_SIZE'] ?? 10_000);
const CHURN = Number(process.env['ROSTER_BENCH_CHURN'] ?? 200);
const SECONDS = Number(process.env['ROSTER_BENCH_SECONDS'] ?? 30);

const shell = await startBenchShell();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx compiles with esbuild's keepNames, which wraps functions in a `__name` helper the page lacks.
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.goto(shell.url);
  await page.getByRole('button', { name: 'Start rehearsal' }).waitFor();
  await page.evaluate(() => {
    const w = window as unknown as {
      __bench: { loadedAt?: number; frames: number[]; paints: number[]; seen: Set<string>; measuring: boolean };
    };
    w.__bench = { frames: [], paints: [], seen: new Set(), measuring: false };
    const wall = (): number => performance.timeOrigin + performance.now();
    const pending: { id: string; joinedAt: number }[] = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement) || node.dataset['testid'] !== 'participant-row') continue;
          const id = node.dataset['participantId'] ?? '';
          if (w.__bench.seen.has(id)) continue;
          w.__bench.seen.add(id);
          if (w.__bench.measuring) pending.push({ id, joinedAt: Number(node.dataset['joinedAt']) });
        }
      }
      const count = document.querySelector('[data-testid=roster-count]')?.textContent ?? '';
      if (w.__bench.loadedAt === undefined && /of (\d+)/.test(count) && Number(/of (\d+)/.exec(count)?.[1]) >= 10_000)
        w.__bench.loadedAt = wall();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    let last = performance.now();
    const frame = (now: number): void => {
      if (w.__bench.measuring) w.__bench.frames.push(now - last);
      last = now;
      // A row added before this frame is painted by the time the next frame starts.
      for (const p of pending.splice(0)) w.__bench.paints.push(wall() - p.joinedAt);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

  const attachedAt = Date.now();
  await shell.call('attach', {
    providerId: 'rehearsal',
    meetingId: 'townhall',
    options: {
      seed: 7,
      timeScale: 1,
      crowd: { size: SIZE, churnPerSecond: CHURN, churnDurationMs: SECONDS * 1000 },
      latencyMs: 0,
      jitterMs: 0,
    },
  });
  await page.waitForFunction(() => (window as unknown as { __bench: { loadedAt?: number } }).__bench.loadedAt !== undefined, undefined, {
    timeout: 120_000,
  });
  const loadedAt = await page.evaluate(() => (window as unknown as { __bench: { loadedAt: number } }).__bench.loadedAt);
  report('roster', 'initial_render_ms', loadedAt - attachedAt, 'ms', { participants: SIZE });

  // The churn starts 2 s into the scenario: measure from then for its whole length.
  await page.waitForTimeout(Math.max(0, attachedAt + 2_000 - Date.now()));
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline.frame'] });
  await page.evaluate(() => ((window as unknown as { __bench: { measuring: boolean } }).__bench.measuring = true));
  await page.waitForTimeout(SECONDS * 1000);
  const { frames, paints } = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { frames: number[]; paints: number[]; measuring: boolean } }).__bench;
    b.measuring = false;
    return { frames: b.frames, paints: b.paints };
  });
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: Parameters<typeof mainThreadFrameWork>[0] };
  // Frame time: the renderer main thread's work per frame (from Chromium's trace); ≤ 16.7 ms means
  // the frame could be drawn on time at 60 Hz. The interval between animation frames is reported too:
  // it cannot go below the display's 16.7 ms, and rises when frames are dropped.
  const work = mainThreadFrameWork(trace.traceEvents);
  report('roster', 'frame_p50_ms', percentile(work, 50), 'ms', { frames: work.length, measure: 'main-thread work per frame' });
  report('roster', 'frame_p95_ms', percentile(work, 95), 'ms', { frames: work.length, measure: 'main-thread work per frame' });
  report('roster', 'frame_interval_p95_ms', percentile(frames, 95), 'ms', { frames: frames.length });
  report('roster', 'frames_over_budget_pct', (100 * work.filter((w) => w > 1000 / 60).length) / Math.max(1, work.length), '%');
  report('roster', 'event_to_paint_p95_ms', percentile(paints, 95), 'ms', { rows: paints.length });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  report('roster', 'heap_mb', heap.usedSize / 1024 / 1024, 'MB');
} finally {
  await browser.close();
  await shell.stop();
}
