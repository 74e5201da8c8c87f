// runSweep(): many checks with bounded concurrency, results in input order, cancellable.
import { setMaxListeners } from 'node:events';
import { warmUpPing } from './ping-pool';
import { runCheck, type SharedRunState } from './runner';
import type { CheckDef, CheckResult, SweepOptions } from './types';

export const DEFAULT_CONCURRENCY = 32;

/**
 * Rough relative duration of a check, to start the long ones first: an SSH session is several
 * round trips plus remote commands; a ping waits for its helper to spawn the system ping and
 * each extra echo adds a second; HTTP is two round trips or more; a TCP connect is one.
 */
export function expectedCost(check: CheckDef): number {
  switch (check.kind) {
    case 'ssh': return 8;
    case 'ping': return 3 + 10 * Math.max(0, Math.min(9, Math.floor(check.count ?? 1) - 1));
    case 'http': return 2;
    case 'tcp': return 1;
    default: return 1;
  }
}

/**
 * The order checks are started in: longest expected first (stable within a cost). With a bounded
 * pool the sweep then ends close to its slowest check, instead of the slow ones (SSH sessions)
 * starting last because the plan lists them last. Results stay in input order.
 */
export function startOrder(checks: readonly CheckDef[]): number[] {
  const cost = checks.map((c) => (typeof c === 'object' && c !== null ? expectedCost(c) : 0));
  return checks.map((_, i) => i).sort((a, b) => cost[b]! - cost[a]! || a - b);
}

/**
 * Runs `checks` with at most `concurrency` in flight. Resolves (never rejects) with one result per
 * check, in input order. Aborting `signal` stops the checks in flight (they end as CANCELLED
 * within milliseconds) and the ones not started become CANCELLED without touching the network.
 */
export async function runSweep(checks: readonly CheckDef[], opts: SweepOptions = {}): Promise<CheckResult[]> {
  const total = checks.length;
  const results = new Array<CheckResult | undefined>(total);
  const concurrency = Math.max(1, Math.min(Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY), 256));
  const shared: SharedRunState = { keyCache: new Map() };
  // One listener on the caller's signal; each check in flight listens on ours.
  const inner = new AbortController();
  setMaxListeners(concurrency + 16, inner.signal);
  const outer = opts.signal;
  const onAbort = (): void => inner.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const runOpts = { ...opts, signal: inner.signal };
  const pings = checks.filter((c) => c.kind === 'ping').length;
  if (pings > 0) warmUpPing(pings);
  const order = startOrder(checks);
  let next = 0;
  let done = 0;

  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = order[next++]!;
      const result = await runCheck(checks[index]!, runOpts, shared);
      results[index] = result;
      done++;
      try {
        opts.onProgress?.({ done, total, last: { index, result } });
      } catch {
        // A failing progress listener must not break the sweep.
      }
    }
  };
  // All workers start at once: a check's synchronous start is small (no process is spawned on
  // this thread: pings go through the ping worker, keys are decrypted off-thread).
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  outer?.removeEventListener('abort', onAbort);
  shared.keyCache.clear();
  return results.map((r, i) => r ?? missing(checks[i]!));
}

function missing(check: CheckDef): CheckResult {
  const now = new Date().toISOString();
  return {
    kind: check.kind, target: '', level: 'severe', ok: false, latencyMs: null, durationMs: 0, summary: '内部错误', metrics: {},
    raw: '', truncated: false, startedAt: now, finishedAt: now, error: { code: 'INTERNAL', message: '内部错误' },
  };
}
