/**
 * Event-loop lag during a piece of work, for the probe benches: node's delay histogram (p99, max)
 * and the loop's own stalls.
 *
 * On a shared machine the lag is mostly time the main thread spent runnable but waiting for a
 * CPU (Linux /proc/<pid>/task/<tid>/schedstat, run-queue wait). So each stall of the loop is
 * also measured minus that wait: what is left is the loop's own blocking (the engine's work in
 * the thread, sync I/O), the figure the engine answers for.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface LoopLag {
  /** p99 / max of node's event-loop delay histogram (ms). */
  lagP99: number;
  lagMax: number;
  /** p99 / max of the loop's stalls minus the main thread's run-queue wait in each (null off Linux). */
  ownP99: number | null;
  ownMax: number | null;
  /** Main thread's run-queue wait over the whole span (ms; null off Linux). */
  runQueueWaitMs: number | null;
}

/** [cpu ns, run-queue wait ns] of this process's main thread, or null where unavailable. */
export function schedstat(): [number, number] | null {
  try {
    const [cpu, wait] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return cpu !== undefined && wait !== undefined ? [cpu, wait] : null;
  } catch {
    return null;
  }
}

/**
 * Starts measuring; `stop()` returns the figures. Own stalls: each gap between 2 ms ticks minus
 * the run-queue wait inside it.
 */
export function startLoopLag(): { stop(): LoopLag } {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const own: number[] = [];
  const first = schedstat();
  let lastAt = performance.now();
  let lastSs = first;
  const tick = setInterval(() => {
    const now = performance.now();
    const ss = schedstat();
    if (ss && lastSs) own.push(Math.max(0, now - lastAt - (ss[1] - lastSs[1]) / 1e6));
    lastAt = now;
    lastSs = ss;
  }, 2);
  return {
    stop() {
      clearInterval(tick);
      h.disable();
      const last = schedstat();
      own.sort((a, b) => a - b);
      return {
        lagP99: h.percentile(99) / 1e6,
        lagMax: h.max / 1e6,
        ownP99: own.length ? own[Math.min(own.length - 1, Math.floor(own.length * 0.99))]! : null,
        ownMax: own.length ? own[own.length - 1]! : null,
        runQueueWaitMs: first && last ? (last[1] - first[1]) / 1e6 : null,
      };
    },
  };
}

/** Median of a non-empty list (the upper one of an even count). */
export function med(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
