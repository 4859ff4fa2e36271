/** One event of a Chromium trace (the JSON the DevTools protocol's tracing returns). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/**
 * The renderer main thread's work per frame, from a Chromium trace: for each main-thread frame
 * (`BeginMainThreadFrame`), the summed duration of the top-level tasks the thread ran since the
 * previous frame began (script handling host events, React, style, layout, paint). A frame whose
 * work fits in 16.7 ms is one the page could draw on time at 60 Hz. Milliseconds, in frame order.
 */
export function mainThreadFrameWork(events: readonly TraceEvent[]): number[] {
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  // The page's main thread is the one that begins frames (other renderers may be idle).
  const starts = new Map<string, number[]>();
  for (const e of events) {
    if (e.name !== 'BeginMainThreadFrame' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const key = `${e.pid}:${e.tid}`;
    starts.set(key, [...(starts.get(key) ?? []), e.ts]);
  }
  const [thread, frameStarts] = [...starts].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!thread || !frameStarts || frameStarts.length < 2) return [];
  frameStarts.sort((a, b) => a - b);
  // Top-level tasks only: a task nested in another (a nested run loop) is part of its parent.
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && `${e.pid}:${e.tid}` === thread)
    .sort((a, b) => a.ts - b.ts);
  const work: number[] = [];
  let t = 0;
  let coveredUntil = -Infinity;
  for (let f = 1; f < frameStarts.length; f++) {
    const from = frameStarts[f - 1] as number;
    const to = frameStarts[f] as number;
    let busy = 0;
    while (t < tasks.length && (tasks[t] as TraceEvent).ts < to) {
      const task = tasks[t++] as TraceEvent;
      const end = task.ts + (task.dur ?? 0);
      if (task.ts >= from && end > coveredUntil) busy += end - Math.max(task.ts, coveredUntil);
      coveredUntil = Math.max(coveredUntil, end);
    }
    work.push(busy / 1000);
  }
  return work;
}
