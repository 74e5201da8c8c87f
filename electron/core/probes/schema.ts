import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { assets } from '../assets/schema';
import { projects } from '../project/schema';

/** A check to run against an asset: ping, tcp, http, ssh (config and thresholds are data). */
export const probeChecks = sqliteTable('probe_checks', {
  ...baseColumns(),
  assetId: text('asset_id').notNull().references(() => assets.id),
  kind: text('kind').notNull(),
  label: text('label').notNull(),
  config: text('config', { mode: 'json' }).notNull(),
  thresholds: text('thresholds', { mode: 'json' }),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Which inspection item it pre-fills (network, remote, login, disk, log, app, data, resource); null → from kind and config. */
  aspect: text('aspect'),
  sort: integer('sort').notNull().default(0),
}, (t) => [index('probe_checks_asset_idx').on(t.assetId)]);

/** One measured result, raw output kept (bounded) as evidence. */
export const probeResults = sqliteTable('probe_results', {
  ...baseColumns(),
  checkId: text('check_id').notNull().references(() => probeChecks.id),
  assetId: text('asset_id').notNull().references(() => assets.id),
  sweepId: text('sweep_id'),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at').notNull(),
  level: text('level').notNull(),
  summary: text('summary').notNull(),
  latencyMs: integer('latency_ms'),
  metrics: text('metrics', { mode: 'json' }),
  raw: text('raw'),
}, (t) => [
  index('probe_results_asset_time_idx').on(t.assetId, t.startedAt),
  index('probe_results_check_time_idx').on(t.checkId, t.startedAt),
  index('probe_results_sweep_idx').on(t.sweepId),
]);

/** One sweep (all checks, or one asset's): who or what started it, how far it got. */
export const probeSweeps = sqliteTable('probe_sweeps', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  /** manual | schedule | cli */
  trigger: text('trigger').notNull(),
  assetId: text('asset_id').references(() => assets.id),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** running | done | cancelled | failed */
  status: text('status').notNull(),
  total: integer('total').notNull().default(0),
  done: integer('done').notNull().default(0),
  normal: integer('normal').notNull().default(0),
  warning: integer('warning').notNull().default(0),
  severe: integer('severe').notNull().default(0),
}, (t) => [index('probe_sweeps_time_idx').on(t.projectId, t.startedAt)]);
