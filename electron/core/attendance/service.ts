/**
 * The month sheet of attendance: who is on it, their marks, totals and rule violations, leave,
 * the calendar with days entered by hand, the sheet's state (open, due, late, closed) and the
 * marks the work record suggests. Writes live beside it: `marks.ts` (marks and accepted
 * suggestions), `calendar.ts` (extra holidays and workdays), `leave.ts` (leave requests) and
 * `month-close.ts` (closing, reopening and the lock on closed months).
 */
import { calendarMonth, isYearCovered, type CalendarExtra } from '../../../shared/attendance/calendar';
import type { Half, MarkType } from '../../../shared/attendance/marks';
import { checkAttendance, sheetDueDate } from '../../../shared/attendance/rules';
import { suggestAttendance } from '../../../shared/attendance/suggest';
import { computeTotals, totalsColumns } from '../../../shared/attendance/totals';
import type { MonthView, Suggestion } from '../../../shared/contract/attendance';
import type { Project } from '../../../shared/contract/project';
import { t } from '../../../shared/i18n';
import { addDays, addMonths, diffDays, formatBizDate, formatMonth, monthOf, monthRange, monthsBetween, toBizDate } from '../../../shared/time';
import type { CallContext } from '../context';
import { workEvidence } from './evidence';
import {
  closedMonths,
  firstMarkDate,
  HALF_ORDER,
  leaveBetween,
  leaveWithNotes,
  monthMarks,
  monthRow,
  overridesBetween,
  projectStaff,
  type LeaveRow,
  type MarkRow,
  type MonthRow,
  type StaffRow,
} from './repo';
import { attendanceTitle, leaveView, markTypesOf, markView, ruleLeave, ruleMark, today } from './views';

/** Extra holidays / workdays entered by hand, in the shape of the shared calendar. */
export function calendarExtra(ctx: Pick<CallContext, 'db' | 'sqlite'>, projectId: string, from: string, to: string): CalendarExtra {
  const rows = overridesBetween(ctx, projectId, from, to);
  const names: Record<string, string> = {};
  for (const r of rows) if (r.name) names[r.date] = r.name;
  return { holidays: rows.filter((r) => r.kind === 'holiday').map((r) => r.date), workdays: rows.filter((r) => r.kind === 'workday').map((r) => r.date), names };
}

/** People on the month's sheet: on-site staff active in the month, plus anyone marked in it. */
function sheetStaff(all: StaffRow[], marks: MarkRow[], month: string): StaffRow[] {
  const r = monthRange(month);
  const marked = new Set(marks.map((m) => m.staffId));
  return all.filter((s) => marked.has(s.id) || (s.onSite && (!s.activeFrom || s.activeFrom <= r.to) && (!s.activeTo || s.activeTo >= r.from)));
}

function monthStatus(project: Project, month: string, row: MonthRow | undefined, now: string) {
  const due = sheetDueDate(month, project.settings.attendance.sheetDueDays);
  const last = monthRange(month).to;
  const base = {
    month,
    dueDate: due,
    closedAt: null as string | null,
    closedBy: null as string | null,
    closedLate: false,
    reopenReason: row?.reopenReason ?? null,
    reopenedAt: row?.reopenedAt ?? null,
    reopenedBy: row?.reopenedBy ?? null,
    reminder: null as string | null,
  };
  if (row?.status === 'closed' && row.closedAt) {
    return { ...base, state: 'closed' as const, closedAt: row.closedAt, closedBy: row.closedBy, closedLate: toBizDate(row.closedAt) > due };
  }
  const day = toBizDate(now);
  if (day < last) return { ...base, state: 'open' as const };
  if (day <= due) {
    const left = diffDays(day, due);
    return { ...base, state: 'due' as const, reminder: t('attendance.reminderDue', { month: formatMonth(month), due: formatBizDate(due), left }) };
  }
  return { ...base, state: 'late' as const, reminder: t('attendance.reminderLate', { month: formatMonth(month), due: formatBizDate(due), days: diffDays(due, day) }) };
}

/**
 * Months other than `month` whose sheet is due or late and not closed: from the first month
 * with a mark (not before the service start) to last month.
 */
function overdueMonths(ctx: CallContext, project: Project, month: string): MonthView['overdue'] {
  const first = firstMarkDate(ctx, project.id);
  if (!first) return [];
  const from = [monthOf(first), monthOf(project.serviceStart)].sort()[1]!;
  // Not bounded by the service end: a month the team keeps marks for is a sheet to hand in.
  const to = addMonths(monthOf(today(ctx)), -1);
  if (from > to) return [];
  const closed = closedMonths(ctx, project.id);
  // Every month here has ended (to is last month), so it is due until its due date, then late:
  // monthStatus's rule without its reminder texts, which the list does not show.
  const day = today(ctx);
  const out: MonthView['overdue'] = [];
  for (const m of monthsBetween(from, to)) {
    if (m === month || closed.has(m)) continue;
    const dueDate = sheetDueDate(m, project.settings.attendance.sheetDueDays);
    out.push({ month: m, state: day <= dueDate ? 'due' : 'late', dueDate });
  }
  return out;
}

interface Loaded {
  project: Project;
  types: MarkType[];
  staff: StaffRow[];
  sheet: StaffRow[];
  names: Map<string, string>;
  marks: MarkRow[];
  extra: CalendarExtra;
  leave: LeaveRow[];
  notes: Set<string>;
  row: MonthRow | undefined;
}

function load(ctx: CallContext, month: string): Loaded {
  const project = ctx.project();
  const r = monthRange(month);
  const staff = projectStaff(ctx, project.id);
  const marks = monthMarks(ctx, project.id, month);
  const leave = leaveBetween(ctx, project.id, r.from, r.to);
  return {
    project,
    types: markTypesOf(project),
    staff,
    sheet: sheetStaff(staff, marks, month),
    names: new Map(staff.map((s) => [s.id, s.name])),
    marks,
    extra: calendarExtra(ctx, project.id, r.from, r.to),
    leave,
    notes: leaveWithNotes(ctx, leave.map((l) => l.id)),
    row: monthRow(ctx, project.id, month),
  };
}

/** Sort marks by sheet order, date, half. */
function sortMarks(sheet: StaffRow[], marks: MarkRow[]): MarkRow[] {
  const order = new Map(sheet.map((s, i) => [s.id, i]));
  return [...marks].sort(
    (a, b) =>
      (order.get(a.staffId) ?? 1e9) - (order.get(b.staffId) ?? 1e9) || a.date.localeCompare(b.date) || HALF_ORDER[a.half as Half] - HALF_ORDER[b.half as Half],
  );
}

/** The month sheet as the UI shows it: calendar, people, marks, totals, violations, leave, state. */
export function monthView(ctx: CallContext, month: string): MonthView {
  const L = load(ctx, month);
  const s = L.project.settings;
  const people = L.sheet.map((p) => ({ id: p.id, name: p.name, from: p.activeFrom, to: p.activeTo }));
  const marks = L.marks.map(ruleMark);
  const requests = L.leave.map((l) => ruleLeave(l, L.notes));
  const violations = checkAttendance({
    month,
    people,
    marks,
    leaveRequests: requests,
    markTypes: L.types,
    officeHours: s.officeHours,
    settings: s.attendance,
    calendar: L.extra,
    // A day is reported unmarked once it is over.
    until: addDays(today(ctx), -1),
  });
  const totals = computeTotals({ marks, markTypes: L.types, month, people, lateAbsentMinutes: s.attendance.lateAbsentMinutes, officeHours: s.officeHours, calendar: L.extra, leaveRequests: requests });
  const roles = ctx.actor.roles;
  return {
    month,
    title: attendanceTitle(L.project, month),
    days: calendarMonth(month, L.extra).map((d) => ({
      date: d.date,
      day: Number(d.date.slice(8, 10)),
      weekday: d.weekday,
      working: d.working,
      kind: d.kind,
      inLieu: d.inLieu,
      name: d.name,
      override: d.override,
    })),
    staff: L.sheet.map((p) => ({ id: p.id, name: p.name, title: p.title })),
    marks: sortMarks(L.sheet, L.marks).map(markView),
    totals: totals.map((x) => ({ ...x, byCode: { ...x.byCode } })),
    totalsColumns: totalsColumns(L.types),
    violations,
    leave: L.leave.map((l) => leaveView(L.project, L.types, l, L.names, L.notes)),
    status: monthStatus(L.project, month, L.row, ctx.nowIso()),
    overdue: overdueMonths(ctx, L.project, month),
    calendarKnown: isYearCovered(month.slice(0, 4)),
    markTypes: L.types,
    can: {
      write: roles.includes('engineer') || roles.includes('manager'),
      approve: roles.includes('manager'),
      reopen: roles.includes('manager'),
    },
  };
}

/** Marks the work record and approved leave requests suggest for days nobody has marked yet. */
export function suggestions(ctx: CallContext, month: string): Suggestion[] {
  const L = load(ctx, month);
  const people = L.sheet.map((p) => ({ id: p.id, name: p.name }));
  const evidence = workEvidence(ctx.sqlite, L.project.id, month, L.sheet);
  return suggestAttendance({
    evidence,
    markTypes: L.types,
    officeHours: L.project.settings.officeHours,
    calendar: L.extra,
    existing: L.marks.map(ruleMark),
    month,
    people,
    leaveRequests: L.leave.map((l) => ruleLeave(l, L.notes)),
  }).map((x) => ({ ...x, evidence: x.evidence.map((e) => ({ ...e, date: e.date ?? null })) }));
}
