/**
 * Writing marks into an open month: cells set or cleared by hand, and suggestions the engineer
 * confirms. Every cell is checked before any is written; each change goes to the audit log.
 */
import { eq } from 'drizzle-orm';
import { HALF_LABELS, markBehavior, markTypeOf, type Half, type MarkType } from '../../../shared/attendance/marks';
import type { CellInput, MonthView } from '../../../shared/contract/attendance';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { formatBizDate, formatMonth, monthRange } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { assertMonthOpen } from './month-close';
import { dayRows, projectStaff, type MarkRow, type StaffRow } from './repo';
import { attendanceMarks } from './schema';
import { monthView, suggestions } from './service';
import { markTypesOf, markView } from './views';

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
