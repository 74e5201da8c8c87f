import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';

/** Problem requests (§1.5.3): 咨询类 closed on the spot; 系统缺陷类 with a workflow. */
export const problemTickets = sqliteTable('problem_tickets', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  docNo: text('doc_no').notNull(),
  kind: text('kind').notNull(), // consult | defect
  severity: text('severity'), // minor | major | critical | fatal (defects)
  status: text('status').notNull(), // submitted | assigned | confirmed | rejected | fixed | retested | closed
  title: text('title').notNull(),
  description: text('description').notNull(),
  submitterName: text('submitter_name').notNull(),
  assigneeName: text('assignee_name'),
  answer: text('answer').notNull().default(''),
  openedAt: text('opened_at').notNull(),
  closedAt: text('closed_at'),
}, (t) => [uniqueIndex('problem_tickets_doc_no_uq').on(t.docNo), index('problem_tickets_status_idx').on(t.status, t.openedAt)]);

export const problemEvents = sqliteTable('problem_events', {
  ...baseColumns(),
  ticketId: text('ticket_id').notNull().references(() => problemTickets.id),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  note: text('note').notNull().default(''),
}, (t) => [index('problem_events_ticket_idx').on(t.ticketId)]);
