/**
 * Inspection runs for the demo history: the daily round (上午 and 下午) of every working day,
 * every item filled — mostly 正常, some 警告 and a few 严重 (paused, then the project manager
 * decides to continue). Items a probe measures take the level of the demo's probe result of
 * that sweep (08:30 / 17:00) and link to it as evidence. The last day's 下午 run is left open.
 * Then the 软件巡检列表 round (one a working day, after the 08:30 sweep) and the 运维检查表
 * (monthly: the first working day of each month, after the 08:30 sweep), all done.
 * The data exchange checks themselves (the sweeps at 08:30 and 17:00) are recorded as the
 * scheduler records them: a probe_sweeps row per sweep (counts from its results) and an
 * inspection_schedule row per slot linking the sweep and the daily run it opened — so
 * 今日巡检 shows them done, and a scheduler started on the last day does not sweep again.
 * Everything after the daily round draws from the stream after it: the daily runs stay the same.
 * Call it inside generateDemo's transaction, after the probe results are written.
 */
import { isWorkingDay } from '../../../shared/attendance/calendar';
import type { Project } from '../../../shared/contract/project';
import { isResultLevel, worst, type ResultLevel } from '../../../shared/levels';
import { bizDateTimeToInstant } from '../../../shared/time';
import { newId } from '../context';
import type { Db, Sqlite } from '../db/open';
import { checkAspects } from '../probes/aspects';
import { AUTO_OPERATOR } from '../inspections/evidence';
import { ensureItems } from '../inspections/items';
import { listTemplates } from '../inspections/templates';
import { inspectionResults, inspectionRuns, inspectionSchedule } from '../inspections/schema';
import { probeSweeps } from '../probes/schema';
import type { Rng } from './random';

type Stamp = (ms: number) => { id: string; createdAt: string; updatedAt: string; updatedBy: string; deletedAt: null };

export interface DemoInspectionOptions {
  project: Project;
  /** Every date of the history (non-working days are skipped here). */
  days: string[];
  stamp: Stamp;
  /** Who does the rounds (staff ids and names, e.g. the 巡检员 and the engineers). */
  inspectors: Array<{ id: string; name: string }>;
  /** 项目总负责人: decides on severe results. */
  managerName: string;
}

interface ProbeRow {
  id: string;
  sweepId: string | null;
  assetId: string;
  kind: string;
  config: string | null;
  aspect: string | null;
  level: string;
  summary: string;
  at: string;
  finishedAt: string;
}

const WARN_TEXT: Record<string, string[]> = {
  disk: ['/data 使用 83%', 'D: 盘使用 86%', '/var 使用 81%'],
  log: ['新增 3 条 ERROR', '应用日志出现连接超时'],
  app1: ['响应较慢（2.8 s）', '后台任务积压 1200 条'],
  app2: ['内存使用 88%', '负载偏高（每核 1.7）'],
  storage: ['存储池使用 82%'],
  backup: ['增量备份耗时超过 2 小时'],
  errors: ['错误报告 5 条待分析'],
  db: ['表空间 CREDIT_DATA 使用 85%'],
  exchange: ['MQ 队列深度 800 条'],
};
const SEVERE_TEXT: Record<string, string[]> = {
  disk: ['/data 使用 95%'],
  backup: ['全量备份失败'],
  exchange: ['MQ 通道 STOPPED'],
  app1: ['HTTP 502'],
  db: ['表空间 CREDIT_DATA 使用 98%'],
};

/**
 * Writes the runs and their results; returns how many. Signature kept stable for generateDemo:
 * `demoInspections(db, sqlite, rng, { project, days, stamp, inspectors, managerName })`.
 */
export function demoInspections(db: Db, sqlite: Sqlite, rng: Rng, o: DemoInspectionOptions): { runs: number; results: number; sweeps: number } {
  const at0 = o.days[0] ? bizDateTimeToInstant(o.days[0], '08:00') : new Date(0).toISOString();
  const ctx = {
    db,
    sqlite,
    project: () => o.project,
    now: () => new Date(at0),
    nowIso: () => at0,
    actor: { userId: null, username: 'system:demo', roles: ['engineer'] as const },
    newId,
  };
  const templates = listTemplates(ctx);
  const daily = templates.find((x) => x.code === 'daily');
  if (!daily || o.inspectors.length === 0) return { runs: 0, results: 0, sweeps: 0 };
  // The daily round first (its random draws unchanged), then the 软件巡检列表 of each working day,
  // then the monthly 运维检查表.
  const rounds = [daily, templates.find((x) => x.code === 'software'), templates.find((x) => x.code === 'ops-check')].filter((x) => x !== undefined);
  const times = o.project.settings.inspection.exchangeCheckTimes;

  // The demo's probe results by sweep time, then asset.
  const probes = new Map<string, Map<string, ProbeRow[]>>();
  for (const r of sqlite
    .prepare(
      `SELECT r.id, r.sweep_id AS sweepId, r.asset_id AS assetId, c.kind, c.config, c.aspect, r.level, r.summary, r.started_at AS at, r.finished_at AS finishedAt
       FROM probe_results r JOIN probe_checks c ON c.id = r.check_id WHERE r.deleted_at IS NULL`,
    )
    .iterate() as Iterable<ProbeRow>) {
    const bySweep = probes.get(r.at) ?? new Map<string, ProbeRow[]>();
    const list = bySweep.get(r.assetId) ?? [];
    list.push(r);
    bySweep.set(r.assetId, list);
    probes.set(r.at, bySweep);
  }

  const working = o.days.filter((d) => isWorkingDay(d));
  const lastDay = working.at(-1);
  // The monthly round: the first working day of each month of the history.
  const firstOfMonth = working.filter((d, i) => i === 0 || working[i - 1]!.slice(0, 7) !== d.slice(0, 7));
  const dailyRunIds = new Map<string, string>(); // `${day}|${slot}` → run id
  const results: Array<typeof inspectionResults.$inferInsert> = [];
  const flush = (): void => {
    while (results.length) db.insert(inspectionResults).values(results.splice(0, 400)).run();
  };
  let runs = 0;
  let count = 0;
  for (const tpl of rounds) {
    const items = ensureItems(ctx, tpl);
    const slots = tpl.layout.slots ?? [];
    for (const day of tpl.cadence === 'monthly' ? firstOfMonth : working) {
      for (const slot of slots) {
        const sweepAt = bizDateTimeToInstant(day, times[slot.exchangeIndex] ?? '08:30');
        const startMs = Date.parse(sweepAt) + rng.int(3, 15) * 60_000;
        const inspector = rng.pick(o.inspectors);
        const open = tpl === daily && day === lastDay && slot === slots.at(-1);
        const bySweep = probes.get(sweepAt);
        const levels: ResultLevel[] = [];
        const runId = o.stamp(startMs).id;
        if (tpl === daily) dailyRunIds.set(`${day}|${slot.code}`, runId);
        let t = startMs;
        let pausedReason: string | null = null;
        let pausedAt: string | null = null;
        for (const it of items) {
          if (open && rng.chance(0.5)) continue; // the open run is half done
          t += rng.int(5, 40) * 1000;
          const aspects = it.source === 'manual' ? [] : it.source.split(',');
          const evidence = it.assetId && aspects.length ? (bySweep?.get(it.assetId) ?? []).filter((p) => checkAspects(p.kind, p.config ? JSON.parse(p.config) : null, p.aspect).some((a) => aspects.includes(a))) : [];
          let level: ResultLevel;
          let value = '';
          let probeResultId: string | null = null;
          let operator = inspector.name;
          if (evidence.length) {
            level = worst(evidence.map((e) => (isResultLevel(e.level) ? e.level : 'normal')));
            const pick = evidence.find((e) => e.level === level) ?? evidence[0]!;
            probeResultId = pick.id;
            value = pick.summary;
            operator = AUTO_OPERATOR;
          } else {
            level = rng.weighted([['normal', 985], ['warning', 12], ['severe', 3]] as const);
            if (level === 'warning') value = rng.pick(WARN_TEXT[it.key] ?? ['需关注']);
            if (level === 'severe') value = rng.pick(SEVERE_TEXT[it.key] ?? ['服务异常']);
          }
          if (level === 'severe' && !pausedAt) {
            pausedAt = new Date(t).toISOString();
            pausedReason = `${it.label}：严重${value ? `（${value}）` : ''}`;
          }
          levels.push(level);
          const s = o.stamp(t);
          results.push({ ...s, runId, itemId: it.id, assetId: it.assetId, level, value, note: level === 'normal' ? '' : '已通知系统负责人和项目负责人', probeResultId, overridden: false, overrideReason: null, operator });
          count++;
        }
        const finishMs = t + rng.int(2, 10) * 60_000;
        const dueAt = bizDateTimeToInstant(day, o.project.settings.inspection.dueTime);
        const s = o.stamp(startMs);
        db.insert(inspectionRuns)
          .values({
            ...s,
            id: runId,
            templateId: tpl.id,
            bizDate: day,
            slot: slot.code,
            status: open ? 'open' : 'done',
            inspectorId: inspector.id,
            inspectorName: inspector.name,
            startedAt: new Date(startMs).toISOString(),
            finishedAt: open ? null : new Date(finishMs).toISOString(),
            dueAt,
            late: !open && finishMs > Date.parse(dueAt),
            pausedReason,
            pausedAt,
            decision: pausedAt ? 'continue' : null,
            decisionReason: pausedAt ? '已报故障并安排处理，继续巡检' : null,
            decidedBy: pausedAt ? o.managerName : null,
            decidedAt: pausedAt ? new Date(Date.parse(pausedAt) + rng.int(5, 50) * 60_000).toISOString() : null,
            remarks: levels.some((l) => l !== 'normal') ? '发现的问题已通知相关负责人处理。' : '',
          })
          .run();
        runs++;
        if (results.length > 2000) flush();
      }
    }
  }
  flush();
  const sweeps = recordExchangeChecks(db, o, probes, working, dailyRunIds, daily.layout.slots ?? [], times);
  return { runs, results: count, sweeps };
}

/**
 * The data exchange checks of the history as the scheduler leaves them: per working day and
 * daily slot, the sweep at the slot's check time (its results are already written) as a
 * probe_sweeps row, and the inspection_schedule row (kind sweep) that links it to the daily run.
 * Returns the number of sweeps.
 */
function recordExchangeChecks(
  db: Db,
  o: DemoInspectionOptions,
  probes: Map<string, Map<string, ProbeRow[]>>,
  working: string[],
  dailyRunIds: Map<string, string>,
  slots: Array<{ code: string; exchangeIndex: number }>,
  times: string[],
): number {
  const sweepRows: Array<typeof probeSweeps.$inferInsert> = [];
  const scheduleRows: Array<typeof inspectionSchedule.$inferInsert> = [];
  const by = 'system:demo';
  for (const day of working) {
    for (const slot of slots) {
      const at = bizDateTimeToInstant(day, times[slot.exchangeIndex] ?? '08:30');
      const results = [...(probes.get(at)?.values() ?? [])].flat();
      const sweepId = results.find((r) => r.sweepId)?.sweepId ?? null;
      if (!sweepId) continue; // no sweep at that time in the history
      const finishedAt = results.reduce((m, r) => (r.finishedAt > m ? r.finishedAt : m), at);
      const n = (level: string) => results.filter((r) => r.level === level).length;
      sweepRows.push({ id: sweepId, createdAt: at, updatedAt: finishedAt, updatedBy: by, deletedAt: null, projectId: o.project.id, trigger: 'schedule', assetId: null, startedAt: at, finishedAt, status: 'done', total: results.length, done: results.length, normal: n('normal'), warning: n('warning'), severe: n('severe') });
      scheduleRows.push({ ...o.stamp(Date.parse(at)), projectId: o.project.id, kind: 'sweep', bizDate: day, slot: slot.code, dueAt: at, ranAt: at, late: false, sweepId, runId: dailyRunIds.get(`${day}|${slot.code}`) ?? null, note: '' });
    }
  }
  for (let i = 0; i < sweepRows.length; i += 400) db.insert(probeSweeps).values(sweepRows.slice(i, i + 400)).run();
  for (let i = 0; i < scheduleRows.length; i += 400) db.insert(inspectionSchedule).values(scheduleRows.slice(i, i + 400)).run();
  return sweepRows.length;
}
