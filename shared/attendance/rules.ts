/**
 * Attendance rules of the contract (§2.2 人员管理制度, DOMAIN.md §6) over one month:
 * - personal leave (事假) is asked leaveNoticeDays (1) ahead and approved;
 * - sick leave (病假) comes with a hospital note;
 * - leave without an approved request is 旷工 (unapproved_leave), and every 旷工 mark is listed;
 * - more than lateLimitPerMonth (3) lates in a month are recorded;
 * - a single late of more than lateAbsentMinutes (60, 逾一小时不含) counts as absent that day;
 * - every working day (holidays and 调休 included) of every person has a mark.
 * Plus checks that keep the sheet readable: two marks for the same half day, unknown codes,
 * half days of a whole-day mark, leave or plain attendance on a day off, lates without minutes.
 *
 * Thresholds are parameters (AttendanceSettings, project data); messages are in Chinese.
 */
import { addDays, formatBizDate, formatMonth, isMonth, minutesOfBizDay, monthRange, parseHm, toBizDate } from '../time';
import { VIOLATION_KINDS, type Violation } from '../contract/attendance';
import { dayKind, type CalendarExtra, type DayInfo } from './calendar';
import { HALF_LABELS, markBehavior, markTypeOf, type Half, type MarkType } from './marks';
import {
  defaultAttendanceSettings,
  isApproved,
  isLive,
  type AttendanceMark,
  type AttendanceSettings,
  type LeaveRequest,
  type OfficeHours,
  type Person,
} from './types';

export { VIOLATION_KIND_LABELS, VIOLATION_KINDS, type Violation, type ViolationKind } from '../contract/attendance';

export interface AttendanceCheckInput {
  month: string;
  /** The team; only they are checked for unmarked days. Marks of others are still checked. */
  people: readonly Person[];
  marks: readonly AttendanceMark[];
  leaveRequests: readonly LeaveRequest[];
  markTypes: readonly MarkType[];
  officeHours: OfficeHours;
  settings?: Partial<AttendanceSettings>;
  calendar?: CalendarExtra;
  /** Unmarked days after this date are not reported yet (today, in the current month). */
  until?: string | null;
}

/** Minutes late of a mark: its own number, else from the arrival instant and office hours. */
export function lateMinutesOf(mark: AttendanceMark, officeHours: OfficeHours): number | null {
  if (mark.minutesLate !== null && mark.minutesLate !== undefined) return mark.minutesLate;
  if (!mark.arrivedAt || toBizDate(mark.arrivedAt) !== mark.date) return null;
  return Math.max(0, minutesOfBizDay(mark.arrivedAt) - parseHm(officeHours.start));
}

/** A leave request asked at least noticeDays before its first day (by business date). */
export function leaveNoticeOk(r: LeaveRequest, noticeDays: number): boolean {
  return toBizDate(r.requestedAt) <= addDays(r.from, -noticeDays);
}

/** Last day to hand in the month's signed sheet (month end + sheetDueDays). */
export function sheetDueDate(month: string, sheetDueDays: number): string {
  return addDays(monthRange(month).to, sheetDueDays);
}

function covers(r: LeaveRequest, m: AttendanceMark): boolean {
  if (r.staffId !== m.staffId || r.kind !== m.mark || m.date < r.from || m.date > r.to) return false;
  const half: Half = r.half ?? 'full';
  return half === 'full' || half === m.half;
}

/** A leave mark is covered by an approved request still in force (of its kind, day and half). */
export function leaveApproved(m: AttendanceMark, requests: readonly LeaveRequest[]): boolean {
  return requests.some((r) => covers(r, m) && isApproved(r) && isLive(r));
}

const DAY_OFF = '休息日';
const dayText = (date: string) => formatBizDate(date);
const halfText = (h: Half) => (h === 'full' ? '' : `${HALF_LABELS[h]}`);

/** Everything wrong with a month's attendance, ordered by person (as in `people`), date, kind. */
export function checkAttendance(input: AttendanceCheckInput): Violation[] {
  if (!isMonth(input.month)) throw new RangeError(`invalid month: ${input.month}`);
  const s: AttendanceSettings = { ...defaultAttendanceSettings(), ...input.settings };
  const range = monthRange(input.month);
  const out: Violation[] = [];
  const names = new Map(input.people.map((p) => [p.id, p.name ?? p.id]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const days = new Map<string, DayInfo>();
  const info = (date: string) => {
    let d = days.get(date);
    if (!d) {
      d = dayKind(date, input.calendar);
      days.set(date, d);
    }
    return d;
  };
  const push = (v: Omit<Violation, 'staffName' | 'markCode' | 'requestId'> & Partial<Pick<Violation, 'markCode' | 'requestId'>>) =>
    out.push({ markCode: null, requestId: null, ...v, staffName: nameOf(v.staffId) });

  const marks = input.marks.filter((m) => m.date >= range.from && m.date <= range.to);
  const requests = input.leaveRequests;

  // Per mark.
  const byPersonDay = new Map<string, AttendanceMark[]>();
  const lates = new Map<string, AttendanceMark[]>();
  for (const m of marks) {
    const key = `${m.staffId}\u0000${m.date}`;
    byPersonDay.set(key, [...(byPersonDay.get(key) ?? []), m]);
    const t = markTypeOf(input.markTypes, m.mark);
    const who = nameOf(m.staffId);
    const when = `${dayText(m.date)}${halfText(m.half)}`;
    if (!t) {
      push({ kind: 'unknown_mark', severity: 'error', staffId: m.staffId, date: m.date, markCode: m.mark, message: `${who} ${when}的标记“${m.mark}”不在考勤图例中，请改为图例中的标记` });
      continue;
    }
    const b = markBehavior(t);
    const day = info(m.date);
    if (m.half !== 'full' && !b.halfDayAllowed) {
      push({ kind: 'half_not_allowed', severity: 'warning', staffId: m.staffId, date: m.date, markCode: t.code, message: `${who} ${when}：“${t.label}”应按全天标记` });
    }
    if (!day.working && (b.countsAs === 'leave' || b.countsAs === 'absent' || t.kind === 'present' || t.kind === 'late' || t.kind === 'early')) {
      const what = day.name ? `${DAY_OFF}（${day.name}）` : DAY_OFF;
      const hint = b.countsAs === 'leave' || b.countsAs === 'absent' ? '无需标记，请清除' : '如有加班请标记“加班”';
      push({ kind: 'rest_day_mark', severity: 'warning', staffId: m.staffId, date: m.date, markCode: t.code, message: `${who} ${when}为${what}，标记了“${t.label}”，${hint}` });
    }
    if (t.kind === 'absent') {
      push({ kind: 'absent', severity: 'error', staffId: m.staffId, date: m.date, markCode: t.code, message: `${who} ${when}旷工` });
    }
    if (b.needsRequest && day.working) {
      const candidates = requests.filter((r) => covers(r, m));
      if (!leaveApproved(m, candidates)) {
        const asked = candidates.find(isLive) ?? candidates[0];
        const why = asked ? `${t.label}申请未获批准` : `未提出${t.label}申请`;
        push({
          kind: 'unapproved_leave',
          severity: 'error',
          staffId: m.staffId,
          date: m.date,
          markCode: t.code,
          requestId: asked?.id ?? null,
          message: `${who} ${when}${why}，按旷工处理`,
        });
      }
    }
    if (t.kind === 'late') {
      lates.set(m.staffId, [...(lates.get(m.staffId) ?? []), m]);
      const minutes = lateMinutesOf(m, input.officeHours);
      if (minutes === null) {
        push({ kind: 'late_minutes_missing', severity: 'warning', staffId: m.staffId, date: m.date, markCode: t.code, message: `${who} ${when}迟到未填写迟到分钟数，无法判断是否超过 ${s.lateAbsentMinutes} 分钟` });
      } else if (minutes > s.lateAbsentMinutes) {
        push({
          kind: 'late_absent',
          severity: 'error',
          staffId: m.staffId,
          date: m.date,
          markCode: t.code,
          message: `${who} ${when}迟到 ${minutes} 分钟，超过 ${s.lateAbsentMinutes} 分钟，当天按缺勤计`,
        });
      }
    }
  }

  // Two marks for the same half day.
  for (const list of byPersonDay.values()) {
    if (list.length < 2) continue;
    const full = list.filter((m) => m.half === 'full').length;
    const am = list.filter((m) => m.half === 'am').length;
    const pm = list.filter((m) => m.half === 'pm').length;
    if (full > 1 || am > 1 || pm > 1 || (full > 0 && am + pm > 0)) {
      const m = list[0]!;
      push({ kind: 'mark_conflict', severity: 'error', staffId: m.staffId, date: m.date, message: `${nameOf(m.staffId)} ${dayText(m.date)}有重叠的标记（${list.map((x) => `${HALF_LABELS[x.half]}:${markTypeOf(input.markTypes, x.mark)?.label ?? x.mark}`).join('、')}），请只保留一个` });
    }
  }

  // Lates in the month.
  for (const [staffId, list] of lates) {
    if (list.length <= s.lateLimitPerMonth) continue;
    const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const first = sorted[s.lateLimitPerMonth]!;
    push({
      kind: 'late_over_limit',
      severity: 'error',
      staffId,
      date: first.date,
      markCode: first.mark,
      message: `${nameOf(staffId)} ${formatMonth(input.month)}迟到 ${list.length} 次，超过 ${s.lateLimitPerMonth} 次（第 ${s.lateLimitPerMonth + 1} 次为${dayText(first.date)}），应记录并处罚`,
    });
  }

  // Leave requests touching the month: notice and sick note.
  for (const r of requests) {
    if (!isLive(r) || r.to < range.from || r.from > range.to) continue;
    const t = markTypeOf(input.markTypes, r.kind);
    if (!t) continue;
    const b = markBehavior(t);
    const date = r.from < range.from ? range.from : r.from;
    const who = nameOf(r.staffId);
    const span = r.from === r.to ? dayText(r.from) : `${dayText(r.from)}至${dayText(r.to)}`;
    if (b.needsNotice && !leaveNoticeOk(r, s.leaveNoticeDays) && r.from >= range.from) {
      push({
        kind: 'short_notice',
        severity: 'error',
        staffId: r.staffId,
        date,
        markCode: t.code,
        requestId: r.id ?? null,
        message: `${who} ${span}的${t.label}申请于${dayText(toBizDate(r.requestedAt))}提出，应至少提前 ${s.leaveNoticeDays} 天申请`,
      });
    }
    if (b.needsSickNote && !r.hasSickNote) {
      push({
        kind: 'sick_without_note',
        severity: 'error',
        staffId: r.staffId,
        date,
        markCode: t.code,
        requestId: r.id ?? null,
        message: `${who} ${span}的${t.label}缺少医院诊断书，请补交`,
      });
    }
  }

  // Working days without a mark.
  const last = input.until && input.until < range.to ? input.until : range.to;
  for (const p of input.people) {
    for (let d = range.from; d <= last; d = addDays(d, 1)) {
      if ((p.from && d < p.from) || (p.to && d > p.to)) continue;
      const day = info(d);
      if (!day.working) continue;
      const list = byPersonDay.get(`${p.id}\u0000${d}`) ?? [];
      const halves = new Set(list.map((m) => m.half));
      if (halves.has('full') || (halves.has('am') && halves.has('pm'))) continue;
      const missing = halves.has('am') ? '下午' : halves.has('pm') ? '上午' : '';
      const kindText = day.kind === 'makeup_workday' ? `调休上班日${day.name ? `（${day.name}）` : ''}` : '工作日';
      push({ kind: 'unmarked', severity: 'error', staffId: p.id, date: d, message: `${nameOf(p.id)} ${dayText(d)}${missing}（${kindText}）没有考勤标记` });
    }
  }

  const order = new Map(input.people.map((p, i) => [p.id, i]));
  const kindOrder = new Map(VIOLATION_KINDS.map((k, i) => [k, i]));
  return out.sort(
    (a, b) =>
      (order.get(a.staffId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.staffId) ?? Number.MAX_SAFE_INTEGER) ||
      (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0) ||
      (a.date ?? '').localeCompare(b.date ?? '') ||
      (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0),
  );
}
