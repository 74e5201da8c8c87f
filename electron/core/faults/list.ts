import type { z } from 'zod';
import { slaBucket, type FaultRow, type FaultSeverity, type SlaBucket, type faultChannels } from '../../../shared/contract/faults';
import { computeSla, type SlaSettings } from '../../../shared/sla';
import { bizDateTimeToInstant } from '../../../shared/time';
import type { CallContext } from '../context';
import { ROW_COLUMNS, slaSettings, toRow, type RawRow } from './repo';

type ListInput = z.output<(typeof faultChannels)['faults/list']['input']>;

/** LIKE pattern for a user's search text (% and _ are literal). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Instant bounds of business dates (Asia/Shanghai): [from 00:00, to+1 00:00). */
export function dayStart(date: string): string {
  return bizDateTimeToInstant(date, '00:00');
}
export function dayAfter(date: string): string {
  return new Date(Date.parse(bizDateTimeToInstant(date, '00:00')) + 86_400_000).toISOString();
}

const OPEN_STATUSES = ['reported', 'responded', 'on_site'];

/** The WHERE clause of the list (everything but the SLA state, which depends on the clock). */
export function listWhere(projectId: string, input: Omit<ListInput, 'page' | 'pageSize' | 'sort'>): { sql: string; args: Array<string | number>; index: string | null } {
  const where = ['f.project_id = ?', 'f.deleted_at IS NULL'];
  const args: Array<string | number> = [projectId];
  let statuses: string[] | null = input.status && input.status.length ? [...input.status] : null;
  if (input.open !== undefined) {
    const set = input.open ? OPEN_STATUSES : ['resolved', 'report_filed', 'reviewed'];
    const narrowed: string[] = statuses ? statuses.filter((s) => set.includes(s)) : set;
    statuses = narrowed.length ? narrowed : ['__none__'];
  }
  if (statuses) {
    where.push(`f.status IN (${statuses.map(() => '?').join(', ')})`);
    args.push(...statuses);
  }
  if (input.severity) {
    where.push('f.severity = ?');
    args.push(input.severity);
  }
  if (input.category) {
    where.push('f.category = ?');
    args.push(input.category);
  }
  if (input.from) {
    where.push('f.reported_at >= ?');
    args.push(dayStart(input.from));
  }
  if (input.to) {
    where.push('f.reported_at < ?');
    args.push(dayAfter(input.to));
  }
  if (input.engineer) {
    where.push('f.engineer_name = ?');
    args.push(input.engineer);
  }
  if (input.assetId) {
    where.push('f.id IN (SELECT fa.fault_id FROM fault_assets fa WHERE fa.asset_id = ? AND fa.deleted_at IS NULL)');
    args.push(input.assetId);
  }
  if (input.q) {
    where.push("(f.doc_no LIKE ? ESCAPE '\\' OR f.title LIKE ? ESCAPE '\\' OR f.description LIKE ? ESCAPE '\\')");
    const p = likePattern(input.q);
    args.push(p, p, p);
  }
  // Without statistics the planner would walk the date index for a status filter; name the
  // most selective index instead (each starts with project_id and ends with reported_at).
  const index = input.engineer
    ? 'faults_project_engineer_idx'
    : input.severity
      ? 'faults_project_severity_idx'
      : statuses
        ? 'faults_project_status_idx'
        : input.assetId
          ? null // the asset's few faults, found through fault_assets_asset_idx
          : 'faults_project_reported_idx';
  return { sql: where.join(' AND '), args, index };
}

type Where = { sql: string; index: string | null };
const from = (w: Where) => `FROM faults f${w.index ? ` INDEXED BY ${w.index}` : ''} WHERE ${w.sql}`;
/** Newest first; the rowid breaks ties (index entries end with it, so no sort step). */
const order = (sort: ListInput['sort']) => (sort === 'reported_asc' ? 'ORDER BY f.reported_at ASC, f.rowid ASC' : 'ORDER BY f.reported_at DESC, f.rowid DESC');

/** The SQL of one page (exported for the query-plan test). */
export function pageSql(w: Where, sort: ListInput['sort']): string {
  return `SELECT ${ROW_COLUMNS} ${from(w)} ${order(sort)} LIMIT ? OFFSET ?`;
}
export function countSql(w: Where): string {
  return `SELECT COUNT(*) AS n ${from(w)}`;
}

/** Stamps of every matching fault (for the SLA filter), in list order. */
export function stampsSql(w: Where, sort: ListInput['sort']): string {
  return `SELECT f.id, f.severity, f.reported_at AS reportedAt, f.responded_at AS respondedAt, f.on_site_at AS onSiteAt,
    f.resolved_at AS resolvedAt, f.report_filed_at AS reportFiledAt ${from(w)} ${order(sort)}`;
}

/** Statuses in which some SLA clock can still be running (due soon / on track need one). */
const RUNNING_STATUSES = ['reported', 'responded', 'on_site', 'resolved'];

interface StampRow {
  id: string;
  severity: string;
  reportedAt: string;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  reportFiledAt: string | null;
}

/**
 * SLA states of faults whose four clocks are all stopped (the written report filed): the shared
 * SLA function no longer reads the time for them, so the state is kept by settings and stamps
 * and the SLA filter does not recompute thousands of finished faults on every call.
 */
const settled = new Map<string, SlaBucket>();
const SETTLED_MAX = 200_000;

function bucketOf(r: StampRow, sla: SlaSettings, settingsKey: string, now: Date): SlaBucket {
  const compute = () => slaBucket(computeSla({ ...r, severity: r.severity as FaultSeverity }, sla, now));
  if (r.respondedAt === null || r.onSiteAt === null || r.resolvedAt === null || r.reportFiledAt === null) return compute();
  const key = `${settingsKey}|${r.severity}|${r.reportedAt}|${r.respondedAt}|${r.onSiteAt}|${r.resolvedAt}|${r.reportFiledAt}`;
  let bucket = settled.get(key);
  if (bucket === undefined) {
    if (settled.size >= SETTLED_MAX) settled.clear();
    bucket = compute();
    settled.set(key, bucket);
  }
  return bucket;
}

/**
 * One page of faults. Without an SLA filter the database pages (indexed). The SLA state depends
 * on the clock, so with one the matching faults' stamps (only those) go through the shared SLA
 * function, and the page's rows are read by id.
 */
export function listFaults(ctx: CallContext, input: ListInput): { rows: FaultRow[]; total: number; page: number; pageSize: number } {
  const { page, pageSize, sort, slaState, ...filters } = input;
  const sla = slaSettings(ctx);
  const now = ctx.now();
  const offset = (page - 1) * pageSize;
  if (!slaState) {
    const w = listWhere(ctx.project().id, filters);
    const total = (ctx.sqlite.prepare(countSql(w)).get(...w.args) as { n: number }).n;
    const raw = ctx.sqlite.prepare(pageSql(w, sort)).all(...w.args, pageSize, offset) as RawRow[];
    return { rows: raw.map((r) => toRow(r, sla, now)), total, page, pageSize };
  }
  const running = slaState === 'due_soon' || slaState === 'on_track';
  const narrowed = running ? { ...filters, status: (filters.status?.length ? filters.status : RUNNING_STATUSES).filter((s) => RUNNING_STATUSES.includes(s)) as ListInput['status'] } : filters;
  if (running && narrowed.status?.length === 0) return { rows: [], total: 0, page, pageSize };
  const w = listWhere(ctx.project().id, narrowed);
  const stamps = ctx.sqlite.prepare(stampsSql(w, sort)).all(...w.args) as StampRow[];
  const settingsKey = JSON.stringify(sla);
  const ids = stamps.filter((r) => bucketOf(r, sla, settingsKey, now) === slaState).map((r) => r.id);
  const pageIds = ids.slice(offset, offset + pageSize);
  if (pageIds.length === 0) return { rows: [], total: ids.length, page, pageSize };
  const raw = ctx.sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM faults f WHERE f.id IN (${pageIds.map(() => '?').join(', ')})`).all(...pageIds) as RawRow[];
  const byId = new Map(raw.map((r) => [r.id, r]));
  return { rows: pageIds.map((id) => toRow(byId.get(id)!, sla, now)), total: ids.length, page, pageSize };
}
