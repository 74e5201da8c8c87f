/** Probe history: results per asset (newest first), one result with its evidence, trends, sweeps. */
import { desc, eq } from 'drizzle-orm';
import type { ResultRow, Sweep, Trend } from '../../../shared/contract/probes';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { isResultLevel } from '../../../shared/levels';
import type { CallContext } from '../context';
import { assetRow } from '../assets/service';
import { partsOf } from './aspects';
import { probeSweeps } from './schema';
import { sweepView } from './sweep';
import { defaultThresholds } from './engine';

type Ctx = Pick<CallContext, 'db' | 'sqlite' | 'project' | 'now'>;

interface Raw {
  id: string;
  checkId: string;
  assetId: string;
  checkLabel: string;
  kind: string;
  sweepId: string | null;
  startedAt: string;
  finishedAt: string;
  level: string;
  summary: string;
  latencyMs: number | null;
  metrics: string | null;
}

function targetOf(metrics: string | null): string {
  if (!metrics) return '';
  try {
    const m = JSON.parse(metrics) as { target?: unknown };
    return typeof m.target === 'string' ? m.target : '';
  } catch {
    return '';
  }
}

function rowView(r: Raw, assetName: string): ResultRow | null {
  if (!isResultLevel(r.level)) return null;
  return { id: r.id, checkId: r.checkId, assetId: r.assetId, assetName, checkLabel: r.checkLabel, kind: r.kind, target: targetOf(r.metrics), sweepId: r.sweepId, startedAt: r.startedAt, finishedAt: r.finishedAt, level: r.level, summary: r.summary, latencyMs: r.latencyMs };
}

const SELECT = `SELECT r.id, r.check_id AS checkId, r.asset_id AS assetId, c.label AS checkLabel, c.kind, r.sweep_id AS sweepId, r.started_at AS startedAt,
  r.finished_at AS finishedAt, r.level, r.summary, r.latency_ms AS latencyMs, r.metrics FROM probe_results r JOIN probe_checks c ON c.id = r.check_id`;

/** Newest first, paged by `before` (a startedAt). Uses probe_results_asset_time_idx / _check_time_idx. */
export function history(ctx: Ctx, input: { assetId: string; checkId?: string | undefined; before?: string | undefined; limit: number }): ResultRow[] {
  const a = assetRow(ctx, input.assetId);
  const where = [input.checkId ? 'r.check_id = ?' : 'r.asset_id = ?', 'r.deleted_at IS NULL'];
  const args: Array<string | number> = [input.checkId ?? a.id];
  if (input.before) {
    where.push('r.started_at < ?');
    args.push(input.before);
  }
  const rows = ctx.sqlite.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.started_at DESC LIMIT ?`).all(...args, input.limit) as Raw[];
  return rows.flatMap((r) => (r.assetId === a.id ? [rowView(r, a.name)].filter((x): x is ResultRow => x !== null) : []));
}

export function resultDetail(ctx: Ctx, id: string) {
  const r = ctx.sqlite.prepare(`${SELECT.replace('r.metrics FROM', 'r.metrics, r.raw FROM')} WHERE r.id = ? AND r.deleted_at IS NULL`).get(id) as (Raw & { raw: string | null }) | undefined;
  if (!r) throw new AppError('NOT_FOUND', t('probe.resultNotFound'));
  const a = assetRow(ctx, r.assetId);
  const v = rowView(r, a.name);
  if (!v) throw new AppError('NOT_FOUND', t('probe.resultNotFound'));
  let metrics: Record<string, unknown> | null = null;
  try {
    metrics = r.metrics ? (JSON.parse(r.metrics) as Record<string, unknown>) : null;
  } catch {
    metrics = null;
  }
  return { ...v, metrics, raw: r.raw };
}

export function listSweeps(ctx: Ctx, limit: number): Sweep[] {
  return ctx.db.select().from(probeSweeps).where(eq(probeSweeps.projectId, ctx.project().id)).orderBy(desc(probeSweeps.startedAt)).limit(limit).all().map(sweepView);
}

const DISK_KEY = /^(?:disk\.)?usePct\[(.+)\]$/;

/** A metric over time: disk use per mount, memory %, CPU load per core, or latency per check. */
export function trend(ctx: Ctx, input: { assetId: string; metric: Trend['metric']; days: number }): Trend {
  const a = assetRow(ctx, input.assetId);
  const since = new Date(ctx.now().getTime() - input.days * 86_400_000).toISOString();
  const th = ctx.project().settings.thresholds;
  const kinds = input.metric === 'latency' ? "('ping','tcp','http')" : "('ssh')";
  const rows = ctx.sqlite
    .prepare(
      `SELECT r.started_at AS at, r.latency_ms AS latencyMs, r.metrics, c.label FROM probe_results r JOIN probe_checks c ON c.id = r.check_id
       WHERE r.asset_id = ? AND r.started_at >= ? AND r.deleted_at IS NULL AND c.kind IN ${kinds} ORDER BY r.started_at`,
    )
    .all(a.id, since) as Array<{ at: string; latencyMs: number | null; metrics: string | null; label: string }>;
  const series = new Map<string, Array<{ at: string; value: number }>>();
  const add = (name: string, at: string, value: number): void => {
    const list = series.get(name) ?? [];
    list.push({ at, value });
    series.set(name, list);
  };
  for (const r of rows) {
    if (input.metric === 'latency') {
      if (r.latencyMs !== null) add(r.label, r.at, r.latencyMs);
      continue;
    }
    let m: Record<string, unknown> = {};
    try {
      m = r.metrics ? (JSON.parse(r.metrics) as Record<string, unknown>) : {};
    } catch {
      continue;
    }
    if (input.metric === 'disk') {
      let any = false;
      for (const [k, v] of Object.entries(m)) {
        const hit = DISK_KEY.exec(k);
        if (hit && typeof v === 'number') {
          add(hit[1]!, r.at, v);
          any = true;
        }
      }
      if (!any) for (const p of partsOf(m) ?? []) if (p.aspect === 'disk' && p.value !== undefined) add(p.name ?? '磁盘', r.at, p.value);
      continue;
    }
    for (const p of partsOf(m) ?? []) {
      if (input.metric === 'memory' && p.aspect === 'memory' && p.value !== undefined) add('内存', r.at, p.value);
      if (input.metric === 'cpu' && p.aspect === 'cpu' && p.value !== undefined) add('每核负载', r.at, p.value);
    }
  }
  const engine = defaultThresholds();
  const meta: Record<Trend['metric'], { unit: string; warn: number | null; severe: number | null }> = {
    disk: { unit: '%', warn: th.diskWarnPct, severe: th.diskSeverePct },
    memory: { unit: '%', warn: th.memWarnPct, severe: th.memSeverePct },
    cpu: { unit: '', warn: engine.loadPerCpu.warn, severe: engine.loadPerCpu.severe },
    latency: { unit: 'ms', warn: engine.latency.warnMs, severe: engine.latency.severeMs },
  };
  return { metric: input.metric, ...meta[input.metric], series: [...series.entries()].map(([name, points]) => ({ name, points })) };
}
