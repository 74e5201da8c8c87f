import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import {
  FAULT_STAMP_LABELS,
  FAULT_STATUS_LABELS,
  type Fault,
  type FaultStampField,
  type FaultStatus,
  type FaultStep,
  type faultChannels,
} from '../../../shared/contract/faults';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { toBizDate } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { staff } from '../accounts/schema';
import { issueDocNo } from './docno';
import { workOrders } from '../workorders/schema';
import { tickableKeys } from './alerts';
import { actorName, faultView, loadFault, missingAsset, type FaultRecord } from './repo';
import { linkedAssetIds, setLinkedAssets } from '../assets/links';
import { faults, faultStampHistory } from './schema';
import { formatBizDateTime } from '../../../shared/time';
import { BACKFILL_AFTER_MS, checkStamp, normIso, type Stamps } from './stamps';

type In<C extends keyof typeof faultChannels> = z.output<(typeof faultChannels)[C]['input']>;

export const DEFAULT_FAULT_RULE = 'GZ-{YYYY}-{SEQ:4}';

/** What each step needs, stamps and leads to. */
const STEPS: Record<FaultStep, { from: FaultStatus; to: FaultStatus; field: FaultStampField; by: 'respondedBy' | 'onSiteBy' | 'resolvedBy' | 'reportFiledBy'; label: string }> = {
  respond: { from: 'reported', to: 'responded', field: 'respondedAt', by: 'respondedBy', label: '响应' },
  on_site: { from: 'responded', to: 'on_site', field: 'onSiteAt', by: 'onSiteBy', label: '到场' },
  resolve: { from: 'on_site', to: 'resolved', field: 'resolvedAt', by: 'resolvedBy', label: '解决' },
  file_report: { from: 'resolved', to: 'report_filed', field: 'reportFiledAt', by: 'reportFiledBy', label: '提交书面报告' },
};
const STATUS_ORDER: readonly FaultStatus[] = ['reported', 'responded', 'on_site', 'resolved', 'report_filed', 'reviewed'];
const STAMP_COLUMN: Record<FaultStampField, keyof FaultRecord> = {
  reportedAt: 'reportedAt',
  respondedAt: 'respondedAt',
  onSiteAt: 'onSiteAt',
  resolvedAt: 'resolvedAt',
  reportFiledAt: 'reportFiledAt',
  reviewedAt: 'reviewedAt',
};

function stampsOf(f: FaultRecord): Stamps {
  return {
    reportedAt: f.reportedAt,
    respondedAt: f.respondedAt,
    onSiteAt: f.onSiteAt,
    resolvedAt: f.resolvedAt,
    reportFiledAt: f.reportFiledAt,
    reviewedAt: f.reviewedAt,
  };
}

function mustLoad(ctx: CallContext, id: string): FaultRecord {
  const f = loadFault(ctx, id);
  if (!f) throw new AppError('NOT_FOUND', t('fault.notFound'));
  return f;
}

function isManager(ctx: CallContext): boolean {
  return ctx.actor.roles.includes('manager');
}

/** A reviewed report is locked; only the project manager corrects it (and that is kept in the history). */
function assertEditable(ctx: CallContext, f: FaultRecord): void {
  if (f.status === 'reviewed' && !isManager(ctx)) throw new AppError('CONFLICT', t('fault.reviewed'));
}

function addHistory(ctx: CallContext, faultId: string, field: string, oldValue: string | null, newValue: string | null, reason: string): void {
  ctx.db.insert(faultStampHistory).values({ ...stampNew(ctx), faultId, field, oldValue, newValue, reason }).run();
}

/** A stamp given well before the moment it is entered is a backfill: it is kept in the history. */
function noteBackfill(ctx: CallContext, faultId: string, field: FaultStampField, at: string, reason: string | undefined): void {
  const nowIso = ctx.nowIso();
  if (Date.parse(nowIso) - Date.parse(at) <= BACKFILL_AFTER_MS) return;
  const why = `补录（登记于 ${formatBizDateTime(nowIso)}）${reason ? `：${reason}` : ''}`;
  addHistory(ctx, faultId, field, null, at, why);
}

function checkDates(faultDate: string, reportDate: string): void {
  if (faultDate > reportDate) {
    const msg = t('fault.faultDateAfterReport', { faultDate, reportDate });
    throw new AppError('VALIDATION', msg, [{ path: 'faultDate', message: msg }]);
  }
}

function checkAssets(ctx: CallContext, ids: readonly string[]): void {
  const missing = missingAsset(ctx, ids);
  if (missing) throw new AppError('VALIDATION', t('fault.unknownAsset', { id: missing }), [{ path: 'assetIds', message: t('fault.unknownAsset', { id: missing }) }]);
}

function checkReporter(ctx: CallContext, id: string | null | undefined): void {
  if (!id) return;
  const s = ctx.db.select({ id: staff.id }).from(staff).where(and(eq(staff.id, id), eq(staff.projectId, ctx.project().id), isNull(staff.deletedAt))).get();
  if (!s) throw new AppError('VALIDATION', t('fault.unknownStaff', { id }), [{ path: 'reporterId', message: t('fault.unknownStaff', { id }) }]);
}


/** The audit row's picture of a fault: every field but the long texts' bodies (their lengths instead). */
function auditShape(f: FaultRecord) {
  const { description, solution, causeAnalysis, handlingProcess, preventiveMeasures, ...rest } = f;
  return { ...rest, description: description.slice(0, 200), solutionLength: solution.length, causeAnalysisLength: causeAnalysis.length, handlingProcessLength: handlingProcess.length, preventiveMeasuresLength: preventiveMeasures.length };
}

function reload(ctx: CallContext, id: string): FaultRecord {
  return mustLoad(ctx, id);
}

export function createFault(ctx: CallContext, input: In<'faults/create'>): Fault {
  const project = ctx.project();
  const now = ctx.now();
  const reportedAt = normIso(input.reportedAt ?? ctx.nowIso());
  checkStamp({ reportedAt: null, respondedAt: null, onSiteAt: null, resolvedAt: null, reportFiledAt: null, reviewedAt: null }, 'reportedAt', reportedAt, now, 'reportedAt');
  const reportDate = input.reportDate ?? toBizDate(ctx.nowIso());
  const faultDate = input.faultDate ?? toBizDate(reportedAt);
  checkDates(faultDate, reportDate);
  checkAssets(ctx, input.assetIds);
  checkReporter(ctx, input.reporterId);
  const docNo = issueDocNo(ctx, 'fault', 'faults', project.settings.numbering.fault ?? DEFAULT_FAULT_RULE, reportDate);
  const row: typeof faults.$inferInsert = {
    ...stampNew(ctx),
    projectId: project.id,
    docNo,
    title: input.title,
    reporterId: input.reporterId ?? null,
    reporterName: input.reporterName ?? actorName(ctx),
    reportDate,
    faultDate,
    category: input.category,
    severity: input.severity,
    alertLevel: input.alertLevel,
    description: input.description,
    solved: input.solved ?? false,
    solution: input.solution ?? '',
    causeAnalysis: input.causeAnalysis ?? '',
    handlingProcess: input.handlingProcess ?? '',
    preventiveMeasures: input.preventiveMeasures ?? '',
    source: input.source,
    sourceRef: input.sourceRef ?? null,
    status: 'reported',
    reportedAt,
    engineerName: input.engineerName ?? null,
    alertChecks: {},
  };
  ctx.db.insert(faults).values(row).run();
  setLinkedAssets(ctx, 'fault', row.id!, input.assetIds);
  noteBackfill(ctx, row.id!, 'reportedAt', reportedAt, undefined);
  const saved = reload(ctx, row.id!);
  ctx.track('fault', saved.id, null, { ...auditShape(saved), assetIds: input.assetIds });
  return faultView(ctx, saved);
}

export function updateFault(ctx: CallContext, input: In<'faults/update'>): Fault {
  const before = mustLoad(ctx, input.id);
  assertEditable(ctx, before);
  const { id, assetIds, severityReason, ...fields } = input;
  if (fields.severity !== undefined && fields.severity !== before.severity) {
    if (!severityReason || severityReason.length < 2) {
      throw new AppError('VALIDATION', t('fault.severityReason'), [{ path: 'severityReason', message: t('fault.severityReason') }]);
    }
    addHistory(ctx, id, 'severity', before.severity, fields.severity, severityReason);
  }
  checkDates(fields.faultDate ?? before.faultDate, fields.reportDate ?? before.reportDate);
  checkReporter(ctx, fields.reporterId);
  const assetsBefore = assetIds ? linkedAssetIds(ctx, 'fault', id) : null;
  if (assetIds) {
    checkAssets(ctx, assetIds);
    setLinkedAssets(ctx, 'fault', id, assetIds);
  }
  const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  ctx.db.update(faults).set({ ...patch, ...stampUpdate(ctx) }).where(eq(faults.id, id)).run();
  const after = reload(ctx, id);
  ctx.track('fault', id, { ...auditShape(before), ...(assetsBefore ? { assetIds: assetsBefore } : {}) }, { ...auditShape(after), ...(assetIds ? { assetIds } : {}) });
  return faultView(ctx, after);
}

const REPORT_FIELDS = [
  ['solution', '解决方案'],
  ['causeAnalysis', '原因分析'],
  ['handlingProcess', '处理过程'],
  ['preventiveMeasures', '防范措施'],
] as const;

export function stampFault(ctx: CallContext, input: In<'faults/stamp'>): Fault {
  const before = mustLoad(ctx, input.id);
  assertEditable(ctx, before);
  const step = STEPS[input.step];
  const at = normIso(input.at ?? ctx.nowIso());
  const current = STATUS_ORDER.indexOf(before.status as FaultStatus);
  const needed = STATUS_ORDER.indexOf(step.from);
  if (current > needed) {
    const done = before[STAMP_COLUMN[step.field]] as string | null;
    throw new AppError('CONFLICT', t('fault.stepDone', { step: step.label, at: done ? formatBizDateTime(done) : '—' }));
  }
  if (current < needed) {
    const need = Object.values(STEPS).find((s) => s.to === step.from)?.label ?? FAULT_STATUS_LABELS[step.from];
    throw new AppError('CONFLICT', t('fault.stepOrder', { status: FAULT_STATUS_LABELS[before.status as FaultStatus], step: step.label, need }));
  }
  checkStamp(stampsOf(before), step.field, at, ctx.now());
  const by = input.by ?? actorName(ctx);
  const patch = input.patch ?? {};
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as FaultRecord;
  if (input.step === 'resolve') {
    if (!merged.solution.trim()) throw new AppError('VALIDATION', t('fault.needSolution'), [{ path: 'patch.solution', message: t('fault.needSolution') }]);
    merged.solved = patch.solved ?? true;
  }
  if (input.step === 'file_report') {
    const missing = REPORT_FIELDS.filter(([k]) => !merged[k].trim()).map(([, label]) => label);
    if (missing.length) throw new AppError('VALIDATION', t('fault.needReport', { fields: missing.join('、') }), missing.map((m) => ({ path: 'patch', message: m })));
  }
  const engineerName = patch.engineerName ?? before.engineerName ?? (input.step === 'respond' ? by : null);
  ctx.db
    .update(faults)
    .set({
      status: step.to,
      [step.field]: at,
      [step.by]: by,
      solved: merged.solved,
      solution: merged.solution,
      causeAnalysis: merged.causeAnalysis,
      handlingProcess: merged.handlingProcess,
      preventiveMeasures: merged.preventiveMeasures,
      engineerName,
      ...stampUpdate(ctx),
    })
    .where(eq(faults.id, before.id))
    .run();
  noteBackfill(ctx, before.id, step.field, at, input.reason);
  const after = reload(ctx, before.id);
  ctx.track('fault', before.id, auditShape(before), auditShape(after));
  return faultView(ctx, after);
}

export function editStamp(ctx: CallContext, input: In<'faults/edit-stamp'>): Fault {
  const before = mustLoad(ctx, input.id);
  assertEditable(ctx, before);
  if (input.field === 'reviewedAt' && !isManager(ctx)) throw new AppError('FORBIDDEN', t('fault.reviewed'));
  const label = FAULT_STAMP_LABELS[input.field];
  const old = before[STAMP_COLUMN[input.field]] as string | null;
  if (!old) throw new AppError('CONFLICT', t('fault.stampUnset', { label }));
  const at = normIso(input.at);
  if (at === old) throw new AppError('VALIDATION', t('fault.stampSame', { label }), [{ path: 'at', message: t('fault.stampSame', { label }) }]);
  const others = { ...stampsOf(before), [input.field]: null };
  checkStamp(others, input.field, at, ctx.now());
  ctx.db.update(faults).set({ [input.field]: at, ...stampUpdate(ctx) }).where(eq(faults.id, before.id)).run();
  addHistory(ctx, before.id, input.field, old, at, input.reason);
  const after = reload(ctx, before.id);
  ctx.track('fault', before.id, auditShape(before), { ...auditShape(after), editedStamp: input.field, reason: input.reason });
  return faultView(ctx, after);
}

export function reviewFault(ctx: CallContext, input: In<'faults/review'>): Fault {
  const before = mustLoad(ctx, input.id);
  if (before.status === 'reviewed') throw new AppError('CONFLICT', t('fault.stepDone', { step: '审核', at: before.reviewedAt ? formatBizDateTime(before.reviewedAt) : '—' }));
  if (before.status !== 'report_filed') throw new AppError('CONFLICT', t('fault.reviewNeedsReport'));
  const at = normIso(input.at ?? ctx.nowIso());
  checkStamp(stampsOf(before), 'reviewedAt', at, ctx.now());
  const me = actorName(ctx);
  const reviewerName = input.reviewerName ?? me;
  ctx.db.update(faults).set({ status: 'reviewed', reviewedAt: at, reviewedBy: me, reviewerName, ...stampUpdate(ctx) }).where(eq(faults.id, before.id)).run();
  noteBackfill(ctx, before.id, 'reviewedAt', at, input.reason);
  const after = reload(ctx, before.id);
  ctx.track('fault', before.id, auditShape(before), auditShape(after));
  return faultView(ctx, after);
}

export function checkAlertItem(ctx: CallContext, input: In<'faults/check-alert'>): Fault {
  const before = mustLoad(ctx, input.id);
  assertEditable(ctx, before);
  if (!tickableKeys(before.alertLevel).includes(input.item)) {
    throw new AppError('VALIDATION', t('fault.unknownAlertItem', { level: String(before.alertLevel), item: input.item }));
  }
  const checks = { ...(before.alertChecks ?? {}) };
  if (input.done) checks[input.item] = { at: ctx.nowIso(), by: actorName(ctx) };
  else delete checks[input.item];
  ctx.db.update(faults).set({ alertChecks: checks, ...stampUpdate(ctx) }).where(eq(faults.id, before.id)).run();
  const after = reload(ctx, before.id);
  ctx.track('fault', before.id, { alertChecks: before.alertChecks }, { alertChecks: after.alertChecks });
  return faultView(ctx, after);
}

export function getFault(ctx: CallContext, id: string): Fault {
  return faultView(ctx, mustLoad(ctx, id));
}

/**
 * Deletes a fault reported by mistake (a duplicate): the project manager only, with a reason,
 * never once reviewed or while work orders point at it. The row is kept (soft delete) and the
 * audit row holds the whole record and the reason; its 文档编号 is never given again.
 */
export function deleteFault(ctx: CallContext, input: In<'faults/delete'>): { id: string; docNo: string } {
  const before = mustLoad(ctx, input.id);
  if (before.status === 'reviewed') throw new AppError('CONFLICT', t('fault.deleteReviewed'));
  const linked = ctx.db
    .select({ docNo: workOrders.docNo })
    .from(workOrders)
    .where(and(eq(workOrders.faultId, before.id), isNull(workOrders.deletedAt)))
    .all();
  if (linked.length) throw new AppError('CONFLICT', t('fault.deleteHasWorkOrders', { docNos: linked.map((w) => w.docNo).join('、') }));
  ctx.db.update(faults).set({ deletedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(eq(faults.id, before.id)).run();
  ctx.track('fault', before.id, auditShape(before), { deleted: true, reason: input.reason });
  return { id: before.id, docNo: before.docNo };
}
