// runSweep(): many checks with bounded concurrency, results in input order, cancellable.
import { setMaxListeners } from 'node:events';
import { warmUpPing } from './ping-pool';
import { runCheck, type SharedRunState } from './runner';
import type { CheckDef, CheckResult, SweepOptions } from './types';

export const DEFAULT_CONCURRENCY = 32;

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
  if (checks.some((c) => c.kind === 'ping')) warmUpPing();
  let next = 0;
  let done = 0;

  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
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
