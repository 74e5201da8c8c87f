/**
 * A run as the UI shows it: its summary (status, lateness, counts, the severe-result decision
 * window) and its sheet of rows and items with results and linked probe evidence.
 */
import type { RunDetail, RunItem, RunStatus, RunSummary, Template } from '../../../shared/contract/inspections';
import { RUN_STATUSES } from '../../../shared/contract/inspections';
import { countLevels, isResultLevel } from '../../../shared/levels';
import { addMinutes } from '../../../shared/time';
import { assetIndex } from '../probes/checks';
import { AUTO_OPERATOR, evidenceById } from './evidence';
import { aspectsOfSource, runItems } from './items';
import { resultsOf, runRow, templateOfRun, type Ctx, type ResultRow, type RunRow } from './repo';

export function slotLabel(tpl: Template, slot: string): string {
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

export function summaryOf(ctx: Ctx, run: RunRow, tpl: Template, items: number, results: ReadonlyArray<Pick<ResultRow, 'level'>>): RunSummary {
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

export function runSummary(ctx: Ctx, id: string): RunSummary {
  const run = runRow(ctx, id);
  const tpl = templateOfRun(ctx, run);
  const results = resultsOf(ctx, run.id);
  return summaryOf(ctx, run, tpl, runItems(ctx, run, tpl, results).length, results);
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
  const live = assetIndex(ctx);
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
