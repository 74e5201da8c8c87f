import { eq } from 'drizzle-orm';
import { calendarMonth, isYearCovered, type CalendarExtra } from '../../../shared/attendance/calendar';
import { defaultMarkTypes, HALF_LABELS, markBehavior, markTypeOf, type Half, type MarkType } from '../../../shared/attendance/marks';
import { checkAttendance, leaveNoticeOk, sheetDueDate } from '../../../shared/attendance/rules';
import { suggestAttendance } from '../../../shared/attendance/suggest';
import { computeTotals, totalsColumns } from '../../../shared/attendance/totals';
import type { AttendanceMark, LeaveRequest } from '../../../shared/attendance/types';
import type { CellInput, Leave, LeaveStatus, Mark, MonthView, Suggestion } from '../../../shared/contract/attendance';
import { LEAVE_STATUS_LABELS } from '../../../shared/contract/attendance';
import type { Project } from '../../../shared/contract/project';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { addDays, addMonths, datesBetween, diffDays, formatBizDate, formatBizDateTime, formatMonth, monthOf, monthRange, monthsBetween, toBizDate } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { workEvidence } from './evidence';
import {
  actorName,
  dayRows,
  HALF_ORDER,
  leaveBetween,
  leaveRow,
  leaveWithNotes,
  monthMarks,
  monthRow,
  overrideRow,
  overridesBetween,
  projectStaff,
  staffOfUser,
  allLeave,
  closedMonths,
  firstMarkDate,
  type LeaveRow,
  type MarkRow,
  type MonthRow,
  type StaffRow,
} from './repo';
import { attendanceMarks, attendanceMonths, calendarOverrides, leaveRequests } from './schema';

/** Longest leave request (days, both ends included); longer absences are split. */
export const MAX_LEAVE_DAYS = 180;

// ---------------------------------------------------------------------------------------------
// Project data: the legend, the title
// ---------------------------------------------------------------------------------------------

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

const today = (ctx: Pick<CallContext, 'now'>) => toBizDate(ctx.now());

// ---------------------------------------------------------------------------------------------
// Reading a month
// ---------------------------------------------------------------------------------------------

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

function markView(r: MarkRow): Mark {
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

function ruleMark(r: MarkRow): AttendanceMark {
  return { staffId: r.staffId, date: r.date, half: r.half as Half, mark: r.mark, minutesLate: r.minutesLate, overtimeHours: r.overtimeHours };
}

function ruleLeave(r: LeaveRow, notes: Set<string>): LeaveRequest {
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

function leaveView(project: Project, types: MarkType[], r: LeaveRow, names: Map<string, string>, notes: Set<string>): Leave {
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

function assertLeaveMonthsOpen(ctx: CallContext, from: string, to: string): void {
  const projectId = ctx.project().id;
  for (const m of monthsBetween(monthOf(from), monthOf(to))) {
    if (isClosed(ctx, projectId, m)) throw new AppError('CONFLICT', t('leave.closedMonth', { month: formatMonth(m) }));
  }
}

// ---------------------------------------------------------------------------------------------
// Writing marks
// ---------------------------------------------------------------------------------------------

type Cell = Omit<CellInput, 'half'> & { half: Half };

interface CellOptions {
  source: 'manual' | 'suggestion';
}

/** Checks every cell before anything is written: all or nothing. */
function validateCells(month: string, cells: Cell[], types: MarkType[], staff: Map<string, StaffRow>): void {
  const r = monthRange(month);
  const seen = new Set<string>();
  for (const c of cells) {
    const person = staff.get(c.staffId);
    if (!person) throw new AppError('VALIDATION', t('attendance.unknownStaff', { id: c.staffId }));
    const where = { name: person.name, date: formatBizDate(c.date) };
    if (c.date < r.from || c.date > r.to) throw new AppError('VALIDATION', t('attendance.dateOutsideMonth', { date: c.date, month: formatMonth(month) }));
    const key = `${c.staffId}|${c.date}|${c.half}`;
    if (seen.has(key)) throw new AppError('VALIDATION', t('attendance.duplicateCell', { half: HALF_LABELS[c.half], ...where }));
    seen.add(key);
    if (c.mark === null) continue;
    const type = markTypeOf(types, c.mark);
    if (!type) throw new AppError('VALIDATION', t('attendance.unknownMark', { mark: c.mark.slice(0, 32), codes: types.map((x) => `${x.code}（${x.label}）`).join('、') }));
    if (c.half !== 'full' && !markBehavior(type).halfDayAllowed) throw new AppError('VALIDATION', t('attendance.halfNotAllowed', { label: type.label, ...where }));
    if (c.minutesLate != null && type.kind !== 'late') throw new AppError('VALIDATION', t('attendance.lateNeedsMinutes', where));
    if (c.overtimeHours != null && type.kind !== 'overtime') throw new AppError('VALIDATION', t('attendance.overtimeNeedsMark', where));
  }
}

function trackMark(ctx: CallContext, id: string, before: MarkRow | null, after: MarkRow | null): void {
  ctx.track('attendance_mark', id, before ? markView(before) : null, after ? markView(after) : null);
}

function softDelete(ctx: CallContext, row: MarkRow): void {
  const at = { deletedAt: ctx.nowIso(), ...stampUpdate(ctx) };
  ctx.db.update(attendanceMarks).set(at).where(eq(attendanceMarks.id, row.id)).run();
  trackMark(ctx, row.id, row, null);
}

/** Applies validated cells; returns how many marks changed. */
function applyCells(ctx: CallContext, projectId: string, cells: Cell[], types: MarkType[], opts: CellOptions): number {
  let changed = 0;
  for (const c of cells) {
    const rows = dayRows(ctx, c.staffId, c.date);
    const live = rows.filter((x) => x.deletedAt === null);
    if (c.mark === null) {
      for (const x of live.filter((x) => c.half === 'full' || x.half === c.half)) {
        softDelete(ctx, x);
        changed++;
      }
      continue;
    }
    const type = markTypeOf(types, c.mark)!;
    for (const x of live.filter((x) => (c.half === 'full' ? x.half !== 'full' : x.half === 'full'))) {
      softDelete(ctx, x);
      changed++;
    }
    const existing = rows.find((x) => x.half === c.half);
    const wasLive = existing !== undefined && existing.deletedAt === null;
    const minutesLate = type.kind === 'late' ? (c.minutesLate !== undefined ? c.minutesLate : wasLive && existing.mark === c.mark ? existing.minutesLate : null) : null;
    const overtimeHours = type.kind === 'overtime' ? (c.overtimeHours !== undefined ? c.overtimeHours : wasLive && existing.mark === c.mark ? existing.overtimeHours : null) : null;
    const note = c.note !== undefined ? c.note : wasLive ? existing.note : '';
    const values = { mark: c.mark, minutesLate, overtimeHours, note };
    if (existing) {
      if (wasLive && existing.mark === values.mark && existing.minutesLate === minutesLate && existing.overtimeHours === overtimeHours && existing.note === note) continue;
      ctx.db
        .update(attendanceMarks)
        .set({ ...values, source: opts.source, deletedAt: null, ...stampUpdate(ctx) })
        .where(eq(attendanceMarks.id, existing.id))
        .run();
      const after = ctx.db.select().from(attendanceMarks).where(eq(attendanceMarks.id, existing.id)).get()!;
      trackMark(ctx, existing.id, wasLive ? existing : null, after);
    } else {
      const row: MarkRow = { ...stampNew(ctx), projectId, staffId: c.staffId, date: c.date, half: c.half, source: opts.source, ...values };
      ctx.db.insert(attendanceMarks).values(row).run();
      trackMark(ctx, row.id, null, row);
    }
    changed++;
  }
  return changed;
}

/** Sets or clears marks of one open month; every cell is checked before any is written. */
export function setMarks(ctx: CallContext, month: string, cells: Cell[]): MonthView {
  const project = ctx.project();
  const types = markTypesOf(project);
  const staff = new Map(projectStaff(ctx, project.id).map((s) => [s.id, s]));
  validateCells(month, cells, types, staff);
  assertMonthOpen(ctx, month);
  applyCells(ctx, project.id, cells, types, { source: 'manual' });
  return monthView(ctx, month);
}

/** Turns confirmed suggestions into marks (source 'suggestion'); a stale one is refused. */
export function acceptSuggestions(ctx: CallContext, month: string, items: Array<{ staffId: string; date: string }>): MonthView {
  const project = ctx.project();
  assertMonthOpen(ctx, month);
  const current = new Map(suggestions(ctx, month).map((s) => [`${s.staffId}|${s.date}`, s]));
  const names = new Map(projectStaff(ctx, project.id).map((s) => [s.id, s.name]));
  const cells: Cell[] = [];
  const seen = new Set<string>();
  for (const i of items) {
    const key = `${i.staffId}|${i.date}`;
    const s = current.get(key);
    if (!s || seen.has(key)) throw new AppError('VALIDATION', t('attendance.notSuggested', { name: names.get(i.staffId) ?? i.staffId, date: formatBizDate(i.date) }));
    seen.add(key);
    cells.push({ staffId: s.staffId, date: s.date, half: s.half, mark: s.mark, overtimeHours: s.overtimeHours, note: s.reason.slice(0, 200) });
  }
  applyCells(ctx, project.id, cells, markTypesOf(project), { source: 'suggestion' });
  return monthView(ctx, month);
}

// ---------------------------------------------------------------------------------------------
// Calendar overrides
// ---------------------------------------------------------------------------------------------

const OVERRIDE_LABEL = { holiday: '休息日', workday: '工作日' } as const;

/** Enters (or removes, kind null) an extra holiday or workday for a date. */
export function setDay(ctx: CallContext, input: { date: string; kind: 'holiday' | 'workday' | null; name: string }): MonthView {
  const project = ctx.project();
  const month = monthOf(input.date);
  assertMonthOpen(ctx, month);
  const existing = overrideRow(ctx, project.id, input.date);
  const live = existing && existing.deletedAt === null ? existing : undefined;
  const view = (r: typeof existing) => (r ? { date: r.date, kind: r.kind, name: r.name } : null);
  if (input.kind === null) {
    if (!live) throw new AppError('VALIDATION', t('attendance.overrideNone', { date: formatBizDate(input.date) }));
    ctx.db.update(calendarOverrides).set({ deletedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(eq(calendarOverrides.id, live.id)).run();
    ctx.track('calendar_override', live.id, view(live), null);
    return monthView(ctx, month);
  }
  if (live && live.kind === input.kind && live.name === input.name) {
    throw new AppError('VALIDATION', t('attendance.overrideSame', { date: formatBizDate(input.date), kind: OVERRIDE_LABEL[input.kind] }));
  }
  if (existing) {
    ctx.db.update(calendarOverrides).set({ kind: input.kind, name: input.name, deletedAt: null, ...stampUpdate(ctx) }).where(eq(calendarOverrides.id, existing.id)).run();
    ctx.track('calendar_override', existing.id, view(live), { date: input.date, kind: input.kind, name: input.name });
  } else {
    const row = { ...stampNew(ctx), projectId: project.id, date: input.date, kind: input.kind, name: input.name };
    ctx.db.insert(calendarOverrides).values(row).run();
    ctx.track('calendar_override', row.id, null, view(row));
  }
  return monthView(ctx, month);
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

// ---------------------------------------------------------------------------------------------
// Leave requests
// ---------------------------------------------------------------------------------------------

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
