/**
 * Leave requests: asked for (kind, dates, half day), approved or rejected by the project manager
 * (never their own), withdrawn. A request touching a closed month is refused.
 */
import { eq } from 'drizzle-orm';
import { markBehavior, markTypeOf, type Half } from '../../../shared/attendance/marks';
import type { Leave, LeaveStatus } from '../../../shared/contract/attendance';
import { LEAVE_STATUS_LABELS } from '../../../shared/contract/attendance';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { datesBetween, formatBizDate, monthRange } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { assertLeaveMonthsOpen } from './month-close';
import { actorName, allLeave, leaveBetween, leaveRow, leaveWithNotes, projectStaff, staffOfUser, type LeaveRow } from './repo';
import { leaveRequests } from './schema';
import { leaveView, markTypesOf } from './views';

/** Longest leave request (days, both ends included); longer absences are split. */
export const MAX_LEAVE_DAYS = 180;

function oneLeaveView(ctx: CallContext, row: LeaveRow): Leave {
  const project = ctx.project();
  const names = new Map(projectStaff(ctx, project.id).map((s) => [s.id, s.name]));
  return leaveView(project, markTypesOf(project), row, names, leaveWithNotes(ctx, [row.id]));
}

export function listLeave(ctx: CallContext, input: { month?: string | undefined; status?: LeaveStatus | undefined }): Leave[] {
  const project = ctx.project();
  const rows = input.month ? leaveBetween(ctx, project.id, monthRange(input.month).from, monthRange(input.month).to) : allLeave(ctx, project.id);
  const filtered = input.status ? rows.filter((r) => r.status === input.status) : rows;
  const names = new Map(projectStaff(ctx, project.id).map((s) => [s.id, s.name]));
  const notes = leaveWithNotes(ctx, filtered.map((r) => r.id));
  const types = markTypesOf(project);
  return filtered.map((r) => leaveView(project, types, r, names, notes));
}

function overlaps(a: { fromDate: string; toDate: string; half: string }, b: { fromDate: string; toDate: string; half: string }): boolean {
  if (a.toDate < b.fromDate || b.toDate < a.fromDate) return false;
  // Morning and afternoon of the same single day do not overlap.
  return !(a.fromDate === a.toDate && b.fromDate === b.toDate && a.half !== 'full' && b.half !== 'full' && a.half !== b.half);
}

export function requestLeave(ctx: CallContext, input: { staffId: string; kind: string; fromDate: string; toDate: string; half: Half; reason: string }): Leave {
  const project = ctx.project();
  const types = markTypesOf(project);
  const person = projectStaff(ctx, project.id).find((s) => s.id === input.staffId);
  if (!person) throw new AppError('VALIDATION', t('attendance.unknownStaff', { id: input.staffId }));
  const type = markTypeOf(types, input.kind);
  const leaveTypes = types.filter((x) => markBehavior(x).needsRequest);
  if (!type || !markBehavior(type).needsRequest) {
    throw new AppError('VALIDATION', t('leave.badKind', { kind: input.kind.slice(0, 32), kinds: leaveTypes.map((x) => `${x.code}（${x.label}）`).join('、') }));
  }
  if (input.toDate < input.fromDate) throw new AppError('VALIDATION', t('leave.badRange', { from: input.fromDate, to: input.toDate }));
  if (datesBetween(input.fromDate, input.toDate).length > MAX_LEAVE_DAYS) throw new AppError('VALIDATION', t('leave.tooLong', { max: MAX_LEAVE_DAYS }));
  if (input.half !== 'full') {
    if (input.fromDate !== input.toDate) throw new AppError('VALIDATION', t('leave.halfOneDay'));
    if (!markBehavior(type).halfDayAllowed) throw new AppError('VALIDATION', t('attendance.halfNotAllowed', { label: type.label, name: person.name, date: formatBizDate(input.fromDate) }));
  }
  assertLeaveMonthsOpen(ctx, input.fromDate, input.toDate);
  const clash = leaveBetween(ctx, project.id, input.fromDate, input.toDate).find(
    (r) => r.staffId === input.staffId && (r.status === 'pending' || r.status === 'approved') && overlaps(r, input),
  );
  if (clash) {
    throw new AppError('CONFLICT', t('leave.overlap', { name: person.name, from: clash.fromDate, to: clash.toDate, status: LEAVE_STATUS_LABELS[clash.status as LeaveStatus] }));
  }
  const row: LeaveRow = {
    ...stampNew(ctx),
    projectId: project.id,
    staffId: input.staffId,
    kind: input.kind,
    fromDate: input.fromDate,
    toDate: input.toDate,
    half: input.half,
    reason: input.reason,
    requestedAt: ctx.nowIso(),
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    hasNote: false,
    decisionNote: '',
  };
  ctx.db.insert(leaveRequests).values(row).run();
  const view = oneLeaveView(ctx, row);
  ctx.track('leave', row.id, null, view);
  return view;
}

function getLeave(ctx: CallContext, id: string): LeaveRow {
  const row = leaveRow(ctx, ctx.project().id, id);
  if (!row) throw new AppError('NOT_FOUND', t('leave.notFound'));
  return row;
}

/** The project manager approves or rejects a pending request (never their own). */
export function decideLeave(ctx: CallContext, input: { id: string; approve: boolean; note: string }): Leave {
  const row = getLeave(ctx, input.id);
  if (row.status !== 'pending') throw new AppError('CONFLICT', t('leave.notPending', { status: LEAVE_STATUS_LABELS[row.status as LeaveStatus] ?? row.status }));
  if (staffOfUser(ctx, ctx.actor.userId) === row.staffId) throw new AppError('FORBIDDEN', t('leave.ownRequest'));
  const before = oneLeaveView(ctx, row);
  const type = markTypeOf(markTypesOf(ctx.project()), row.kind);
  if (input.approve && type && markBehavior(type).needsSickNote && !before.hasNote) throw new AppError('VALIDATION', t('leave.sickNeedsNote'));
  assertLeaveMonthsOpen(ctx, row.fromDate, row.toDate);
  ctx.db
    .update(leaveRequests)
    .set({ status: input.approve ? 'approved' : 'rejected', decidedBy: actorName(ctx), decidedAt: ctx.nowIso(), decisionNote: input.note, hasNote: before.hasNote, ...stampUpdate(ctx) })
    .where(eq(leaveRequests.id, row.id))
    .run();
  const after = oneLeaveView(ctx, getLeave(ctx, row.id));
  ctx.track('leave', row.id, before, after);
  return after;
}

/** Withdraws a pending or approved request (its days then need another mark, or are 旷工). */
export function cancelLeave(ctx: CallContext, id: string): Leave {
  const row = getLeave(ctx, id);
  if (row.status !== 'pending' && row.status !== 'approved') throw new AppError('CONFLICT', t('leave.cannotCancel', { status: LEAVE_STATUS_LABELS[row.status as LeaveStatus] ?? row.status }));
  assertLeaveMonthsOpen(ctx, row.fromDate, row.toDate);
  const before = oneLeaveView(ctx, row);
  ctx.db.update(leaveRequests).set({ status: 'cancelled', ...stampUpdate(ctx) }).where(eq(leaveRequests.id, row.id)).run();
  const after = oneLeaveView(ctx, getLeave(ctx, row.id));
  ctx.track('leave', row.id, before, after);
  return after;
}

