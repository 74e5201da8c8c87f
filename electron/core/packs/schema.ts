import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';

/** Packs produced (monthly / annual), with the digest of their manifest. */
export const packs = sqliteTable('packs', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  kind: text('kind').notNull(),
  period: text('period').notNull(),
  path: text('path').notNull(),
  files: integer('files').notNull(),
  manifestSha256: text('manifest_sha256').notNull(),
}, (t) => [index('packs_period_idx').on(t.projectId, t.kind, t.period)]);
