import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datesInMonth } from '../time';
import { defaultMarkTypes, HALVES, markBehavior, markTypeOf } from './marks';
import { computeTotals, totalsColumns, totalsValue } from './totals';
import type { AttendanceMark, LeaveRequest } from './types';

const types = defaultMarkTypes();
const m = (date: string, mark: string, o: Partial<AttendanceMark> = {}): AttendanceMark => ({ staffId: 's1', date, half: 'full', mark, ...o });

describe('computeTotals', () => {
  it('a month with every kind of mark', () => {
    const marks: AttendanceMark[] = [
      m('2024-03-01', 'present'),
      m('2024-03-02', 'overtime', { overtimeHours: 4 }), // Saturday: an overtime day
      m('2024-03-04', 'overtime', { overtimeHours: 2 }), // Monday: a day at work with 2 hours
      m('2024-03-05', 'late', { minutesLate: 10 }),
      m('2024-03-06', 'late', { minutesLate: 75 }), // over an hour: absent that day
      m('2024-03-07', 'early'),
      m('2024-03-08', 'trip'),
      m('2024-03-11', 'training'),
      m('2024-03-12', 'personal', { half: 'am' }),
      m('2024-03-12', 'present', { half: 'pm' }),
      m('2024-03-13', 'sick'),
      m('2024-03-14', 'vacation'),
      m('2024-03-15', 'absent'),
      m('2024-03-18', 'nope'),
      m('2024-04-01', 'present'), // next month: ignored
    ];
    const [row] = computeTotals({ marks, markTypes: types, month: '2024-03' });
    expect(row).toEqual({
      staffId: 's1',
      presentDays: 1 + 1 + 1 + 1 + 1 + 1 + 0.5,
      overtimeDays: 1,
      overtimeHours: 6,
      leaveDays: 0.5 + 1 + 1,
      absentDays: 2,
      lateAbsentDays: 1,
      unapprovedLeaveDays: 0,
      unknownDays: 1,
      markedDays: 13,
      lateCount: 2,
      earlyCount: 1,
      byCode: { present: 1.5, overtime: 2, late: 2, early: 1, trip: 1, training: 1, vacation: 1, personal: 0.5, sick: 1, absent: 1, nope: 1 },
    });
  });

  it('with the leave requests, leave on a working day without an approved request is 旷工 (合同 §2.2), its mark still in byCode', () => {
    const marks = [m('2024-03-12', 'personal', { half: 'am' }), m('2024-03-13', 'sick'), m('2024-03-14', 'vacation'), m('2024-03-16', 'vacation'), m('2024-03-18', 'personal')];
    const req = (kind: string, from: string, o: Partial<LeaveRequest> = {}): LeaveRequest => ({ staffId: 's1', kind, from, to: from, requestedAt: '2024-03-01T00:00:00.000Z', status: 'approved', hasSickNote: true, ...o });
    const leaveRequests = [
      req('personal', '2024-03-12', { half: 'am' }), // approved, that half
      req('sick', '2024-03-13', { status: 'pending' }), // not decided yet
      req('vacation', '2024-03-14', { status: 'rejected' }),
      req('sick', '2024-03-18'), // approved, but for another kind
    ];
    const [row] = computeTotals({ marks, markTypes: types, leaveRequests });
    // 03-16 is a Saturday: leave on a day off is not 旷工 (the rules warn about the mark instead).
    expect(row).toMatchObject({ leaveDays: 0.5 + 1, absentDays: 3, unapprovedLeaveDays: 3, markedDays: 4.5 });
    expect(row!.byCode).toMatchObject({ personal: 1.5, sick: 1, vacation: 2 });
    // Without the requests (a sheet read on its own) every leave mark counts as leave.
    expect(computeTotals({ marks, markTypes: types })[0]).toMatchObject({ leaveDays: 4.5, absentDays: 0, unapprovedLeaveDays: 0 });
  });

  it('thresholds and calendar are parameters', () => {
    const marks = [m('2024-03-06', 'late', { minutesLate: 45 }), m('2024-03-04', 'overtime')];
    const [a] = computeTotals({ marks, markTypes: types });
    expect(a).toMatchObject({ presentDays: 2, absentDays: 0, overtimeDays: 0 });
    const [b] = computeTotals({ marks, markTypes: types, lateAbsentMinutes: 30, calendar: { holidays: ['2024-03-04'] } });
    expect(b).toMatchObject({ presentDays: 0, absentDays: 1, overtimeDays: 1 });
  });

  it('late minutes from the arrival instant', () => {
    const [row] = computeTotals({ marks: [m('2024-03-06', 'late', { arrivedAt: '2024-03-06T01:45:00.000Z' })], markTypes: types });
    expect(row).toMatchObject({ absentDays: 1, lateCount: 1 });
    const [row2] = computeTotals({ marks: [m('2024-03-06', 'late', { arrivedAt: '2024-03-06T01:45:00.000Z' })], markTypes: types, officeHours: { start: '09:00', end: '18:00' } });
    expect(row2).toMatchObject({ absentDays: 0, presentDays: 1 });
  });

  it('one row per person in sheet order, empty rows included', () => {
    const rows = computeTotals({ marks: [m('2024-03-01', 'present', { staffId: 'b' }), m('2024-03-01', 'present', { staffId: 'z' })], markTypes: types, people: [{ id: 'c' }, { id: 'b' }] });
    expect(rows.map((r) => [r.staffId, r.markedDays])).toEqual([
      ['c', 0],
      ['b', 1],
      ['z', 1],
    ]);
    expect(rows[0]!.byCode).toEqual(Object.fromEntries(types.map((t) => [t.code, 0])));
  });

  it('a stored code cannot reach Object.prototype', () => {
    const [row] = computeTotals({ marks: [m('2024-03-01', '__proto__')], markTypes: types });
    expect(row!.byCode['__proto__']).toBe(1);
    expect(({} as Record<string, unknown>).present).toBeUndefined();
  });

  it('the totals equal the marks (property)', () => {
    const codes = [...types.map((t) => t.code), 'unknown'];
    const markArb = fc.record({
      staffId: fc.constantFrom('s1', 's2', 's3'),
      date: fc.constantFrom(...datesInMonth('2024-02')),
      half: fc.constantFrom(...HALVES),
      mark: fc.constantFrom(...codes),
      minutesLate: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
      overtimeHours: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(markArb, { maxLength: 200 }), (marks) => {
        const rows = computeTotals({ marks, markTypes: types, month: '2024-02' });
        for (const row of rows) {
          const mine = marks.filter((x) => x.staffId === row.staffId);
          const weight = (xs: AttendanceMark[]) => xs.reduce((a, x) => a + (x.half === 'full' ? 1 : 0.5), 0);
          expect(row.markedDays).toBe(weight(mine));
          expect(Object.values(row.byCode).reduce((a, v) => a + v, 0)).toBe(row.markedDays);
          for (const code of codes) expect(row.byCode[code] ?? 0).toBe(weight(mine.filter((x) => x.mark === code)));
          expect(row.presentDays + row.overtimeDays + row.leaveDays + row.absentDays + row.unknownDays).toBe(row.markedDays);
          const leave = mine.filter((x) => {
            const t = markTypeOf(types, x.mark);
            return t !== undefined && markBehavior(t).countsAs === 'leave';
          });
          expect(row.leaveDays).toBe(weight(leave));
          expect(row.lateCount).toBe(mine.filter((x) => x.mark === 'late').length);
          expect(row.earlyCount).toBe(mine.filter((x) => x.mark === 'early').length);
          expect(row.overtimeHours).toBe(mine.reduce((a, x) => a + (x.overtimeHours ?? 0), 0));
          expect(row.absentDays).toBe(weight(mine.filter((x) => x.mark === 'absent' || (x.mark === 'late' && (x.minutesLate ?? 0) > 60))));
        }
        expect(rows.reduce((a, r) => a + r.markedDays, 0)).toBe(marks.reduce((a, x) => a + (x.half === 'full' ? 1 : 0.5), 0));
      }),
    );
  });
});

describe('sheet columns', () => {
  it('columns and values', () => {
    const cols = totalsColumns(types);
    expect(cols.map((c) => c.label)).toEqual(['出勤(天)', '加班(天)', '加班(小时)', '出差(天)', '学习培训(天)', '休假(天)', '事假(天)', '病假(天)', '迟到(次)', '早退(次)', '旷工(天)']);
    const [row] = computeTotals({ marks: [m('2024-03-12', 'personal', { half: 'am' }), m('2024-03-13', 'late', { minutesLate: 5 })], markTypes: types });
    expect(cols.map((c) => totalsValue(row!, c.key))).toEqual([1, 0, 0, 0, 0, 0, 0.5, 0, 1, 0, 0]);
    expect(totalsValue(row!, 'nonsense')).toBe(0);
  });
});
