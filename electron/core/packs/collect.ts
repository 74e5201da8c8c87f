/**
 * What a pack holds for a range of dates: the records (work orders, faults, inspection runs),
 * the signed scans linked to them, the form kinds other features registered, and the
 * document register. Read-only queries; the builder turns them into files.
 */
import { and, asc, eq, gte, inArray, isNull, lt, lte } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { monthsBetween } from '../../../shared/time';
import { attachmentLinks, attachments } from '../attachments/schema';
import { blobPath, linkName } from '../attachments/service';
import { attendanceMonths } from '../attendance/schema';
import type { CallContext } from '../context';
import { documents } from '../documents/schema';
import { faultFormModel } from '../faults/forms/fault-form';
import { faultView } from '../faults/repo';
import { faults } from '../faults/schema';
import type { FormModel } from '../forms/model';
import { formKinds, type FormDocument, type FormKind } from '../forms/registry';
import { workOrderFormModel } from '../workorders/forms/workorder-form';
import { workOrderView } from '../workorders/service';
import { workOrders } from '../workorders/schema';
// The features' form kinds register themselves when their handlers load; packs may run
// from the CLI before those are imported, so make sure they are here.
import '../faults/forms';
import '../workorders/forms';
import '../attendance/forms';

export interface Range {
  /** First and last business dates. */
  from: string;
  to: string;
  /** Instants [start, end). */
  start: string;
  end: string;
}

export function workOrderRows(ctx: CallContext, r: Range) {
  return ctx.db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.projectId, ctx.project().id), isNull(workOrders.deletedAt), gte(workOrders.applyDate, r.from), lte(workOrders.applyDate, r.to)))
    .orderBy(asc(workOrders.applyDate), asc(workOrders.docNo))
    .all();
}

export function faultRows(ctx: CallContext, r: Range) {
  return ctx.db
    .select()
    .from(faults)
    .where(and(eq(faults.projectId, ctx.project().id), isNull(faults.deletedAt), gte(faults.reportedAt, r.start), lt(faults.reportedAt, r.end)))
    .orderBy(asc(faults.reportedAt), asc(faults.docNo))
    .all();
}

export function* workOrderModels(ctx: CallContext, rows: ReturnType<typeof workOrderRows>): Generator<FormModel> {
  const project = ctx.project();
  for (const w of rows) yield workOrderFormModel(project, workOrderView(ctx, w));
}

export function* faultModels(ctx: CallContext, rows: ReturnType<typeof faultRows>): Generator<FormModel> {
  const project = ctx.project();
  for (const f of rows) yield faultFormModel(project, faultView(ctx, f));
}

export interface ScanRef {
  entity: string;
  entityId: string;
  /** What the scan is of: 工单 GD-2024-0101, 故障报告单 GZ-…, 2024年6月考勤表. */
  label: string;
  name: string;
  mime: string;
  sha256: string;
  file: string;
}

const EXT: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/tiff': '.tif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'text/plain': '.txt',
};

export function extensionFor(mime: string, name: string): string {
  return EXT[mime] ?? (/\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0].toLowerCase() ?? '.bin');
}

/** Signed paper (role signed_scan) of the given records, in the order of `labels`. */
export function signedScans(ctx: CallContext, labels: ReadonlyMap<string, { entity: string; label: string }>): ScanRef[] {
  const ids = [...labels.keys()];
  const out: ScanRef[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = ctx.db
      .select({ entity: attachmentLinks.entity, entityId: attachmentLinks.entityId, name: linkName, mime: attachments.mime, sha256: attachments.sha256, at: attachmentLinks.createdAt })
      .from(attachmentLinks)
      .innerJoin(attachments, eq(attachments.id, attachmentLinks.attachmentId))
      .where(and(inArray(attachmentLinks.entityId, chunk), eq(attachmentLinks.role, 'signed_scan'), isNull(attachmentLinks.deletedAt)))
      .orderBy(asc(attachmentLinks.createdAt))
      .all();
    for (const r of rows) {
      const l = labels.get(r.entityId);
      if (!l || l.entity !== r.entity) continue;
      out.push({ entity: r.entity, entityId: r.entityId, label: l.label, name: r.name, mime: r.mime, sha256: r.sha256, file: blobPath(ctx.dataDir, r.sha256) });
    }
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  return out.sort((a, b) => (order.get(a.entityId) ?? 0) - (order.get(b.entityId) ?? 0));
}

/** attendance_months rows of the months (for their signed scans), keyed by id and by month. */
export function attendanceMonthKeys(ctx: CallContext, fromMonth: string, toMonth: string): Map<string, { entity: string; label: string }> {
  const out = new Map<string, { entity: string; label: string }>();
  for (const m of monthsBetween(fromMonth, toMonth)) out.set(m, { entity: 'attendance_month', label: `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月考勤表` });
  const rows = ctx.db
    .select({ id: attendanceMonths.id, month: attendanceMonths.month, status: attendanceMonths.status })
    .from(attendanceMonths)
    .where(and(eq(attendanceMonths.projectId, ctx.project().id), gte(attendanceMonths.month, fromMonth), lte(attendanceMonths.month, toMonth), isNull(attendanceMonths.deletedAt)))
    .all();
  for (const r of rows) out.set(r.id, { entity: 'attendance_month', label: `${Number(r.month.slice(0, 4))}年${Number(r.month.slice(5))}月考勤表` });
  return out;
}

export function closedMonths(ctx: CallContext, fromMonth: string, toMonth: string): Set<string> {
  const rows = ctx.db
    .select({ month: attendanceMonths.month, status: attendanceMonths.status })
    .from(attendanceMonths)
    .where(and(eq(attendanceMonths.projectId, ctx.project().id), gte(attendanceMonths.month, fromMonth), lte(attendanceMonths.month, toMonth), isNull(attendanceMonths.deletedAt)))
    .all();
  return new Set(rows.filter((r) => r.status === 'closed').map((r) => r.month));
}

// ---- other features' form kinds (inspections …) ----------------------------------------------

/** Kinds a pack renders itself (volumes, the attendance sheet), not through the generic path. */
const OWN_KINDS = new Set(['fault', 'workorder', 'attendance']);

/** The inspection form kinds, in the order the contract lists the sheets. */
const KIND_ORDER = ['daily-inspection', 'system-status', 'weekly-inspection', 'software-inspection', 'ops-check', 'inspection-report'];

export function recordFormKinds(): FormKind[] {
  const rank = (k: string): number => {
    const i = KIND_ORDER.indexOf(k);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return formKinds()
    .filter((k) => !OWN_KINDS.has(k.kind))
    .sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}

interface RunRef {
  id: string;
  bizDate: string;
  slot: string;
}

function runsOfKind(ctx: CallContext, kind: string, r: Range): RunRef[] {
  return ctx.sqlite
    .prepare(
      `SELECT r.id, r.biz_date AS bizDate, r.slot FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id
       WHERE t.project_id = ? AND t.form_kind = ? AND r.deleted_at IS NULL AND r.biz_date >= ? AND r.biz_date <= ? ORDER BY r.biz_date, r.slot`,
    )
    .all(ctx.project().id, kind, r.from, r.to) as RunRef[];
}

function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Business dates with any inspection run in the range (of any template). */
function runDates(ctx: CallContext, r: Range): string[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT DISTINCT r.biz_date AS d FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id
       WHERE t.project_id = ? AND r.deleted_at IS NULL AND r.biz_date >= ? AND r.biz_date <= ? ORDER BY r.biz_date`,
    )
    .all(ctx.project().id, r.from, r.to) as Array<{ d: string }>;
  return rows.map((x) => x.d);
}

/**
 * The parameter sets to render a kind's sheets for a range: the kind's own schema decides
 * which shape it takes (a month volume, per run id, per date, per week, per month), tried in that order; only
 * dates and runs that have inspection records are asked for. A kind without runs of its own
 * (中心系统运行状态 and 中心设备巡检表 are made from the daily round) is asked for the dates of
 * every round; those sets are `speculative`: a kind that has nothing for a date may say so.
 */
export function paramSetsFor(ctx: CallContext, k: FormKind, r: Range): { sets: Array<Record<string, string>>; speculative: boolean } {
  const runs = runsOfKind(ctx, k.kind, r);
  const speculative = runs.length === 0;
  const dates = speculative ? runDates(ctx, r) : [...new Set(runs.map((x) => x.bizDate))];
  const months = monthsBetween(r.from.slice(0, 7), r.to.slice(0, 7));
  const shapes: Array<Array<Record<string, string>>> = [
    runs.map((x) => ({ id: x.id })),
    runs.map((x) => ({ run: x.id })),
    runs.map((x) => ({ runId: x.id })),
    runs.map((x) => ({ date: x.bizDate, slot: x.slot })),
    dates.map((d) => ({ date: d })),
    [...new Set(dates.map(isoWeek))].map((w) => ({ week: w })),
    [...new Set(dates.map(mondayOf))].map((m) => ({ weekStart: m })),
    [...new Set(dates.map(mondayOf))].map((m) => ({ monday: m })),
  ];
  // A kind that names runs (巡检报告) only ever gets its own.
  const byRun = ['id', 'run', 'runId'].some((key) => takes(k, { [key]: 'x' }));
  if (!dates.length || (speculative && byRun)) return { sets: [], speculative };
  // A sheet made per round that can also bind a month of them (日常巡检表, 中心系统运行状态)
  // goes in as one volume a month: one file to print and the font embedded once, not 60.
  const runMonths = [...new Set(dates.map((d) => d.slice(0, 7)))];
  if (runMonths[0] && takes(k, { month: runMonths[0] })) return { sets: runMonths.map((m) => ({ month: m })), speculative };
  shapes.push(months.map((m) => ({ month: m })), [{ from: r.from, to: r.to }]);
  for (const shape of shapes) {
    const first = shape[0];
    if (first && takes(k, first)) return { sets: shape, speculative };
  }
  return { sets: [], speculative };
}

/** The kind's schema accepts these parameters and knows every one of them (zod strips unknown keys). */
function takes(k: FormKind, params: Record<string, string>): boolean {
  const r = k.params.safeParse(params);
  if (!r.success || typeof r.data !== 'object' || r.data === null) return false;
  const data = r.data as Record<string, unknown>;
  return Object.keys(params).every((key) => key in data);
}

/** Loads the documents of a kind for a range, dropping duplicates (same file name) and absent records. */
export async function loadKindDocuments(ctx: CallContext, k: FormKind, r: Range): Promise<{ docs: FormDocument[]; skipped: string[] }> {
  const docs: FormDocument[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const { sets, speculative } = paramSetsFor(ctx, k, r);
  for (const params of sets) {
    const parsed = k.params.safeParse(params);
    if (!parsed.success) continue;
    try {
      const d = await k.load(ctx, parsed.data);
      if (seen.has(d.baseName)) continue;
      seen.add(d.baseName);
      docs.push(d);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'VALIDATION')) {
        if (!speculative) skipped.push(`${k.label} ${Object.values(params).join(' ')}：${e.message}`);
      } else throw e;
    }
  }
  return { docs, skipped };
}

// ---- document register -----------------------------------------------------------------------

export interface RegisterDoc {
  id: string;
  docNo: string;
  title: string;
  kind: string;
  version: string;
  control: string;
  file: { name: string; mime: string; sha256: string; path: string } | null;
}

export function registerDocuments(ctx: CallContext): RegisterDoc[] {
  const rows = ctx.db
    .select({ d: documents, a: attachments })
    .from(documents)
    .leftJoin(attachments, eq(attachments.id, documents.attachmentId))
    .where(and(eq(documents.projectId, ctx.project().id), isNull(documents.deletedAt)))
    .orderBy(asc(documents.docNo))
    .all();
  return rows.map(({ d, a }) => ({
    id: d.id,
    docNo: d.docNo,
    title: d.title,
    kind: d.kind,
    version: d.version,
    control: d.control,
    file: a ? { name: a.originalName, mime: a.mime, sha256: a.sha256, path: blobPath(ctx.dataDir, a.sha256) } : null,
  }));
}
