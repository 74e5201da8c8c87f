import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { baseColumns } from '../db/columns';
import { projects } from '../project/schema';
import { staff } from '../accounts/schema';

/** One mark per person, day and half (full | am | pm). Codes are project data. */
export const attendanceMarks = sqliteTable('attendance_marks', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  staffId: text('staff_id').notNull().references(() => staff.id),
  date: text('date').notNull(),
  half: text('half').notNull().default('full'),
  mark: text('mark').notNull(),
  minutesLate: integer('minutes_late'),
  overtimeHours: integer('overtime_hours'),
  note: text('note').notNull().default(''),
  source: text('source').notNull().default('manual'), // manual | suggestion
}, (t) => [
  uniqueIndex('attendance_marks_uq').on(t.staffId, t.date, t.half),
  index('attendance_marks_project_date_idx').on(t.projectId, t.date),
]);

export const leaveRequests = sqliteTable('leave_requests', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  staffId: text('staff_id').notNull().references(() => staff.id),
  kind: text('kind').notNull(),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date').notNull(),
  half: text('half').notNull().default('full'),
  reason: text('reason').notNull().default(''),
  requestedAt: text('requested_at').notNull(),
  status: text('status').notNull(), // pending | approved | rejected | cancelled
  decidedBy: text('decided_by'),
  decidedAt: text('decided_at'),
  hasNote: integer('has_note', { mode: 'boolean' }).notNull().default(false),
  /** What the manager wrote when approving or rejecting. */
  decisionNote: text('decision_note').notNull().default(''),
}, (t) => [
  index('leave_requests_staff_idx').on(t.staffId, t.fromDate),
  index('leave_requests_status_idx').on(t.status),
  // The month view's leave overlapping the month (project, from_date <= month end).
  index('leave_requests_project_from_idx').on(t.projectId, t.fromDate),
]);

/** Month close: locks the month; reopening is audited and needs the manager. */
export const attendanceMonths = sqliteTable('attendance_months', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  month: text('month').notNull(),
  status: text('status').notNull(), // open | closed
  closedAt: text('closed_at'),
  closedBy: text('closed_by'),
  reopenReason: text('reopen_reason'),
  reopenedAt: text('reopened_at'),
  reopenedBy: text('reopened_by'),
}, (t) => [uniqueIndex('attendance_months_uq').on(t.projectId, t.month)]);

/** Extra holidays / workdays entered by hand (years the holiday library does not know). */
export const calendarOverrides = sqliteTable('calendar_overrides', {
  ...baseColumns(),
  projectId: text('project_id').notNull().references(() => projects.id),
  date: text('date').notNull(),
  kind: text('kind').notNull(), // holiday | workday
  name: text('name').notNull().default(''),
}, (t) => [uniqueIndex('calendar_overrides_uq').on(t.projectId, t.date)]);
