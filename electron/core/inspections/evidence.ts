/**
 * Probe evidence of the round: the latest result of each check on the business date, the
 * verdict it gives an item, the linked raw output, and the pre-fill of a run from it.
 */
import { eq } from 'drizzle-orm';
import type { Aspect } from '../../../shared/contract/inspections';
import { compareLevels, isResultLevel, worst, type ResultLevel } from '../../../shared/levels';
import { bizDayRange } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { assetRows } from '../assets/service';
import { checkAspects, partsOf } from '../probes/aspects';
import { inspectionResults } from './schema';
import { aspectsOfSource } from './items';
import type { Abnormal } from './notify';
import { resultsOf, type Ctx, type ItemRow, type RunRow } from './repo';

/** 操作人 of a value taken from a probe. */
export const AUTO_OPERATOR = '自动探测';

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

interface EvidenceDetail {
  probeResultId: string;
  checkLabel: string;
  kind: string;
  at: string;
  level: ResultLevel;
  summary: string;
  raw: string | null;
}

export function evidenceById(ctx: Ctx, ids: string[]): Map<string, EvidenceDetail> {
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
