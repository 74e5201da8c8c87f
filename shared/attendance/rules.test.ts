import { describe, expect, it } from 'vitest';
import { checkAttendance, lateMinutesOf, leaveNoticeOk, sheetDueDate, type AttendanceCheckInput, type Violation } from './rules';
import { workingDaysInMonth } from './calendar';
import { defaultMarkTypes } from './marks';
import { defaultOfficeHours, type AttendanceMark, type LeaveRequest } from './types';

const at = (local: string) => new Date(local).toISOString();
const types = defaultMarkTypes();
const people = [
  { id: 's1', name: '张伟' },
  { id: 's2', name: '李明' },
];

/** Every working day of the month marked 出勤 for each person, then patched. */
function month(m: string, patch: Array<Partial<AttendanceMark> & { staffId: string; date: string }> = [], ids = ['s1', 's2']): AttendanceMark[] {
  const marks: AttendanceMark[] = [];
  for (const staffId of ids) for (const date of workingDaysInMonth(m)) marks.push({ staffId, date, half: 'full', mark: 'present' });
  for (const p of patch) {
    const i = marks.findIndex((x) => x.staffId === p.staffId && x.date === p.date && x.half === (p.half ?? 'full'));
    if (i >= 0) marks.splice(i, 1);
    if (p.mark) marks.push({ half: 'full', ...p, mark: p.mark });
  }
  return marks;
}

function check(o: Partial<AttendanceCheckInput> & { marks: AttendanceMark[] }): Violation[] {
  return checkAttendance({ month: '2024-03', people, leaveRequests: [], markTypes: types, officeHours: defaultOfficeHours(), ...o });
}
const kinds = (vs: Violation[]) => vs.map((v) => [v.kind, v.staffId, v.date]);

const request = (o: Partial<LeaveRequest>): LeaveRequest => ({
  id: 'r1',
  staffId: 's1',
  kind: 'personal',
  from: '2024-03-12',
  to: '2024-03-12',
  requestedAt: at('2024-03-08T10:00:00+08:00'),
  status: 'approved',
  approvedAt: at('2024-03-08T11:00:00+08:00'),
  approvedBy: '王建国',
  hasSickNote: false,
  ...o,
});

describe('a clean month', () => {
  it('has no violations', () => {
    expect(check({ marks: month('2024-03') })).toEqual([]);
    expect(checkAttendance({ month: '2024-02', people, marks: month('2024-02'), leaveRequests: [], markTypes: types, officeHours: defaultOfficeHours() })).toEqual([]);
  });
});

describe('working days without a mark', () => {
  it('each one is listed, with the missing half', () => {
    const marks = month('2024-03', [
      { staffId: 's1', date: '2024-03-05' },
      { staffId: 's2', date: '2024-03-06' },
      { staffId: 's2', date: '2024-03-06', half: 'am', mark: 'present' },
    ]);
    const v = check({ marks });
    expect(kinds(v)).toEqual([
      ['unmarked', 's1', '2024-03-05'],
      ['unmarked', 's2', '2024-03-06'],
    ]);
    expect(v[0]!.message).toBe('张伟 2024年3月5日（工作日）没有考勤标记');
    expect(v[1]!.message).toBe('李明 2024年3月6日下午（工作日）没有考勤标记');
    expect(v[0]!.staffName).toBe('张伟');
  });

  it('调休 make-up workdays need a mark, holidays and weekends do not', () => {
    const marks = month('2024-02', [{ staffId: 's1', date: '2024-02-04' }]);
    const v = checkAttendance({ month: '2024-02', people, marks, leaveRequests: [], markTypes: types, officeHours: defaultOfficeHours() });
    expect(kinds(v)).toEqual([['unmarked', 's1', '2024-02-04']]);
    expect(v[0]!.message).toContain('调休上班日（春节）');
  });

  it('not after `until`, nor outside the person’s time on the team', () => {
    const marks = month('2024-03').filter((m) => m.date <= '2024-03-10' && !(m.staffId === 's2' && m.date < '2024-03-06'));
    const v = check({ marks, until: '2024-03-10', people: [people[0]!, { ...people[1]!, from: '2024-03-06' }] });
    expect(v).toEqual([]);
  });

  it('extra holidays entered by hand are days off', () => {
    const marks = month('2024-03', [{ staffId: 's1', date: '2024-03-05' }, { staffId: 's2', date: '2024-03-05' }]);
    expect(check({ marks, calendar: { holidays: ['2024-03-05'] } })).toEqual([]);
  });
});

describe('personal leave (事假)', () => {
  const marks = month('2024-03', [{ staffId: 's1', date: '2024-03-12', mark: 'personal' }]);

  it('without a request is 旷工', () => {
    const v = check({ marks });
    expect(kinds(v)).toEqual([['unapproved_leave', 's1', '2024-03-12']]);
    expect(v[0]!.message).toBe('张伟 2024年3月12日未提出事假申请，按旷工处理');
  });

  it('asked a day ahead and approved is fine', () => {
    expect(check({ marks, leaveRequests: [request({})] })).toEqual([]);
    // No status: approvedAt approves.
    expect(check({ marks, leaveRequests: [request({ status: undefined })] })).toEqual([]);
  });

  it('not approved (pending, rejected, cancelled) is 旷工', () => {
    for (const status of ['pending', 'rejected', 'cancelled'] as const) {
      const v = check({ marks, leaveRequests: [request({ status, approvedAt: null })] });
      expect(kinds(v)).toEqual([['unapproved_leave', 's1', '2024-03-12']]);
      expect(v[0]!.message).toBe('张伟 2024年3月12日事假申请未获批准，按旷工处理');
      expect(v[0]!.requestId).toBe('r1');
    }
    expect(kinds(check({ marks, leaveRequests: [request({ status: undefined, approvedAt: null })] }))).toEqual([['unapproved_leave', 's1', '2024-03-12']]);
  });

  it('asked less than a day ahead (by the Shanghai date) is short notice', () => {
    // 23:00 the evening before in Shanghai (15:00 UTC) is a day ahead.
    expect(check({ marks, leaveRequests: [request({ requestedAt: '2024-03-11T15:00:00.000Z' })] })).toEqual([]);
    // 00:30 on the day in Shanghai is still 2024-03-11 in UTC, but it is not a day ahead.
    const v = check({ marks, leaveRequests: [request({ requestedAt: '2024-03-11T16:30:00.000Z' })] });
    expect(kinds(v)).toEqual([['short_notice', 's1', '2024-03-12']]);
    expect(v[0]!.message).toBe('张伟 2024年3月12日的事假申请于2024年3月12日提出，应至少提前 1 天申请');
  });

  it('the notice is a parameter', () => {
    expect(kinds(check({ marks, leaveRequests: [request({})], settings: { leaveNoticeDays: 7 } }))).toEqual([['short_notice', 's1', '2024-03-12']]);
    expect(check({ marks, leaveRequests: [request({ requestedAt: at('2024-03-12T08:00:00+08:00') })], settings: { leaveNoticeDays: 0 } })).toEqual([]);
  });

  it('a half-day request covers only its half', () => {
    const half = month('2024-03', [
      { staffId: 's1', date: '2024-03-12' },
      { staffId: 's1', date: '2024-03-12', half: 'am', mark: 'personal' },
      { staffId: 's1', date: '2024-03-12', half: 'pm', mark: 'present' },
    ]);
    expect(check({ marks: half, leaveRequests: [request({ half: 'am' })] })).toEqual([]);
    expect(kinds(check({ marks: half, leaveRequests: [request({ half: 'pm' })] }))).toEqual([['unapproved_leave', 's1', '2024-03-12']]);
  });

  it('a request for another kind or person does not cover', () => {
    expect(kinds(check({ marks, leaveRequests: [request({ kind: 'vacation' }), request({ staffId: 's2' })] }))).toEqual([['unapproved_leave', 's1', '2024-03-12']]);
  });
});

describe('sick leave (病假)', () => {
  const marks = month('2024-03', [{ staffId: 's2', date: '2024-03-14', mark: 'sick' }, { staffId: 's2', date: '2024-03-15', mark: 'sick' }]);
  const sick = request({ staffId: 's2', kind: 'sick', from: '2024-03-14', to: '2024-03-15', requestedAt: at('2024-03-14T08:00:00+08:00'), hasSickNote: true });

  it('asked on the day with a hospital note is fine', () => {
    expect(check({ marks, leaveRequests: [sick] })).toEqual([]);
  });

  it('without a note is listed once per request', () => {
    const v = check({ marks, leaveRequests: [{ ...sick, hasSickNote: false }] });
    expect(kinds(v)).toEqual([['sick_without_note', 's2', '2024-03-14']]);
    expect(v[0]!.message).toBe('李明 2024年3月14日至2024年3月15日的病假缺少医院诊断书，请补交');
  });

  it('without any request both days are 旷工', () => {
    expect(kinds(check({ marks }))).toEqual([
      ['unapproved_leave', 's2', '2024-03-14'],
      ['unapproved_leave', 's2', '2024-03-15'],
    ]);
  });

  it('a request from the month before is checked in this month from its first day here', () => {
    const m = month('2024-03', [{ staffId: 's2', date: '2024-03-01', mark: 'sick' }]);
    const v = check({ marks: m, leaveRequests: [{ ...sick, from: '2024-02-28', to: '2024-03-01', hasSickNote: false }] });
    expect(kinds(v)).toEqual([['sick_without_note', 's2', '2024-03-01']]);
  });
});

describe('旷工 and lates', () => {
  it('every 旷工 mark is listed', () => {
    const v = check({ marks: month('2024-03', [{ staffId: 's1', date: '2024-03-20', mark: 'absent' }]) });
    expect(kinds(v)).toEqual([['absent', 's1', '2024-03-20']]);
    expect(v[0]!.message).toBe('张伟 2024年3月20日旷工');
  });

  const lates = (n: number, minutes = 10) =>
    ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07', '2024-03-08'].slice(0, n).map((date) => ({ staffId: 's1', date, mark: 'late', minutesLate: minutes }));

  it('three lates are allowed, the fourth is recorded', () => {
    expect(check({ marks: month('2024-03', lates(3)) })).toEqual([]);
    const v = check({ marks: month('2024-03', lates(4)) });
    expect(kinds(v)).toEqual([['late_over_limit', 's1', '2024-03-07']]);
    expect(v[0]!.message).toBe('张伟 2024年3月迟到 4 次，超过 3 次（第 4 次为2024年3月7日），应记录并处罚');
  });

  it('the limit is a parameter', () => {
    expect(kinds(check({ marks: month('2024-03', lates(2)), settings: { lateLimitPerMonth: 1 } }))).toEqual([['late_over_limit', 's1', '2024-03-05']]);
  });

  it('a single late over an hour (not including 60) counts as absent that day', () => {
    expect(check({ marks: month('2024-03', lates(1, 60)) })).toEqual([]);
    const v = check({ marks: month('2024-03', lates(1, 61)) });
    expect(kinds(v)).toEqual([['late_absent', 's1', '2024-03-04']]);
    expect(v[0]!.message).toBe('张伟 2024年3月4日迟到 61 分钟，超过 60 分钟，当天按缺勤计');
    expect(kinds(check({ marks: month('2024-03', lates(1, 31)), settings: { lateAbsentMinutes: 30 } }))).toEqual([['late_absent', 's1', '2024-03-04']]);
  });

  it('minutes late from the arrival instant and office hours', () => {
    const m: AttendanceMark = { staffId: 's1', date: '2024-03-04', half: 'full', mark: 'late', arrivedAt: at('2024-03-04T09:45:00+08:00') };
    expect(lateMinutesOf(m, defaultOfficeHours())).toBe(75);
    expect(lateMinutesOf(m, { start: '09:00', end: '18:00' })).toBe(45);
    expect(kinds(check({ marks: month('2024-03', [m]) }))).toEqual([['late_absent', 's1', '2024-03-04']]);
    expect(check({ marks: month('2024-03', [m]), officeHours: { start: '09:00', end: '18:00' } })).toEqual([]);
  });

  it('a late without minutes is a warning', () => {
    const v = check({ marks: month('2024-03', [{ staffId: 's1', date: '2024-03-04', mark: 'late' }]) });
    expect(v.map((x) => [x.kind, x.severity])).toEqual([['late_minutes_missing', 'warning']]);
  });
});

describe('sheet consistency', () => {
  it('two marks for the same half day', () => {
    const marks = [...month('2024-03'), { staffId: 's1', date: '2024-03-04', half: 'am' as const, mark: 'trip' }];
    const v = check({ marks });
    expect(kinds(v)).toEqual([['mark_conflict', 's1', '2024-03-04']]);
    expect(v[0]!.message).toBe('张伟 2024年3月4日有重叠的标记（全天:出勤、上午:出差），请只保留一个');
  });

  it('unknown codes and half days of whole-day marks', () => {
    const v = check({ marks: month('2024-03', [{ staffId: 's1', date: '2024-03-04', mark: 'zz' }, { staffId: 's2', date: '2024-03-04' }, { staffId: 's2', date: '2024-03-04', half: 'am', mark: 'late', minutesLate: 5 }, { staffId: 's2', date: '2024-03-04', half: 'pm', mark: 'present' }]) });
    expect(v.map((x) => [x.kind, x.severity, x.staffId])).toEqual([
      ['unknown_mark', 'error', 's1'],
      ['half_not_allowed', 'warning', 's2'],
    ]);
  });

  it('leave or plain attendance on a day off is a warning; overtime, trips and training are fine', () => {
    const v = check({
      marks: [
        ...month('2024-03'),
        { staffId: 's1', date: '2024-03-02', half: 'full', mark: 'present' },
        { staffId: 's1', date: '2024-03-03', half: 'full', mark: 'personal' },
        { staffId: 's2', date: '2024-03-02', half: 'full', mark: 'overtime', overtimeHours: 4 },
        { staffId: 's2', date: '2024-03-03', half: 'full', mark: 'trip' },
      ],
    });
    expect(v.map((x) => [x.kind, x.severity, x.date])).toEqual([
      ['rest_day_mark', 'warning', '2024-03-02'],
      ['rest_day_mark', 'warning', '2024-03-03'],
    ]);
    expect(v[0]!.message).toBe('张伟 2024年3月2日为休息日，标记了“出勤”，如有加班请标记“加班”');
    expect(v[1]!.message).toBe('张伟 2024年3月3日为休息日，标记了“事假”，无需标记，请清除');
  });

  it('a holiday is named', () => {
    const v = checkAttendance({
      month: '2024-10',
      people,
      marks: [...month('2024-10'), { staffId: 's1', date: '2024-10-01', half: 'full', mark: 'present' }],
      leaveRequests: [],
      markTypes: types,
      officeHours: defaultOfficeHours(),
    });
    expect(v.map((x) => x.message)).toEqual(['张伟 2024年10月1日为休息日（国庆节），标记了“出勤”，如有加班请标记“加班”']);
  });

  it('marks outside the month are ignored; people order then date', () => {
    const marks = [...month('2024-03', [{ staffId: 's2', date: '2024-03-04', mark: 'absent' }, { staffId: 's1', date: '2024-03-29', mark: 'absent' }]), { staffId: 's1', date: '2024-04-01', half: 'full' as const, mark: 'absent' }];
    expect(kinds(check({ marks, people: [people[1]!, people[0]!] }))).toEqual([
      ['absent', 's2', '2024-03-04'],
      ['absent', 's1', '2024-03-29'],
    ]);
  });
});

describe('helpers', () => {
  it('sheet due date: 3 days after month end', () => {
    expect(sheetDueDate('2024-02', 3)).toBe('2024-03-03');
    expect(sheetDueDate('2025-12', 3)).toBe('2026-01-03');
  });

  it('notice by business date', () => {
    expect(leaveNoticeOk(request({ requestedAt: '2024-03-11T15:59:00.000Z' }), 1)).toBe(true);
    expect(leaveNoticeOk(request({ requestedAt: '2024-03-11T16:00:00.000Z' }), 1)).toBe(false);
  });
});
