import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';

/**
 * The contract a team serves. Every contract fact (parties, dates, SLA hours, form titles,
 * numbering rules, thresholds, schedules, office hours) is data here, seeded from
 * resources/default-project.json and editable in 设置.
 */
export const projects = sqliteTable('projects', {
  ...baseColumns(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  platformName: text('platform_name').notNull(),
  partyA: text('party_a').notNull(),
  partyB: text('party_b').notNull(),
  signedOn: text('signed_on').notNull(),
  serviceStart: text('service_start').notNull(),
  serviceEnd: text('service_end').notNull(),
  /** The rest of the contract facts as validated JSON (shared/contract/project.ts). */
  settings: text('settings', { mode: 'json' }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [uniqueIndex('projects_code_uq').on(t.code)]);

/** Sites / units (驻点单位, 部门, 区县). */
export const sites = sqliteTable('sites', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  address: text('address'),
});

/** Per-document-kind counters for 文档编号: never reused, one row per kind and scope. */
export const docCounters = sqliteTable('doc_counters', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  kind: text('kind').notNull(),
  scope: text('scope').notNull(),
  lastSeq: integer('last_seq').notNull(),
}, (t) => [uniqueIndex('doc_counters_pk').on(t.projectId, t.kind, t.scope)]);

/** Workstation settings (idle lock minutes, updater URL, backup policy…). */
export const settings = sqliteTable('settings', {
  ...baseColumns(),
  key: text('key').notNull(),
  value: text('value', { mode: 'json' }).notNull(),
}, (t) => [uniqueIndex('settings_key_uq').on(t.key)]);
