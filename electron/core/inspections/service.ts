/**
 * The daily round: a run is one filled sheet of a template for a business date and slot.
 * Items come from the template (per asset and fixed ones); a run starts pre-filled from the
 * latest probe evidence of that day (the probe result, raw output included, stays linked);
 * the engineer ticks the rest. Changing a probe's verdict needs a reason. Warning and severe
 * results raise a `notify` event at once and offer a pre-filled fault report; a severe result
 * pauses the run until the project manager decides to continue or stop (DOMAIN.md §3).
 *
 * This file holds the run's lifecycle (start, refill, set a result, complete, pause and the
 * manager's decision). The rest of the round lives beside it: `repo.ts` (row reads),
 * `items.ts` (what a template asks for), `evidence.ts` (probe evidence and the pre-fill),
 * `notify.ts` (the abnormal-result event), `run-view.ts` (a run as shown) and `lists.ts`
 * (runs by date, the day at a glance, an asset's history).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { RunDetail, RunItem, RunSummary, Template } from '../../../shared/contract/inspections';
import type { FaultDraft } from '../../../shared/contract/faults';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { compareLevels, isResultLevel, RESULT_LEVEL_LABELS, type ResultLevel } from '../../../shared/levels';
import { bizDateTimeToInstant, bizDayRange } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { users } from '../accounts/schema';
import { assets } from '../assets/schema';
import { assetRows } from '../assets/service';
import { prefillFaultFrom } from '../faults/prefill';
import { inspectionResults, inspectionRuns } from './schema';
import { templateByCode } from './templates';
import { AUTO_OPERATOR, latestEvidence, prefillRun, verdictFor } from './evidence';
import { aspectsOfSource, ensureItems, runItems } from './items';
import { notifyAbnormal, type Abnormal } from './notify';
import { resultsOf, runRow, templateOfRun, templateRowId, type Ctx, type RunRow } from './repo';
import { getRun, runSummary, slotLabel } from './run-view';

// Kept here for callers that import them from the service (demo data, scheduler, forms).

export function actorInfo(ctx: Pick<CallContext, 'db' | 'actor'>): { name: string; staffId: string | null } {
  if (ctx.actor.userId) {
    const u = ctx.db.select({ displayName: users.displayName, staffId: users.staffId }).from(users).where(eq(users.id, ctx.actor.userId)).get();
    if (u) return { name: u.displayName, staffId: u.staffId };
  }
  return { name: ctx.actor.username, staffId: null };
}

function pause(ctx: Ctx, run: RunRow, reason: string): void {
  ctx.db
    .update(inspectionRuns)
    .set({ status: 'paused', pausedAt: ctx.nowIso(), pausedReason: reason.slice(0, 500), decision: null, decisionReason: null, decidedBy: null, decidedAt: null, ...stampUpdate(ctx) })
    .where(eq(inspectionRuns.id, run.id))
    .run();
}

function afterPrefill(ctx: CallContext, run: RunRow, tpl: Template, abnormal: Abnormal[]): void {
  const severe = abnormal.filter((a) => a.level === 'severe');
  if (severe.length && run.status === 'open') pause(ctx, run, severe.map((a) => `${a.assetName} ${a.label}：严重${a.value ? `（${a.value}）` : ''}`).join('；'));
  notifyAbnormal(ctx, run, `${tpl.title}（${slotLabel(tpl, run.slot)}）`, abnormal);
}

// ---------------------------------------------------------------------------------------------
// Use cases
// ---------------------------------------------------------------------------------------------

export interface StartInput {
  templateCode: string;
  bizDate: string;
  slot: string;
}

/** Opens the run (or returns the one there is), pre-filled from the day's probe evidence. */
export function startRun(ctx: CallContext, input: StartInput, opts: { late?: boolean } = {}): RunDetail {
  const tpl = templateByCode(ctx, input.templateCode);
  if (tpl.layout.kind !== 'round') throw new AppError('VALIDATION', t('inspection.notFillable', { title: tpl.title }));
  if (!tpl.layout.slots?.some((s) => s.code === input.slot)) {
    throw new AppError('VALIDATION', t('inspection.badSlot', { slot: input.slot, slots: (tpl.layout.slots ?? []).map((s) => `${s.code}（${s.label}）`).join('、') }));
  }
  const templateId = templateRowId(ctx, tpl.code);
  const have = ctx.db
    .select({ id: inspectionRuns.id })
    .from(inspectionRuns)
    .where(and(eq(inspectionRuns.templateId, templateId), eq(inspectionRuns.bizDate, input.bizDate), eq(inspectionRuns.slot, input.slot), isNull(inspectionRuns.deletedAt)))
    .get();
  if (have) return getRun(ctx, have.id);
  const who = actorInfo(ctx);
  const settings = ctx.project().settings.inspection;
  const row: RunRow = {
    ...stampNew(ctx),
    templateId,
    bizDate: input.bizDate,
    slot: input.slot,
    status: 'open',
    inspectorId: who.staffId,
    inspectorName: ctx.actor.username.startsWith('system:') ? '' : who.name,
    startedAt: ctx.nowIso(),
    finishedAt: null,
    dueAt: bizDateTimeToInstant(input.bizDate, settings.dueTime),
    late: opts.late ?? false,
    pausedReason: null,
    pausedAt: null,
    decision: null,
    decisionReason: null,
    decidedBy: null,
    decidedAt: null,
    remarks: '',
  };
  ctx.db.insert(inspectionRuns).values(row).run();
  const items = ensureItems(ctx, tpl);
  const abnormal = prefillRun(ctx, row, items, ctx.nowIso());
  afterPrefill(ctx, row, tpl, abnormal);
  const detail = getRun(ctx, row.id);
  ctx.track('inspection_run', row.id, null, { template: tpl.code, bizDate: row.bizDate, slot: row.slot, prefilled: detail.run.filled, counts: detail.run.counts });
  return detail;
}

function assertOpen(run: RunRow): void {
  if (run.status === 'paused') throw new AppError('CONFLICT', t('inspection.paused'));
  if (run.status === 'done') throw new AppError('CONFLICT', t('inspection.alreadyDone'));
  if (run.status === 'stopped') throw new AppError('CONFLICT', t('inspection.stopped'));
}

export function refillRun(ctx: CallContext, runId: string): RunDetail {
  const run = runRow(ctx, runId);
  assertOpen(run);
  const tpl = templateOfRun(ctx, run);
  const before = runSummary(ctx, runId);
  const items = ensureItems(ctx, tpl);
  const abnormal = prefillRun(ctx, run, items, ctx.nowIso());
  afterPrefill(ctx, run, tpl, abnormal);
  const detail = getRun(ctx, runId);
  ctx.track('inspection_run', runId, { filled: before.filled, counts: before.counts }, { filled: detail.run.filled, counts: detail.run.counts, refilled: true });
  return detail;
}

export interface SetResultInput {
  runId: string;
  itemId: string;
  level: ResultLevel;
  value: string;
  note: string;
  overrideReason?: string | undefined;
}

export function setResult(ctx: CallContext, input: SetResultInput): { run: RunSummary; item: RunItem; faultDraft: FaultDraft | null } {
  const run = runRow(ctx, input.runId);
  assertOpen(run);
  const tpl = templateOfRun(ctx, run);
  const results = resultsOf(ctx, run.id);
  const item = runItems(ctx, run, tpl, results).find((i) => i.id === input.itemId);
  if (!item) throw new AppError('NOT_FOUND', t('inspection.itemNotFound'));
  const have = results.find((r) => r.itemId === item.id);
  // The probe's verdict, if a probe measured this item that day: changing it needs a reason.
  let probeLevel: ResultLevel | null = null;
  let probeResultId: string | null = null;
  if (have && have.operator === AUTO_OPERATOR && have.probeResultId && isResultLevel(have.level)) {
    probeLevel = have.level;
    probeResultId = have.probeResultId;
  } else if (item.assetId) {
    const v = verdictFor(latestEvidence(ctx, [item.assetId], bizDayRange(run.bizDate).start, ctx.nowIso()).get(item.assetId) ?? [], aspectsOfSource(item.source));
    probeLevel = v?.level ?? null;
    probeResultId = v?.probeResultId ?? have?.probeResultId ?? null;
  }
  const overridden = probeLevel !== null && probeLevel !== input.level;
  const reason = input.overrideReason?.trim() ?? '';
  if (overridden && !reason) {
    throw new AppError('VALIDATION', t('inspection.overrideReason', { level: RESULT_LEVEL_LABELS[probeLevel ?? 'normal'] }), [{ path: 'overrideReason', message: t('inspection.overrideReason', { level: RESULT_LEVEL_LABELS[probeLevel ?? 'normal'] }) }]);
  }
  const who = actorInfo(ctx);
  const value = input.value || (!overridden && have ? have.value : '');
  const fields = { level: input.level, value, note: input.note, operator: who.name, probeResultId, overridden, overrideReason: overridden ? reason : null };
  let resultId: string;
  if (have) {
    ctx.db.update(inspectionResults).set({ ...fields, ...stampUpdate(ctx) }).where(eq(inspectionResults.id, have.id)).run();
    resultId = have.id;
  } else {
    const row = { ...stampNew(ctx), runId: run.id, itemId: item.id, assetId: item.assetId, ...fields };
    ctx.db.insert(inspectionResults).values(row).run();
    resultId = row.id;
  }
  const assetName = item.assetId ? (ctx.db.select({ name: assets.name }).from(assets).where(eq(assets.id, item.assetId)).get()?.name ?? '') : '';
  const wasLevel: ResultLevel = have && isResultLevel(have.level) ? have.level : 'normal';
  let faultDraft: FaultDraft | null = null;
  if (input.level !== 'normal') {
    if (compareLevels(input.level, wasLevel) > 0 || !have) {
      if (input.level === 'severe') pause(ctx, run, `${assetName ? `${assetName} ` : ''}${item.label}：严重${value ? `（${value}）` : ''}`);
      notifyAbnormal(ctx, run, `${tpl.title}（${slotLabel(tpl, run.slot)}）`, [{ resultId, assetName, label: item.label, level: input.level, value }]);
    }
    faultDraft = prefillFaultFrom(ctx, { kind: 'inspection', resultId });
  }
  ctx.track('inspection_result', resultId, have ? { level: have.level, value: have.value, note: have.note } : null, { run: run.id, item: `${assetName} ${item.label}`, ...fields });
  const detail = getRun(ctx, run.id);
  const view = detail.rows.flatMap((r) => r.items).find((i) => i.itemId === item.id);
  if (!view) throw new AppError('NOT_FOUND', t('inspection.itemNotFound'));
  return { run: detail.run, item: view, faultDraft };
}

export function completeRun(ctx: CallContext, input: { runId: string; remarks?: string | undefined }): RunSummary {
  const run = runRow(ctx, input.runId);
  assertOpen(run);
  const tpl = templateOfRun(ctx, run);
  const results = resultsOf(ctx, run.id);
  const items = runItems(ctx, run, tpl, results);
  const filled = new Set(results.map((r) => r.itemId));
  const missing = items.filter((i) => !filled.has(i.id));
  if (missing.length) {
    const names = new Map(assetRows(ctx).map((a) => [a.id, a.name]));
    const list = missing.slice(0, 6).map((i) => `${i.assetId ? `${names.get(i.assetId) ?? ''} ` : ''}${i.label}`);
    throw new AppError('VALIDATION', t('inspection.unfilled', { count: missing.length, items: `${list.join('、')}${missing.length > 6 ? '……' : ''}` }));
  }
  const at = ctx.nowIso();
  const late = ctx.now().getTime() > Date.parse(run.dueAt);
  ctx.db
    .update(inspectionRuns)
    .set({ status: 'done', finishedAt: at, late, remarks: input.remarks ?? run.remarks, ...stampUpdate(ctx) })
    .where(eq(inspectionRuns.id, run.id))
    .run();
  const after = runSummary(ctx, run.id);
  ctx.track('inspection_run', run.id, { status: run.status }, { status: 'done', finishedAt: at, late, counts: after.counts });
  return after;
}

export function decideRun(ctx: CallContext, input: { runId: string; decision: 'continue' | 'stop'; reason: string }): RunSummary {
  const run = runRow(ctx, input.runId);
  if (run.status !== 'paused') throw new AppError('CONFLICT', t('inspection.notPaused'));
  const who = actorInfo(ctx);
  const at = ctx.nowIso();
  ctx.db
    .update(inspectionRuns)
    .set({
      status: input.decision === 'continue' ? 'open' : 'stopped',
      decision: input.decision,
      decisionReason: input.reason,
      decidedBy: who.name,
      decidedAt: at,
      finishedAt: input.decision === 'stop' ? at : null,
      ...stampUpdate(ctx),
    })
    .where(eq(inspectionRuns.id, run.id))
    .run();
  const after = runSummary(ctx, run.id);
  ctx.track('inspection_run', run.id, { status: run.status, pausedReason: run.pausedReason }, { status: after.status, decision: input.decision, reason: input.reason });
  return after;
}
