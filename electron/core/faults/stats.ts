import type { z } from 'zod';
import type { faultChannels, FaultSeverity } from '../../../shared/contract/faults';
import { countBreaches, UNASSIGNED_ENGINEER_LABEL, type FaultForStats } from '../../../shared/sla';
import { monthRange, monthsBetween } from '../../../shared/time';
import type { CallContext } from '../context';
import { slaSettings } from './repo';

type StatsOut = z.input<(typeof faultChannels)['faults/stats']['output']>;

interface StampRow {
  severity: string;
  reportedAt: string;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  reportFiledAt: string | null;
  engineer: string | null;
}

/** The SQL of the stats query (exported for the query-plan test). */
export const STATS_SQL = `SELECT f.severity, f.reported_at AS reportedAt, f.responded_at AS respondedAt, f.on_site_at AS onSiteAt,
  f.resolved_at AS resolvedAt, f.report_filed_at AS reportFiledAt, COALESCE(f.engineer_name, f.responded_by) AS engineer
  FROM faults f WHERE f.project_id = ? AND f.deleted_at IS NULL AND f.reported_at >= ? AND f.reported_at < ?`;

/**
 * Faults and SLA breaches per month (business month of the report) and per engineer (负责工程师,
 * else the responder), counted by the shared rule (shared/sla.ts countBreaches) at ctx.now().
 * Months without faults are listed with zeros.
 */
export function faultStats(ctx: CallContext, input: { from: string; to: string }): StatsOut {
  const [from, to] = input.from <= input.to ? [input.from, input.to] : [input.to, input.from];
  const rows = ctx.sqlite.prepare(STATS_SQL).all(ctx.project().id, monthRange(from).start, monthRange(to).end) as StampRow[];
  const faults: FaultForStats[] = rows.map((r) => ({ ...r, severity: r.severity as FaultSeverity }));
  const sla = slaSettings(ctx);
  const now = ctx.now();
  const byMonth = new Map(countBreaches(faults, sla, now, 'month').map((g) => [g.key, g]));
  const byEngineer = countBreaches(faults, sla, now, 'engineer');
  const months = monthsBetween(from, to).map((m) => {
    const g = byMonth.get(m);
    return { month: m, faults: g?.faults ?? 0, breaches: g?.breaches ?? 0, breachedFaults: g?.breachedFaults ?? 0, byClock: { response: 0, onsite: 0, resolve: 0, report: 0, ...(g?.byClock ?? {}) } };
  });
  const engineers = byEngineer
    .map((g) => ({ engineer: g.key || UNASSIGNED_ENGINEER_LABEL, faults: g.faults, breaches: g.breaches, breachedFaults: g.breachedFaults }))
    .sort((a, b) => b.breaches - a.breaches || b.faults - a.faults || a.engineer.localeCompare(b.engineer, 'zh-CN'));
  const totals = months.reduce((acc, m) => ({ faults: acc.faults + m.faults, breaches: acc.breaches + m.breaches, breachedFaults: acc.breachedFaults + m.breachedFaults }), { faults: 0, breaches: 0, breachedFaults: 0 });
  return { months, engineers, totals };
}
