import { z } from 'zod';
import { channel, R, zId, zMonth } from './define';
import { zFormFile, zFormFormat, zRealDate } from './faults';
import { HALVES, MARK_KINDS, validateMarkTypes, type MarkType } from '../attendance/marks';

// ---------------------------------------------------------------------------------------------
// 日常工作考勤表 (合同附件6, DOMAIN.md §6): marks per person per day (or half day), leave
// requests with the manager's approval, extra holidays/workdays by hand, month close.
// ---------------------------------------------------------------------------------------------

export { HALVES, HALF_LABELS, LEAVE_KINDS, MARK_KINDS, type Half, type MarkKind } from '../attendance/marks';

/** A mark covers the whole day or one half of it. */
export const zHalf = z.enum(HALVES, { message: '半天取值应为 full（全天）、am（上午）或 pm（下午）' });

/** One mark of the legend (shared/attendance/marks.ts MarkType): project data, printed on the sheet. */
export const zMarkType = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { message: '考勤标记代码应为小写字母开头的字母、数字或下划线' }),
  label: z.string().trim().min(1).max(10),
  symbol: z.string().trim().min(1).max(4),
  /** One key that types this mark in the month grid (e.g. 1 for 出勤). */
  key: z.string().length(1, { message: '快捷键应为一个字符' }),
  kind: z.enum(MARK_KINDS),
  /** Behaviour; when absent it follows the kind (shared/attendance/marks.ts KIND_BEHAVIOR). */
  countsAs: z.enum(['present', 'overtime', 'leave', 'absent']).optional(),
  halfDayAllowed: z.boolean().optional(),
  needsRequest: z.boolean().optional(),
  needsNotice: z.boolean().optional(),
  needsSickNote: z.boolean().optional(),
}) satisfies z.ZodType<MarkType>;
export const zMarkTypes = z
  .array(zMarkType)
  .min(1)
  .max(20)
  .superRefine((types, c) => {
    for (const message of validateMarkTypes(types)) c.addIssue({ code: 'custom', message });
  });

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', cancelled: '已撤销' };

/** Month state: open (before it ends), due (ended, sheet due), late (past the due day), closed. */
export const MONTH_STATES = ['open', 'due', 'late', 'closed'] as const;
export type MonthState = (typeof MONTH_STATES)[number];

/**
 * Kinds of day of the calendar (shared/attendance/calendar.ts answers with these): a plain
 * workday, a weekend, a statutory holiday (法定节假日) or a make-up workday (调休上班).
 * The contract is the one list; the rules, the core and the renderer import it from here.
 */
export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '休息日',
  holiday: '法定节假日',
  makeup_workday: '调休上班',
};

/** What the attendance rules (shared/attendance/rules.ts) report; the one list, with labels. */
export const VIOLATION_KINDS = [
  // The contract's rules (合同 §2.2).
  'unapproved_leave',
  'absent',
  'late_over_limit',
  'late_absent',
  'sick_without_note',
  'short_notice',
  'unmarked',
  // Sheet consistency.
  'mark_conflict',
  'unknown_mark',
  'half_not_allowed',
  'rest_day_mark',
  'late_minutes_missing',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];
export const VIOLATION_KIND_LABELS: Record<ViolationKind, string> = {
  unapproved_leave: '未经批准的假期（按旷工处理）',
  absent: '旷工',
  late_over_limit: '当月迟到次数超限',
  late_absent: '迟到超过时限（当天按缺勤计）',
  sick_without_note: '病假缺少医院诊断书',
  short_notice: '事假未提前申请',
  unmarked: '工作日无考勤标记',
  mark_conflict: '同一时段有多个标记',
  unknown_mark: '未知的考勤标记',
  half_not_allowed: '该标记不能按半天记',
  rest_day_mark: '非工作日的标记',
  late_minutes_missing: '迟到未填写分钟数',
};


// ---------------------------------------------------------------------------------------------
// Output shapes
// ---------------------------------------------------------------------------------------------
export const zCalendarDay = z.object({
  date: z.string(),
  day: z.number().int(),
  /** 0 = Sunday … 6 = Saturday. */
  weekday: z.number().int().min(0).max(6),
  working: z.boolean(),
  /** workday | weekend | holiday (法定节假日) | makeup_workday (调休上班). */
  kind: z.enum(DAY_KINDS),
  /** A day off paid back by a make-up workday (调休休息日). */
  inLieu: z.boolean(),
  /** Holiday name from the library or the override. */
  name: z.string().nullable(),
  /** An extra holiday/workday entered by hand for this date. */
  override: z.enum(['holiday', 'workday']).nullable(),
});

export const zMark = z.object({
  staffId: zId,
  date: z.string(),
  half: zHalf,
  mark: z.string(),
  note: z.string(),
  minutesLate: z.number().int().nullable(),
  overtimeHours: z.number().nullable(),
  source: z.enum(['manual', 'suggestion']),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Mark = z.infer<typeof zMark>;

/** Per-person totals (shared/attendance/totals.ts): whole days 1, half days 0.5. */
export const zPersonTotals = z.object({
  staffId: zId,
  /** 出勤天数: present, late, early, trips, training, and 加班 on a working day. */
  presentDays: z.number(),
  /** 加班 on a day off, and the hours recorded on 加班 marks. */
  overtimeDays: z.number(),
  overtimeHours: z.number(),
  /** 休假, 事假, 病假 covered by an approved request. */
  leaveDays: z.number(),
  /**
   * 旷工: 旷工 marks, lates over the limit (also in lateAbsentDays) and leave marks on a working
   * day without an approved request (also in unapprovedLeaveDays; 合同 §2.2 按旷工处理).
   */
  absentDays: z.number(),
  lateAbsentDays: z.number(),
  unapprovedLeaveDays: z.number(),
  unknownDays: z.number(),
  markedDays: z.number(),
  lateCount: z.number().int(),
  earlyCount: z.number().int(),
  /** Days per mark code, for the per-kind columns of the sheet. */
  byCode: z.record(z.string(), z.number()),
});
/** The numeric fields of PersonTotals (every one a sheet column may show). */
export const TOTAL_FIELDS = ['presentDays', 'overtimeDays', 'overtimeHours', 'leaveDays', 'absentDays', 'lateAbsentDays', 'unapprovedLeaveDays', 'unknownDays', 'markedDays', 'lateCount', 'earlyCount'] as const;
export type TotalField = (typeof TOTAL_FIELDS)[number];
// The list and the shape agree both ways (a field added to one and not the other fails to compile).
type NumericTotals = Omit<z.infer<typeof zPersonTotals>, 'staffId' | 'byCode'>;
const totalFieldsCheck: [Exclude<keyof NumericTotals, TotalField>, Exclude<TotalField, keyof NumericTotals>] extends [never, never] ? true : never = true;
void totalFieldsCheck;
/** A totals column of the sheet: a field of PersonTotals, or code:<mark code> (days of that mark). */
export const zTotalsColumn = z.object({
  key: z.union([z.enum(TOTAL_FIELDS), z.string().regex(/^code:[a-z][a-z0-9_]{0,31}$/)]),
  label: z.string(),
});
export type TotalsColumn = z.infer<typeof zTotalsColumn>;
export type PersonTotals = z.infer<typeof zPersonTotals>;

export const zViolation = z.object({
  kind: z.enum(VIOLATION_KINDS),
  /** error: breaks a contract rule; warning: likely a slip on the sheet. */
  severity: z.enum(['error', 'warning']),
  staffId: zId,
  staffName: z.string(),
  date: z.string().nullable(),
  /** The rule and what to do, in Chinese. */
  message: z.string(),
  markCode: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type Violation = z.infer<typeof zViolation>;

export const zMonthStatus = z.object({
  month: z.string(),
  state: z.enum(MONTH_STATES),
  /** Last day the signed sheet may be submitted (month end + sheetDueDays). */
  dueDate: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  /** Closed after the due day. */
  closedLate: z.boolean(),
  reopenReason: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
  /** A reminder for the UI, in Chinese (null when nothing is due). */
  reminder: z.string().nullable(),
});

export const zLeave = z.object({
  id: zId,
  staffId: zId,
  staffName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  fromDate: z.string(),
  toDate: z.string(),
  half: zHalf,
  reason: z.string(),
  requestedAt: z.string(),
  status: z.enum(LEAVE_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string(),
  /** A sick note (attachment role sick_note) is attached. */
  hasNote: z.boolean(),
  /** Asked at least leaveNoticeDays before the first day (personal leave). */
  noticeOk: z.boolean(),
});
export type Leave = z.infer<typeof zLeave>;

export const zAttendanceStaff = z.object({ id: zId, name: z.string(), title: z.string() });

export const zMonthView = z.object({
  month: z.string(),
  title: z.string(),
  days: z.array(zCalendarDay),
  staff: z.array(zAttendanceStaff),
  marks: z.array(zMark),
  totals: z.array(zPersonTotals),
  totalsColumns: z.array(zTotalsColumn),
  violations: z.array(zViolation),
  leave: z.array(zLeave),
  status: zMonthStatus,
  /**
   * Other months whose sheet is due or late and not closed (a reminder wherever one looks):
   * from the first month with marks (not before the service start) to last month, oldest first.
   */
  overdue: z.array(z.object({ month: z.string(), state: z.enum(['due', 'late']), dueDate: z.string() })),
  /** The holiday library knows this year (else working days are weekdays plus manual overrides). */
  calendarKnown: z.boolean(),
  markTypes: zMarkTypes,
  /** The caller may write marks / decide leave / reopen. */
  can: z.object({ write: z.boolean(), approve: z.boolean(), reopen: z.boolean() }),
});
export type MonthView = z.infer<typeof zMonthView>;

export const zEvidence = z.object({
  staffId: zId,
  /** The work record (巡检, 工单, 故障处理) or an approved leave request (请假申请). */
  kind: z.enum(['inspection', 'workorder', 'fault', 'leave']),
  refId: zId,
  label: z.string(),
  at: z.string().nullable(),
  date: z.string().nullable().optional(),
});

export const zSuggestion = z.object({
  staffId: zId,
  staffName: z.string(),
  date: z.string(),
  /** The whole day from the work record; an approved half-day leave suggests its half. */
  half: zHalf,
  mark: z.string(),
  markLabel: z.string(),
  /** present / overtime from the work record; leave from an approved leave request. */
  kind: z.enum(['present', 'overtime', 'leave']),
  overtimeHours: z.number().nullable(),
  /** Why, in Chinese (e.g. 休息日有工作记录：巡检 1 项; 已批准的事假申请（…）). */
  reason: z.string(),
  evidence: z.array(zEvidence),
});
export type Suggestion = z.infer<typeof zSuggestion>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------
const zNote = z.string().trim().max(200, { message: '备注最多 200 个字' });

export const zCellInput = z.object({
  staffId: zId,
  date: zRealDate,
  half: zHalf.default('full'),
  /** A mark code of the project's legend, or null to clear the cell. */
  mark: z.string().min(1).max(32).nullable(),
  note: zNote.optional(),
  minutesLate: z.number().int({ message: '迟到分钟数应为 1–600 的整数' }).min(1, { message: '迟到分钟数应为 1–600 的整数' }).max(600, { message: '迟到分钟数应为 1–600 的整数' }).nullable().optional(),
  overtimeHours: z.number().int({ message: '加班小时数应为 1–24 的整数' }).min(1, { message: '加班小时数应为 1–24 的整数' }).max(24, { message: '加班小时数应为 1–24 的整数' }).nullable().optional(),
});
export type CellInput = z.input<typeof zCellInput>;

const zReason = (label: string, min: number) =>
  z.string().trim().min(min, { message: `请填写${label}（至少 ${min} 个字）` }).max(500, { message: `${label}最多 500 个字` });

export const attendanceChannels = {
  'attendance/month': channel({
    summary: 'The month sheet: calendar (holidays, 调休, overrides), people, marks, totals, violations, leave, close state.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ month: zMonth }),
    output: zMonthView,
  }),
  'attendance/set-marks': channel({
    summary: 'Set or clear marks (whole or half days, with a note) in one open month; all or nothing.',
    access: R.records,
    mutates: true,
    input: z.object({ month: zMonth, cells: z.array(zCellInput).min(1).max(2000) }),
    output: zMonthView,
  }),
  'attendance/suggestions': channel({
    summary: 'Marks suggested for unmarked days by the work record (inspection runs, work orders, fault stamps) and by approved leave requests.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ month: zMonth }),
    output: z.array(zSuggestion),
  }),
  'attendance/accept-suggestions': channel({
    summary: 'Confirm some suggestions: they become marks (source suggestion). Nothing is marked without it.',
    access: R.records,
    mutates: true,
    input: z.object({ month: zMonth, items: z.array(z.object({ staffId: zId, date: zRealDate })).min(1).max(2000) }),
    output: zMonthView,
  }),
  'attendance/set-day': channel({
    summary: 'Enter an extra holiday or workday by hand (or remove one): for years the holiday library does not know.',
    access: R.records,
    mutates: true,
    input: z.object({
      date: zRealDate,
      kind: z.enum(['holiday', 'workday'], { message: '类型应为 holiday（休息日）或 workday（工作日）' }).nullable(),
      name: z.string().trim().max(40).default(''),
    }),
    output: zMonthView,
  }),
  'attendance/close': channel({
    summary: 'Close the month: the sheet is final and its marks are locked.',
    access: R.records,
    mutates: true,
    input: z.object({ month: zMonth }),
    output: zMonthView,
  }),
  'attendance/reopen': channel({
    summary: 'Reopen a closed month (project manager, with a reason; audited).',
    access: R.manager,
    mutates: true,
    input: z.object({ month: zMonth, reason: zReason('重新打开的原因', 4) }),
    output: zMonthView,
  }),
  'attendance/export': channel({
    summary: 'The 日常工作考勤表 (合同附件6) of a month as an A4 landscape PDF or Excel file (base64).',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ month: zMonth, format: zFormFormat }),
    output: zFormFile,
  }),
  'attendance/leave-list': channel({
    summary: 'Leave requests, newest first (optionally those touching a month, or by status).',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ month: zMonth.optional(), status: z.enum(LEAVE_STATUSES).optional() }),
    output: z.array(zLeave),
  }),
  'attendance/leave-request': channel({
    summary: 'Ask for leave (personal leave at least a day ahead; sick leave with a hospital note attached).',
    access: R.records,
    mutates: true,
    input: z.object({
      staffId: zId,
      kind: z.string().min(1).max(32),
      fromDate: zRealDate,
      toDate: zRealDate,
      half: zHalf.default('full'),
      reason: zReason('请假事由', 2),
    }),
    output: zLeave,
  }),
  'attendance/leave-decide': channel({
    summary: 'Approve or reject a pending leave request (project manager).',
    access: R.manager,
    mutates: true,
    input: z.object({ id: zId, approve: z.boolean(), note: z.string().trim().max(500).default('') }),
    output: zLeave,
  }),
  'attendance/leave-cancel': channel({
    summary: 'Withdraw a pending or approved leave request.',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId }),
    output: zLeave,
  }),
} as const;
