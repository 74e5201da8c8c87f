import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';

/** Files (scans of signed paper, sick notes, manuals) stored by SHA-256 under the data dir. */
export const attachments = sqliteTable('attachments', {
  ...baseColumns(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  originalName: text('original_name').notNull(),
}, (t) => [uniqueIndex('attachments_sha_uq').on(t.sha256)]);

/** Which record an attachment belongs to, and as what (signed_scan, sick_note, document…). */
export const attachmentLinks = sqliteTable('attachment_links', {
  ...baseColumns(),
  attachmentId: text('attachment_id').notNull().references(() => attachments.id),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  role: text('role').notNull(),
  /**
   * The file's name as given with this link. The bytes are stored once per digest, so the same
   * file attached twice under two names keeps both (null on links made before: the first name).
   */
  name: text('name'),
}, (t) => [index('attachment_links_entity_idx').on(t.entity, t.entityId)]);
