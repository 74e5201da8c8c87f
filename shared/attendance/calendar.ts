/**
 * Working days in mainland China: statutory holidays (法定节假日) and 调休 make-up workdays
 * from the `chinese-days` package, plus extra holidays/workdays entered by hand (for years the
 * package does not know yet, or local arrangements of Party A).
 *
 * We read the package's own data file (`chinese-days/dist/chinese-days.json`, the same tables
 * its `isWorkday` / `isHoliday` / `isInLieu` / `getDayDetail` use) instead of calling those
 * functions: they parse dates with the machine's local time zone and build their tables at
 * load time, so on a machine west of UTC they answer for the wrong day (under
 * TZ=America/Los_Angeles, getDayDetail('2024-02-04') reports 2024-02-03). Lookups by the
 * 'YYYY-MM-DD' key are time-zone free. calendar.test.ts checks we agree with the package's
 * functions for every day it covers.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { DayKind } from '../contract/attendance';
import { datesBetween, datesInMonth, isBizDate, weekdayOf } from '../time';

interface HolidayTables {
  /** Days off (statutory holidays and the weekend days inside a holiday period). */
  holidays: Readonly<Record<string, string>>;
  /** Make-up workdays (调休上班), usually a Saturday or Sunday. */
  workdays: Readonly<Record<string, string>>;
  /** Days off that are paid back by a make-up workday (调休休息日). */
  inLieuDays: Readonly<Record<string, string>>;
}

const tables: HolidayTables = data;

export { DAY_KIND_LABELS, DAY_KINDS, type DayKind } from '../contract/attendance';

/** Extra days entered by hand; they win over the package. A date in both lists is a workday. */
export interface CalendarExtra {
  holidays?: readonly string[];
  workdays?: readonly string[];
  /** Optional names of the extra days (e.g. 春节), by date. */
  names?: Readonly<Record<string, string>>;
}

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** The festival in Chinese (春节, 国庆节…) for a holiday or a make-up workday, else null. */
  name: string | null;
  /** A day off paid back by a make-up workday (调休休息日). */
  inLieu: boolean;
  /** Where the answer comes from. */
  source: 'library' | 'override' | 'weekday';
  override: 'holiday' | 'workday' | null;
}

/** 'Spring Festival,春节,4' → '春节'. */
function zhName(entry: string | undefined): string | null {
  if (!entry) return null;
  const parts = entry.split(',');
  return (parts[1] ?? parts[0] ?? '').trim() || null;
}

function assertDate(date: string): void {
  if (!isBizDate(date)) throw new RangeError(`invalid business date: ${date}`);
}

/** What kind of day `date` is, with the holiday name. */
export function dayKind(date: string, extra?: CalendarExtra): DayInfo {
  assertDate(date);
  const weekday = weekdayOf(date);
  const weekend = weekday === 0 || weekday === 6;
  const libName = zhName(tables.holidays[date] ?? tables.workdays[date]);
  const inLieu = tables.inLieuDays[date] !== undefined;
  const extraName = extra?.names?.[date]?.trim() || null;
  if (extra?.workdays?.includes(date)) {
    return { date, kind: weekend ? 'makeup_workday' : 'workday', working: true, weekday, name: extraName, inLieu: false, source: 'override', override: 'workday' };
  }
  if (extra?.holidays?.includes(date)) {
    return { date, kind: 'holiday', working: false, weekday, name: extraName ?? libName, inLieu, source: 'override', override: 'holiday' };
  }
  if (tables.workdays[date] !== undefined) {
    return { date, kind: weekend ? 'makeup_workday' : 'workday', working: true, weekday, name: libName, inLieu: false, source: 'library', override: null };
  }
  if (tables.holidays[date] !== undefined) {
    return { date, kind: 'holiday', working: false, weekday, name: libName, inLieu, source: 'library', override: null };
  }
  return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, weekday, name: null, inLieu: false, source: 'weekday', override: null };
}

/** A working day: a weekday that is not a holiday, or a make-up workday (调休上班). */
export function isWorkingDay(date: string, extra?: CalendarExtra): boolean {
  return dayKind(date, extra).working;
}

/** Every day of a month with its kind (the attendance grid's header). */
export function calendarMonth(month: string, extra?: CalendarExtra): DayInfo[] {
  return datesInMonth(month).map((d) => dayKind(d, extra));
}

/** The working days of a month, in order. */
export function workingDaysInMonth(month: string, extra?: CalendarExtra): string[] {
  return datesInMonth(month).filter((d) => isWorkingDay(d, extra));
}

/** Number of working days from `from` to `to`, both included. */
export function countWorkingDays(from: string, to: string, extra?: CalendarExtra): number {
  return datesBetween(from, to).filter((d) => isWorkingDay(d, extra)).length;
}

let covered: number[] | null = null;

/**
 * Years the package has the State Council's arrangement for (their 春节 and 国庆节 are listed).
 * Outside them working days are plain weekdays plus the extra days entered by hand.
 */
export function coveredYears(): number[] {
  if (covered === null) {
    const names = new Map<number, Set<string>>();
    for (const [date, entry] of Object.entries(tables.holidays)) {
      const y = Number(date.slice(0, 4));
      const set = names.get(y) ?? new Set<string>();
      const n = zhName(entry);
      if (n) set.add(n);
      names.set(y, set);
    }
    covered = [...names.entries()]
      .filter(([, s]) => s.has('春节') && s.has('国庆节'))
      .map(([y]) => y)
      .sort((a, b) => a - b);
  }
  return [...covered];
}

/** The package knows the holidays and 调休 of this year (else flag it to the user). */
export function isYearCovered(year: number | string): boolean {
  return coveredYears().includes(Number(year));
}
