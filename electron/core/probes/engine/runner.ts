// runCheck(): validate, budget, dispatch to the probe of the kind, and shape the result.
import type { ParsedKey } from 'ssh2';
import { worst } from '../../../../shared/levels';
import { errorLevel, type Verdict } from './classify';
import { runHttp, displayUrl } from './http';
import { errorTitle, probeError } from './messages';
import { runPing } from './ping';
import { validateCheck } from './schema';
import { hostPortKey, runSsh, sshSecrets } from './ssh';
import { runTcp } from './tcp';
import { defaultThresholds } from './thresholds';
import type { CheckDef, CheckResult, ItemResult, Metrics, ProbeError, RunOptions } from './types';
import { capText, CheckScope, redact } from './util';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_OUTPUT_CAP_BYTES = 1024 * 1024;
export const DEFAULT_RAW_CAP_BYTES = 64 * 1024;

/** What a probe hands back before the result is shaped. */
export interface RunnerOutcome {
  latencyMs: number | null;
  raw: string;
  truncated?: boolean;
  /** Present when something was measured (possibly partially). */
  verdict?: Verdict;
  /** Metrics when nothing could be judged (e.g. an unreachable ping's counters). */
  metrics?: Metrics;
  items?: ItemResult[];
  error?: ProbeError;
}

/** Internal per-sweep state shared by the checks of one sweep. */
export interface SharedRunState {
  keyCache: Map<string, Promise<ParsedKey | Error>>;
}

export function targetOf(check: CheckDef): string {
  switch (check.kind) {
    case 'ping': return check.host;
    case 'tcp':
    case 'ssh': return hostPortKey(check.host, check.port);
    case 'http': return displayUrl(check.url);
  }
}

function secretsOf(check: CheckDef): string[] {
  if (check.kind === 'ssh') return sshSecrets(check);
  if (check.kind === 'http') {
    try {
      const u = new URL(check.url);
      return [decodeURIComponent(u.password), u.password].filter((s) => s.length > 0);
    } catch {
      return [];
    }
  }
  return [];
}

function safeTarget(input: unknown): { kind: CheckDef['kind']; target: string; id?: string } {
  const o = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const kind = o.kind === 'tcp' || o.kind === 'http' || o.kind === 'ssh' ? o.kind : 'ping';
  const target = typeof o.host === 'string' ? o.host.slice(0, 253) : typeof o.url === 'string' ? displayUrl(o.url) : '';
  return { kind, target, ...(typeof o.id === 'string' ? { id: o.id } : {}) };
}

/** Runs one check. Never throws: every failure is a result with `error`. */
export async function runCheck(check: CheckDef, opts: RunOptions = {}, shared?: SharedRunState): Promise<CheckResult> {
  const clock = opts.clock ?? (() => new Date());
  const startedAt = clock().toISOString();
  const t0 = performance.now();
  const shape = (o: RunnerOutcome, head: { kind: CheckDef['kind']; target: string; id?: string }, secrets: string[]): CheckResult => {
    const error = o.error ? { code: o.error.code, message: redact(o.error.message, secrets) } : undefined;
    const levels = [o.verdict?.level ?? 'normal', ...(error ? [errorLevel(error.code)] : [])];
    let summary = o.verdict?.summary ?? '';
    if (error) {
      const bad = o.verdict && o.verdict.level !== 'normal' && o.verdict.summary ? `；${o.verdict.summary}` : '';
      summary = `${errorTitle(error.code)}${bad}`;
    }
    const result: CheckResult = {
      ...(head.id !== undefined ? { id: head.id } : {}),
      kind: head.kind,
      target: head.target,
      level: worst(levels),
      ok: !error,
      latencyMs: o.latencyMs === null ? null : Math.round(o.latencyMs * 100) / 100,
      durationMs: Math.round(performance.now() - t0),
      summary: redact(summary, secrets),
      metrics: o.verdict?.metrics ?? o.metrics ?? {},
      raw: capText(redact(o.raw, secrets), opts.rawCapBytes ?? DEFAULT_RAW_CAP_BYTES),
      truncated: o.truncated ?? false,
      startedAt,
      finishedAt: clock().toISOString(),
    };
    if (o.items) result.items = o.items;
    if (error) result.error = error;
    return result;
  };

  const v = validateCheck(check);
  if (!v.ok) {
    return shape({ latencyMs: null, raw: '', error: probeError('INVALID_CHECK', v.fields.join('、')) }, safeTarget(check), secretsOf(check));
  }
  const c = v.check;
  const head = { kind: c.kind, target: targetOf(c), ...(c.id !== undefined ? { id: c.id } : {}) };
  const secrets = secretsOf(c);
  if (opts.signal?.aborted) return shape({ latencyMs: null, raw: '', error: probeError('CANCELLED') }, head, secrets);

  const timeoutMs = c.timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectMs = c.connectTimeoutMs ?? opts.connectTimeoutMs ?? Math.min(DEFAULT_CONNECT_TIMEOUT_MS, timeoutMs);
  const scope = new CheckScope(timeoutMs, connectMs, opts.signal);
  const t = opts.thresholds ?? defaultThresholds();
  const outputCapBytes = opts.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES;
  try {
    let o: RunnerOutcome;
    switch (c.kind) {
      case 'ping': o = await runPing(c, scope, t); break;
      case 'tcp': o = await runTcp(c, scope, t); break;
      case 'http': o = await runHttp(c, scope, { thresholds: t, now: clock, bodyCapBytes: outputCapBytes }); break;
      case 'ssh': o = await runSsh(c, scope, { thresholds: t, hostKeys: opts.hostKeys, outputCapBytes, keyCache: shared?.keyCache }); break;
    }
    return shape(o, head, secrets);
  } catch {
    return shape({ latencyMs: null, raw: '', error: probeError('INTERNAL') }, head, secrets);
  } finally {
    scope.dispose();
  }
}
