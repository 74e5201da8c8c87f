import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';
import { assets } from '../assets/schema';
import { staff } from '../accounts/schema';
import { probeResults } from '../probes/schema';

/** The six forms of DOMAIN.md §3 as data: title, kind, columns. */
export const inspectionTemplates = sqliteTable('inspection_templates', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  code: text('code').notNull(),
  title: text('title').notNull(),
  formKind: text('form_kind').notNull(),
  cadence: text('cadence').notNull(),
  layout: text('layout', { mode: 'json' }).notNull(),
}, (t) => [uniqueIndex('inspection_templates_code_uq').on(t.projectId, t.code)]);

export const inspectionItems = sqliteTable('inspection_items', {
  ...baseColumns(),
  templateId: text('template_id').notNull().references(() => inspectionTemplates.id),
  assetId: text('asset_id').references(() => assets.id),
  column: text('column').notNull(),
  label: text('label').notNull(),
  /** Probe check kind that can pre-fill it, or 'manual'. */
  source: text('source').notNull(),
  sort: integer('sort').notNull().default(0),
  /** The item's key in the template layout (ping, disk, app1 …); with assetId it names the item. */
  key: text('key').notNull().default(''),
  /** 操作步骤 printed in the 巡检报告. */
  steps: text('steps').notNull().default(''),
}, (t) => [index('inspection_items_template_idx').on(t.templateId, t.sort)]);

/** A filled sheet for one business date and slot (AM/PM). */
export const inspectionRuns = sqliteTable('inspection_runs', {
  ...baseColumns(),
  templateId: text('template_id').notNull().references(() => inspectionTemplates.id),
  bizDate: text('biz_date').notNull(),
  slot: text('slot').notNull(),
  status: text('status').notNull(), // open | paused | done | stopped
  inspectorId: text('inspector_id').references(() => staff.id),
  inspectorName: text('inspector_name').notNull().default(''),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  dueAt: text('due_at').notNull(),
  late: integer('late', { mode: 'boolean' }).notNull().default(false),
  pausedReason: text('paused_reason'),
  pausedAt: text('paused_at'),
  decision: text('decision'),
  decisionReason: text('decision_reason'),
  /** 意见与建议 for the whole run (巡检报告). */
  remarks: text('remarks').notNull().default(''),
  decidedBy: text('decided_by'),
  decidedAt: text('decided_at'),
}, (t) => [
  uniqueIndex('inspection_runs_uq').on(t.templateId, t.bizDate, t.slot),
  index('inspection_runs_date_idx').on(t.bizDate),
]);

export const inspectionResults = sqliteTable('inspection_results', {
  ...baseColumns(),
  runId: text('run_id').notNull().references(() => inspectionRuns.id),
  itemId: text('item_id').notNull().references(() => inspectionItems.id),
  assetId: text('asset_id').references(() => assets.id),
  level: text('level').notNull(), // normal | warning | severe
  value: text('value').notNull().default(''),
  note: text('note').notNull().default(''),
  probeResultId: text('probe_result_id').references(() => probeResults.id),
  overridden: integer('overridden', { mode: 'boolean' }).notNull().default(false),
  overrideReason: text('override_reason'),
  /** 操作人: the engineer's name, or 自动探测 for a value taken from a probe. */
  operator: text('operator').notNull().default(''),
}, (t) => [
  uniqueIndex('inspection_results_uq').on(t.runId, t.itemId),
  index('inspection_results_asset_idx').on(t.assetId),
]);

/**
 * What the scheduler has done (exchange-check sweeps, the daily due time, reminders), one row per
 * slot and business date: a slot without a row is due. `late` marks a slot run after its time
 * (the PC was off).
 */
export const inspectionSchedule = sqliteTable('inspection_schedule', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  /** sweep | remind | due */
  kind: text('kind').notNull(),
  bizDate: text('biz_date').notNull(),
  slot: text('slot').notNull(),
  dueAt: text('due_at').notNull(),
  ranAt: text('ran_at').notNull(),
  late: integer('late', { mode: 'boolean' }).notNull().default(false),
  sweepId: text('sweep_id'),
  runId: text('run_id'),
  note: text('note').notNull().default(''),
}, (t) => [uniqueIndex('inspection_schedule_uq').on(t.projectId, t.kind, t.bizDate, t.slot)]);
