import type { WorkEvidence } from '../../../shared/attendance/suggest';
import { monthRange, toBizDate } from '../../../shared/time';
import type { Sqlite } from '../db/open';

interface StaffKey {
  id: string;
  name: string;
}

/**
 * Who a free-text name on a record is: a staff member by name, or the staff member linked to
 * an account by its display name or username (the fault stamps hold names, not ids).
 */
function nameResolver(sqlite: Sqlite, people: StaffKey[]): (name: string | null) => string | null {
  const byName = new Map<string, string>();
  for (const p of people) byName.set(p.name.trim(), p.id);
  const accounts = sqlite
    .prepare('SELECT username, display_name AS displayName, staff_id AS staffId FROM users WHERE staff_id IS NOT NULL AND deleted_at IS NULL')
    .all() as Array<{ username: string; displayName: string; staffId: string }>;
  const ids = new Set(people.map((p) => p.id));
  for (const a of accounts) {
    if (!ids.has(a.staffId)) continue;
    if (!byName.has(a.displayName.trim())) byName.set(a.displayName.trim(), a.staffId);
    if (!byName.has(a.username)) byName.set(a.username, a.staffId);
  }
  return (name) => {
    if (!name) return null;
    const n = name.trim().replace(/^cli:/, '');
    return byName.get(n) ?? null;
  };
}

/**
 * Every trace of work by the given people in the month, from the tables that hold it:
 * inspection_runs.inspector_id, work_orders.technician_ids (start, finish, done date) and the
 * fault stamps (reporter, responded/on site/resolved/report filed/reviewed by).
 */
export function workEvidence(sqlite: Sqlite, projectId: string, month: string, people: StaffKey[]): WorkEvidence[] {
  const { start: from, end: to, from: firstDay, to: lastDay } = monthRange(month);
  const ids = new Set(people.map((p) => p.id));
  const out: WorkEvidence[] = [];
  const inMonth = (d: string) => d >= firstDay && d <= lastDay;
  const push = (e: WorkEvidence & { date: string }) => {
    if (ids.has(e.staffId) && inMonth(e.date)) out.push(e);
  };

  const runs = sqlite
    .prepare(
      `SELECT r.id, r.biz_date AS bizDate, r.slot, r.inspector_id AS staffId, r.started_at AS startedAt, r.finished_at AS finishedAt, t.title
       FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id
       WHERE t.project_id = ? AND r.deleted_at IS NULL AND r.inspector_id IS NOT NULL AND r.biz_date BETWEEN ? AND ?`,
    )
    .all(projectId, firstDay, lastDay) as Array<{ id: string; bizDate: string; slot: string; staffId: string; startedAt: string; finishedAt: string | null; title: string }>;
  for (const r of runs) {
    const label = `巡检：${r.title}（${r.bizDate}）`;
    push({ staffId: r.staffId, date: toBizDate(r.startedAt), kind: 'inspection', refId: r.id, label, at: r.startedAt });
    if (r.finishedAt) push({ staffId: r.staffId, date: toBizDate(r.finishedAt), kind: 'inspection', refId: r.id, label, at: r.finishedAt });
  }

  const orders = sqlite
    .prepare(
      `SELECT w.id, w.doc_no AS docNo, w.content, w.technician_ids AS techs, w.started_at AS startedAt, w.finished_at AS finishedAt, w.done_date AS doneDate
       FROM work_orders w
       WHERE w.project_id = ? AND w.deleted_at IS NULL
         AND ((w.started_at >= ? AND w.started_at < ?) OR (w.finished_at >= ? AND w.finished_at < ?) OR (w.done_date BETWEEN ? AND ?))`,
    )
    .all(projectId, from, to, from, to, firstDay, lastDay) as Array<{ id: string; docNo: string; content: string; techs: string; startedAt: string | null; finishedAt: string | null; doneDate: string | null }>;
  for (const w of orders) {
    let techs: unknown;
    try {
      techs = JSON.parse(w.techs);
    } catch {
      techs = [];
    }
    if (!Array.isArray(techs)) continue;
    const label = `工单 ${w.docNo}：${w.content.slice(0, 40)}`;
    for (const staffId of techs) {
      if (typeof staffId !== 'string') continue;
      if (w.startedAt) push({ staffId, date: toBizDate(w.startedAt), kind: 'workorder', refId: w.id, label, at: w.startedAt });
      if (w.finishedAt) push({ staffId, date: toBizDate(w.finishedAt), kind: 'workorder', refId: w.id, label, at: w.finishedAt });
      else if (w.doneDate) push({ staffId, date: w.doneDate, kind: 'workorder', refId: w.id, label, at: null });
    }
  }

  const resolve = nameResolver(sqlite, people);
  const faults = sqlite
    .prepare(
      `SELECT id, doc_no AS docNo, title, reporter_id AS reporterId, reporter_name AS reporterName, reported_at AS reportedAt,
              responded_at AS respondedAt, responded_by AS respondedBy, on_site_at AS onSiteAt, on_site_by AS onSiteBy,
              resolved_at AS resolvedAt, resolved_by AS resolvedBy, report_filed_at AS reportFiledAt, report_filed_by AS reportFiledBy,
              reviewed_at AS reviewedAt, reviewed_by AS reviewedBy
       FROM faults
       WHERE project_id = ? AND deleted_at IS NULL AND (
         (reported_at >= ? AND reported_at < ?) OR (responded_at >= ? AND responded_at < ?) OR (on_site_at >= ? AND on_site_at < ?)
         OR (resolved_at >= ? AND resolved_at < ?) OR (report_filed_at >= ? AND report_filed_at < ?) OR (reviewed_at >= ? AND reviewed_at < ?))`,
    )
    .all(projectId, from, to, from, to, from, to, from, to, from, to, from, to) as Array<{
    id: string;
    docNo: string;
    title: string;
    reporterId: string | null;
    reporterName: string;
    reportedAt: string;
    respondedAt: string | null;
    respondedBy: string | null;
    onSiteAt: string | null;
    onSiteBy: string | null;
    resolvedAt: string | null;
    resolvedBy: string | null;
    reportFiledAt: string | null;
    reportFiledBy: string | null;
    reviewedAt: string | null;
    reviewedBy: string | null;
  }>;
  for (const f of faults) {
    const stamps: Array<[string | null, string | null, string]> = [
      [f.reporterId ?? resolve(f.reporterName), f.reportedAt, '报告'],
      [resolve(f.respondedBy), f.respondedAt, '响应'],
      [resolve(f.onSiteBy), f.onSiteAt, '到场'],
      [resolve(f.resolvedBy), f.resolvedAt, '解决'],
      [resolve(f.reportFiledBy), f.reportFiledAt, '提交报告'],
      [resolve(f.reviewedBy), f.reviewedAt, '审核'],
    ];
    for (const [staffId, at, what] of stamps) {
      if (!staffId || !at) continue;
      push({ staffId, date: toBizDate(at), kind: 'fault', refId: f.id, label: `故障 ${f.docNo}（${what}）：${f.title.slice(0, 40)}`, at });
    }
  }
  out.sort((a, b) => a.staffId.localeCompare(b.staffId) || (a.date ?? '').localeCompare(b.date ?? '') || (a.at ?? '').localeCompare(b.at ?? ''));
  return out;
}
