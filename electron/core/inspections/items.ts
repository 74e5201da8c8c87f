/**
 * The items of a round: what a template asks for, per live asset (its variant) and fixed, written
 * to the item table as assets come and go, and which of them belong to a given run.
 */
import { eq } from 'drizzle-orm';
import type { Aspect, Template } from '../../../shared/contract/inspections';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { assetRows } from '../assets/service';
import { inspectionItems } from './schema';
import { itemForAsset } from './templates';
import { itemRows, templateRowId, type AssetRow, type Ctx, type ItemRow, type ResultRow, type RunRow } from './repo';

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

/** The items of a run: those with results, plus (while it is not finished) what the template asks for now. */
export function runItems(ctx: Ctx, run: RunRow, tpl: Template, results: ResultRow[]): ItemRow[] {
  const rows = itemRows(ctx, run.templateId);
  const withResult = new Set(results.map((r) => r.itemId));
  if (run.status === 'done' || run.status === 'stopped') return rows.filter((r) => withResult.has(r.id));
  const want = new Set(desiredItems(ctx, tpl).map((d) => itemKey(d.assetId, d.key)));
  return rows.filter((r) => withResult.has(r.id) || want.has(itemKey(r.assetId, r.key)));
}

export function aspectsOfSource(source: string): Aspect[] {
  return source === 'manual' ? [] : (source.split(',').filter(Boolean) as Aspect[]);
}
