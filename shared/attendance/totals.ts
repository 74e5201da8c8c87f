/**
 * Per-person totals of the month sheet (合同附件6), computed from the marks only. A whole-day
 * mark weighs 1, a half-day mark 0.5.
 *
 * Every mark lands in exactly one bucket, so
 *   presentDays + overtimeDays + leaveDays + absentDays + unknownDays = markedDays = Σ byCode.
 * - presentDays (出勤天数): marks counting as present (出勤, 迟到, 早退, 出差, 学习培训) and 加班
 *   on a working day (working late on a workday is still a day at work);
 * - overtimeDays (加班天数): 加班 on a day off (weekend, holiday);
 * - leaveDays: 休假 + 事假 + 病假 covered by an approved request (each kind in byCode);
 * - absentDays (旷工): 旷工 marks, plus late marks of more than lateAbsentMinutes (the contract
 *   counts such a day as absent; the late is still counted in lateCount), plus — when the leave
 *   requests are given — leave marks on a working day without an approved request (合同 §2.2:
 *   未得到同意或未提出申请，按旷工处理; also in unapprovedLeaveDays, the mark still in byCode);
 * - unknownDays: codes not in the legend (a violation says so).
 * lateCount / earlyCount count marks (occurrences), overtimeHours sums the marks' hours.
 */
import { TOTAL_FIELDS, type PersonTotals, type TotalField, type TotalsColumn } from '../contract/attendance';
import { isMonth, monthRange } from '../time';
import { isWorkingDay, type CalendarExtra } from './calendar';
import { halfWeight, markBehavior, markTypeOf, type MarkType } from './marks';
import { lateMinutesOf, leaveApproved } from './rules';
import { defaultAttendanceSettings, defaultOfficeHours, type AttendanceMark, type LeaveRequest, type OfficeHours } from './types';

/** A person's row of totals: the contract's shape (shared/contract/attendance.ts zPersonTotals). */
export type { PersonTotals, TotalsColumn } from '../contract/attendance';

export interface TotalsInput {
  marks: readonly AttendanceMark[];
  markTypes: readonly MarkType[];
  /** Only marks of this month count (all marks when omitted). */
  month?: string;
  /** People in sheet order; each gets a row even without marks. Others follow by id. */
  people?: ReadonlyArray<{ id: string }>;
  /** Default 60 (settings.attendance.lateAbsentMinutes). */
  lateAbsentMinutes?: number;
  /** To read minutes late from an arrival instant (default 08:30–17:30). */
  officeHours?: OfficeHours;
  calendar?: CalendarExtra;
  /**
   * The leave requests: given, a leave mark on a working day without an approved request counts
   * as 旷工. Omitted, every leave mark counts as leave (a sheet read without the requests).
   */
  leaveRequests?: readonly LeaveRequest[];
}

function emptyTotals(staffId: string, types: readonly MarkType[]): PersonTotals {
  return {
    staffId,
    presentDays: 0,
    overtimeDays: 0,
    overtimeHours: 0,
    leaveDays: 0,
    absentDays: 0,
    lateAbsentDays: 0,
    unapprovedLeaveDays: 0,
    unknownDays: 0,
    markedDays: 0,
    lateCount: 0,
    earlyCount: 0,
    // No prototype: a stored code can never reach Object.prototype (e.g. '__proto__').
    byCode: Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(types.map((t) => [t.code, 0]))),
  };
}

/** The totals row of every person (in `people` order, then the others by id). */
export function computeTotals(input: TotalsInput): PersonTotals[] {
  if (input.month !== undefined && !isMonth(input.month)) throw new RangeError(`invalid month: ${input.month}`);
  const range = input.month === undefined ? null : monthRange(input.month);
  const limit = input.lateAbsentMinutes ?? defaultAttendanceSettings().lateAbsentMinutes;
  const office = input.officeHours ?? defaultOfficeHours();
  const rows = new Map<string, PersonTotals>();
  for (const p of input.people ?? []) rows.set(p.id, emptyTotals(p.id, input.markTypes));
  const working = new Map<string, boolean>();
  const isWorking = (date: string) => {
    let w = working.get(date);
    if (w === undefined) {
      w = isWorkingDay(date, input.calendar);
      working.set(date, w);
    }
    return w;
  };
  for (const m of input.marks) {
    if (range && (m.date < range.from || m.date > range.to)) continue;
    let row = rows.get(m.staffId);
    if (!row) {
      row = emptyTotals(m.staffId, input.markTypes);
      rows.set(m.staffId, row);
    }
    const w = halfWeight(m.half);
    row.markedDays += w;
    row.byCode[m.mark] = (row.byCode[m.mark] ?? 0) + w;
    row.overtimeHours += m.overtimeHours ?? 0;
    const t = markTypeOf(input.markTypes, m.mark);
    if (!t) {
      row.unknownDays += w;
      continue;
    }
    if (t.kind === 'late') row.lateCount++;
    if (t.kind === 'early') row.earlyCount++;
    const countsAs = markBehavior(t).countsAs;
    if (t.kind === 'late' && (lateMinutesOf(m, office) ?? 0) > limit) {
      row.absentDays += w;
      row.lateAbsentDays += w;
    } else if (countsAs === 'present') row.presentDays += w;
    else if (countsAs === 'overtime') {
      if (isWorking(m.date)) row.presentDays += w;
      else row.overtimeDays += w;
    } else if (countsAs === 'leave') {
      if (input.leaveRequests && markBehavior(t).needsRequest && isWorking(m.date) && !leaveApproved(m, input.leaveRequests)) {
        row.absentDays += w;
        row.unapprovedLeaveDays += w;
      } else row.leaveDays += w;
    } else row.absentDays += w;
  }
  const order = new Map((input.people ?? []).map((p, i) => [p.id, i]));
  return [...rows.values()].sort(
    (a, b) =>
      (order.get(a.staffId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.staffId) ?? Number.MAX_SAFE_INTEGER) ||
      (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0),
  );
}

/**
 * The totals columns of the printed sheet: 出勤天数, 加班(天), 加班(小时), one column per
 * leave kind and per trip/training kind (by the legend), 迟到(次), 早退(次), 旷工(天).
 */
export function totalsColumns(types: readonly MarkType[]): TotalsColumn[] {
  const perKind = types
    .filter((t) => ['trip', 'training', 'vacation', 'personal', 'sick'].includes(t.kind))
    .map((t) => ({ key: `code:${t.code}`, label: `${t.label}(天)` }));
  const columns: TotalsColumn[] = [
    { key: 'presentDays', label: '出勤(天)' },
    { key: 'overtimeDays', label: '加班(天)' },
    { key: 'overtimeHours', label: '加班(小时)' },
    ...perKind,
    { key: 'lateCount', label: '迟到(次)' },
    { key: 'earlyCount', label: '早退(次)' },
    { key: 'absentDays', label: '旷工(天)' },
  ];
  return columns;
}

/** The value of a totals column for a row (see totalsColumns): a field, or code:<code>. */
export function totalsValue(row: PersonTotals, key: string): number {
  if (key.startsWith('code:')) return row.byCode[key.slice(5)] ?? 0;
  return (TOTAL_FIELDS as readonly string[]).includes(key) ? row[key as TotalField] : 0;
}
