import type { FaultStampField } from '../../../shared/contract/faults';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { validateStamps } from '../../../shared/sla';

export type Stamps = Record<FaultStampField, string | null>;

/** How far ahead of the clock a stamp may be (the clocks of two PCs differ a little). */
export const FUTURE_TOLERANCE_MS = 2 * 60_000;
/** A stamp given more than this before the moment it is entered is a backfill (补录), kept in the history. */
export const BACKFILL_AFTER_MS = 10 * 60_000;

/** The same instant written as the core stores it (UTC, milliseconds). */
export function normIso(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

/**
 * Checks a fault's stamps with `field` set to `at`, by the shared rule (shared/sla.ts
 * validateStamps: lifecycle order, nothing in the future). Throws the first problem as a clear
 * Chinese error; `path` names the input field the form shows it under.
 */
export function checkStamp(stamps: Stamps, field: FaultStampField, at: string, now: Date, path = 'at'): void {
  const candidate = { ...stamps, [field]: at };
  const errors = validateStamps(candidate, new Date(now.getTime() + FUTURE_TOLERANCE_MS));
  const e = errors.find((x) => x.field === field || x.other === field) ?? errors[0];
  if (!e) return;
  const message = e.code === 'in_future' ? t('fault.futureStamp', { detail: e.message }) : e.code === 'before_previous' ? t('fault.outOfOrder', { detail: e.message }) : e.message;
  throw new AppError('VALIDATION', message, [{ path, message }]);
}
