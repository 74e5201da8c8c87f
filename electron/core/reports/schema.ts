import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';

/** Editable text of a 月报 (numbers are computed) and the platform statistic tables. */
export const monthlyReports = sqliteTable('monthly_reports', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  month: text('month').notNull(),
  summary: text('summary').notNull().default(''),
  typicalFaults: text('typical_faults').notNull().default(''),
  suggestions: text('suggestions').notNull().default(''),
  statistics: text('statistics', { mode: 'json' }),
}, (t) => [uniqueIndex('monthly_reports_uq').on(t.projectId, t.month)]);
