import { text } from 'drizzle-orm/sqlite-core';

/**
 * Columns every record row carries (ARCHITECTURE.md "Data"): UUIDv7 id, UTC instants,
 * who changed it last, soft delete. Ready for merging records from several PCs later.
 */
export function baseColumns() {
  return {
    id: text('id').primaryKey(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    deletedAt: text('deleted_at'),
  };
}
