/**
 * Attendance suggested by the work record: inspection runs, work orders and fault stamps a
 * person did on a day. Suggestions only — a person confirms them before they become marks.
 *
 * For each person and business day with evidence and no mark yet:
 * - a working day with all evidence inside office hours → 出勤;
 * - a working day with evidence before the start or after the end of office hours → 加班 with
 *   the hours outside office hours (加班 on a working day counts as a day at work in the
 *   totals, so nothing is lost);
 * - a day off (weekend, holiday) → 加班 with the hours from the first to the last evidence.
 * Hours are rounded to whole hours, at least 1 and at most 24 (the sheet records whole hours).
 *
 * An approved leave request suggests its own mark (事假, 病假, 休假) on each unmarked working
 * day it covers, for the half it asks for; on such a day the leave wins over the work record
 * (which is kept as evidence and named in the reason, to be checked).
 */
import { addDays, formatBizDate, formatHm, isMonth, minutesOfBizDay, monthRange, parseHm, toBizDate } from '../time';
import { dayKind, type CalendarExtra } from './calendar';
import { HALF_LABELS, markTypeOf, markTypeOfKind, type Half, type MarkType } from './marks';
import { isApproved, isLive, type AttendanceMark, type LeaveRequest, type OfficeHours, type Person } from './types';

export type EvidenceKind = 'inspection' | 'workorder' | 'fault' | 'leave';
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = { inspection: '巡检', workorder: '工单', fault: '故障处理', leave: '请假申请' };

export interface WorkEvidence {
  staffId: string;
  kind: EvidenceKind;
  refId: string;
  /** What to show (e.g. XJ-2026-0012 日常巡检). */
  label: string;
  /** When it happened (UTC instant); null when only the date is known. */
  at: string | null;
  /** The business date when `at` is null. */
  date?: string | null;
}

export interface AttendanceSuggestion {
  staffId: string;
  staffName: string;
  date: string;
  /** The whole day, or the half an approved half-day leave asks for. */
  half: Half;
  /** The suggested mark's code and label. */
  mark: string;
  markLabel: string;
  kind: 'present' | 'overtime' | 'leave';
  overtimeHours: number | null;
  /** Why, in Chinese. */
  reason: string;
  evidence: WorkEvidence[];
}

export interface SuggestInput {
  evidence: readonly WorkEvidence[];
  markTypes: readonly MarkType[];
  officeHours: OfficeHours;
  calendar?: CalendarExtra;
  /** Marks already on the sheet: days with any mark get no suggestion. */
  existing?: readonly AttendanceMark[];
  /** Only days of this month. */
  month?: string;
  /** Names and order; others follow by id. */
  people?: readonly Person[];
  /** Leave requests: the approved ones still in force suggest their mark. */
  leaveRequests?: readonly LeaveRequest[];
}

const hoursOf = (minutes: number) => Math.min(24, Math.max(1, Math.round(minutes / 60)));

function dateOf(e: WorkEvidence): string | null {
  if (e.at) return toBizDate(e.at);
  return e.date ?? null;
}

/** Suggested marks, by person (people order, then id) and date. */
export function suggestAttendance(input: SuggestInput): AttendanceSuggestion[] {
  if (input.month !== undefined && !isMonth(input.month)) throw new RangeError(`invalid month: ${input.month}`);
  const range = input.month === undefined ? null : monthRange(input.month);
  const present = markTypeOfKind(input.markTypes, 'present');
  const overtime = markTypeOfKind(input.markTypes, 'overtime');
  const start = parseHm(input.officeHours.start);
  const end = parseHm(input.officeHours.end);
  const marked = new Set((input.existing ?? []).map((m) => `${m.staffId}\u0000${m.date}`));
  const groups = new Map<string, { staffId: string; date: string; items: WorkEvidence[] }>();
  for (const e of input.evidence) {
    const date = dateOf(e);
    if (date === null) continue;
    if (range && (date < range.from || date > range.to)) continue;
    const key = `${e.staffId}\u0000${date}`;
    if (marked.has(key)) continue;
    const g = groups.get(key) ?? { staffId: e.staffId, date, items: [] };
    g.items.push(e);
    groups.set(key, g);
  }
  const names = new Map((input.people ?? []).map((p) => [p.id, p.name ?? p.id]));
  const out: AttendanceSuggestion[] = [];
  for (const g of groups.values()) {
    const day = dayKind(g.date, input.calendar);
    const items = [...g.items].sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
    const timed = items.filter((e): e is WorkEvidence & { at: string } => e.at !== null).map((e) => minutesOfBizDay(e.at));
    const first = timed.length ? Math.min(...timed) : null;
    const lastM = timed.length ? Math.max(...timed) : null;
    const base = { staffId: g.staffId, staffName: names.get(g.staffId) ?? g.staffId, date: g.date, half: 'full' as const, evidence: items };
    const what = summary(items);
    if (!day.working) {
      if (!overtime) continue;
      const hours = first !== null && lastM !== null ? hoursOf(lastM - first) : null;
      const dayText = day.kind === 'holiday' ? `节假日${day.name ? `（${day.name}）` : ''}` : '休息日';
      out.push({ ...base, mark: overtime.code, markLabel: overtime.label, kind: 'overtime', overtimeHours: hours, reason: `${dayText}有工作记录：${what}` });
      continue;
    }
    const before = first !== null && first < start ? start - first : 0;
    const after = lastM !== null && lastM > end ? lastM - end : 0;
    if (before + after > 0 && overtime) {
      const parts: string[] = [];
      if (before > 0 && first !== null) parts.push(`上班前（${formatHm(first)}）`);
      if (after > 0 && lastM !== null) parts.push(`下班后（${formatHm(lastM)}）`);
      out.push({
        ...base,
        mark: overtime.code,
        markLabel: overtime.label,
        kind: 'overtime',
        overtimeHours: hoursOf(before + after),
        reason: `工作日${parts.join('和')}仍有工作记录：${what}`,
      });
      continue;
    }
    if (!present) continue;
    out.push({ ...base, mark: present.code, markLabel: present.label, kind: 'present', overtimeHours: null, reason: `工作日有工作记录：${what}` });
  }
  const byDay = new Map(out.map((x) => [`${x.staffId}\u0000${x.date}`, x]));
  for (const x of leaveSuggestions(input, range, marked, names)) {
    const key = `${x.staffId}\u0000${x.date}`;
    const work = byDay.get(key);
    byDay.set(key, work ? { ...x, reason: `${x.reason}；当天另有工作记录：${summary(work.evidence)}，请核实`, evidence: [...x.evidence, ...work.evidence] } : x);
  }
  const order = new Map((input.people ?? []).map((p, i) => [p.id, i]));
  return [...byDay.values()].sort(
    (a, b) =>
      (order.get(a.staffId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.staffId) ?? Number.MAX_SAFE_INTEGER) ||
      (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0) ||
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0),
  );
}

/** One suggestion per unmarked working day covered by an approved leave request (in the month). */
function leaveSuggestions(
  input: SuggestInput,
  range: { from: string; to: string } | null,
  marked: ReadonlySet<string>,
  names: ReadonlyMap<string, string>,
): AttendanceSuggestion[] {
  const out: AttendanceSuggestion[] = [];
  for (const r of input.leaveRequests ?? []) {
    if (!isApproved(r) || !isLive(r)) continue;
    const type = markTypeOf(input.markTypes, r.kind);
    if (!type) continue;
    const half: Half = r.half ?? 'full';
    const span = r.from === r.to ? formatBizDate(r.from) : `${formatBizDate(r.from)}至${formatBizDate(r.to)}`;
    const by = r.approvedBy ? `，${r.approvedBy}批准` : '';
    const evidence: WorkEvidence = { staffId: r.staffId, kind: 'leave', refId: r.id ?? '', label: `${type.label}申请 ${span}${half === 'full' ? '' : HALF_LABELS[half]}${by}`, at: r.approvedAt ?? null, date: r.from };
    const from = range && range.from > r.from ? range.from : r.from;
    const to = range && range.to < r.to ? range.to : r.to;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (marked.has(`${r.staffId}\u0000${d}`) || !dayKind(d, input.calendar).working) continue;
      out.push({
        staffId: r.staffId,
        staffName: names.get(r.staffId) ?? r.staffId,
        date: d,
        half,
        mark: type.code,
        markLabel: type.label,
        kind: 'leave',
        overtimeHours: null,
        reason: `已批准的${type.label}申请（${span}${half === 'full' ? '' : HALF_LABELS[half]}）`,
        evidence: [evidence],
      });
    }
  }
  return out;
}

/** 巡检 2 项、工单 1 项. */
function summary(items: readonly WorkEvidence[]): string {
  const counts = new Map<EvidenceKind, number>();
  for (const e of items) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return (Object.keys(EVIDENCE_KIND_LABELS) as EvidenceKind[])
    .filter((k) => counts.has(k))
    .map((k) => `${EVIDENCE_KIND_LABELS[k]} ${counts.get(k)} 项`)
    .join('、');
}
