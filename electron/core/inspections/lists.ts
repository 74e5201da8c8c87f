/**
 * Reads over many runs: runs between two dates, the round of a day at a glance (slots, sweeps,
 * lateness, failing items, paused runs) and the inspection history of one asset.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { RunSummary, Template, Today } from '../../../shared/contract/inspections';
import { compareLevels, isResultLevel, type ResultLevel } from '../../../shared/levels';
import { bizDateTimeToInstant, toBizDate } from '../../../shared/time';
import { isWorkingDay } from '../../../shared/attendance/calendar';
import { assets } from '../assets/schema';
import { assetRows } from '../assets/service';
import { probeSweeps } from '../probes/schema';
import { inspectionItems, inspectionResults, inspectionRuns, inspectionSchedule } from './schema';
import { listTemplates, templateByCode } from './templates';
import { desiredItems } from './items';
import { templateRowId, type AssetRow, type Ctx, type RunRow } from './repo';
import { slotLabel, summaryOf } from './run-view';

/**
 * Summaries of many runs. The results are counted in SQL (run, level, count) rather than
 * loaded row by row: a month of runs has thousands of results and the list needs only their
 * levels and number.
 */
function summariesOf(ctx: Ctx, runs: RunRow[], templates: Map<string, Template> = new Map(listTemplates(ctx).map((x) => [x.id, x]))): RunSummary[] {
  if (runs.length === 0) return [];
  let live: AssetRow[] | undefined; // read only when a run is still open
  const desiredCount = new Map<string, number>();
  const levels = new Map<string, Array<{ level: string }>>();
  for (let i = 0; i < runs.length; i += 300) {
    const ids = runs.slice(i, i + 300).map((r) => r.id);
    const rows = ctx.sqlite
      .prepare(`SELECT run_id AS runId, level, COUNT(*) AS n FROM inspection_results WHERE run_id IN (${ids.map(() => '?').join(',')}) AND deleted_at IS NULL GROUP BY run_id, level`)
      .all(...ids) as Array<{ runId: string; level: string; n: number }>;
    for (const r of rows) {
      const list = levels.get(r.runId) ?? [];
      for (let k = 0; k < r.n; k++) list.push({ level: r.level });
      levels.set(r.runId, list);
    }
  }
  return runs.flatMap((run) => {
    const tpl = templates.get(run.templateId);
    if (!tpl) return [];
    const rs = levels.get(run.id) ?? [];
    let items = rs.length;
    if (run.status !== 'done' && run.status !== 'stopped') {
      let n = desiredCount.get(tpl.id);
      if (n === undefined) {
        live ??= assetRows(ctx);
        n = desiredItems(ctx, tpl, live).length;
        desiredCount.set(tpl.id, n);
      }
      items = Math.max(n, rs.length);
    }
    return [summaryOf(ctx, run, tpl, items, rs)];
  });
}

/** Runs between two business dates, newest first. Uses inspection_runs_date_idx. */
export function listRuns(ctx: Ctx, input: { from: string; to: string; templateCode?: string | undefined }): RunSummary[] {
  const conds = [gte(inspectionRuns.bizDate, input.from), lte(inspectionRuns.bizDate, input.to), isNull(inspectionRuns.deletedAt)];
  if (input.templateCode) conds.push(eq(inspectionRuns.templateId, templateRowId(ctx, input.templateCode)));
  const runs = ctx.db.select().from(inspectionRuns).where(and(...conds)).orderBy(desc(inspectionRuns.bizDate), desc(inspectionRuns.slot)).limit(2000).all();
  const templates = new Map(listTemplates(ctx).map((x) => [x.id, x]));
  return summariesOf(
    ctx,
    runs.filter((r) => templates.has(r.templateId)),
    templates,
  );
}

/** The round of a business date at a glance. */
export function todayView(ctx: Ctx, date?: string): Today {
  const bizDate = date ?? toBizDate(ctx.now());
  const project = ctx.project();
  const settings = project.settings.inspection;
  const daily = templateByCode(ctx, 'daily');
  const runs = listRuns(ctx, { from: bizDate, to: bizDate });
  const sched = ctx.db
    .select({ slot: inspectionSchedule.slot, ranAt: inspectionSchedule.ranAt, late: inspectionSchedule.late, sweepId: inspectionSchedule.sweepId })
    .from(inspectionSchedule)
    .where(and(eq(inspectionSchedule.projectId, project.id), eq(inspectionSchedule.kind, 'sweep'), eq(inspectionSchedule.bizDate, bizDate)))
    .all();
  const slots = (daily.layout.slots ?? []).map((s) => {
    const at = bizDateTimeToInstant(bizDate, settings.exchangeCheckTimes[s.exchangeIndex] ?? project.settings.officeHours.start);
    const sc = sched.find((x) => x.slot === s.code);
    let sweep: Today['slots'][number]['sweep'] = null;
    if (sc) {
      const sw = sc.sweepId ? ctx.db.select().from(probeSweeps).where(eq(probeSweeps.id, sc.sweepId)).get() : undefined;
      sweep = { id: sc.sweepId, ranAt: sc.ranAt, late: sc.late, status: sw?.status ?? 'done', counts: { normal: sw?.normal ?? 0, warning: sw?.warning ?? 0, severe: sw?.severe ?? 0 } };
    }
    return { slot: s.code, label: s.label, at, sweep, run: runs.find((r) => r.templateCode === 'daily' && r.slot === s.code) ?? null };
  });
  const working = isWorkingDay(bizDate);
  const dueAt = bizDateTimeToInstant(bizDate, settings.dueTime);
  const runIds = runs.map((r) => r.id);
  const failing: Today['failing'] = [];
  if (runIds.length) {
    const rows = ctx.db
      .select({ runId: inspectionResults.runId, resultId: inspectionResults.id, assetId: inspectionResults.assetId, level: inspectionResults.level, value: inspectionResults.value, label: inspectionItems.label, column: inspectionItems.column, assetName: assets.name })
      .from(inspectionResults)
      .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionResults.itemId))
      .leftJoin(assets, eq(assets.id, inspectionResults.assetId))
      .where(and(inArray(inspectionResults.runId, runIds), isNull(inspectionResults.deletedAt)))
      .all();
    for (const r of rows) {
      if (!isResultLevel(r.level) || r.level === 'normal') continue;
      failing.push({ runId: r.runId, resultId: r.resultId, assetId: r.assetId, assetName: r.assetName ?? r.column, label: r.label, level: r.level, value: r.value });
    }
    failing.sort((a, b) => compareLevels(b.level, a.level) || a.assetName.localeCompare(b.assetName, 'zh-CN'));
  }
  const dailyRuns = runs.filter((r) => r.templateCode === 'daily');
  const expected = working ? slots.length : dailyRuns.length;
  return {
    bizDate,
    working,
    dueAt,
    slots,
    done: dailyRuns.filter((r) => r.status === 'done').length,
    total: Math.max(expected, dailyRuns.length),
    late: runs.filter((r) => r.late),
    failing,
    paused: runs.filter((r) => r.status === 'paused'),
  };
}

export function assetHistory(ctx: Ctx, input: { assetId: string; limit: number }) {
  const rows = ctx.db
    .select({ runId: inspectionResults.runId, key: inspectionItems.key, label: inspectionItems.label, level: inspectionResults.level, value: inspectionResults.value, bizDate: inspectionRuns.bizDate, slot: inspectionRuns.slot, templateId: inspectionRuns.templateId })
    .from(inspectionResults)
    .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionResults.itemId))
    .innerJoin(inspectionRuns, eq(inspectionRuns.id, inspectionResults.runId))
    .where(and(eq(inspectionResults.assetId, input.assetId), isNull(inspectionResults.deletedAt), isNull(inspectionRuns.deletedAt)))
    .orderBy(desc(inspectionRuns.bizDate), desc(inspectionRuns.slot), asc(inspectionItems.sort))
    .limit(input.limit * 12)
    .all();
  const templates = new Map(listTemplates(ctx).map((x) => [x.id, x]));
  const out: Array<{ runId: string; bizDate: string; slot: string; slotLabel: string; templateTitle: string; items: Array<{ key: string; label: string; level: ResultLevel; value: string }> }> = [];
  const byRun = new Map<string, (typeof out)[number]>();
  for (const r of rows) {
    if (!isResultLevel(r.level)) continue;
    let e = byRun.get(r.runId);
    if (!e) {
      if (out.length >= input.limit) continue;
      const tpl = templates.get(r.templateId);
      e = { runId: r.runId, bizDate: r.bizDate, slot: r.slot, slotLabel: tpl ? slotLabel(tpl, r.slot) : r.slot, templateTitle: tpl?.title ?? '', items: [] };
      byRun.set(r.runId, e);
      out.push(e);
    }
    e.items.push({ key: r.key, label: r.label, level: r.level, value: r.value });
  }
  return out;
}

