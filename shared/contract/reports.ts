// Channels of the reports feature: the 月报 (monthly report) — editable text stored in
// monthly_reports, numbers computed from the records (DOMAIN.md §7).
import { z } from 'zod';
import { channel, R, zMonth } from './define';

export const REPORT_TEXT_MAX = 20_000;

/** A platform statistic table the engineer enters (部门信息归集与处理情况统计表 …). */
export const zStatTable = z.object({
  title: z.string().trim().min(1).max(100),
  columns: z.array(z.string().max(40)).min(1).max(20),
  rows: z.array(z.array(z.union([z.string().max(200), z.number()])).max(20)).max(500),
});
export type StatTable = z.infer<typeof zStatTable>;
export const zReportStatistics = z.object({ tables: z.array(zStatTable).max(20) });

const zCount = z.number().int().nonnegative();

/** The figures of a month (or any range of months), computed, never typed in. */
export const zMonthFigures = z.object({
  from: z.string(),
  to: z.string(),
  faults: z.object({
    total: zCount,
    solved: zCount,
    bySeverity: z.array(z.object({ key: z.string(), label: z.string(), count: zCount })),
    byCategory: z.array(z.object({ key: z.string(), label: z.string(), count: zCount })),
  }),
  sla: z.object({
    faults: zCount,
    breachedFaults: zCount,
    breaches: zCount,
    /** Faults without any breach / faults, in percent (100 when no faults). */
    compliancePct: z.number(),
    byClock: z.array(z.object({ key: z.string(), label: z.string(), met: zCount, breached: zCount })),
    byEngineer: z.array(z.object({ engineer: z.string(), faults: zCount, breaches: zCount })),
  }),
  workOrders: z.object({ total: zCount, confirmed: zCount, done: zCount, open: zCount, hours: z.number() }),
  problems: z.object({ consult: zCount, defect: zCount, closed: zCount }),
  inspections: z.object({ runs: zCount, done: zCount, late: zCount, abnormal: zCount }),
  systems: z.array(z.object({ asset: z.string(), checks: zCount, normal: zCount, warning: zCount, severe: zCount, availabilityPct: z.number() })),
  /** Per month of the range (one row for a monthly report). */
  months: z.array(z.object({ month: z.string(), faults: zCount, breaches: zCount, workOrders: zCount })),
  attendance: z.array(z.object({ name: z.string(), present: z.number(), leave: z.number(), late: zCount, absent: z.number() })),
  typicalFaults: z.array(z.object({ docNo: z.string(), title: z.string(), severity: z.string(), date: z.string(), solution: z.string() })),
});
export type MonthFigures = z.infer<typeof zMonthFigures>;

export const zMonthlyReport = z.object({
  month: zMonth,
  /** Stored text (empty when not written yet). */
  summary: z.string(),
  typicalFaults: z.string(),
  suggestions: z.string(),
  statistics: zReportStatistics,
  /** Drafts made from the figures, for the fields still empty. */
  drafts: z.object({ summary: z.string(), typicalFaults: z.string(), suggestions: z.string() }),
  figures: zMonthFigures,
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MonthlyReport = z.infer<typeof zMonthlyReport>;

const zReportText = (label: string) => z.string().max(REPORT_TEXT_MAX, { message: `${label}最多 ${REPORT_TEXT_MAX} 个字` });

export const reportChannels = {
  'reports/monthly-get': channel({
    summary: 'The 月报 of a month: stored text, drafts and the computed figures.',
    access: R.anyone,
    mutates: false,
    input: z.object({ month: zMonth }),
    output: zMonthlyReport,
  }),
  'reports/monthly-save': channel({
    summary: 'Save the editable text (and platform statistic tables) of a 月报.',
    access: R.records,
    mutates: true,
    input: z.object({
      month: zMonth,
      summary: zReportText('服务总结'),
      typicalFaults: zReportText('典型故障'),
      suggestions: zReportText('改进建议'),
      statistics: zReportStatistics.optional(),
    }),
    output: zMonthlyReport,
  }),
  'reports/monthly-list': channel({
    summary: 'Which months of a range have a saved 月报.',
    access: R.anyone,
    mutates: false,
    input: z.object({ from: zMonth, to: zMonth }),
    output: z.array(z.object({ month: zMonth, saved: z.boolean(), updatedAt: z.string().nullable() })),
  }),
} as const;
