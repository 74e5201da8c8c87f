import { index, integer, sqliteTable, text, blob, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';

/** Credentials for probes: secret encrypted at rest, never sent to the renderer. */
export const credentials = sqliteTable('credentials', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  label: text('label').notNull(),
  kind: text('kind').notNull(), // password | private_key
  username: text('username').notNull(),
  secretEnc: blob('secret_enc', { mode: 'buffer' }),
});

/** Servers and devices under care (DOMAIN.md §2), grouped by node. */
export const assets = sqliteTable('assets', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  name: text('name').notNull(),
  model: text('model').notNull().default(''),
  purpose: text('purpose').notNull().default(''),
  location: text('location').notNull().default(''),
  ip: text('ip').notNull().default(''),
  os: text('os').notNull().default(''),
  systemShort: text('system_short').notNull().default(''),
  category: text('category').notNull().default(''),
  contentCategory: text('content_category').notNull().default(''),
  owner: text('owner').notNull().default(''),
  nodeGroup: text('node_group').notNull().default(''),
  credentialId: text('credential_id').references(() => credentials.id),
  sort: integer('sort').notNull().default(0),
  note: text('note').notNull().default(''),
}, (t) => [index('assets_project_idx').on(t.projectId, t.nodeGroup, t.sort)]);

/** SSH host keys pinned on first use. */
export const hostKeys = sqliteTable('host_keys', {
  ...baseColumns(),
  hostPort: text('host_port').notNull(),
  fingerprint: text('fingerprint').notNull(),
  pinnedAt: text('pinned_at').notNull(),
  pinnedBy: text('pinned_by').notNull(),
}, (t) => [uniqueIndex('host_keys_host_port_uq').on(t.hostPort)]);
