/**
 * Readiness of a pack: each item the contract asks for (DOMAIN.md §7, 合同附件7), present,
 * partial or missing, and the acceptance schedule of the service year (07-01..07-15 health
 * report, 07-16..07-22 delivery, 07-23..07-30 archive, August acceptance — project data).
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { PackSummary, PackTarget, Readiness } from '../../../shared/contract/packs';
import { toBizDate } from '../../../shared/time';
import type { CallContext } from '../context';
import { listMonthlyReports } from '../reports/service';
import { attendanceMonthKeys, closedMonths, faultRows, registerDocuments, signedScans, workOrderRows } from './collect';
import { packPeriod, type PackPeriod } from './period';
import { packSummary } from './store';
import { packs } from './schema';

type Item = Readiness['items'][number];

const cap = (xs: string[]): string[] => (xs.length > 50 ? [...xs.slice(0, 49), `……共 ${xs.length} 项`] : xs);
const monthText = (m: string): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

function item(key: string, label: string, missing: string[], total: number, detail: string, opts: { partialWhenSome?: boolean } = {}): Item {
  const status = missing.length === 0 ? 'present' : opts.partialWhenSome !== false && missing.length < total ? 'partial' : 'missing';
  return { key, label, status, detail, missing: cap(missing) };
}

export function readinessItems(ctx: CallContext, p: PackPeriod): Item[] {
  const items: Item[] = [];
  const firstMonth = p.months[0] ?? p.from.slice(0, 7);
  const lastMonth = p.months[p.months.length - 1] ?? p.to.slice(0, 7);

  const reports = listMonthlyReports(ctx, firstMonth, lastMonth);
  const unsaved = reports.filter((r) => !r.saved).map((r) => monthText(r.month));
  items.push(
    item('monthlyReports', '运维月报', unsaved, reports.length, unsaved.length ? `已编写 ${reports.length - unsaved.length}/${reports.length} 个月；未编写的月份将使用按数据生成的草稿` : `已编写 ${reports.length} 个月`),
  );

  const wos = workOrderRows(ctx, p);
  const unconfirmed = wos.filter((w) => w.status !== 'confirmed').map((w) => w.docNo);
  items.push(item('workorders', '运维实施工单（甲方确认）', unconfirmed, wos.length, `共 ${wos.length} 份，甲方已确认 ${wos.length - unconfirmed.length} 份`));

  const fs = faultRows(ctx, p);
  const unfiled = fs.filter((f) => f.status !== 'report_filed' && f.status !== 'reviewed').map((f) => f.docNo);
  items.push(item('faults', '故障报告单（书面报告）', unfiled, fs.length, `共 ${fs.length} 份，已提交书面报告 ${fs.length - unfiled.length} 份`));

  const runs = ctx.sqlite
    .prepare(
      `SELECT r.biz_date AS bizDate, r.status FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id
       WHERE t.project_id = ? AND r.deleted_at IS NULL AND r.biz_date >= ? AND r.biz_date <= ?`,
    )
    .all(ctx.project().id, p.from, p.to) as Array<{ bizDate: string; status: string }>;
  const runMonths = new Set(runs.map((r) => r.bizDate.slice(0, 7)));
  const noRuns = p.months.filter((m) => !runMonths.has(m)).map(monthText);
  items.push(item('inspections', '巡检记录', noRuns, p.months.length, runs.length ? `共 ${runs.length} 次巡检，已完成 ${runs.filter((r) => r.status === 'done').length} 次` : '没有巡检记录'));

  const closed = closedMonths(ctx, firstMonth, lastMonth);
  const open = p.months.filter((m) => !closed.has(m)).map(monthText);
  items.push(item('attendance', '考勤表（已关账）', open, p.months.length, `已关账 ${p.months.length - open.length}/${p.months.length} 个月`));

  // Signed paper: confirmed work orders and attendance sheets each need their scan.
  const woKeys = new Map(wos.filter((w) => w.status === 'confirmed').map((w) => [w.id, { entity: 'workorder', label: w.docNo }]));
  const attKeys = attendanceMonthKeys(ctx, firstMonth, lastMonth);
  const scans = signedScans(ctx, new Map([...woKeys, ...attKeys]));
  const scanned = new Set(scans.map((s) => s.label));
  const woNoScan = [...woKeys.values()].map((v) => v.label).filter((l) => !scanned.has(l));
  const attLabels = [...new Set([...attKeys.values()].map((v) => v.label))];
  const attNoScan = attLabels.filter((l) => !scanned.has(l));
  items.push(
    item('scans', '签字扫描件', [...attNoScan, ...woNoScan], woKeys.size + attLabels.length, `工单签字件 ${woKeys.size - woNoScan.length}/${woKeys.size}，考勤表签字件 ${attLabels.length - attNoScan.length}/${attLabels.length}`),
  );

  if (p.kind === 'annual') {
    const probes = ctx.sqlite.prepare(`SELECT COUNT(*) AS n FROM probe_results WHERE deleted_at IS NULL AND started_at >= ? AND started_at < ?`).get(p.start, p.end) as { n: number };
    items.push({
      key: 'health',
      label: '系统健康性检查报告',
      status: probes.n > 0 || runs.length > 0 ? 'present' : 'partial',
      detail: probes.n > 0 || runs.length > 0 ? `按 ${probes.n} 次自动探测和 ${runs.length} 次巡检记录生成` : '没有探测和巡检记录，报告只能列出设备清单',
      missing: [],
    });
    const docs = registerDocuments(ctx).filter((d) => d.control !== 'void');
    const noFile = docs.filter((d) => !d.file).map((d) => `${d.docNo} ${d.title}`);
    items.push(item('documents', '文档资料（运维手册等）', noFile, docs.length, `文档登记 ${docs.length} 份，已上传电子文件 ${docs.length - noFile.length} 份`));
    items.push({ key: 'request', label: '验收申请与自验报告', status: 'present', detail: '随年度资料包自动生成', missing: [] });
  }
  return items;
}

/** The schedule steps and the readiness items each needs. */
const STEP_ITEMS: Record<string, string[]> = {
  health: ['health'],
  delivery: ['monthlyReports', 'workorders', 'faults', 'inspections', 'attendance'],
  archive: ['documents', 'scans'],
  acceptance: ['request'],
};

export function lastPackOf(ctx: CallContext, kind: string, period: string): PackSummary | null {
  const row = ctx.db
    .select()
    .from(packs)
    .where(and(eq(packs.projectId, ctx.project().id), eq(packs.kind, kind), eq(packs.period, period), isNull(packs.deletedAt)))
    .orderBy(desc(packs.createdAt))
    .get();
  return row ? packSummary(row) : null;
}

export function readiness(ctx: CallContext, target: PackTarget): Readiness {
  const p = packPeriod(ctx.project(), target);
  const items = readinessItems(ctx, p);
  const lastPack = lastPackOf(ctx, p.kind, p.period);
  const status = new Map(items.map((i) => [i.key, i.status]));
  const today = toBizDate(ctx.now());
  const year = p.to.slice(0, 4);
  const schedule =
    p.kind === 'annual'
      ? ctx.project().settings.acceptanceSchedule.map((s) => {
          const from = `${year}-${s.from}`;
          const to = `${year}-${s.to}`;
          const needs = STEP_ITEMS[s.key] ?? [];
          const done = needs.every((k) => status.get(k) === 'present') && (s.key !== 'acceptance' || !!lastPack);
          return { key: s.key, label: s.label, from, to, state: today < from ? ('upcoming' as const) : today > to ? ('past' as const) : ('current' as const), items: needs, done };
        })
      : [];
  return {
    kind: p.kind,
    period: p.period,
    label: p.label,
    from: p.from,
    to: p.to,
    items,
    schedule,
    ready: items.every((i) => i.status === 'present'),
    lastPack,
  };
}
