/**
 * Row-level reads of the round shared by the run use cases, views and lists: the row types,
 * a template's row id, a run and its template, a template's items and a run's results.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Template } from '../../../shared/contract/inspections';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CallContext } from '../context';
import { assets } from '../assets/schema';
import { inspectionItems, inspectionResults, inspectionRuns, inspectionTemplates } from './schema';
import { listTemplates } from './templates';

export type Ctx = Pick<CallContext, 'db' | 'sqlite' | 'project' | 'now' | 'nowIso' | 'actor' | 'newId'>;
export type RunRow = typeof inspectionRuns.$inferSelect;
export type ItemRow = typeof inspectionItems.$inferSelect;
export type ResultRow = typeof inspectionResults.$inferSelect;
export type AssetRow = typeof assets.$inferSelect;

export function templateRowId(ctx: Ctx, code: string): string {
  const r = ctx.db
    .select({ id: inspectionTemplates.id })
    .from(inspectionTemplates)
    .where(and(eq(inspectionTemplates.projectId, ctx.project().id), eq(inspectionTemplates.code, code), isNull(inspectionTemplates.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', t('inspection.noTemplate', { code }));
  return r.id;
}

export function itemRows(ctx: Ctx, templateId: string): ItemRow[] {
  return ctx.db
    .select()
    .from(inspectionItems)
    .where(and(eq(inspectionItems.templateId, templateId), isNull(inspectionItems.deletedAt)))
    .orderBy(asc(inspectionItems.sort))
    .all();
}

export function resultsOf(ctx: Ctx, runId: string): ResultRow[] {
  return ctx.db
    .select()
    .from(inspectionResults)
    .where(and(eq(inspectionResults.runId, runId), isNull(inspectionResults.deletedAt)))
    .all();
}

export function runRow(ctx: Ctx, id: string): RunRow {
  const r = ctx.db.select().from(inspectionRuns).where(and(eq(inspectionRuns.id, id), isNull(inspectionRuns.deletedAt))).get();
  if (!r) throw new AppError('NOT_FOUND', t('inspection.runNotFound'));
  return r;
}

export function templateOfRun(ctx: Ctx, run: RunRow): Template {
  const tpl = listTemplates(ctx).find((x) => x.id === run.templateId);
  if (!tpl) throw new AppError('NOT_FOUND', t('inspection.runNotFound'));
  return tpl;
}
