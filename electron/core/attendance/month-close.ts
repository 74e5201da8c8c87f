/**
 * Closing a month's sheet and reopening it, and the lock that refuses writes into a closed month.
 */
import { eq } from 'drizzle-orm';
import type { MonthView } from '../../../shared/contract/attendance';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { formatBizDate, formatBizDateTime, formatMonth, monthOf, monthRange, monthsBetween } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { actorName, monthRow, type MonthRow } from './repo';
import { attendanceMonths } from './schema';
import { monthView } from './service';
import { today } from './views';

// ---------------------------------------------------------------------------------------------
// Locks
// ---------------------------------------------------------------------------------------------

function isClosed(ctx: CallContext, projectId: string, month: string): boolean {
  return monthRow(ctx, projectId, month)?.status === 'closed';
}

/** Refuses any write into a closed month (Chinese message, nothing changed). */
export function assertMonthOpen(ctx: CallContext, month: string): void {
  if (isClosed(ctx, ctx.project().id, month)) throw new AppError('CONFLICT', t('attendance.monthClosed', { month: formatMonth(month) }));
}

export function assertLeaveMonthsOpen(ctx: CallContext, from: string, to: string): void {
  const projectId = ctx.project().id;
  for (const m of monthsBetween(monthOf(from), monthOf(to))) {
    if (isClosed(ctx, projectId, m)) throw new AppError('CONFLICT', t('leave.closedMonth', { month: formatMonth(m) }));
  }
}

// ---------------------------------------------------------------------------------------------
// Month close and reopen
// ---------------------------------------------------------------------------------------------

function monthRowView(r: MonthRow | undefined) {
  return r ? { month: r.month, status: r.status, closedAt: r.closedAt, closedBy: r.closedBy, reopenReason: r.reopenReason, reopenedAt: r.reopenedAt, reopenedBy: r.reopenedBy } : null;
}

/** Closes the month: from its last day on; its marks, leave and calendar are locked after. */
export function closeMonth(ctx: CallContext, month: string): MonthView {
  const project = ctx.project();
  const row = monthRow(ctx, project.id, month);
  if (row?.status === 'closed') {
    throw new AppError('CONFLICT', t('attendance.alreadyClosed', { month: formatMonth(month), at: row.closedAt ? formatBizDateTime(row.closedAt) : '—', by: row.closedBy ?? '—' }));
  }
  const last = monthRange(month).to;
  if (today(ctx) < last) throw new AppError('VALIDATION', t('attendance.closeTooEarly', { month: formatMonth(month), lastDay: formatBizDate(last) }));
  const set = { status: 'closed', closedAt: ctx.nowIso(), closedBy: actorName(ctx) };
  if (row) {
    ctx.db.update(attendanceMonths).set({ ...set, ...stampUpdate(ctx) }).where(eq(attendanceMonths.id, row.id)).run();
  } else {
    ctx.db.insert(attendanceMonths).values({ ...stampNew(ctx), projectId: project.id, month, ...set }).run();
  }
  const after = monthRow(ctx, project.id, month);
  ctx.track('attendance_month', after!.id, monthRowView(row), monthRowView(after));
  return monthView(ctx, month);
}

/** Reopens a closed month (project manager, with a reason); the audit row keeps both states. */
export function reopenMonth(ctx: CallContext, month: string, reason: string): MonthView {
  const project = ctx.project();
  const row = monthRow(ctx, project.id, month);
  if (row?.status !== 'closed') throw new AppError('CONFLICT', t('attendance.notClosed', { month: formatMonth(month) }));
  ctx.db
    .update(attendanceMonths)
    .set({ status: 'open', closedAt: null, closedBy: null, reopenReason: reason, reopenedAt: ctx.nowIso(), reopenedBy: actorName(ctx), ...stampUpdate(ctx) })
    .where(eq(attendanceMonths.id, row.id))
    .run();
  ctx.track('attendance_month', row.id, monthRowView(row), { ...monthRowView(monthRow(ctx, project.id, month)), reason });
  return monthView(ctx, month);
}
