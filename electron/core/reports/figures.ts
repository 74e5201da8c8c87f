/**
 * The figures of the 月报 and of the annual summary: computed from the records (faults and
 * their SLA clocks, work orders, problem tickets, inspection runs, probe results, attendance),
 * never typed in. One function for any range of whole months.
 */
import type { MonthFigures } from '../../../shared/contract/reports';
import { FAULT_CATEGORIES, FAULT_CATEGORY_LABELS } from '../../../shared/contract/faults';
import { CLOCK_KIND_LABELS, CLOCK_KINDS, computeSla, isBreach, SEVERITIES, SEVERITY_LABELS, UNASSIGNED_ENGINEER_LABEL, type Severity } from '../../../shared/sla';
import { monthOf, monthRange, monthsBetween, toBizDate } from '../../../shared/time';
import type { CallContext } from '../context';
import { monthView } from '../attendance/service';
import { slaSettings } from '../faults/repo';

interface FaultRow {
  docNo: string;
  title: string;
  severity: string;
  category: string;
  solved: number;
  solution: string;
  reportedAt: string;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  reportFiledAt: string | null;
  engineer: string | null;
}

const pct = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 100);

export function monthFigures(ctx: CallContext, fromMonth: string, toMonth: string): MonthFigures {
  const months = monthsBetween(fromMonth, toMonth);
  const start = monthRange(fromMonth).start;
  const end = monthRange(toMonth).end;
  const fromDate = monthRange(fromMonth).from;
  const toDate = monthRange(toMonth).to;
  const projectId = ctx.project().id;
  const db = ctx.sqlite;

  // Faults and their SLA clocks.
  const faults = db
    .prepare(
      `SELECT doc_no AS docNo, title, severity, category, solved, solution, reported_at AS reportedAt, responded_at AS respondedAt,
        on_site_at AS onSiteAt, resolved_at AS resolvedAt, report_filed_at AS reportFiledAt, COALESCE(engineer_name, responded_by) AS engineer
       FROM faults WHERE project_id = ? AND deleted_at IS NULL AND reported_at >= ? AND reported_at < ? ORDER BY reported_at`,
    )
    .all(projectId, start, end) as FaultRow[];
  const sla = slaSettings(ctx);
  const now = ctx.now();
  const byClock = Object.fromEntries(CLOCK_KINDS.map((k) => [k, { met: 0, breached: 0 }])) as Record<(typeof CLOCK_KINDS)[number], { met: number; breached: number }>;
  const byEngineer = new Map<string, { faults: number; breaches: number }>();
  const perMonth = new Map(months.map((m) => [m, { faults: 0, breaches: 0, workOrders: 0 }]));
  let breachedFaults = 0;
  let breaches = 0;
  for (const f of faults) {
    const severity = (SEVERITIES as readonly string[]).includes(f.severity) ? (f.severity as Severity) : 'normal';
    const r = computeSla({ ...f, severity }, sla, now);
    if (r.breached) breachedFaults++;
    breaches += r.breaches;
    for (const c of r.clocks) {
      if (isBreach(c.state)) byClock[c.kind].breached++;
      else if (c.state === 'met') byClock[c.kind].met++;
    }
    const who = (f.engineer ?? '').trim() || UNASSIGNED_ENGINEER_LABEL;
    const e = byEngineer.get(who) ?? { faults: 0, breaches: 0 };
    e.faults++;
    e.breaches += r.breaches;
    byEngineer.set(who, e);
    const pm = perMonth.get(monthOf(toBizDate(f.reportedAt)));
    if (pm) {
      pm.faults++;
      pm.breaches += r.breaches;
    }
  }

  // Work orders by 申请日期.
  const wos = db
    .prepare(`SELECT apply_date AS applyDate, status, workload_hours AS hours FROM work_orders WHERE project_id = ? AND deleted_at IS NULL AND apply_date >= ? AND apply_date <= ?`)
    .all(projectId, fromDate, toDate) as Array<{ applyDate: string; status: string; hours: number | null }>;
  for (const w of wos) {
    const pm = perMonth.get(w.applyDate.slice(0, 7));
    if (pm) pm.workOrders++;
  }

  const problems = db
    .prepare(`SELECT kind, status FROM problem_tickets WHERE project_id = ? AND deleted_at IS NULL AND opened_at >= ? AND opened_at < ?`)
    .all(projectId, start, end) as Array<{ kind: string; status: string }>;

  const runs = db
    .prepare(
      `SELECT r.status, r.late, (SELECT COUNT(*) FROM inspection_results x WHERE x.run_id = r.id AND x.deleted_at IS NULL AND x.level <> 'normal') AS abnormal
       FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id
       WHERE t.project_id = ? AND r.deleted_at IS NULL AND r.biz_date >= ? AND r.biz_date <= ?`,
    )
    .all(projectId, fromDate, toDate) as Array<{ status: string; late: number; abnormal: number }>;

  const systems = db
    .prepare(
      `SELECT a.name AS asset, COUNT(p.id) AS checks, SUM(p.level = 'normal') AS normal, SUM(p.level = 'warning') AS warning, SUM(p.level = 'severe') AS severe
       FROM assets a LEFT JOIN probe_results p ON p.asset_id = a.id AND p.deleted_at IS NULL AND p.started_at >= ? AND p.started_at < ?
       WHERE a.project_id = ? AND a.deleted_at IS NULL GROUP BY a.id ORDER BY a.sort, a.name`,
    )
    .all(start, end, projectId) as Array<{ asset: string; checks: number; normal: number | null; warning: number | null; severe: number | null }>;

  // Attendance: the sheet totals of each month, summed per person.
  const people = new Map<string, { name: string; present: number; leave: number; late: number; absent: number }>();
  for (const m of months) {
    const v = monthView(ctx, m);
    const names = new Map(v.staff.map((s) => [s.id, s.name]));
    for (const tot of v.totals) {
      const name = names.get(tot.staffId) ?? tot.staffId;
      const p = people.get(tot.staffId) ?? { name, present: 0, leave: 0, late: 0, absent: 0 };
      p.present += tot.presentDays;
      p.leave += tot.leaveDays;
      p.late += tot.lateCount;
      p.absent += tot.absentDays;
      people.set(tot.staffId, p);
    }
  }

  const severityRank: Record<string, number> = { critical: 0, serious: 1, normal: 2 };
  const typical = [...faults]
    .sort((a, b) => (severityRank[a.severity] ?? 3) - (severityRank[b.severity] ?? 3) || a.reportedAt.localeCompare(b.reportedAt))
    .slice(0, 5)
    .map((f) => ({ docNo: f.docNo, title: f.title, severity: SEVERITY_LABELS[f.severity as Severity] ?? f.severity, date: toBizDate(f.reportedAt), solution: f.solution }));

  return {
    from: fromDate,
    to: toDate,
    faults: {
      total: faults.length,
      solved: faults.filter((f) => f.solved).length,
      bySeverity: SEVERITIES.map((k) => ({ key: k, label: SEVERITY_LABELS[k], count: faults.filter((f) => f.severity === k).length })),
      byCategory: FAULT_CATEGORIES.map((k) => ({ key: k, label: FAULT_CATEGORY_LABELS[k], count: faults.filter((f) => f.category === k).length })),
    },
    sla: {
      faults: faults.length,
      breachedFaults,
      breaches,
      compliancePct: pct(faults.length - breachedFaults, faults.length),
      byClock: CLOCK_KINDS.map((k) => ({ key: k, label: CLOCK_KIND_LABELS[k], met: byClock[k].met, breached: byClock[k].breached })),
      byEngineer: [...byEngineer].map(([engineer, v]) => ({ engineer, ...v })).sort((a, b) => b.faults - a.faults || a.engineer.localeCompare(b.engineer, 'zh-CN')),
    },
    workOrders: {
      total: wos.length,
      confirmed: wos.filter((w) => w.status === 'confirmed').length,
      done: wos.filter((w) => w.status === 'done').length,
      open: wos.filter((w) => w.status !== 'done' && w.status !== 'confirmed').length,
      hours: Math.round(wos.reduce((s, w) => s + (w.hours ?? 0), 0) * 10) / 10,
    },
    problems: {
      consult: problems.filter((p) => p.kind === 'consult').length,
      defect: problems.filter((p) => p.kind === 'defect').length,
      closed: problems.filter((p) => p.status === 'closed').length,
    },
    inspections: {
      runs: runs.length,
      done: runs.filter((r) => r.status === 'done').length,
      late: runs.filter((r) => r.late).length,
      abnormal: runs.reduce((s, r) => s + r.abnormal, 0),
    },
    systems: systems.map((s) => ({
      asset: s.asset,
      checks: s.checks,
      normal: s.normal ?? 0,
      warning: s.warning ?? 0,
      severe: s.severe ?? 0,
      availabilityPct: pct(s.checks - (s.severe ?? 0), s.checks),
    })),
    months: months.map((m) => ({ month: m, ...(perMonth.get(m) ?? { faults: 0, breaches: 0, workOrders: 0 }) })),
    attendance: [...people.values()],
    typicalFaults: typical,
  };
}

/** Drafts of the 月报's text from the figures, offered while the engineer has written nothing. */
export function draftTexts(f: MonthFigures, period: string): { summary: string; typicalFaults: string; suggestions: string } {
  const sys = f.systems.filter((s) => s.checks > 0);
  const worst = [...sys].sort((a, b) => a.availabilityPct - b.availabilityPct)[0];
  const summary = [
    `${period}，驻场运维团队按合同要求完成日常巡检、故障处理和运维实施工作。` +
      `共处理故障 ${f.faults.total} 起（已解决 ${f.faults.solved} 起），完成运维实施工单 ${f.workOrders.total} 份（甲方已确认 ${f.workOrders.confirmed} 份，工作量合计 ${f.workOrders.hours} 小时），` +
      `受理咨询 ${f.problems.consult} 次、系统缺陷 ${f.problems.defect} 个。`,
    sys.length
      ? `系统运行总体平稳：自动探测 ${sys.reduce((s, x) => s + x.checks, 0)} 次，${worst ? `可用率最低的为${worst.asset}（${worst.availabilityPct}%）` : ''}。`
      : '本期无自动探测记录。',
    `故障响应与处理时限达标率为 ${f.sla.compliancePct}%（超时 ${f.sla.breaches} 项次）。`,
  ].join('\n');
  const typicalFaults = f.typicalFaults.length
    ? f.typicalFaults.map((t) => `${t.docNo}（${t.date}，${t.severity}）${t.title}：${t.solution || '处理中'}`).join('\n')
    : '本期未发生故障。';
  const suggestions = [
    f.sla.breaches > 0 ? '针对超时的故障，复盘响应与到场环节，完善值守与通知机制。' : '继续保持故障响应与处理时效。',
    f.workOrders.total > f.workOrders.confirmed ? `尚有 ${f.workOrders.total - f.workOrders.confirmed} 份工单待甲方确认，请及时办理签字确认。` : '工单均已由甲方确认。',
    '持续做好数据备份与恢复演练，定期开展安全漏洞扫描。',
  ].join('\n');
  return { summary, typicalFaults, suggestions };
}
