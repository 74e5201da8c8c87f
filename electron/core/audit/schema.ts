import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only audit log. Triggers (migration) refuse UPDATE and DELETE except the purge of
 * rows older than 180 days; each row's hash chains to the previous row's hash.
 */
export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  id: text('id').notNull(),
  at: text('at').notNull(),
  userId: text('user_id'),
  username: text('username').notNull(),
  face: text('face').notNull(),
  channel: text('channel').notNull(),
  entity: text('entity'),
  entityId: text('entity_id'),
  before: text('before'),
  after: text('after'),
  outcome: text('outcome').notNull(), // ok | error | denied
  errorCode: text('error_code'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entity, t.entityId)]);
