import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMinutes,
  addMonths,
  bizDateParts,
  bizDateTimeToInstant,
  bizDayRange,
  datesBetween,
  datesInMonth,
  daysInMonth,
  diffDays,
  formatBizDate,
  formatBizDateTime,
  formatDuration,
  formatHm,
  formatMonth,
  isBizDate,
  isHm,
  isInstant,
  isMonth,
  minutesOfBizDay,
  monthOf,
  monthRange,
  monthsBetween,
  parseHm,
  serviceYearOf,
  serviceYearRange,
  toBizDate,
  toBizTime,
  weekdayOf,
} from './time';

describe('business dates in Asia/Shanghai', () => {
  it('an instant late in the UTC day is the next Shanghai day', () => {
    expect(toBizDate('2025-12-31T15:59:59.999Z')).toBe('2025-12-31');
    expect(toBizDate('2025-12-31T16:00:00.000Z')).toBe('2026-01-01');
    expect(toBizDate('2025-12-31T23:50:00+08:00')).toBe('2025-12-31');
    expect(toBizDate(new Date('2024-02-29T16:30:00Z'))).toBe('2024-03-01');
    expect(toBizTime('2025-12-31T15:50:00Z')).toBe('23:50');
    expect(minutesOfBizDay('2025-12-31T15:50:00Z')).toBe(23 * 60 + 50);
  });

  it('a Shanghai wall-clock time is 8 hours ahead of UTC', () => {
    expect(bizDateTimeToInstant('2026-01-01', '00:00')).toBe('2025-12-31T16:00:00.000Z');
    expect(bizDateTimeToInstant('2024-03-01', '08:30')).toBe('2024-03-01T00:30:00.000Z');
    expect(bizDayRange('2024-03-01')).toEqual({ start: '2024-02-29T16:00:00.000Z', end: '2024-03-01T16:00:00.000Z' });
    expect(() => bizDateTimeToInstant('2024-02-30', '08:00')).toThrow(RangeError);
    expect(() => bizDateTimeToInstant('2024-02-01', '24:00')).toThrow(RangeError);
  });

  it('round-trips any instant to its date and minute', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString();
        expect(bizDateTimeToInstant(toBizDate(iso), toBizTime(iso))).toBe(iso);
      }),
    );
  });

  it('adds minutes across midnight, month and year', () => {
    expect(addMinutes('2025-12-31T15:50:00.000Z', 30)).toBe('2025-12-31T16:20:00.000Z');
    expect(toBizDate(addMinutes('2025-12-31T15:50:00.000Z', 30))).toBe('2026-01-01');
  });

  it('date arithmetic', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(datesBetween('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(datesBetween('2024-03-01', '2024-02-27')).toEqual([]);
    expect(weekdayOf('2024-02-04')).toBe(0);
    expect(weekdayOf('2026-11-28')).toBe(6);
  });

  it('validates inputs', () => {
    expect(isBizDate('2024-02-29')).toBe(true);
    expect(isBizDate('2023-02-29')).toBe(false);
    expect(isBizDate('2024-2-9')).toBe(false);
    expect(isMonth('2024-12')).toBe(true);
    expect(isMonth('2024-13')).toBe(false);
    expect(isHm('23:59')).toBe(true);
    expect(isHm('24:00')).toBe(false);
    expect(isInstant('2024-01-01T00:00:00Z')).toBe(true);
    expect(isInstant('2024-01-01T08:00:00+08:00')).toBe(true);
    expect(isInstant('2024-01-01 08:00')).toBe(false);
    expect(parseHm('08:30')).toBe(510);
    expect(formatHm(510)).toBe('08:30');
    expect(() => parseHm('8:30')).toThrow(RangeError);
    expect(() => toBizDate('nonsense')).toThrow(RangeError);
  });
});

describe('months', () => {
  it('days in a month, with leap years', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(daysInMonth('2023-02')).toBe(28);
    expect(daysInMonth('1900-02')).toBe(28);
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('2025-12')).toBe(31);
    expect(daysInMonth('2026-04')).toBe(30);
    expect(datesInMonth('2024-02')).toHaveLength(29);
    expect(datesInMonth('2024-02').at(-1)).toBe('2024-02-29');
  });

  it('month of a date, month arithmetic and ranges', () => {
    expect(monthOf('2025-12-31')).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2024-05', -17)).toBe('2022-12');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2025-12')).toEqual({
      month: '2025-12',
      from: '2025-12-01',
      to: '2025-12-31',
      days: 31,
      start: '2025-11-30T16:00:00.000Z',
      end: '2025-12-31T16:00:00.000Z',
    });
  });

  it('an instant belongs to exactly the month whose range holds it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        const r = monthRange(monthOf(toBizDate(iso)));
        expect(Date.parse(r.start) <= d.getTime() && d.getTime() < Date.parse(r.end)).toBe(true);
      }),
    );
  });
});

describe('Chinese display', () => {
  it('formats dates, instants, months and durations', () => {
    expect(formatBizDateTime('2026-11-28T06:05:00Z')).toBe('2026年11月28日 14:05');
    expect(formatBizDateTime('2025-12-31T16:05:00Z')).toBe('2026年1月1日 00:05');
    expect(formatBizDate('2026-01-05')).toBe('2026年1月5日');
    expect(bizDateParts('2026-01-05')).toEqual({ year: 2026, month: 1, day: 5 });
    expect(formatMonth('2026-03')).toBe('2026年3月');
    expect(formatDuration(0)).toBe('不足1分钟');
    expect(formatDuration(45 * 60_000)).toBe('45分钟');
    expect(formatDuration(-(26 * 60 + 5) * 60_000)).toBe('1天2小时5分钟');
    expect(formatDuration(2 * 3_600_000)).toBe('2小时');
  });
});

describe('service years', () => {
  it('contract years run 09-01 → 08-31', () => {
    expect(serviceYearRange('09-01', '2023-09-01', 1)).toEqual({ index: 1, from: '2023-09-01', to: '2024-08-31' });
    expect(serviceYearRange('09-01', '2023-09-01', 2)).toEqual({ index: 2, from: '2024-09-01', to: '2025-08-31' });
    expect(serviceYearRange('09-01', '2023-09-01', 3)).toEqual({ index: 3, from: '2025-09-01', to: '2026-08-31' });
  });

  it('a lead-in before the first start belongs to year 1', () => {
    expect(serviceYearRange('09-01', '2023-08-17', 1)).toEqual({ index: 1, from: '2023-08-17', to: '2024-08-31' });
    expect(serviceYearRange('09-01', '2023-08-17', 2)).toEqual({ index: 2, from: '2024-09-01', to: '2025-08-31' });
    expect(serviceYearRange('09-01', '2023-09-10', 1)).toEqual({ index: 1, from: '2023-09-10', to: '2024-08-31' });
    expect(serviceYearRange('01-01', '2024-01-01', 1)).toEqual({ index: 1, from: '2024-01-01', to: '2024-12-31' });
  });

  it('finds the year of a date', () => {
    expect(serviceYearOf('2023-08-31', '09-01', '2023-09-01', 3)).toBeNull();
    expect(serviceYearOf('2023-09-01', '09-01', '2023-09-01', 3)).toBe(1);
    expect(serviceYearOf('2024-08-31', '09-01', '2023-09-01', 3)).toBe(1);
    expect(serviceYearOf('2024-09-01', '09-01', '2023-09-01', 3)).toBe(2);
    expect(serviceYearOf('2026-08-31', '09-01', '2023-09-01', 3)).toBe(3);
    expect(serviceYearOf('2026-09-01', '09-01', '2023-09-01', 3)).toBeNull();
  });

  it('years are contiguous and about a year long', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2001-12-31T00:00:00Z'), noInvalidDate: true }),
        (start, md) => {
          const first = start.toISOString().slice(0, 10);
          const monthDay = md.toISOString().slice(5, 10);
          let prev = serviceYearRange(monthDay, first, 1);
          expect(prev.from).toBe(first);
          expect(diffDays(prev.from, prev.to)).toBeGreaterThan(180);
          expect(diffDays(prev.from, prev.to)).toBeLessThan(550);
          for (let n = 2; n <= 4; n++) {
            const y = serviceYearRange(monthDay, first, n);
            expect(y.from).toBe(addDays(prev.to, 1));
            expect(y.from.slice(5)).toBe(monthDay);
            expect([364, 365]).toContain(diffDays(y.from, y.to));
            prev = y;
          }
        },
      ),
    );
  });

  it('refuses a bad start', () => {
    expect(() => serviceYearRange('02-29', '2024-02-29', 1)).toThrow(RangeError);
    expect(() => serviceYearRange('13-01', '2024-01-01', 1)).toThrow(RangeError);
    expect(() => serviceYearRange('09-01', '2023-09-01', 0)).toThrow(RangeError);
  });
});
