/** The 月报: editable text in monthly_reports, figures computed (reports/figures.ts). */
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import type { MonthlyReport, StatTable } from '../../../shared/contract/reports';
import { formatMonth } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { draftTexts, monthFigures } from './figures';
import { monthlyReports } from './schema';

type Row = typeof monthlyReports.$inferSelect;

function rowOf(ctx: CallContext, month: string): Row | undefined {
  return ctx.db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.projectId, ctx.project().id), eq(monthlyReports.month, month), isNull(monthlyReports.deletedAt)))
    .get();
}

function tablesOf(raw: unknown): StatTable[] {
  if (raw && typeof raw === 'object' && Array.isArray((raw as { tables?: unknown }).tables)) return (raw as { tables: StatTable[] }).tables;
  return [];
}

export function getMonthlyReport(ctx: CallContext, month: string): MonthlyReport {
  const row = rowOf(ctx, month);
  const figures = monthFigures(ctx, month, month);
  return {
    month,
    summary: row?.summary ?? '',
    typicalFaults: row?.typicalFaults ?? '',
    suggestions: row?.suggestions ?? '',
    statistics: { tables: tablesOf(row?.statistics) },
    drafts: draftTexts(figures, formatMonth(month)),
    figures,
    saved: !!row,
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** The text as printed: what the engineer wrote, else the draft. */
export function reportText(r: MonthlyReport): { summary: string; typicalFaults: string; suggestions: string } {
  return {
    summary: r.summary.trim() || r.drafts.summary,
    typicalFaults: r.typicalFaults.trim() || r.drafts.typicalFaults,
    suggestions: r.suggestions.trim() || r.drafts.suggestions,
  };
}

export function saveMonthlyReport(
  ctx: CallContext,
  input: { month: string; summary: string; typicalFaults: string; suggestions: string; statistics?: { tables: StatTable[] } | undefined },
): MonthlyReport {
  const before = rowOf(ctx, input.month);
  const fields = { summary: input.summary, typicalFaults: input.typicalFaults, suggestions: input.suggestions };
  if (before) {
    ctx.db
      .update(monthlyReports)
      .set({ ...fields, ...(input.statistics ? { statistics: input.statistics } : {}), ...stampUpdate(ctx) })
      .where(eq(monthlyReports.id, before.id))
      .run();
    ctx.track('monthly_report', before.id, { summary: before.summary, typicalFaults: before.typicalFaults, suggestions: before.suggestions }, fields);
  } else {
    const row = { ...stampNew(ctx), projectId: ctx.project().id, month: input.month, ...fields, statistics: input.statistics ?? { tables: [] } };
    ctx.db.insert(monthlyReports).values(row).run();
    ctx.track('monthly_report', row.id, null, { month: input.month, ...fields });
  }
  return getMonthlyReport(ctx, input.month);
}

export function listMonthlyReports(ctx: CallContext, from: string, to: string): Array<{ month: string; saved: boolean; updatedAt: string | null }> {
  const rows = ctx.db
    .select({ month: monthlyReports.month, updatedAt: monthlyReports.updatedAt, summary: monthlyReports.summary })
    .from(monthlyReports)
    .where(and(eq(monthlyReports.projectId, ctx.project().id), gte(monthlyReports.month, from), lte(monthlyReports.month, to), isNull(monthlyReports.deletedAt)))
    .all();
  const by = new Map(rows.map((r) => [r.month, r]));
  const out: Array<{ month: string; saved: boolean; updatedAt: string | null }> = [];
  for (let m = from; m <= to; ) {
    const r = by.get(m);
    out.push({ month: m, saved: !!r, updatedAt: r?.updatedAt ?? null });
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  return out;
}
