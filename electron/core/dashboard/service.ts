import type { CallContext } from '../context';
import { toBizDate } from '../../../shared/time';
import { computeSla } from '../../../shared/sla';

interface OpenFaultRow {
  id: string;
  docNo: string;
  title: string;
  severity: string;
  reportedAt: string;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  reportFiledAt: string | null;
}

/** Counts for 工作台. Each query is indexed (asserted in dashboard tests). */
export function dashboardSummary(ctx: CallContext) {
  const projectId = ctx.project().id;
  const now = ctx.now();
  const today = toBizDate(now.toISOString());
  const one = (sql: string, ...args: unknown[]) => (ctx.sqlite.prepare(sql).get(...args) as { n: number }).n;
  const assets = one('SELECT COUNT(*) AS n FROM assets WHERE project_id = ? AND deleted_at IS NULL', projectId);
  const openWorkOrders = one("SELECT COUNT(*) AS n FROM work_orders WHERE status IN ('draft','in_progress') AND deleted_at IS NULL AND project_id = ?", projectId);
  const pendingLeave = one("SELECT COUNT(*) AS n FROM leave_requests WHERE status = 'pending' AND deleted_at IS NULL AND project_id = ?", projectId);
  const runsToday = ctx.sqlite
    .prepare('SELECT status FROM inspection_runs WHERE biz_date = ? AND deleted_at IS NULL')
    .all(today) as Array<{ status: string }>;
  const open = ctx.sqlite
    .prepare(
      `SELECT id, doc_no AS docNo, title, severity, reported_at AS reportedAt, responded_at AS respondedAt, on_site_at AS onSiteAt,
              resolved_at AS resolvedAt, report_filed_at AS reportFiledAt
       FROM faults WHERE status IN ('reported','responded','on_site','resolved') AND deleted_at IS NULL AND project_id = ?
       ORDER BY reported_at`,
    )
    .all(projectId) as OpenFaultRow[];
  const sla = ctx.project().settings.sla;
  const clocks = open.map((f) => {
    const r = computeSla({ ...f, severity: f.severity as 'normal' | 'serious' | 'critical' }, sla, now);
    return { id: f.id, docNo: f.docNo, title: f.title, severity: f.severity, nextDeadline: r.nextDeadline, state: r.breached ? 'breached' : r.worstState };
  });
  const breachedFaults = clocks.filter((c) => c.state === 'breached').length;
  return {
    assets,
    openFaults: open.length,
    breachedFaults,
    openWorkOrders,
    todayInspections: { done: runsToday.filter((r) => r.status === 'done').length, total: runsToday.length },
    pendingLeave,
    faultClocks: clocks.slice(0, 20),
  };
}
