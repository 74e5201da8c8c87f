import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';
import { attachments } from '../attachments/schema';

/** Document register (编目): number, version, 受控/非受控/作废, change history. */
export const documents = sqliteTable('documents', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  docNo: text('doc_no').notNull(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  version: text('version').notNull(),
  control: text('control').notNull(), // controlled | uncontrolled | void
  attachmentId: text('attachment_id').references(() => attachments.id),
}, (t) => [uniqueIndex('documents_doc_no_uq').on(t.docNo)]);

export const documentChanges = sqliteTable('document_changes', {
  ...baseColumns(),
  documentId: text('document_id').notNull().references(() => documents.id),
  version: text('version').notNull(),
  summary: text('summary').notNull(),
}, (t) => [index('document_changes_doc_idx').on(t.documentId)]);
