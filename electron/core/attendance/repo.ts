import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Half } from '../../../shared/attendance/marks';
import { monthRange } from '../../../shared/time';
import type { CallContext } from '../context';
import { staff, users } from '../accounts/schema';
import { attachmentLinks } from '../attachments/schema';
import { attendanceMarks, attendanceMonths, calendarOverrides, leaveRequests } from './schema';

type Ctx = Pick<CallContext, 'db' | 'sqlite'>;

export type MarkRow = typeof attendanceMarks.$inferSelect;
export type LeaveRow = typeof leaveRequests.$inferSelect;
export type MonthRow = typeof attendanceMonths.$inferSelect;
export type OverrideRow = typeof calendarOverrides.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;

/** Every team member of the project (not deleted), in sheet order. */
export function projectStaff(ctx: Ctx, projectId: string): StaffRow[] {
  return ctx.db.select().from(staff).where(and(eq(staff.projectId, projectId), isNull(staff.deletedAt))).orderBy(asc(staff.sort), asc(staff.name)).all();
}

/** Live marks of a month (soft-deleted ones left out). */
export function monthMarks(ctx: Ctx, projectId: string, month: string): MarkRow[] {
  const r = monthRange(month);
  return ctx.db
    .select()
    .from(attendanceMarks)
    .where(and(eq(attendanceMarks.projectId, projectId), gte(attendanceMarks.date, r.from), lte(attendanceMarks.date, r.to), isNull(attendanceMarks.deletedAt)))
    .all();
}

/** The rows (live or soft-deleted) of one person and day: the unique index covers all of them. */
export function dayRows(ctx: Ctx, staffId: string, date: string): MarkRow[] {
  return ctx.db.select().from(attendanceMarks).where(and(eq(attendanceMarks.staffId, staffId), eq(attendanceMarks.date, date))).all();
}

/** The first business date with a live mark, or null. */
export function firstMarkDate(ctx: Ctx, projectId: string): string | null {
  const row = ctx.sqlite.prepare('SELECT MIN(date) AS d FROM attendance_marks WHERE project_id = ? AND deleted_at IS NULL').get(projectId) as { d: string | null } | undefined;
  return row?.d ?? null;
}

/** Months of the project that are closed. */
export function closedMonths(ctx: Ctx, projectId: string): Set<string> {
  const rows = ctx.sqlite.prepare("SELECT month FROM attendance_months WHERE project_id = ? AND status = 'closed' AND deleted_at IS NULL").all(projectId) as Array<{ month: string }>;
  return new Set(rows.map((r) => r.month));
}

export function monthRow(ctx: Ctx, projectId: string, month: string): MonthRow | undefined {
  return ctx.db.select().from(attendanceMonths).where(and(eq(attendanceMonths.projectId, projectId), eq(attendanceMonths.month, month))).get();
}

/** Overrides (extra holidays / workdays by hand) between two dates, live ones only. */
export function overridesBetween(ctx: Ctx, projectId: string, from: string, to: string): OverrideRow[] {
  return ctx.db
    .select()
    .from(calendarOverrides)
    .where(and(eq(calendarOverrides.projectId, projectId), gte(calendarOverrides.date, from), lte(calendarOverrides.date, to), isNull(calendarOverrides.deletedAt)))
    .orderBy(asc(calendarOverrides.date))
    .all();
}

export function overrideRow(ctx: Ctx, projectId: string, date: string): OverrideRow | undefined {
  return ctx.db.select().from(calendarOverrides).where(and(eq(calendarOverrides.projectId, projectId), eq(calendarOverrides.date, date))).get();
}

/** Leave requests of the project overlapping [from, to] (any status), newest first. */
export function leaveBetween(ctx: Ctx, projectId: string, from: string, to: string): LeaveRow[] {
  return ctx.db
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.projectId, projectId), lte(leaveRequests.fromDate, to), gte(leaveRequests.toDate, from), isNull(leaveRequests.deletedAt)))
    .all()
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}

export function allLeave(ctx: Ctx, projectId: string): LeaveRow[] {
  return ctx.db
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.projectId, projectId), isNull(leaveRequests.deletedAt)))
    .all()
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}

export function leaveRow(ctx: Ctx, projectId: string, id: string): LeaveRow | undefined {
  return ctx.db.select().from(leaveRequests).where(and(eq(leaveRequests.id, id), eq(leaveRequests.projectId, projectId), isNull(leaveRequests.deletedAt))).get();
}

/** Which of the leave requests have a sick note attached (attachments role sick_note). */
export function leaveWithNotes(ctx: Ctx, ids: string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = ctx.db
    .select({ entityId: attachmentLinks.entityId })
    .from(attachmentLinks)
    .where(and(eq(attachmentLinks.entity, 'leave'), eq(attachmentLinks.role, 'sick_note'), inArray(attachmentLinks.entityId, ids), isNull(attachmentLinks.deletedAt)))
    .all();
  return new Set(rows.map((r) => r.entityId));
}

/** The staff member linked to an account (null for the CLI or an account without one). */
export function staffOfUser(ctx: Ctx, userId: string | null): string | null {
  if (!userId) return null;
  return ctx.db.select({ staffId: users.staffId }).from(users).where(eq(users.id, userId)).get()?.staffId ?? null;
}

/** The caller's name for records (display name of the account, else the username). */
export function actorName(ctx: Pick<CallContext, 'db' | 'actor'>): string {
  const id = ctx.actor.userId;
  if (id) {
    const u = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, id)).get();
    if (u) return u.displayName;
  }
  return ctx.actor.username;
}

export const HALF_ORDER: Record<Half, number> = { full: 0, am: 1, pm: 2 };
