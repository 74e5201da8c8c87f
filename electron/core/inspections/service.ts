/**
 * The daily round: a run is one filled sheet of a template for a business date and slot.
 * Items come from the template (per asset and fixed ones); a run starts pre-filled from the
 * latest probe evidence of that day (the probe result, raw output included, stays linked);
 * the engineer ticks the rest. Changing a probe's verdict needs a reason. Warning and severe
 * results raise a `notify` event at once and offer a pre-filled fault report; a severe result
 * pauses the run until the project manager decides to continue or stop (DOMAIN.md §3).
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Aspect, RunDetail, RunItem, RunStatus, RunSummary, Template, Today } from '../../../shared/contract/inspections';
import { RUN_STATUSES } from '../../../shared/contract/inspections';
import type { FaultDraft } from '../../../shared/contract/faults';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { compareLevels, countLevels, isResultLevel, RESULT_LEVEL_LABELS, worst, type ResultLevel } from '../../../shared/levels';
import { addMinutes, bizDateTimeToInstant, bizDayRange, toBizDate } from '../../../shared/time';
import { isWorkingDay } from '../../../shared/attendance/calendar';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { users } from '../accounts/schema';
import { assets } from '../assets/schema';
import { assetRows } from '../assets/service';
import { checkAspects, partsOf } from '../probes/aspects';
import { prefillFaultFrom } from '../faults/prefill';
import { inspectionItems, inspectionResults, inspectionRuns, inspectionSchedule, inspectionTemplates } from './schema';
import { probeSweeps } from '../probes/schema';
import { itemForAsset, listTemplates, templateByCode } from './templates';

/** 操作人 of a value taken from a probe. */
export const AUTO_OPERATOR = '自动探测';

type Ctx = Pick<CallContext, 'db' | 'sqlite' | 'project' | 'now' | 'nowIso' | 'actor' | 'newId'>;
type RunRow = typeof inspectionRuns.$inferSelect;
type ItemRow = typeof inspectionItems.$inferSelect;
type ResultRow = typeof inspectionResults.$inferSelect;
type AssetRow = typeof assets.$inferSelect;

export function actorInfo(ctx: Pick<CallContext, 'db' | 'actor'>): { name: string; staffId: string | null } {
  if (ctx.actor.userId) {
    const u = ctx.db.select({ displayName: users.displayName, staffId: users.staffId }).from(users).where(eq(users.id, ctx.actor.userId)).get();
    if (u) return { name: u.displayName, staffId: u.staffId };
  }
  return { name: ctx.actor.username, staffId: null };
}

function templateRowId(ctx: Ctx, code: string): string {
  const r = ctx.db
    .select({ id: inspectionTemplates.id })
    .from(inspectionTemplates)
    .where(and(eq(inspectionTemplates.projectId, ctx.project().id), eq(inspectionTemplates.code, code), isNull(inspectionTemplates.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', t('inspection.noTemplate', { code }));
  return r.id;
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

interface DesiredItem {
  assetId: string | null;
  key: string;
  column: string;
  label: string;
  source: string;
  steps: string;
  sort: number;
}

const itemKey = (assetId: string | null, key: string): string => `${assetId ?? ''}|${key}`;

/** The items a template asks for today: per live asset (its variant), then the fixed ones. */
export function desiredItems(ctx: Pick<CallContext, 'db' | 'project'>, tpl: Template, live: AssetRow[] = assetRows(ctx)): DesiredItem[] {
  const out: DesiredItem[] = [];
  live.forEach((a, ai) => {
    (tpl.layout.perAsset ?? []).forEach((def, di) => {
      const v = itemForAsset(def, a.contentCategory);
      if (v) out.push({ assetId: a.id, key: def.key, column: def.column, label: v.label, source: v.aspects.join(',') || 'manual', steps: v.steps, sort: ai * 100 + di });
    });
  });
  const byName = new Map(live.map((a) => [a.name, a.id]));
  (tpl.layout.fixed ?? []).forEach((def, fi) => {
    out.push({ assetId: def.assetName ? (byName.get(def.assetName) ?? null) : null, key: def.key, column: def.column, label: def.label, source: def.aspects.join(',') || 'manual', steps: def.steps, sort: 1_000_000 + fi });
  });
  return out;
}

function itemRows(ctx: Ctx, templateId: string): ItemRow[] {
  return ctx.db
    .select()
    .from(inspectionItems)
    .where(and(eq(inspectionItems.templateId, templateId), isNull(inspectionItems.deletedAt)))
    .orderBy(asc(inspectionItems.sort))
    .all();
}

/** Writes the template's items for the current assets (added, relabelled); returns them in order. */
export function ensureItems(ctx: Ctx, tpl: Template): ItemRow[] {
  const templateId = templateRowId(ctx, tpl.code);
  const existing = new Map(itemRows(ctx, templateId).map((r) => [itemKey(r.assetId, r.key), r]));
  const out: ItemRow[] = [];
  for (const d of desiredItems(ctx, tpl)) {
    const have = existing.get(itemKey(d.assetId, d.key));
    if (!have) {
      const row = { ...stampNew(ctx), templateId, ...d };
      ctx.db.insert(inspectionItems).values(row).run();
      out.push(row);
    } else if (have.label !== d.label || have.column !== d.column || have.source !== d.source || have.steps !== d.steps || have.sort !== d.sort) {
      ctx.db.update(inspectionItems).set({ ...d, ...stampUpdate(ctx) }).where(eq(inspectionItems.id, have.id)).run();
      out.push({ ...have, ...d });
    } else out.push(have);
  }
  return out;
}

function resultsOf(ctx: Ctx, runId: string): ResultRow[] {
  return ctx.db
    .select()
    .from(inspectionResults)
    .where(and(eq(inspectionResults.runId, runId), isNull(inspectionResults.deletedAt)))
    .all();
}

/** The items of a run: those with results, plus (while it is not finished) what the template asks for now. */
function runItems(ctx: Ctx, run: RunRow, tpl: Template, results: ResultRow[]): ItemRow[] {
  const rows = itemRows(ctx, run.templateId);
  const withResult = new Set(results.map((r) => r.itemId));
  if (run.status === 'done' || run.status === 'stopped') return rows.filter((r) => withResult.has(r.id));
  const want = new Set(desiredItems(ctx, tpl).map((d) => itemKey(d.assetId, d.key)));
  return rows.filter((r) => withResult.has(r.id) || want.has(itemKey(r.assetId, r.key)));
}

// ---------------------------------------------------------------------------------------------
// Probe evidence
// ---------------------------------------------------------------------------------------------

export interface EvidenceRow {
  resultId: string;
  checkId: string;
  assetId: string;
  kind: string;
  label: string;
  config: unknown;
  aspect: string | null;
  level: string;
  summary: string;
  at: string;
  metrics: unknown;
}

/** The latest result of each enabled check of the assets within [since, until]. */
export function latestEvidence(ctx: Pick<CallContext, 'sqlite'>, assetIds: readonly string[], since: string, until: string): Map<string, EvidenceRow[]> {
  const out = new Map<string, EvidenceRow[]>();
  if (assetIds.length === 0) return out;
  const stmt = ctx.sqlite.prepare(
    `SELECT r.id AS resultId, c.id AS checkId, c.asset_id AS assetId, c.kind, c.label, c.config, c.aspect, r.level, r.summary, r.started_at AS at, r.metrics
     FROM probe_checks c JOIN probe_results r ON r.id = (
       SELECT id FROM probe_results WHERE check_id = c.id AND deleted_at IS NULL AND started_at >= ? AND started_at <= ? ORDER BY started_at DESC LIMIT 1)
     WHERE c.deleted_at IS NULL AND c.enabled = 1 AND c.asset_id = ?`,
  );
  for (const id of assetIds) {
    const rows = stmt.all(since, until, id) as Array<Omit<EvidenceRow, 'config' | 'metrics'> & { config: string | null; metrics: string | null }>;
    out.set(
      id,
      rows.map((r) => ({ ...r, config: r.config ? (JSON.parse(r.config) as unknown) : null, metrics: r.metrics ? (JSON.parse(r.metrics) as unknown) : null })),
    );
  }
  return out;
}

interface Verdict {
  level: ResultLevel;
  value: string;
  probeResultId: string;
}

/** What the evidence says about an item with these aspects (null: nothing measured it). */
export function verdictFor(evidence: readonly EvidenceRow[], aspects: readonly Aspect[]): Verdict | null {
  const want = new Set(aspects);
  const candidates: Array<{ level: ResultLevel; summary: string; resultId: string }> = [];
  for (const ev of evidence) {
    if (!isResultLevel(ev.level)) continue;
    const parts = partsOf(ev.metrics);
    if (parts && parts.length) {
      // An SSH result speaks through its parts (login, disk, memory…), one per item it measured.
      for (const p of parts) if (want.has(p.aspect)) candidates.push({ level: p.level, summary: p.summary, resultId: ev.resultId });
      continue;
    }
    if (checkAspects(ev.kind, ev.config, ev.aspect).some((a) => want.has(a))) candidates.push({ level: ev.level, summary: ev.summary, resultId: ev.resultId });
  }
  if (candidates.length === 0) return null;
  const level = worst(candidates.map((c) => c.level));
  const pick = candidates.find((c) => c.level === level) ?? candidates[0]!;
  const summaries = [...new Set(candidates.filter((c) => c.level === level).map((c) => c.summary).filter(Boolean))];
  return { level, value: summaries.join('；').slice(0, 200), probeResultId: pick.resultId };
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

function slotLabel(tpl: Template, slot: string): string {
  return tpl.layout.slots?.find((s) => s.code === slot)?.label ?? slot;
}

function asStatus(s: string): RunStatus {
  return RUN_STATUSES.find((x) => x === s) ?? 'open';
}

export function isLate(run: Pick<RunRow, 'status' | 'late' | 'dueAt'>, now: Date): boolean {
  if (run.status === 'done') return run.late;
  if (run.status === 'stopped') return false;
  return run.late || now.getTime() > Date.parse(run.dueAt);
}

function summaryOf(ctx: Ctx, run: RunRow, tpl: Template, items: number, results: ReadonlyArray<Pick<ResultRow, 'level'>>): RunSummary {
  const levels = results.map((r) => r.level).filter(isResultLevel);
  const decisionMinutes = ctx.project().settings.inspection.severeDecisionMinutes;
  return {
    id: run.id,
    templateCode: tpl.code,
    templateTitle: tpl.title,
    bizDate: run.bizDate,
    slot: run.slot,
    slotLabel: slotLabel(tpl, run.slot),
    status: asStatus(run.status),
    inspectorName: run.inspectorName,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    dueAt: run.dueAt,
    late: isLate(run, ctx.now()),
    items,
    filled: results.length,
    counts: countLevels(levels),
    pausedReason: run.pausedReason,
    pausedAt: run.pausedAt,
    decisionDueAt: run.status === 'paused' && run.pausedAt ? addMinutes(run.pausedAt, decisionMinutes) : null,
    decision: run.decision === 'continue' || run.decision === 'stop' ? run.decision : null,
    decisionReason: run.decisionReason,
    decidedBy: run.decidedBy,
    decidedAt: run.decidedAt,
    remarks: run.remarks,
  };
}

function runRow(ctx: Ctx, id: string): RunRow {
  const r = ctx.db.select().from(inspectionRuns).where(and(eq(inspectionRuns.id, id), isNull(inspectionRuns.deletedAt))).get();
  if (!r) throw new AppError('NOT_FOUND', t('inspection.runNotFound'));
  return r;
}

function templateOfRun(ctx: Ctx, run: RunRow): Template {
  const tpl = listTemplates(ctx).find((x) => x.id === run.templateId);
  if (!tpl) throw new AppError('NOT_FOUND', t('inspection.runNotFound'));
  return tpl;
}

export function runSummary(ctx: Ctx, id: string): RunSummary {
  const run = runRow(ctx, id);
  const tpl = templateOfRun(ctx, run);
  const results = resultsOf(ctx, run.id);
  return summaryOf(ctx, run, tpl, runItems(ctx, run, tpl, results).length, results);
}

interface EvidenceDetail {
  probeResultId: string;
  checkLabel: string;
  kind: string;
  at: string;
  level: ResultLevel;
  summary: string;
  raw: string | null;
}

function evidenceById(ctx: Ctx, ids: string[]): Map<string, EvidenceDetail> {
  const out = new Map<string, EvidenceDetail>();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const rows = ctx.sqlite
      .prepare(
        `SELECT r.id, c.label AS checkLabel, c.kind, r.started_at AS at, r.level, r.summary, r.raw
         FROM probe_results r JOIN probe_checks c ON c.id = r.check_id WHERE r.id IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(...chunk) as Array<{ id: string; checkLabel: string; kind: string; at: string; level: string; summary: string; raw: string | null }>;
    for (const r of rows) if (isResultLevel(r.level)) out.set(r.id, { probeResultId: r.id, checkLabel: r.checkLabel, kind: r.kind, at: r.at, level: r.level, summary: r.summary, raw: r.raw });
  }
  return out;
}

function aspectsOfSource(source: string): Aspect[] {
  return source === 'manual' ? [] : (source.split(',').filter(Boolean) as Aspect[]);
}

function resultView(r: ResultRow): RunItem['result'] {
  if (!isResultLevel(r.level)) return null;
  return {
    id: r.id,
    level: r.level,
    value: r.value,
    note: r.note,
    operator: r.operator,
    at: r.updatedAt,
    fromProbe: r.probeResultId !== null && r.operator === AUTO_OPERATOR && !r.overridden,
    overridden: r.overridden,
    overrideReason: r.overrideReason,
  };
}

function canDecide(ctx: Ctx): boolean {
  return ctx.actor.roles.includes('manager');
}

export function getRun(ctx: Ctx, id: string): RunDetail {
  const run = runRow(ctx, id);
  const tpl = templateOfRun(ctx, run);
  const results = resultsOf(ctx, run.id);
  const items = runItems(ctx, run, tpl, results);
  const byItem = new Map(results.map((r) => [r.itemId, r]));
  const ev = evidenceById(ctx, [...new Set(results.map((r) => r.probeResultId).filter((x): x is string => x !== null))]);
  const live = new Map(
    ctx.db
      .select()
      .from(assets)
      .where(eq(assets.projectId, ctx.project().id))
      .all()
      .map((a) => [a.id, a]),
  );
  const rows: RunDetail['rows'] = [];
  const rowOf = new Map<string, RunDetail['rows'][number]>();
  for (const it of items) {
    const a = it.assetId ? live.get(it.assetId) : undefined;
    const fixed = it.sort >= 1_000_000;
    const key = fixed ? `fixed|${it.column}` : (it.assetId ?? '');
    let row = rowOf.get(key);
    if (!row) {
      row = fixed ? { assetId: null, assetName: it.column, ip: '', nodeGroup: '', items: [] } : { assetId: it.assetId, assetName: a?.name ?? '', ip: a?.ip ?? '', nodeGroup: a?.nodeGroup ?? '', items: [] };
      rowOf.set(key, row);
      rows.push(row);
    }
    const r = byItem.get(it.id);
    row.items.push({
      itemId: it.id,
      key: it.key,
      column: it.column,
      label: fixed && a ? `${it.label}` : it.label,
      aspects: aspectsOfSource(it.source),
      steps: it.steps,
      result: r ? resultView(r) : null,
      evidence: r?.probeResultId ? (ev.get(r.probeResultId) ?? null) : null,
    });
  }
  return { run: summaryOf(ctx, run, tpl, items.length, results), rows, canDecide: canDecide(ctx) };
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

interface Abnormal {
  /** The inspection result, for the offer of a pre-filled fault report. */
  resultId?: string;
  assetName: string;
  label: string;
  level: ResultLevel;
  value: string;
}

export function runLink(runId: string): string {
  return `#/inspections/run/${encodeURIComponent(runId)}`;
}

/** The pre-filled fault report of the first entry at the worst level, when it has a result id. */
function faultLinkOf(entries: Abnormal[], level: ResultLevel): { fault?: string } {
  const id = entries.find((e) => e.level === level && e.resultId)?.resultId;
  return id ? { fault: `#/faults/new/inspection/${encodeURIComponent(id)}` } : {};
}

function notifyAbnormal(ctx: Pick<CallContext, 'emit' | 'project'>, run: Pick<RunRow, 'id' | 'bizDate'>, title: string, entries: Abnormal[]): void {
  if (entries.length === 0) return;
  const level = worst(entries.map((e) => e.level));
  const lines = entries.slice(0, 6).map((e) => `${e.assetName ? `${e.assetName} ` : ''}${e.label}：${RESULT_LEVEL_LABELS[e.level]}${e.value ? `（${e.value}）` : ''}`);
  if (entries.length > 6) lines.push(`…… 共 ${entries.length} 项`);
  if (level === 'severe') lines.push(t('inspection.pausedNotice', { minutes: ctx.project().settings.inspection.severeDecisionMinutes }));
  ctx.emit({
    type: 'notify',
    level: level === 'severe' ? 'severe' : 'warn',
    title: t(level === 'severe' ? 'inspection.notifySevere' : 'inspection.notifyWarning', { title, date: run.bizDate }),
    body: lines.join('\n'),
    link: runLink(run.id),
    ...faultLinkOf(entries, level),
  });
}

function pause(ctx: Ctx, run: RunRow, reason: string): void {
  ctx.db
    .update(inspectionRuns)
    .set({ status: 'paused', pausedAt: ctx.nowIso(), pausedReason: reason.slice(0, 500), decision: null, decisionReason: null, decidedBy: null, decidedAt: null, ...stampUpdate(ctx) })
    .where(eq(inspectionRuns.id, run.id))
    .run();
}

// ---------------------------------------------------------------------------------------------
// Pre-fill
// ---------------------------------------------------------------------------------------------

/**
 * Fills (or refreshes) the items a probe measured that day; items set by hand stay. Returns
 * the abnormal items newly reported (for the notification).
 */
export function prefillRun(ctx: Ctx, run: RunRow, items: ItemRow[], until: string): Abnormal[] {
  const { start } = bizDayRange(run.bizDate);
  const assetIds = [...new Set(items.map((i) => i.assetId).filter((x): x is string => x !== null))];
  const evidence = latestEvidence(ctx, assetIds, start, until);
  const existing = new Map(resultsOf(ctx, run.id).map((r) => [r.itemId, r]));
  const names = new Map(assetRows(ctx).map((a) => [a.id, a.name]));
  const abnormal: Abnormal[] = [];
  for (const it of items) {
    const aspects = aspectsOfSource(it.source);
    if (!it.assetId || aspects.length === 0) continue;
    const v = verdictFor(evidence.get(it.assetId) ?? [], aspects);
    if (!v) continue;
    const have = existing.get(it.id);
    if (have && have.operator !== AUTO_OPERATOR) continue; // set by hand: kept
    if (have && have.probeResultId === v.probeResultId && have.level === v.level) continue;
    let resultId: string;
    if (have) {
      ctx.db.update(inspectionResults).set({ level: v.level, value: v.value, probeResultId: v.probeResultId, ...stampUpdate(ctx) }).where(eq(inspectionResults.id, have.id)).run();
      resultId = have.id;
    } else {
      const row = { ...stampNew(ctx), runId: run.id, itemId: it.id, assetId: it.assetId, level: v.level, value: v.value, note: '', probeResultId: v.probeResultId, overridden: false, overrideReason: null, operator: AUTO_OPERATOR };
      ctx.db.insert(inspectionResults).values(row).run();
      resultId = row.id;
    }
    const wasLevel = have && isResultLevel(have.level) ? have.level : 'normal';
    if (v.level !== 'normal' && compareLevels(v.level, wasLevel) > 0) abnormal.push({ resultId, assetName: names.get(it.assetId) ?? '', label: it.label, level: v.level, value: v.value });
  }
  return abnormal;
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

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/**
 * Summaries of many runs. The results are counted in SQL (run, level, count) rather than
 * loaded row by row: a month of runs has thousands of results and the list needs only their
 * levels and number.
 */
function summariesOf(ctx: Ctx, runs: RunRow[], templates: Map<string, Template> = new Map(listTemplates(ctx).map((x) => [x.id, x]))): RunSummary[] {
  if (runs.length === 0) return [];
  let live: AssetRow[] | undefined; // read only when a run is still open
  const desiredCount = new Map<string, number>();
  const levels = new Map<string, Array<{ level: string }>>();
  for (let i = 0; i < runs.length; i += 300) {
    const ids = runs.slice(i, i + 300).map((r) => r.id);
    const rows = ctx.sqlite
      .prepare(`SELECT run_id AS runId, level, COUNT(*) AS n FROM inspection_results WHERE run_id IN (${ids.map(() => '?').join(',')}) AND deleted_at IS NULL GROUP BY run_id, level`)
      .all(...ids) as Array<{ runId: string; level: string; n: number }>;
    for (const r of rows) {
      const list = levels.get(r.runId) ?? [];
      for (let k = 0; k < r.n; k++) list.push({ level: r.level });
      levels.set(r.runId, list);
    }
  }
  return runs.flatMap((run) => {
    const tpl = templates.get(run.templateId);
    if (!tpl) return [];
    const rs = levels.get(run.id) ?? [];
    let items = rs.length;
    if (run.status !== 'done' && run.status !== 'stopped') {
      let n = desiredCount.get(tpl.id);
      if (n === undefined) {
        live ??= assetRows(ctx);
        n = desiredItems(ctx, tpl, live).length;
        desiredCount.set(tpl.id, n);
      }
      items = Math.max(n, rs.length);
    }
    return [summaryOf(ctx, run, tpl, items, rs)];
  });
}

/** Runs between two business dates, newest first. Uses inspection_runs_date_idx. */
export function listRuns(ctx: Ctx, input: { from: string; to: string; templateCode?: string | undefined }): RunSummary[] {
  const conds = [gte(inspectionRuns.bizDate, input.from), lte(inspectionRuns.bizDate, input.to), isNull(inspectionRuns.deletedAt)];
  if (input.templateCode) conds.push(eq(inspectionRuns.templateId, templateRowId(ctx, input.templateCode)));
  const runs = ctx.db.select().from(inspectionRuns).where(and(...conds)).orderBy(desc(inspectionRuns.bizDate), desc(inspectionRuns.slot)).limit(2000).all();
  const templates = new Map(listTemplates(ctx).map((x) => [x.id, x]));
  return summariesOf(
    ctx,
    runs.filter((r) => templates.has(r.templateId)),
    templates,
  );
}

/** The round of a business date at a glance. */
export function todayView(ctx: Ctx, date?: string): Today {
  const bizDate = date ?? toBizDate(ctx.now());
  const project = ctx.project();
  const settings = project.settings.inspection;
  const daily = templateByCode(ctx, 'daily');
  const runs = listRuns(ctx, { from: bizDate, to: bizDate });
  const sched = ctx.db
    .select({ slot: inspectionSchedule.slot, ranAt: inspectionSchedule.ranAt, late: inspectionSchedule.late, sweepId: inspectionSchedule.sweepId })
    .from(inspectionSchedule)
    .where(and(eq(inspectionSchedule.projectId, project.id), eq(inspectionSchedule.kind, 'sweep'), eq(inspectionSchedule.bizDate, bizDate)))
    .all();
  const slots = (daily.layout.slots ?? []).map((s) => {
    const at = bizDateTimeToInstant(bizDate, settings.exchangeCheckTimes[s.exchangeIndex] ?? project.settings.officeHours.start);
    const sc = sched.find((x) => x.slot === s.code);
    let sweep: Today['slots'][number]['sweep'] = null;
    if (sc) {
      const sw = sc.sweepId ? ctx.db.select().from(probeSweeps).where(eq(probeSweeps.id, sc.sweepId)).get() : undefined;
      sweep = { id: sc.sweepId, ranAt: sc.ranAt, late: sc.late, status: sw?.status ?? 'done', counts: { normal: sw?.normal ?? 0, warning: sw?.warning ?? 0, severe: sw?.severe ?? 0 } };
    }
    return { slot: s.code, label: s.label, at, sweep, run: runs.find((r) => r.templateCode === 'daily' && r.slot === s.code) ?? null };
  });
  const working = isWorkingDay(bizDate);
  const dueAt = bizDateTimeToInstant(bizDate, settings.dueTime);
  const runIds = runs.map((r) => r.id);
  const failing: Today['failing'] = [];
  if (runIds.length) {
    const rows = ctx.db
      .select({ runId: inspectionResults.runId, resultId: inspectionResults.id, assetId: inspectionResults.assetId, level: inspectionResults.level, value: inspectionResults.value, label: inspectionItems.label, column: inspectionItems.column, assetName: assets.name })
      .from(inspectionResults)
      .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionResults.itemId))
      .leftJoin(assets, eq(assets.id, inspectionResults.assetId))
      .where(and(inArray(inspectionResults.runId, runIds), isNull(inspectionResults.deletedAt)))
      .all();
    for (const r of rows) {
      if (!isResultLevel(r.level) || r.level === 'normal') continue;
      failing.push({ runId: r.runId, resultId: r.resultId, assetId: r.assetId, assetName: r.assetName ?? r.column, label: r.label, level: r.level, value: r.value });
    }
    failing.sort((a, b) => compareLevels(b.level, a.level) || a.assetName.localeCompare(b.assetName, 'zh-CN'));
  }
  const dailyRuns = runs.filter((r) => r.templateCode === 'daily');
  const expected = working ? slots.length : dailyRuns.length;
  return {
    bizDate,
    working,
    dueAt,
    slots,
    done: dailyRuns.filter((r) => r.status === 'done').length,
    total: Math.max(expected, dailyRuns.length),
    late: runs.filter((r) => r.late),
    failing,
    paused: runs.filter((r) => r.status === 'paused'),
  };
}

export function assetHistory(ctx: Ctx, input: { assetId: string; limit: number }) {
  const rows = ctx.db
    .select({ runId: inspectionResults.runId, key: inspectionItems.key, label: inspectionItems.label, level: inspectionResults.level, value: inspectionResults.value, bizDate: inspectionRuns.bizDate, slot: inspectionRuns.slot, templateId: inspectionRuns.templateId })
    .from(inspectionResults)
    .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionResults.itemId))
    .innerJoin(inspectionRuns, eq(inspectionRuns.id, inspectionResults.runId))
    .where(and(eq(inspectionResults.assetId, input.assetId), isNull(inspectionResults.deletedAt), isNull(inspectionRuns.deletedAt)))
    .orderBy(desc(inspectionRuns.bizDate), desc(inspectionRuns.slot), asc(inspectionItems.sort))
    .limit(input.limit * 12)
    .all();
  const templates = new Map(listTemplates(ctx).map((x) => [x.id, x]));
  const out: Array<{ runId: string; bizDate: string; slot: string; slotLabel: string; templateTitle: string; items: Array<{ key: string; label: string; level: ResultLevel; value: string }> }> = [];
  const byRun = new Map<string, (typeof out)[number]>();
  for (const r of rows) {
    if (!isResultLevel(r.level)) continue;
    let e = byRun.get(r.runId);
    if (!e) {
      if (out.length >= input.limit) continue;
      const tpl = templates.get(r.templateId);
      e = { runId: r.runId, bizDate: r.bizDate, slot: r.slot, slotLabel: tpl ? slotLabel(tpl, r.slot) : r.slot, templateTitle: tpl?.title ?? '', items: [] };
      byRun.set(r.runId, e);
      out.push(e);
    }
    e.items.push({ key: r.key, label: r.label, level: r.level, value: r.value });
  }
  return out;
}
