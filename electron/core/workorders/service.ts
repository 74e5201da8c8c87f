import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { WORK_ORDER_STATUS_LABELS, type WorkOrder, type WorkOrderRow, type WorkOrderStatus, type workOrderChannels } from '../../../shared/contract/workorders';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { toBizDate } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { assets } from '../assets/schema';
import { issueDocNo } from '../faults/docno';
import { faults } from '../faults/schema';
import { likePattern } from '../faults/list';
import { linkedAssetIds, setLinkedAssets } from '../assets/links';
import { missingAsset, signedScans } from '../faults/repo';
import { normIso } from '../faults/stamps';
import { workOrderAssets, workOrders } from './schema';

type In<C extends keyof typeof workOrderChannels> = z.output<(typeof workOrderChannels)[C]['input']>;
export type WorkOrderRecord = typeof workOrders.$inferSelect;

export const DEFAULT_WORKORDER_RULE = 'GD-{YYYY}-{SEQ:4}';
/** Technician names are stored joined by 、 as they are printed on the form. */
export const NAME_SEP = '、';

function mustLoad(ctx: CallContext, id: string): WorkOrderRecord {
  const w = ctx.db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, id), eq(workOrders.projectId, ctx.project().id), isNull(workOrders.deletedAt)))
    .get();
  if (!w) throw new AppError('NOT_FOUND', t('workorder.notFound'));
  return w;
}

function faultDocNo(ctx: CallContext, faultId: string | null): string | null {
  if (!faultId) return null;
  return ctx.db.select({ docNo: faults.docNo }).from(faults).where(eq(faults.id, faultId)).get()?.docNo ?? null;
}

function checkFault(ctx: CallContext, faultId: string | null | undefined): void {
  if (!faultId) return;
  const f = ctx.db.select({ id: faults.id }).from(faults).where(and(eq(faults.id, faultId), eq(faults.projectId, ctx.project().id), isNull(faults.deletedAt))).get();
  if (!f) throw new AppError('VALIDATION', t('workorder.unknownFault', { id: faultId }), [{ path: 'faultId', message: t('workorder.unknownFault', { id: faultId }) }]);
}

function checkAssets(ctx: CallContext, ids: readonly string[]): void {
  const missing = missingAsset(ctx, ids);
  if (missing) throw new AppError('VALIDATION', t('fault.unknownAsset', { id: missing }), [{ path: 'assetIds', message: t('fault.unknownAsset', { id: missing }) }]);
}

function checkTechnicians(names: readonly string[], ids: readonly string[]): void {
  if (ids.length > 0 && ids.length !== names.length) throw new AppError('VALIDATION', t('workorder.technicianIds'), [{ path: 'technicianIds', message: t('workorder.technicianIds') }]);
}


function splitNames(s: string): string[] {
  return s ? s.split(NAME_SEP).filter(Boolean) : [];
}

export function workOrderView(ctx: CallContext, w: WorkOrderRecord): WorkOrder {
  return {
    id: w.id,
    docNo: w.docNo,
    siteName: w.siteName,
    applyDate: w.applyDate,
    company: w.company,
    technicians: splitNames(w.technicianNames),
    technicianIds: w.technicianIds,
    demand: w.demand,
    content: w.content,
    standard: w.standard,
    doneDate: w.doneDate,
    workloadHours: w.workloadHours,
    status: w.status as WorkOrderStatus,
    confirmerName: w.confirmerName,
    confirmedAt: w.confirmedAt,
    faultId: w.faultId,
    faultDocNo: faultDocNo(ctx, w.faultId),
    startedAt: w.startedAt,
    finishedAt: w.finishedAt,
    assets: ctx.db
      .select({ id: assets.id, name: assets.name, ip: assets.ip })
      .from(workOrderAssets)
      .innerJoin(assets, eq(assets.id, workOrderAssets.assetId))
      .where(and(eq(workOrderAssets.workOrderId, w.id), isNull(workOrderAssets.deletedAt)))
      .orderBy(asc(assets.sort), asc(assets.name))
      .all(),
    signedScans: signedScans(ctx, 'workorder', w.id),
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    updatedBy: w.updatedBy,
  };
}

function audit(w: WorkOrderRecord) {
  const { demand, content, standard, ...rest } = w;
  return { ...rest, demand: demand.slice(0, 200), contentLength: content.length, standardLength: standard.length };
}

export function createWorkOrder(ctx: CallContext, input: In<'workorders/create'>): WorkOrder {
  const project = ctx.project();
  const applyDate = input.applyDate ?? toBizDate(ctx.nowIso());
  checkFault(ctx, input.faultId);
  checkAssets(ctx, input.assetIds);
  checkTechnicians(input.technicians, input.technicianIds);
  const docNo = issueDocNo(ctx, 'workorder', 'work_orders', project.settings.numbering.workorder ?? DEFAULT_WORKORDER_RULE, applyDate);
  const row: typeof workOrders.$inferInsert = {
    ...stampNew(ctx),
    projectId: project.id,
    docNo,
    siteName: input.siteName ?? project.partyA,
    applyDate,
    company: input.company ?? project.partyB,
    technicianIds: input.technicianIds,
    technicianNames: input.technicians.join(NAME_SEP),
    demand: input.demand,
    content: input.content,
    standard: input.standard,
    status: 'draft',
    faultId: input.faultId ?? null,
  };
  ctx.db.insert(workOrders).values(row).run();
  setLinkedAssets(ctx, 'workorder', row.id!, input.assetIds);
  const saved = mustLoad(ctx, row.id!);
  ctx.track('workorder', saved.id, null, { ...audit(saved), assetIds: input.assetIds });
  return workOrderView(ctx, saved);
}

function assertNotConfirmed(w: WorkOrderRecord): void {
  if (w.status === 'confirmed') throw new AppError('CONFLICT', t('workorder.locked'));
}

function checkDone(applyDate: string, doneDate: string | null | undefined): void {
  if (doneDate && doneDate < applyDate) {
    const msg = t('workorder.doneBeforeApply', { done: doneDate, apply: applyDate });
    throw new AppError('VALIDATION', msg, [{ path: 'doneDate', message: msg }]);
  }
}

export function updateWorkOrder(ctx: CallContext, input: In<'workorders/update'>): WorkOrder {
  const before = mustLoad(ctx, input.id);
  assertNotConfirmed(before);
  const { id, assetIds, technicians, technicianIds, ...fields } = input;
  if (fields.faultId !== undefined) checkFault(ctx, fields.faultId);
  checkDone(fields.applyDate ?? before.applyDate, fields.doneDate === undefined ? before.doneDate : fields.doneDate);
  if (technicians || technicianIds) checkTechnicians(technicians ?? splitNames(before.technicianNames), technicianIds ?? (technicians ? [] : before.technicianIds));
  const assetsBefore = assetIds ? linkedAssetIds(ctx, 'workorder', id) : null;
  if (assetIds) {
    checkAssets(ctx, assetIds);
    setLinkedAssets(ctx, 'workorder', id, assetIds);
  }
  const patch: Partial<typeof workOrders.$inferInsert> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (technicians) {
    patch.technicianNames = technicians.join(NAME_SEP);
    patch.technicianIds = technicianIds ?? [];
  } else if (technicianIds) patch.technicianIds = technicianIds;
  ctx.db.update(workOrders).set({ ...patch, ...stampUpdate(ctx) }).where(eq(workOrders.id, id)).run();
  const after = mustLoad(ctx, id);
  ctx.track('workorder', id, { ...audit(before), ...(assetsBefore ? { assetIds: assetsBefore } : {}) }, { ...audit(after), ...(assetIds ? { assetIds } : {}) });
  return workOrderView(ctx, after);
}

function transition(ctx: CallContext, id: string, from: WorkOrderStatus, action: string, set: (w: WorkOrderRecord) => Partial<typeof workOrders.$inferInsert>): WorkOrder {
  const before = mustLoad(ctx, id);
  if (before.status !== from) throw new AppError('CONFLICT', t('workorder.badStatus', { status: WORK_ORDER_STATUS_LABELS[before.status as WorkOrderStatus] ?? before.status, action }));
  ctx.db.update(workOrders).set({ ...set(before), ...stampUpdate(ctx) }).where(eq(workOrders.id, id)).run();
  const after = mustLoad(ctx, id);
  ctx.track('workorder', id, audit(before), audit(after));
  return workOrderView(ctx, after);
}

export function startWorkOrder(ctx: CallContext, input: In<'workorders/start'>): WorkOrder {
  return transition(ctx, input.id, 'draft', '开始实施', () => ({ status: 'in_progress', startedAt: normIso(input.at ?? ctx.nowIso()) }));
}

export function finishWorkOrder(ctx: CallContext, input: In<'workorders/finish'>): WorkOrder {
  return transition(ctx, input.id, 'in_progress', '完成', (w) => {
    checkDone(w.applyDate, input.doneDate);
    return { status: 'done', doneDate: input.doneDate, workloadHours: input.workloadHours, finishedAt: normIso(input.at ?? ctx.nowIso()) };
  });
}

/** Closing the paper loop: the client's representative signed and the scan is attached. */
export function confirmWorkOrder(ctx: CallContext, input: In<'workorders/confirm'>): WorkOrder {
  return transition(ctx, input.id, 'done', '确认', (w) => {
    if (signedScans(ctx, 'workorder', w.id).length === 0) throw new AppError('CONFLICT', t('workorder.needScan'));
    return { status: 'confirmed', confirmerName: input.confirmerName, confirmedAt: normIso(input.confirmedAt ?? ctx.nowIso()) };
  });
}

/** Deletes a draft created by mistake (soft delete, kept in the audit); its 文档编号 is never given again. */
export function deleteWorkOrder(ctx: CallContext, input: In<'workorders/delete'>): { id: string; docNo: string } {
  const before = mustLoad(ctx, input.id);
  if (before.status !== 'draft') throw new AppError('CONFLICT', t('workorder.deleteNotDraft'));
  ctx.db.update(workOrders).set({ deletedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(eq(workOrders.id, before.id)).run();
  ctx.track('workorder', before.id, audit(before), { deleted: true, reason: input.reason ?? '' });
  return { id: before.id, docNo: before.docNo };
}

export function getWorkOrder(ctx: CallContext, id: string): WorkOrder {
  return workOrderView(ctx, mustLoad(ctx, id));
}

type ListInput = In<'workorders/list'>;

export function workOrderWhere(projectId: string, input: Omit<ListInput, 'page' | 'pageSize'>): { sql: string; args: Array<string | number> } {
  const where = ['w.project_id = ?', 'w.deleted_at IS NULL'];
  const args: Array<string | number> = [projectId];
  if (input.status?.length) {
    where.push(`w.status IN (${input.status.map(() => '?').join(', ')})`);
    args.push(...input.status);
  }
  if (input.from) {
    where.push('w.apply_date >= ?');
    args.push(input.from);
  }
  if (input.to) {
    where.push('w.apply_date <= ?');
    args.push(input.to);
  }
  if (input.technician) {
    where.push(`('${NAME_SEP}' || w.technician_names || '${NAME_SEP}') LIKE ? ESCAPE '\\'`);
    args.push(likePattern(`${NAME_SEP}${input.technician}${NAME_SEP}`));
  }
  if (input.assetId) {
    where.push('w.id IN (SELECT wa.work_order_id FROM work_order_assets wa WHERE wa.asset_id = ? AND wa.deleted_at IS NULL)');
    args.push(input.assetId);
  }
  if (input.faultId) {
    where.push('w.fault_id = ?');
    args.push(input.faultId);
  }
  if (input.q) {
    where.push("(w.doc_no LIKE ? ESCAPE '\\' OR w.demand LIKE ? ESCAPE '\\' OR w.content LIKE ? ESCAPE '\\')");
    const p = likePattern(input.q);
    args.push(p, p, p);
  }
  return { sql: where.join(' AND '), args };
}

export const WORK_ORDER_PAGE_SQL = (where: string) =>
  `SELECT w.id, w.doc_no AS docNo, w.site_name AS siteName, w.apply_date AS applyDate, w.company, w.technician_names AS technicianNames,
          w.demand, w.done_date AS doneDate, w.workload_hours AS workloadHours, w.status, w.confirmer_name AS confirmerName,
          w.fault_id AS faultId, f.doc_no AS faultDocNo
   FROM work_orders w LEFT JOIN faults f ON f.id = w.fault_id
   WHERE ${where} ORDER BY w.apply_date DESC, w.doc_no DESC LIMIT ? OFFSET ?`;

export function listWorkOrders(ctx: CallContext, input: ListInput): { rows: WorkOrderRow[]; total: number; totalHours: number; page: number; pageSize: number } {
  const { page, pageSize, ...filters } = input;
  const { sql, args } = workOrderWhere(ctx.project().id, filters);
  const { n: total, hours } = ctx.sqlite.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(w.workload_hours), 0) AS hours FROM work_orders w WHERE ${sql}`).get(...args) as { n: number; hours: number };
  const raw = ctx.sqlite.prepare(WORK_ORDER_PAGE_SQL(sql)).all(...args, pageSize, (page - 1) * pageSize) as Array<Omit<WorkOrderRow, 'technicians' | 'status' | 'demand'> & { technicianNames: string; status: string; demand: string }>;
  return {
    rows: raw.map(({ technicianNames, ...r }) => ({ ...r, demand: r.demand.length > 200 ? `${r.demand.slice(0, 200)}…` : r.demand, technicians: splitNames(technicianNames), status: r.status as WorkOrderStatus })),
    total,
    totalHours: hours,
    page,
    pageSize,
  };
}
