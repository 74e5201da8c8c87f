/**
 * Business time in Asia/Shanghai (UTC+8 all year, no daylight saving time since 1991).
 *
 * - Instants are UTC ISO-8601 strings (`2025-12-31T15:50:00.000Z`).
 * - Business dates are `YYYY-MM-DD` in Asia/Shanghai; months are `YYYY-MM`; wall-clock
 *   times are `HH:mm`.
 *
 * Every function here is pure arithmetic on UTC milliseconds shifted by the fixed offset: it
 * never reads the machine's time zone (`getHours`, `getDate`…) nor the clock (`Date.now`).
 */

export const BIZ_TIME_ZONE = 'Asia/Shanghai';
export const BIZ_OFFSET_MINUTES = 8 * 60;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const OFFSET_MS = BIZ_OFFSET_MINUTES * MINUTE_MS;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const HM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MONTH_DAY_RE = /^(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Validation and parsing
// ---------------------------------------------------------------------------------------------

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is not). */
export function isBizDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === s;
}

/** A month `YYYY-MM`. */
export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

/** A wall-clock time `HH:mm` (00:00–23:59). */
export function isHm(s: string): boolean {
  return HM_RE.test(s);
}

/** An ISO-8601 instant with a time zone designator that `Date.parse` understands. */
export function isInstant(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && Number.isFinite(Date.parse(s));
}

function assertDate(date: string): void {
  if (!isBizDate(date)) throw new RangeError(`invalid business date: ${date}`);
}

function assertMonth(month: string): void {
  if (!isMonth(month)) throw new RangeError(`invalid month: ${month}`);
}

/** Milliseconds of an instant; accepts an ISO string or a Date. Throws on an invalid one. */
export function instantMs(instant: string | Date): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant: ${String(instant)}`);
  return ms;
}

/** Minutes after midnight of `HH:mm`. */
export function parseHm(hm: string): number {
  const m = HM_RE.exec(hm);
  if (!m) throw new RangeError(`invalid time of day (HH:mm): ${hm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:mm` of minutes after midnight (0–1439). */
export function formatHm(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) throw new RangeError(`invalid minutes of day: ${minutes}`);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Instants ↔ business dates
// ---------------------------------------------------------------------------------------------

/** 'YYYY-MM-DD' in Asia/Shanghai of a UTC instant. */
export function toBizDate(instant: string | Date): string {
  return new Date(instantMs(instant) + OFFSET_MS).toISOString().slice(0, 10);
}

/** 'HH:mm' in Asia/Shanghai of a UTC instant. */
export function toBizTime(instant: string | Date): string {
  return new Date(instantMs(instant) + OFFSET_MS).toISOString().slice(11, 16);
}

/** Minutes after Shanghai midnight of an instant (0–1439, seconds dropped). */
export function minutesOfBizDay(instant: string | Date): number {
  const local = instantMs(instant) + OFFSET_MS;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

/** UTC instant (ISO) of a Shanghai business date and wall-clock time 'HH:mm'. */
export function bizDateTimeToInstant(date: string, hm: string): string {
  assertDate(date);
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS + parseHm(hm) * MINUTE_MS).toISOString();
}

/** The instants a business day spans: [start, end) — Shanghai midnight to the next midnight. */
export function bizDayRange(date: string): { start: string; end: string } {
  return { start: bizDateTimeToInstant(date, '00:00'), end: bizDateTimeToInstant(addDays(date, 1), '00:00') };
}

export function addMinutes(instant: string, minutes: number): string {
  return new Date(instantMs(instant) + minutes * MINUTE_MS).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Date arithmetic
// ---------------------------------------------------------------------------------------------

const dateMs = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);
const msDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  assertDate(date);
  return msDate(dateMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: string, to: string): number {
  assertDate(from);
  assertDate(to);
  return Math.round((dateMs(to) - dateMs(from)) / DAY_MS);
}

/** Every date from `from` to `to`, both included (empty when `to` < `from`). */
export function datesBetween(from: string, to: string): string[] {
  const n = diffDays(from, to);
  const out: string[] = [];
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  assertDate(date);
  return new Date(dateMs(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** 周日 … 周六, indexed by weekdayOf. */
export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

// ---------------------------------------------------------------------------------------------
// Months
// ---------------------------------------------------------------------------------------------

/** 'YYYY-MM' of a business date. */
export function monthOf(date: string): string {
  assertDate(date);
  return date.slice(0, 7);
}

/** Number of days in a month 'YYYY-MM' (2024-02 → 29). */
export function daysInMonth(month: string): number {
  assertMonth(month);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The month `n` months after (or before, when negative) `month`. */
export function addMonths(month: string, n: number): string {
  assertMonth(month);
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Every date of a month, 1 … daysInMonth. */
export function datesInMonth(month: string): string[] {
  const n = daysInMonth(month);
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

export interface MonthRange {
  month: string;
  /** First and last business dates of the month. */
  from: string;
  to: string;
  days: number;
  /** Instants the month spans in Shanghai: [start, end). */
  start: string;
  end: string;
}

/** A month's dates and the UTC instants it spans in Asia/Shanghai ([start, end)). */
export function monthRange(month: string): MonthRange {
  const days = daysInMonth(month);
  const from = `${month}-01`;
  const to = `${month}-${String(days).padStart(2, '0')}`;
  return { month, from, to, days, start: bizDateTimeToInstant(from, '00:00'), end: bizDateTimeToInstant(addDays(to, 1), '00:00') };
}

/** Every month from `from` to `to` ('YYYY-MM'), both included. */
export function monthsBetween(from: string, to: string): string[] {
  assertMonth(from);
  assertMonth(to);
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Chinese display
// ---------------------------------------------------------------------------------------------

/** Year, month and day numbers of a date, for forms printed as `____年__月__日`. */
export function bizDateParts(date: string): { year: number; month: number; day: number } {
  assertDate(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** `2026年1月5日` (month and day without leading zeros, as written in Chinese documents). */
export function formatBizDate(date: string): string {
  const p = bizDateParts(date);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** `2026年11月28日 14:05` for an instant, in Shanghai time. */
export function formatBizDateTime(instant: string | Date): string {
  return `${formatBizDate(toBizDate(instant))} ${toBizTime(instant)}`;
}

/** `2026年11月` for 'YYYY-MM'. */
export function formatMonth(month: string): string {
  assertMonth(month);
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/**
 * A duration in Chinese: `1天2小时5分钟`, `45分钟`, `不足1分钟`. Negative durations are shown
 * by their magnitude (callers say 已超时 / 剩余 themselves). Seconds are dropped.
 */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (minutes === 0) return '不足1分钟';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${m ? `${m}分钟` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Service years
// ---------------------------------------------------------------------------------------------

export interface ServiceYear {
  /** 1-based. */
  index: number;
  from: string;
  to: string;
}

function monthDayIn(year: number, monthDay: string): string {
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/**
 * Service year `n` (1-based) of a contract whose years start on `startMonthDay` ('09-01') and
 * whose first year starts on `firstYearStart` ('2023-09-01'): year 1 = 2023-09-01..2024-08-31,
 * year 2 = 2024-09-01..2025-08-31…
 *
 * When `firstYearStart` does not fall on `startMonthDay`, year 1 runs from `firstYearStart` to
 * the day before the `startMonthDay` nearest to one year later (service from 2023-08-17 with
 * years from 09-01: year 1 = 2023-08-17..2024-08-31; from 2023-09-10: 2023-09-10..2024-08-31),
 * and the later years are whole years from `startMonthDay`. 02-29 is refused as a start.
 */
export function serviceYearRange(startMonthDay: string, firstYearStart: string, n: number): ServiceYear {
  if (!MONTH_DAY_RE.test(startMonthDay) || startMonthDay === '02-29' || !isBizDate(`2001-${startMonthDay}`)) {
    throw new RangeError(`invalid start month-day: ${startMonthDay}`);
  }
  assertDate(firstYearStart);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid service year number: ${n}`);
  const y0 = Number(firstYearStart.slice(0, 4));
  const sameDayNextYear = `${String(y0 + 1).padStart(4, '0')}${firstYearStart.slice(4)}`;
  const target = isBizDate(sameDayNextYear) ? sameDayNextYear : `${String(y0 + 1).padStart(4, '0')}-02-28`;
  // The year in which year 1 ends (its startMonthDay is the start of year 2).
  let endYear = y0 + 1;
  let best = Number.POSITIVE_INFINITY;
  for (const y of [y0, y0 + 1, y0 + 2]) {
    const boundary = monthDayIn(y, startMonthDay);
    if (boundary <= firstYearStart) continue;
    const d = Math.abs(diffDays(target, boundary));
    if (d < best) {
      best = d;
      endYear = y;
    }
  }
  const from = n === 1 ? firstYearStart : monthDayIn(endYear + n - 2, startMonthDay);
  const to = addDays(monthDayIn(endYear + n - 1, startMonthDay), -1);
  return { index: n, from, to };
}

/** Which service year (1-based) a date falls in, or null before the first or after year `count`. */
export function serviceYearOf(date: string, startMonthDay: string, firstYearStart: string, count: number): number | null {
  assertDate(date);
  for (let n = 1; n <= count; n++) {
    const y = serviceYearRange(startMonthDay, firstYearStart, n);
    if (date < y.from) return null;
    if (date <= y.to) return n;
  }
  return null;
}
