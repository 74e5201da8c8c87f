import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { datesBetween } from '../time';
import { calendarMonth, countWorkingDays, coveredYears, dayKind, isWorkingDay, isYearCovered, workingDaysInMonth } from './calendar';

const kinds = (dates: string[]) => dates.map((d) => dayKind(d).kind);

describe('2024', () => {
  it('Spring Festival: 02-10..17 off, Sundays 02-04 and 02-18 are make-up workdays', () => {
    expect(dayKind('2024-02-04')).toMatchObject({ kind: 'makeup_workday', working: true, weekday: 0, name: '春节', source: 'library' });
    expect(dayKind('2024-02-18')).toMatchObject({ kind: 'makeup_workday', working: true, name: '春节' });
    expect(kinds(datesBetween('2024-02-10', '2024-02-17'))).toEqual(Array(8).fill('holiday'));
    expect(dayKind('2024-02-12')).toMatchObject({ name: '春节', working: false });
    expect(dayKind('2024-02-15').inLieu).toBe(true);
    expect(dayKind('2024-02-09')).toMatchObject({ kind: 'workday', working: true, name: null });
    expect(dayKind('2024-02-19').kind).toBe('workday');
  });

  it('National Day 10-01..07 off; 09-29 (Sun) and 10-12 (Sat) worked', () => {
    expect(kinds(datesBetween('2024-10-01', '2024-10-07'))).toEqual(Array(7).fill('holiday'));
    expect(dayKind('2024-10-01').name).toBe('国庆节');
    expect(dayKind('2024-09-29')).toMatchObject({ kind: 'makeup_workday', name: '国庆节' });
    expect(dayKind('2024-10-12')).toMatchObject({ kind: 'makeup_workday', name: '国庆节' });
    expect(dayKind('2024-10-13').kind).toBe('weekend');
  });

  it('the other holidays and make-up days', () => {
    expect(dayKind('2024-01-01')).toMatchObject({ kind: 'holiday', name: '元旦' });
    expect(kinds(['2024-04-04', '2024-04-05', '2024-04-06', '2024-04-07'])).toEqual(['holiday', 'holiday', 'holiday', 'makeup_workday']);
    expect(kinds(['2024-04-28', '2024-05-01', '2024-05-05', '2024-05-11'])).toEqual(['makeup_workday', 'holiday', 'holiday', 'makeup_workday']);
    expect(dayKind('2024-06-10')).toMatchObject({ kind: 'holiday', name: '端午' });
    expect(kinds(['2024-09-14', '2024-09-15', '2024-09-17'])).toEqual(['makeup_workday', 'holiday', 'holiday']);
    expect(dayKind('2024-09-17').name).toBe('中秋');
  });

  it('working days per month', () => {
    // February 2024: 21 weekdays − 5 weekday holidays (12–16) + 2 make-up Sundays.
    expect(workingDaysInMonth('2024-02')).toHaveLength(18);
    expect(workingDaysInMonth('2024-02')).toContain('2024-02-04');
    // October 2024: 23 weekdays − 5 (01–04, 07) + 1 (Saturday 12).
    expect(workingDaysInMonth('2024-10')).toHaveLength(19);
    // 262 weekdays − 19 weekday holidays + 8 make-up days.
    expect(countWorkingDays('2024-01-01', '2024-12-31')).toBe(251);
  });
});

describe('2025', () => {
  it('Spring Festival 01-28..02-04 off; 01-26 (Sun) and 02-08 (Sat) worked', () => {
    expect(kinds(datesBetween('2025-01-28', '2025-02-04'))).toEqual(Array(8).fill('holiday'));
    expect(dayKind('2025-01-26')).toMatchObject({ kind: 'makeup_workday', name: '春节' });
    expect(dayKind('2025-02-08')).toMatchObject({ kind: 'makeup_workday', name: '春节' });
    expect(dayKind('2025-02-05').kind).toBe('workday');
  });

  it('New Year one day, Labour Day 05-01..05 with 04-27 worked, National Day + Mid-Autumn 10-01..08', () => {
    expect(kinds(['2024-12-31', '2025-01-01', '2025-01-02'])).toEqual(['workday', 'holiday', 'workday']);
    expect(kinds(['2025-04-27', '2025-05-05', '2025-05-06'])).toEqual(['makeup_workday', 'holiday', 'workday']);
    expect(kinds(datesBetween('2025-10-01', '2025-10-08'))).toEqual(Array(8).fill('holiday'));
    expect(kinds(['2025-09-28', '2025-10-11'])).toEqual(['makeup_workday', 'makeup_workday']);
    // 261 weekdays − 18 weekday holidays + 5 make-up days.
    expect(countWorkingDays('2025-01-01', '2025-12-31')).toBe(248);
  });
});

describe('2026', () => {
  it('New Year 01-01..03 with Sunday 01-04 worked', () => {
    expect(kinds(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'])).toEqual(['holiday', 'holiday', 'holiday', 'makeup_workday', 'workday']);
  });

  it('Spring Festival 02-15..23 off; Saturdays 02-14 and 02-28 worked', () => {
    expect(kinds(datesBetween('2026-02-15', '2026-02-23'))).toEqual(Array(9).fill('holiday'));
    expect(kinds(['2026-02-14', '2026-02-28'])).toEqual(['makeup_workday', 'makeup_workday']);
  });

  it('National Day 10-01..07 off; 09-20 (Sun) and 10-10 (Sat) worked; Mid-Autumn 09-25..27', () => {
    expect(kinds(datesBetween('2026-10-01', '2026-10-07'))).toEqual(Array(7).fill('holiday'));
    expect(dayKind('2026-09-20')).toMatchObject({ kind: 'makeup_workday', name: '国庆节', weekday: 0 });
    expect(dayKind('2026-10-10')).toMatchObject({ kind: 'makeup_workday', weekday: 6 });
    expect(dayKind('2026-09-25')).toMatchObject({ kind: 'holiday', name: '中秋' });
    expect(kinds(['2026-05-01', '2026-05-05', '2026-05-09'])).toEqual(['holiday', 'holiday', 'makeup_workday']);
    expect(kinds(['2026-06-19', '2026-06-21'])).toEqual(['holiday', 'holiday']);
  });

  it('today (2026-11-28) is a Saturday', () => {
    expect(dayKind('2026-11-28')).toMatchObject({ kind: 'weekend', working: false, weekday: 6 });
  });
});

describe('coverage', () => {
  it('the package covers 2004–2026 (at least 2023–2026 for the default contract)', () => {
    const years = coveredYears();
    expect(years).toEqual(expect.arrayContaining([2023, 2024, 2025, 2026]));
    expect(years[0]).toBe(2004);
    for (let i = 1; i < years.length; i++) expect(years[i]).toBe(years[i - 1]! + 1);
    expect(isYearCovered(2026)).toBe(true);
    expect(isYearCovered('2025')).toBe(true);
  });

  it('a year it does not know is flagged, and falls back to weekdays', () => {
    const next = coveredYears().at(-1)! + 1;
    expect(isYearCovered(next)).toBe(false);
    expect(isYearCovered(1999)).toBe(false);
    expect(dayKind(`${next}-01-01`).source).not.toBe('library');
    // 2030-01-01 is a Tuesday: a plain workday without the library.
    if (!isYearCovered(2030)) expect(dayKind('2030-01-01')).toMatchObject({ kind: 'workday', source: 'weekday' });
  });

  // The package's functions are only right on machines at or east of UTC (see calendar.ts).
  it.skipIf(new Date(2024, 0, 1).getTimezoneOffset() > 0)('agrees with the package functions on every covered day', () => {
    const years = coveredYears();
    for (const date of datesBetween(`${years[0]}-01-01`, `${years.at(-1)}-12-31`)) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      const local = new Date(y, m - 1, d);
      const info = dayKind(date);
      expect(info.working, date).toBe(chineseDays.isWorkday(local));
      expect(info.inLieu, date).toBe(chineseDays.isInLieu(local));
    }
  });
});

describe('extra days entered by hand', () => {
  it('override the package and weekdays; names are kept', () => {
    const extra = { holidays: ['2027-02-08', '2024-02-04'], workdays: ['2027-02-06', '2024-10-01'], names: { '2027-02-08': '春节' } };
    expect(dayKind('2027-02-08', extra)).toMatchObject({ kind: 'holiday', working: false, name: '春节', source: 'override', override: 'holiday' });
    expect(dayKind('2027-02-06', extra)).toMatchObject({ kind: 'makeup_workday', working: true, source: 'override', override: 'workday' });
    expect(dayKind('2024-02-04', extra)).toMatchObject({ kind: 'holiday', working: false, name: '春节' });
    expect(dayKind('2024-10-01', extra)).toMatchObject({ kind: 'workday', working: true });
    expect(isWorkingDay('2027-02-08')).toBe(true);
    expect(isWorkingDay('2027-02-08', extra)).toBe(false);
  });

  it('a date in both lists is a workday', () => {
    expect(isWorkingDay('2024-10-01', { holidays: ['2024-10-01'], workdays: ['2024-10-01'] })).toBe(true);
  });

  it('the month grid', () => {
    const days = calendarMonth('2024-02');
    expect(days).toHaveLength(29);
    expect(days[3]).toMatchObject({ date: '2024-02-04', kind: 'makeup_workday' });
    expect(() => dayKind('2024-02-30')).toThrow(RangeError);
  });
});
