/**
 * Sweeps: every enabled check of every asset (or one asset) through the probe engine, with
 * bounded concurrency, a timeout per check and the caller's AbortSignal. The engine is async
 * (sockets, child ping, ssh2): the event loop stays free; results are written in small
 * transactions as they arrive, never one long one. Credentials are opened only here, handed to
 * the engine and dropped; the engine redacts them from its output.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { ResultRow, Sweep } from '../../../shared/contract/probes';
import type { Aspect } from '../../../shared/contract/inspections';
import { t } from '../../../shared/i18n';
import { compareLevels, countLevels, isResultLevel, RESULT_LEVEL_LABELS, worst, type ResultLevel } from '../../../shared/levels';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { openCredentials, type OpenedCredential } from '../assets/service';
import { isAspect, type StoredPart } from './aspects';
import { assetIndex, engineThresholds, itemAspect, parseConfig, parseThresholds, toCheckDef, type SshLogin } from './checks';
import { runSweep, type CheckDef, type CheckResult, type MetricValue } from './engine';
import { dbHostKeyStore } from './host-keys';
import { probeChecks, probeResults, probeSweeps } from './schema';
import { openSweepWriter, type SweepWriter } from './writer';

export type SweepTrigger = 'manual' | 'schedule' | 'cli';

export interface SweepRunOptions {
  assetId?: string | undefined;
  trigger: SweepTrigger;
  /** Checks in flight at once (default 48). */
  concurrency?: number;
  /** Budget per check in ms unless the check sets its own (default 10 s). */
  timeoutMs?: number;
  /** Evidence kept per result (default 16 KiB). */
  rawCapBytes?: number;
  /** Don't raise a notify event (the CLI prints its own table). */
  quiet?: boolean;
}

export type SweepOutput = Sweep & { results: ResultRow[] };

export const SWEEP_DEFAULTS = { concurrency: 48, timeoutMs: 10_000, rawCapBytes: 16 * 1024 } as const;
const FLUSH_EVERY = 25;
const FLUSH_MS = 250;

type CheckRow = typeof probeChecks.$inferSelect;

interface Planned {
  check: CheckRow;
  assetName: string;
  def: CheckDef | null;
  /** A result written without running (no credential, invalid config). */
  skip?: { level: ResultLevel; summary: string };
  thresholdsKey: string;
  aspect: Aspect | null;
}

function logOffsets(ctx: Pick<CallContext, 'sqlite'>, checkId: string): Record<string, number> {
  const r = ctx.sqlite.prepare('SELECT metrics FROM probe_results WHERE check_id = ? AND deleted_at IS NULL ORDER BY started_at DESC LIMIT 1').get(checkId) as { metrics: string | null } | undefined;
  if (!r?.metrics) return {};
  try {
    const m = JSON.parse(r.metrics) as { logOffsets?: unknown };
    const o = m.logOffsets;
    if (!o || typeof o !== 'object') return {};
    return Object.fromEntries(Object.entries(o as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
}

function loginOf(c: OpenedCredential): SshLogin {
  if (c.kind === 'private_key') return { username: c.username, auth: c.passphrase ? { privateKey: c.secret, passphrase: c.passphrase } : { privateKey: c.secret } };
  return { username: c.username, auth: { password: c.secret } };
}

/** What will run: one entry per enabled check of the live assets. */
function plan(ctx: CallContext, assetId: string | undefined): Planned[] {
  const assets = assetIndex(ctx);
  const rows = ctx.db
    .select()
    .from(probeChecks)
    .where(and(isNull(probeChecks.deletedAt), eq(probeChecks.enabled, true), assetId ? eq(probeChecks.assetId, assetId) : undefined))
    .all()
    .filter((c) => {
      const a = assets.get(c.assetId);
      return a !== undefined && a.deletedAt === null;
    })
    .sort((a, b) => (assets.get(a.assetId)?.sort ?? 0) - (assets.get(b.assetId)?.sort ?? 0) || a.sort - b.sort);
  const credIds = [...new Set(rows.filter((r) => r.kind === 'ssh').map((r) => assets.get(r.assetId)?.credentialId).filter((x): x is string => !!x))];
  const { opened, errors } = openCredentials(ctx, credIds);
  return rows.map((check): Planned => {
    const a = assets.get(check.assetId)!;
    const config = parseConfig(check.kind, check.config);
    const thresholds = parseThresholds(check.thresholds);
    const base = { check, assetName: a.name, thresholdsKey: thresholds ? JSON.stringify(thresholds) : '', aspect: null as Aspect | null };
    if (isAspect(check.aspect)) base.aspect = check.aspect;
    if (!config) return { ...base, def: null, skip: { level: 'warning', summary: t('probe.invalidStored') } };
    let login: SshLogin | null = null;
    if (config.kind === 'ssh') {
      const cred = a.credentialId ? opened.get(a.credentialId) : undefined;
      if (!a.credentialId) return { ...base, def: null, skip: { level: 'warning', summary: t('probe.noCredential') } };
      if (!cred) return { ...base, def: null, skip: { level: 'warning', summary: errors.get(a.credentialId) ?? t('probe.noCredential') } };
      login = loginOf(cred);
    }
    if (config.kind !== 'http' && !config.host && !a.ip) return { ...base, def: null, skip: { level: 'warning', summary: t('probe.noHost', { name: a.name }) } };
    const def = toCheckDef(config, { id: check.id, host: a.ip, login, logOffsets: config.kind === 'ssh' && config.items.some((i) => i.kind === 'log') ? logOffsets(ctx, check.id) : {} });
    return { ...base, def };
  });
}

/** One part per SSH item (and the login itself), for the inspection items the result pre-fills. */
export function sshParts(p: Planned, r: CheckResult): StoredPart[] {
  const parts: StoredPart[] = [];
  const items = r.items ?? [];
  const loggedIn = items.length > 0 || r.ok;
  parts.push({ aspect: 'login', level: loggedIn ? 'normal' : r.level, summary: loggedIn ? t('probe.sshLoggedIn', { ms: Math.round(r.latencyMs ?? 0) }) : r.summary });
  const configured = p.def?.kind === 'ssh' ? p.def.items : [];
  configured.forEach((it, i) => {
    const res = items[i];
    const aspect = itemAspect(it.kind, p.aspect);
    if (!res) {
      parts.push({ aspect, level: r.level === 'normal' ? 'warning' : r.level, summary: r.summary });
      return;
    }
    const part: StoredPart = { aspect, level: res.level, summary: res.summary };
    const m = res.metrics;
    const num = (k: string): number | undefined => (typeof m[k] === 'number' ? (m[k] as number) : undefined);
    const value = it.kind === 'disk' ? num('maxUsePct') : it.kind === 'memory' ? num('usePct') : it.kind === 'load' ? num('perCpu') : it.kind === 'log' ? num('matches') : it.kind === 'custom' ? num('value') : undefined;
    if (value !== undefined) part.value = value;
    if (it.kind === 'disk' && typeof m.maxMount === 'string') part.name = m.maxMount;
    if (it.kind === 'service') part.name = it.name;
    if (it.kind === 'log') part.name = it.path;
    parts.push(part);
  });
  return parts;
}

function metricsOf(p: Planned, r: CheckResult): Record<string, unknown> {
  const m: Record<string, MetricValue | StoredPart[] | Record<string, number>> = { ...r.metrics, target: r.target, ok: r.ok, durationMs: r.durationMs };
  if (r.error) m.errorCode = r.error.code;
  if (r.truncated) m.truncated = true;
  if (p.def?.kind === 'ssh') {
    m.parts = sshParts(p, r);
    const offsets: Record<string, number> = {};
    p.def.items.forEach((it, i) => {
      const res = r.items?.[i];
      if (it.kind === 'log') {
        const n = res?.metrics.newOffset;
        offsets[it.path] = typeof n === 'number' ? n : it.fromOffset;
      }
    });
    if (Object.keys(offsets).length) m.logOffsets = offsets;
  }
  return m;
}

export function sweepView(r: Pick<typeof probeSweeps.$inferSelect, 'id' | 'trigger' | 'assetId' | 'startedAt' | 'finishedAt' | 'status' | 'total' | 'done' | 'normal' | 'warning' | 'severe'>): Sweep {
  const status = r.status === 'running' || r.status === 'done' || r.status === 'cancelled' || r.status === 'failed' ? r.status : 'failed';
  return {
    id: r.id,
    trigger: r.trigger,
    assetId: r.assetId,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    status,
    total: r.total,
    done: r.done,
    counts: { normal: r.normal, warning: r.warning, severe: r.severe },
    durationMs: r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.startedAt) : null,
  };
}

/** Runs a sweep as a job: call from a `job: true` channel, the scheduler or the CLI. */
export async function runProbeSweep(ctx: CallContext, o: SweepRunOptions): Promise<SweepOutput> {
  const planned = plan(ctx, o.assetId);
  const total = planned.length;
  const project = ctx.project();
  const sweep = { ...stampNew(ctx), projectId: project.id, trigger: o.trigger, assetId: o.assetId ?? null, startedAt: ctx.nowIso(), finishedAt: null, status: 'running', total, done: 0, normal: 0, warning: 0, severe: 0 };
  const writer = openSweepWriter(ctx.core.dbPath);
  try {
    writer.insertSweep(sweep);
    return await sweepWith(ctx, o, planned, sweep, writer);
  } finally {
    writer.close();
  }
}

async function sweepWith(ctx: CallContext, o: SweepRunOptions, planned: Planned[], sweep: { id: string; startedAt: string }, writer: SweepWriter): Promise<SweepOutput> {
  const total = planned.length;
  const project = ctx.project();
  ctx.progress(0, total, t('probe.sweepStarting', { total }));

  // Previous level per check, to notify only what got worse.
  const previous = new Map<string, ResultLevel>();
  {
    const stmt = ctx.sqlite.prepare('SELECT level FROM probe_results WHERE check_id = ? AND deleted_at IS NULL ORDER BY started_at DESC LIMIT 1');
    for (const p of planned) {
      const r = stmt.get(p.check.id) as { level: string } | undefined;
      if (r && isResultLevel(r.level)) previous.set(p.check.id, r.level);
    }
  }

  const results: ResultRow[] = [];
  const buffer: Array<typeof probeResults.$inferInsert> = [];
  let done = 0;
  const counts = { normal: 0, warning: 0, severe: 0 };
  const flush = (): void => {
    if (buffer.length === 0) return;
    writer.write(buffer.splice(0), sweep.id, { done, ...counts, updatedAt: ctx.nowIso() });
  };
  const timer = setInterval(flush, FLUSH_MS);
  const record = (p: Planned, level: ResultLevel, summary: string, r: CheckResult | null): void => {
    const at = ctx.nowIso();
    const row = {
      ...stampNew(ctx),
      checkId: p.check.id,
      assetId: p.check.assetId,
      sweepId: sweep.id,
      startedAt: r?.startedAt ?? at,
      finishedAt: r?.finishedAt ?? at,
      level,
      summary: summary.slice(0, 500),
      latencyMs: r?.latencyMs === null || r?.latencyMs === undefined ? null : Math.round(r.latencyMs),
      metrics: r ? metricsOf(p, r) : { ok: false, skipped: true },
      raw: r?.raw ? r.raw : null,
    };
    buffer.push(row);
    counts[level]++;
    done++;
    results.push({
      id: row.id,
      checkId: row.checkId,
      assetId: row.assetId,
      assetName: p.assetName,
      checkLabel: p.check.label,
      kind: p.check.kind,
      target: r?.target ?? '',
      sweepId: sweep.id,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      level,
      summary: row.summary,
      latencyMs: row.latencyMs,
    });
    if (buffer.length >= FLUSH_EVERY) flush();
    ctx.progress(done, total, `${p.assetName} ${p.check.label}：${RESULT_LEVEL_LABELS[level]}`);
  };

  try {
    for (const p of planned) if (p.skip) record(p, p.skip.level, p.skip.summary, null);
    const runnable = planned.filter((p) => p.def !== null && !p.skip);
    // One engine sweep per distinct thresholds (most checks share the project's), run side by side
    // with the concurrency shared out, so the whole sweep still ends near its slowest check.
    const groups = new Map<string, Planned[]>();
    for (const p of runnable) groups.set(p.thresholdsKey, [...(groups.get(p.thresholdsKey) ?? []), p]);
    const concurrency = o.concurrency ?? SWEEP_DEFAULTS.concurrency;
    const hostKeys = dbHostKeyStore(ctx, writer);
    await Promise.all(
      [...groups.values()].map((list) =>
        runSweep(
          list.map((p) => p.def!),
          {
            concurrency: Math.max(1, Math.round((concurrency * list.length) / Math.max(1, runnable.length))),
            timeoutMs: o.timeoutMs ?? SWEEP_DEFAULTS.timeoutMs,
            signal: ctx.signal,
            thresholds: engineThresholds(project, parseThresholds(list[0]!.check.thresholds)),
            hostKeys,
            clock: () => ctx.now(),
            rawCapBytes: o.rawCapBytes ?? SWEEP_DEFAULTS.rawCapBytes,
            onProgress: ({ last }) => {
              const p = list[last.index];
              // A check stopped by cancel measured nothing: it is not stored as a result.
              if (!p || last.result.error?.code === 'CANCELLED') return;
              record(p, last.result.level, last.result.summary, last.result);
            },
          },
        ),
      ),
    );
  } finally {
    clearInterval(timer);
    flush();
  }
  const status = ctx.signal.aborted ? 'cancelled' : 'done';
  const finishedAt = ctx.nowIso();
  writer.updateSweep(sweep.id, { status, finishedAt, done, ...counts, ...stampUpdate(ctx) });
  ctx.track('probe_sweep', sweep.id, null, { trigger: o.trigger, assetId: o.assetId ?? null, total, done, ...counts, status });

  const worse = results.filter((r) => r.level !== 'normal' && compareLevels(r.level, previous.get(r.checkId) ?? 'normal') > 0);
  if (!o.quiet && worse.length) {
    const level = worst(worse.map((r) => r.level));
    const lines = worse.slice(0, 6).map((r) => `${r.assetName} ${r.checkLabel}：${RESULT_LEVEL_LABELS[r.level]}（${r.summary}）`);
    if (worse.length > 6) lines.push(`…… 共 ${worse.length} 项`);
    const single = worse.length === 1 ? worse[0] : undefined;
    ctx.emit({
      type: 'notify',
      level: level === 'severe' ? 'severe' : 'warn',
      title: t('probe.notifyTitle', { count: worse.length }),
      body: lines.join('\n'),
      link: single ? `#/faults/new/probe/${encodeURIComponent(single.id)}` : '#/inspections',
      fault: `#/faults/new/probe/${encodeURIComponent((worse.find((r) => r.level === level) ?? worse[0]!).id)}`,
    });
  }
  // Report in the plan's order (asset, then check), not the order the checks happened to end.
  const order = new Map(planned.map((p, i) => [p.check.id, i]));
  results.sort((a, b) => (order.get(a.checkId) ?? 0) - (order.get(b.checkId) ?? 0));
  const view = sweepView({ id: sweep.id, trigger: o.trigger, assetId: o.assetId ?? null, startedAt: sweep.startedAt, finishedAt, status, total, done, ...counts });
  return { ...view, counts: countLevels(results.map((r) => r.level)), results };
}
