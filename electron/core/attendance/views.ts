/**
 * The project's attendance legend and sheet title, and the shapes a stored mark or leave
 * request takes: for the contract (the UI) and for the shared attendance rules.
 */
import { defaultMarkTypes, markBehavior, markTypeOf, type Half, type MarkType } from '../../../shared/attendance/marks';
import { leaveNoticeOk } from '../../../shared/attendance/rules';
import type { AttendanceMark, LeaveRequest } from '../../../shared/attendance/types';
import type { Leave, LeaveStatus, Mark } from '../../../shared/contract/attendance';
import type { Project } from '../../../shared/contract/project';
import { toBizDate } from '../../../shared/time';
import type { CallContext } from '../context';
import type { LeaveRow, MarkRow } from './repo';

/** The project's legend (settings.attendanceMarks, else the defaults), behaviour filled in. */
export function markTypesOf(project: Project): MarkType[] {
  const types = project.settings.attendanceMarks ?? defaultMarkTypes();
  return types.map((m) => ({ ...m, ...markBehavior(m) }));
}

/** The sheet title from settings.formTitles.attendance, e.g. 2026年3月日常工作考勤表. */
export function attendanceTitle(project: Project, month: string): string {
  const tpl = project.settings.formTitles.attendance ?? '{YYYY}年{M}月日常工作考勤表';
  const y = month.slice(0, 4);
  const m = month.slice(5, 7);
  return tpl
    .replaceAll('{YYYY}', y)
    .replaceAll('{MM}', m)
    .replaceAll('{M}', String(Number(m)))
    .replaceAll('{平台名称}', project.platformName)
    .replaceAll('{项目名称}', project.name);
}

export const today = (ctx: Pick<CallContext, 'now'>) => toBizDate(ctx.now());

export function markView(r: MarkRow): Mark {
  return {
    staffId: r.staffId,
    date: r.date,
    half: r.half as Half,
    mark: r.mark,
    note: r.note,
    minutesLate: r.minutesLate ?? null,
    overtimeHours: r.overtimeHours ?? null,
    source: r.source === 'suggestion' ? 'suggestion' : 'manual',
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

export function ruleMark(r: MarkRow): AttendanceMark {
  return { staffId: r.staffId, date: r.date, half: r.half as Half, mark: r.mark, minutesLate: r.minutesLate, overtimeHours: r.overtimeHours };
}

export function ruleLeave(r: LeaveRow, notes: Set<string>): LeaveRequest {
  return {
    id: r.id,
    staffId: r.staffId,
    kind: r.kind,
    from: r.fromDate,
    to: r.toDate,
    half: r.half as Half,
    requestedAt: r.requestedAt,
    status: r.status as LeaveStatus,
    approvedAt: r.status === 'approved' ? r.decidedAt : null,
    approvedBy: r.status === 'approved' ? r.decidedBy : null,
    hasSickNote: notes.has(r.id),
  };
}

export function leaveView(project: Project, types: MarkType[], r: LeaveRow, names: Map<string, string>, notes: Set<string>): Leave {
  const type = markTypeOf(types, r.kind);
  const needsNotice = type ? markBehavior(type).needsNotice : false;
  const rule = ruleLeave(r, notes);
  return {
    id: r.id,
    staffId: r.staffId,
    staffName: names.get(r.staffId) ?? r.staffId,
    kind: r.kind,
    kindLabel: type?.label ?? r.kind,
    fromDate: r.fromDate,
    toDate: r.toDate,
    half: r.half as Half,
    reason: r.reason,
    requestedAt: r.requestedAt,
    status: r.status as LeaveStatus,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    hasNote: notes.has(r.id),
    noticeOk: !needsNotice || leaveNoticeOk(rule, project.settings.attendance.leaveNoticeDays),
  };
}
