import { index, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';
import { assets } from '../assets/schema';
import { faults } from '../faults/schema';

/** 运维实施工单 (合同附件5). */
export const workOrders = sqliteTable('work_orders', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  docNo: text('doc_no').notNull(),
  siteName: text('site_name').notNull(),
  applyDate: text('apply_date').notNull(),
  company: text('company').notNull(),
  /** JSON array of staff ids. */
  technicianIds: text('technician_ids', { mode: 'json' }).$type<string[]>().notNull(),
  technicianNames: text('technician_names').notNull(),
  demand: text('demand').notNull(),
  content: text('content').notNull(),
  standard: text('standard').notNull().default(''),
  doneDate: text('done_date'),
  workloadHours: real('workload_hours'),
  status: text('status').notNull(), // draft | in_progress | done | confirmed
  confirmerName: text('confirmer_name'),
  confirmedAt: text('confirmed_at'),
  faultId: text('fault_id').references(() => faults.id),
  /** When work started (in_progress) and was finished (done): instants for the timeline. */
  startedAt: text('started_at'),
  finishedAt: text('finished_at'),
}, (t) => [
  uniqueIndex('work_orders_doc_no_uq').on(t.docNo),
  index('work_orders_project_date_idx').on(t.projectId, t.applyDate),
  index('work_orders_status_idx').on(t.status, t.applyDate),
  index('work_orders_fault_idx').on(t.faultId),
]);

/** Which assets a work order concerns; an unlinked asset is soft-deleted (deleted_at) and revived when linked again. */
export const workOrderAssets = sqliteTable('work_order_assets', {
  ...baseColumns(),
  workOrderId: text('work_order_id').notNull().references(() => workOrders.id),
  assetId: text('asset_id').notNull().references(() => assets.id),
}, (t) => [uniqueIndex('work_order_assets_pk').on(t.workOrderId, t.assetId), index('work_order_assets_asset_idx').on(t.assetId)]);
