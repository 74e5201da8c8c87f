import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';
import { assets } from '../assets/schema';
import { staff } from '../accounts/schema';

/**
 * 故障报告单 with every SLA stamp (DOMAIN.md §4). `reportedAt` is the moment the fault is
 * known: all clocks start from it. Stamps are instants in UTC.
 */
export const faults = sqliteTable('faults', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  docNo: text('doc_no').notNull(),
  title: text('title').notNull(),
  reporterId: text('reporter_id').references(() => staff.id),
  reporterName: text('reporter_name').notNull(),
  reportDate: text('report_date').notNull(),
  faultDate: text('fault_date').notNull(),
  category: text('category').notNull(), // system | database | network | other_app
  severity: text('severity').notNull(), // normal | serious | critical
  alertLevel: integer('alert_level').notNull().default(1),
  description: text('description').notNull(),
  solved: integer('solved', { mode: 'boolean' }).notNull().default(false),
  solution: text('solution').notNull().default(''),
  causeAnalysis: text('cause_analysis').notNull().default(''),
  handlingProcess: text('handling_process').notNull().default(''),
  preventiveMeasures: text('preventive_measures').notNull().default(''),
  source: text('source').notNull().default('manual'), // manual | inspection | probe
  sourceRef: text('source_ref'),
  status: text('status').notNull(), // reported | responded | on_site | resolved | report_filed | reviewed
  reportedAt: text('reported_at').notNull(),
  respondedAt: text('responded_at'),
  respondedBy: text('responded_by'),
  onSiteAt: text('on_site_at'),
  onSiteBy: text('on_site_by'),
  resolvedAt: text('resolved_at'),
  resolvedBy: text('resolved_by'),
  reportFiledAt: text('report_filed_at'),
  reportFiledBy: text('report_filed_by'),
  reviewerName: text('reviewer_name'),
  reviewedAt: text('reviewed_at'),
  reviewedBy: text('reviewed_by'),
  /** 负责工程师: the engineer accountable for the clocks (breaches are counted per engineer). */
  engineerName: text('engineer_name'),
  /** Ticks of the alert level's required actions: item key → who and when. */
  alertChecks: text('alert_checks', { mode: 'json' }).$type<Record<string, { at: string; by: string }>>().notNull().default({}),
}, (t) => [
  uniqueIndex('faults_doc_no_uq').on(t.docNo),
  index('faults_project_reported_idx').on(t.projectId, t.reportedAt),
  index('faults_status_idx').on(t.status, t.reportedAt),
  index('faults_project_severity_idx').on(t.projectId, t.severity, t.reportedAt),
  index('faults_project_engineer_idx').on(t.projectId, t.engineerName, t.reportedAt),
  index('faults_project_status_idx').on(t.projectId, t.status, t.reportedAt),
]);

/** An edited stamp keeps its original value and the reason. */
export const faultStampHistory = sqliteTable('fault_stamp_history', {
  ...baseColumns(),
  faultId: text('fault_id').notNull().references(() => faults.id),
  field: text('field').notNull(),
  oldValue: text('old_value'),
  newValue: text('new_value'),
  reason: text('reason').notNull(),
}, (t) => [index('fault_stamp_history_fault_idx').on(t.faultId)]);

/** Which assets a fault concerns; an unlinked asset is soft-deleted (deleted_at) and revived when linked again. */
export const faultAssets = sqliteTable('fault_assets', {
  ...baseColumns(),
  faultId: text('fault_id').notNull().references(() => faults.id),
  assetId: text('asset_id').notNull().references(() => assets.id),
}, (t) => [uniqueIndex('fault_assets_pk').on(t.faultId, t.assetId), index('fault_assets_asset_idx').on(t.assetId)]);
