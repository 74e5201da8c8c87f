/**
 * Extra holidays and workdays entered by hand for a date (the shared calendar covers the
 * statutory ones).
 */
import { eq } from 'drizzle-orm';
import type { MonthView } from '../../../shared/contract/attendance';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { formatBizDate, monthOf } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { assertMonthOpen } from './month-close';
import { overrideRow } from './repo';
import { calendarOverrides } from './schema';
import { monthView } from './service';

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
