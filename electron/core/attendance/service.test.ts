import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Leave, MonthView, Suggestion } from '../../../shared/contract/attendance';
import type { Project } from '../../../shared/contract/project';
import { makeCore, tableCounts, type TestCore } from '../test-utils';
import { dates, setupTeam, signInAgain, view, WorkRecord } from './testkit';

const cores: TestCore[] = [];
function core(start = '2026-03-02T01:00:00.000Z'): TestCore {
  const t = makeCore({ start });
  cores.push(t);
  return t;
}
afterEach(() => {
  for (const t of cores.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});

/** Calls a channel expecting failure; returns the error (code and Chinese message). */
async function failure(t: TestCore, channel: string, input: unknown, session?: string): Promise<{ code: string; message: string }> {
  const r = await t.raw(channel, input, session);
  expect(r.ok, `${channel} should fail`).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  return r.error;
}

/** Row counts of every table but the audit log (failed calls are audited on purpose). */
function counts(t: TestCore): Record<string, number> {
  const { audit_log: _audit, ...rest } = tableCounts(t.dbPath);
  return rest;
}

function marksTable(t: TestCore): unknown[] {
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT id, staff_id, date, half, mark, note, minutes_late, overtime_hours, deleted_at FROM attendance_marks ORDER BY id').all();
  } finally {
    db.close();
  }
}

const at = (date: string, hm: string) => new Date(Date.parse(`${date}T${hm}:00+08:00`)).toISOString();

describe('attendance marks', () => {
  it('sets whole and half days with a note; a whole day replaces its halves and Delete clears the day', async () => {
    const t = core();
    const team = await setupTeam(t);
    const [zhang, li] = team.ids as [string, string];
    let v = view(
      await t.call(
        'attendance/set-marks',
        {
          month: '2026-02',
          cells: [
            { staffId: zhang, date: '2026-02-02', mark: 'present' },
            { staffId: zhang, date: '2026-02-03', half: 'am', mark: 'present', note: '上午在岗' },
            { staffId: zhang, date: '2026-02-03', half: 'pm', mark: 'personal', note: '下午事假' },
            { staffId: li, date: '2026-02-02', mark: 'late', minutesLate: 12 },
          ],
        },
        team.engineer,
      ),
    );
    expect(v.marks.filter((m) => m.staffId === zhang).map((m) => [m.date, m.half, m.mark, m.note])).toEqual([
      ['2026-02-02', 'full', 'present', ''],
      ['2026-02-03', 'am', 'present', '上午在岗'],
      ['2026-02-03', 'pm', 'personal', '下午事假'],
    ]);
    expect(v.marks.find((m) => m.staffId === li)).toMatchObject({ mark: 'late', minutesLate: 12, updatedBy: 'eng1', source: 'manual' });
    const tz = v.totals.find((x) => x.staffId === zhang)!;
    // No request for the 事假 half: it counts as 旷工 (合同 §2.2), the mark stays 事假.
    expect(tz).toMatchObject({ presentDays: 1.5, leaveDays: 0, absentDays: 0.5, unapprovedLeaveDays: 0.5, markedDays: 2 });
    expect(tz.byCode).toMatchObject({ present: 1.5, personal: 0.5 });

    // A whole-day mark replaces both halves; the note given is kept.
    v = view(await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-03', mark: 'trip', note: '赴省平台' }] }, team.manager));
    expect(v.marks.filter((m) => m.staffId === zhang && m.date === '2026-02-03').map((m) => [m.half, m.mark, m.note])).toEqual([['full', 'trip', '赴省平台']]);

    // Clearing the whole day (the grid's Delete), then marking it again revives the row.
    v = view(await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-03', mark: null }] }, team.engineer));
    expect(v.marks.filter((m) => m.staffId === zhang && m.date === '2026-02-03')).toEqual([]);
    v = view(await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-03', mark: 'present' }] }, team.engineer));
    expect(v.marks.filter((m) => m.staffId === zhang && m.date === '2026-02-03').map((m) => [m.half, m.mark, m.note])).toEqual([['full', 'present', '']]);

    // Every change is in the audit log with before/after.
    const log = (await t.call('audit/list', { channel: 'attendance/set-marks' }, team.auditor)) as { rows: Array<{ entity: string | null; before: string | null; after: string | null }> };
    expect(log.rows).toHaveLength(4);
    expect(log.rows.some((r) => r.before?.includes('"trip"') && r.after === null)).toBe(true);
  });

  it('refuses bad input (unknown mark, date outside the month, bogus half, …) in Chinese and changes nothing', async () => {
    const t = core();
    const team = await setupTeam(t);
    const zhang = team.ids[0]!;
    await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-02', mark: 'present' }] }, team.engineer);
    const before = counts(t);
    const rows = marksTable(t);
    const cases: Array<[unknown, RegExp]> = [
      [{ staffId: zhang, date: '2026-02-03', mark: 'holiday' }, /考勤标记“holiday”不在本项目的考勤图例中/],
      [{ staffId: zhang, date: '2026-03-01', mark: 'present' }, /不在 2026年2月 内/],
      [{ staffId: zhang, date: '2026-02-03', half: 'evening', mark: 'present' }, /半天取值应为/],
      [{ staffId: zhang, date: '2026-02-30', mark: 'present' }, /日期不存在/],
      [{ staffId: 'nobody', date: '2026-02-03', mark: 'present' }, /人员不在团队名单中/],
      [{ staffId: zhang, date: '2026-02-03', mark: 'present', minutesLate: 20 }, /迟到分钟数只能填写在“迟到”标记上/],
      [{ staffId: zhang, date: '2026-02-03', half: 'am', mark: 'late' }, /只能按全天标记/],
      [{ staffId: zhang, date: '2026-02-03', mark: 'overtime', overtimeHours: 1.5 }, /加班小时数应为 1–24 的整数/],
    ];
    for (const [cell, message] of cases) {
      // A valid cell first: the batch is all or nothing.
      const e = await failure(t, 'attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-04', mark: 'present' }, cell] }, team.engineer);
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toMatch(message);
    }
    const dup = await failure(t, 'attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-04', mark: 'present' }, { staffId: zhang, date: '2026-02-04', mark: 'late' }] }, team.engineer);
    expect(dup.message).toMatch(/出现了两次/);
    expect(counts(t)).toEqual(before);
    expect(marksTable(t)).toEqual(rows);
  });

  it('keeps the auditor out and lets the admin read but not write', async () => {
    const t = core();
    const team = await setupTeam(t);
    expect((await failure(t, 'attendance/month', { month: '2026-02' }, team.auditor)).code).toBe('FORBIDDEN');
    const v = view(await t.call('attendance/month', { month: '2026-02' }, team.admin));
    expect(v.can).toEqual({ write: false, approve: false, reopen: false });
    expect((await failure(t, 'attendance/set-marks', { month: '2026-02', cells: [{ staffId: team.ids[0]!, date: '2026-02-02', mark: 'present' }] }, team.admin)).code).toBe('FORBIDDEN');
    expect(view(await t.call('attendance/month', { month: '2026-02' }, team.manager)).can).toEqual({ write: true, approve: true, reopen: true });
  });
});

describe('the calendar of the sheet', () => {
  it('follows statutory holidays and 调休 workdays, flags unknown years, takes extra days by hand', async () => {
    const t = core();
    const team = await setupTeam(t);
    const feb24 = view(await t.call('attendance/month', { month: '2024-02' }, team.engineer));
    const day = (v: MonthView, d: number) => v.days[d - 1]!;
    // 2024-02-04 and 2024-02-18 were working Sundays (春节 调休); 02-10..02-17 off.
    expect(day(feb24, 4)).toMatchObject({ weekday: 0, working: true, kind: 'makeup_workday' });
    expect(day(feb24, 18)).toMatchObject({ weekday: 0, working: true, kind: 'makeup_workday' });
    expect(day(feb24, 12)).toMatchObject({ working: false, kind: 'holiday', name: '春节' });
    expect(feb24.days).toHaveLength(29);
    expect(feb24.calendarKnown).toBe(true);
    expect(feb24.title).toBe('2024年2月日常工作考勤表');

    const far = view(await t.call('attendance/month', { month: '2031-10' }, team.engineer));
    expect(far.calendarKnown).toBe(false);
    expect(far.days[0]).toMatchObject({ date: '2031-10-01', working: true, kind: 'workday' });

    // 国庆 2031 entered by hand: a holiday on a weekday, a make-up workday on a Saturday.
    let v = view(await t.call('attendance/set-day', { date: '2031-10-01', kind: 'holiday', name: '国庆节' }, team.engineer));
    expect(v.days[0]).toMatchObject({ working: false, kind: 'holiday', name: '国庆节', override: 'holiday' });
    v = view(await t.call('attendance/set-day', { date: '2031-10-11', kind: 'workday', name: '国庆节调休' }, team.engineer));
    expect(v.days[10]).toMatchObject({ weekday: 6, working: true, kind: 'makeup_workday', override: 'workday' });
    expect((await failure(t, 'attendance/set-day', { date: '2031-10-11', kind: 'workday', name: '国庆节调休' }, team.engineer)).message).toMatch(/已经是工作日/);
    v = view(await t.call('attendance/set-day', { date: '2031-10-01', kind: null }, team.engineer));
    expect(v.days[0]).toMatchObject({ working: true, override: null });
    // Marked again after removal (the row is revived, the unique index holds).
    v = view(await t.call('attendance/set-day', { date: '2031-10-01', kind: 'holiday', name: '国庆节' }, team.engineer));
    expect(v.days[0]).toMatchObject({ working: false, override: 'holiday' });
    expect((await failure(t, 'attendance/set-day', { date: '2031-10-01', kind: 'weekend' }, team.engineer)).code).toBe('VALIDATION');
  });
});

describe('the rules of §2.2', () => {
  it('personal leave: asked a day ahead and approved by the manager, else 旷工 and short notice are listed', async () => {
    const t = core('2026-02-02T01:00:00.000Z'); // Monday 2026-02-02 09:00
    const team = await setupTeam(t);
    const wang = team.byName['王强']!;
    const li = team.managerStaffId;
    await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: wang, date: '2026-02-02', mark: 'personal' }, { staffId: wang, date: '2026-02-05', mark: 'personal' }] }, team.engineer);
    let v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    const of = (kind: string, who = wang) => v.violations.filter((x) => x.kind === kind && x.staffId === who);
    expect(of('unapproved_leave').map((x) => x.date)).toEqual(['2026-02-02', '2026-02-05']);
    expect(of('unapproved_leave')[0]!.message).toMatch(/未提出事假申请，按旷工处理/);

    // Same-day request: recorded, flagged as short notice; approved, it is no longer 旷工.
    const sameDay = (await t.call('attendance/leave-request', { staffId: wang, kind: 'personal', fromDate: '2026-02-02', toDate: '2026-02-02', reason: '家中急事' }, team.engineer)) as Leave;
    expect(sameDay).toMatchObject({ status: 'pending', noticeOk: false, kindLabel: '事假', staffName: '王强' });
    // Asked on 02-02 for 02-05: in time.
    const ahead = (await t.call('attendance/leave-request', { staffId: wang, kind: 'personal', fromDate: '2026-02-05', toDate: '2026-02-05', reason: '办理证件' }, team.engineer)) as Leave;
    expect(ahead.noticeOk).toBe(true);
    expect((await failure(t, 'attendance/leave-request', { staffId: wang, kind: 'personal', fromDate: '2026-02-05', toDate: '2026-02-06', reason: '重复' }, team.engineer)).message).toMatch(/已有待审批的请假申请/);
    expect((await failure(t, 'attendance/leave-request', { staffId: wang, kind: 'present', fromDate: '2026-02-09', toDate: '2026-02-09', reason: '无事由' }, team.engineer)).message).toMatch(/不是可申请的假别/);
    expect((await failure(t, 'attendance/leave-request', { staffId: wang, kind: 'personal', fromDate: '2026-02-10', toDate: '2026-02-09', reason: '倒序' }, team.engineer)).message).toMatch(/不能早于开始日期/);

    // Only the manager decides.
    expect((await failure(t, 'attendance/leave-decide', { id: sameDay.id, approve: true }, team.engineer)).code).toBe('FORBIDDEN');
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(of('unapproved_leave')[0]!.message).toMatch(/事假申请未获批准/);
    const approved = (await t.call('attendance/leave-decide', { id: sameDay.id, approve: true, note: '同意' }, team.manager)) as Leave;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: '李娜', decisionNote: '同意' });
    await t.call('attendance/leave-decide', { id: ahead.id, approve: false, note: '项目上线期间不批' }, team.manager);
    expect((await failure(t, 'attendance/leave-decide', { id: ahead.id, approve: true }, team.manager)).message).toMatch(/当前为“已驳回”/);
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(of('unapproved_leave').map((x) => x.date)).toEqual(['2026-02-05']);
    expect(of('short_notice').map((x) => x.date)).toEqual(['2026-02-02']);
    expect(of('short_notice')[0]!.message).toMatch(/应至少提前 1 天申请/);

    // The manager never decides their own request.
    const own = (await t.call('attendance/leave-request', { staffId: li, kind: 'vacation', fromDate: '2026-02-24', toDate: '2026-02-25', reason: '年休假' }, team.engineer)) as Leave;
    expect((await failure(t, 'attendance/leave-decide', { id: own.id, approve: true }, team.manager)).message).toMatch(/不能审批本人的请假申请/);
    // Withdrawn: it no longer covers anything.
    expect(((await t.call('attendance/leave-cancel', { id: approved.id }, team.engineer)) as Leave).status).toBe('cancelled');
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(of('unapproved_leave').map((x) => x.date)).toEqual(['2026-02-02', '2026-02-05']);
    const list = (await t.call('attendance/leave-list', { month: '2026-02' }, team.admin)) as Leave[];
    expect(list.map((l) => l.status).sort()).toEqual(['cancelled', 'pending', 'rejected']);
  });

  it('sick leave needs the hospital note attached before approval', async () => {
    const t = core('2026-02-10T01:00:00.000Z');
    const team = await setupTeam(t);
    const chen = team.byName['陈静']!;
    await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: chen, date: '2026-02-09', mark: 'sick' }, { staffId: chen, date: '2026-02-10', half: 'am', mark: 'sick' }] }, team.engineer);
    const req = (await t.call('attendance/leave-request', { staffId: chen, kind: 'sick', fromDate: '2026-02-09', toDate: '2026-02-10', reason: '发热就医' }, team.engineer)) as Leave;
    let v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(v.violations.filter((x) => x.staffId === chen).map((x) => x.kind)).toEqual(expect.arrayContaining(['unapproved_leave', 'sick_without_note']));
    const e = await failure(t, 'attendance/leave-decide', { id: req.id, approve: true }, team.manager);
    expect(e.message).toMatch(/病假须凭医院诊断证明/);
    const pdf = Buffer.from('%PDF-1.4\n% 诊断证明\n%%EOF\n');
    await t.call('attachments/add', { entity: 'leave', entityId: req.id, role: 'sick_note', name: '诊断证明.pdf', mime: 'application/pdf', dataBase64: pdf.toString('base64') }, team.engineer);
    const ok = (await t.call('attendance/leave-decide', { id: req.id, approve: true }, team.manager)) as Leave;
    expect(ok).toMatchObject({ status: 'approved', hasNote: true });
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(v.violations.filter((x) => x.staffId === chen && ['unapproved_leave', 'sick_without_note'].includes(x.kind))).toEqual([]);
    expect(v.totals.find((x) => x.staffId === chen)).toMatchObject({ leaveDays: 1.5 });
  });

  it('lates: more than 3 in a month are flagged; one over 60 minutes counts as absent that day; 旷工 and unmarked days are listed', async () => {
    const t = core('2026-03-02T01:00:00.000Z');
    const team = await setupTeam(t);
    const zhao = team.byName['赵磊']!;
    const liu = team.byName['刘洋']!;
    const late = dates('2026-02', [2, 3, 4]).map((date) => ({ staffId: zhao, date, mark: 'late', minutesLate: 10 }));
    await t.call('attendance/set-marks', { month: '2026-02', cells: late }, team.engineer);
    let v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(v.violations.filter((x) => x.staffId === zhao && x.kind === 'late_over_limit')).toEqual([]);
    await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhao, date: '2026-02-05', mark: 'late', minutesLate: 75 }, { staffId: liu, date: '2026-02-05', mark: 'absent' }] }, team.engineer);
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    const zv = v.violations.filter((x) => x.staffId === zhao);
    expect(zv.find((x) => x.kind === 'late_over_limit')?.message).toMatch(/迟到 4 次，超过 3 次/);
    expect(zv.find((x) => x.kind === 'late_absent')).toMatchObject({ date: '2026-02-05' });
    expect(zv.find((x) => x.kind === 'late_absent')?.message).toMatch(/迟到 75 分钟，超过 60 分钟，当天按缺勤计/);
    expect(v.totals.find((x) => x.staffId === zhao)).toMatchObject({ presentDays: 3, absentDays: 1, lateAbsentDays: 1, lateCount: 4 });
    expect(v.violations.find((x) => x.staffId === liu && x.kind === 'absent')?.date).toBe('2026-02-05');
    // February is over: every working day without a mark is listed (春节 off, 调休 02-14 and 02-28 included).
    const unmarked = v.violations.filter((x) => x.staffId === liu && x.kind === 'unmarked').map((x) => x.date);
    expect(unmarked).toContain('2026-02-14');
    expect(unmarked).toContain('2026-02-28');
    expect(unmarked).not.toContain('2026-02-17');
    expect(unmarked).not.toContain('2026-02-05');
    // The thresholds are project data.
    const { id: _id, ...project } = (await t.call('project/get', {}, team.admin)) as Project;
    await t.call('project/update', { ...project, settings: { ...project.settings, attendance: { ...project.settings.attendance, lateLimitPerMonth: 5, lateAbsentMinutes: 90 } } }, team.admin);
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(v.violations.filter((x) => x.staffId === zhao && (x.kind === 'late_over_limit' || x.kind === 'late_absent'))).toEqual([]);
  });
});

describe('suggestions from the work record', () => {
  it('suggests 出勤 / 加班 from inspection runs, work orders and fault stamps; nothing is marked until confirmed', async () => {
    const t = core();
    const team = await setupTeam(t);
    const [zhang, , wang] = team.ids as [string, string, string];
    const work = new WorkRecord(t.dbPath);
    try {
      work.inspection(zhang, at('2026-02-03', '09:10'), at('2026-02-03', '10:05')); // Tuesday, in office hours
      work.workOrder([wang], { applyDate: '2026-02-04', startedAt: at('2026-02-04', '16:00'), finishedAt: at('2026-02-04', '20:30') }); // after hours
      work.fault({ reporterId: zhang, reportedAt: at('2026-02-07', '10:00'), resolvedBy: '王强', resolvedAt: at('2026-02-07', '13:00') }); // Saturday
    } finally {
      work.close();
    }
    const before = counts(t);
    const s = (await t.call('attendance/suggestions', { month: '2026-02' }, team.engineer)) as Suggestion[];
    expect(s.map((x) => [x.staffName, x.date, x.markLabel, x.overtimeHours])).toEqual([
      ['张伟', '2026-02-03', '出勤', null],
      ['张伟', '2026-02-07', '加班', 1],
      ['王强', '2026-02-04', '加班', 3],
      ['王强', '2026-02-07', '加班', 1],
    ]);
    expect(s[0]!.reason).toMatch(/工作日有工作记录：巡检/);
    expect(s[2]!.reason).toMatch(/下班后（20:30）/);
    expect(s[2]!.evidence.map((e) => e.kind)).toEqual(['workorder', 'workorder']);
    expect(counts(t)).toEqual(before);
    expect(view(await t.call('attendance/month', { month: '2026-02' }, team.engineer)).marks).toEqual([]);

    const v = view(await t.call('attendance/accept-suggestions', { month: '2026-02', items: [{ staffId: zhang, date: '2026-02-03' }, { staffId: wang, date: '2026-02-04' }] }, team.engineer));
    expect(v.marks.map((m) => [m.staffId === zhang ? '张伟' : '王强', m.date, m.mark, m.overtimeHours, m.source])).toEqual([
      ['张伟', '2026-02-03', 'present', null, 'suggestion'],
      ['王强', '2026-02-04', 'overtime', 3, 'suggestion'],
    ]);
    // 加班 on a working day still counts as a day at work.
    expect(v.totals.find((x) => x.staffId === wang)).toMatchObject({ presentDays: 1, overtimeDays: 0, overtimeHours: 3 });
    const left = (await t.call('attendance/suggestions', { month: '2026-02' }, team.engineer)) as Suggestion[];
    expect(left.map((x) => x.date)).toEqual(['2026-02-07', '2026-02-07']);
    const stale = await failure(t, 'attendance/accept-suggestions', { month: '2026-02', items: [{ staffId: zhang, date: '2026-02-03' }] }, team.engineer);
    expect(stale.message).toMatch(/没有待确认的建议/);
  });
});

describe('suggestions from approved leave', () => {
  it('an approved request suggests its mark on the unmarked working days it covers (half days too); confirmed, the days are covered, not 旷工', async () => {
    const t = core('2026-02-02T01:00:00.000Z'); // Monday 2026-02-02
    const team = await setupTeam(t);
    const wang = team.byName['王强']!;
    const chen = team.byName['陈静']!;
    // 事假 Thursday 02-12 to Tuesday 02-24: 02-14 (Sat) is a 调休 workday, 02-15..23 春节 are off.
    const personal = (await t.call('attendance/leave-request', { staffId: wang, kind: 'personal', fromDate: '2026-02-12', toDate: '2026-02-24', reason: '回老家' }, team.engineer)) as Leave;
    const sick = (await t.call('attendance/leave-request', { staffId: chen, kind: 'sick', fromDate: '2026-02-05', toDate: '2026-02-05', half: 'pm', reason: '复诊' }, team.engineer)) as Leave;
    // Pending requests suggest nothing.
    expect((await t.call('attendance/suggestions', { month: '2026-02' }, team.engineer)) as Suggestion[]).toEqual([]);
    await t.call('attendance/leave-decide', { id: personal.id, approve: true }, team.manager);
    await t.call('attachments/add', { entity: 'leave', entityId: sick.id, role: 'sick_note', name: '诊断证明.pdf', mime: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') }, team.engineer);
    await t.call('attendance/leave-decide', { id: sick.id, approve: true }, team.manager);
    await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: wang, date: '2026-02-13', mark: 'present' }] }, team.engineer);
    const before = counts(t);
    const s = (await t.call('attendance/suggestions', { month: '2026-02' }, team.engineer)) as Suggestion[];
    expect(s.map((x) => [x.staffName, x.date, x.half, x.markLabel, x.kind])).toEqual([
      ['王强', '2026-02-12', 'full', '事假', 'leave'],
      ['王强', '2026-02-14', 'full', '事假', 'leave'],
      ['王强', '2026-02-24', 'full', '事假', 'leave'],
      ['陈静', '2026-02-05', 'pm', '病假', 'leave'],
    ]);
    expect(s[0]!.reason).toBe('已批准的事假申请（2026年2月12日至2026年2月24日）');
    expect(s[0]!.evidence).toEqual([expect.objectContaining({ kind: 'leave', refId: personal.id, label: '事假申请 2026年2月12日至2026年2月24日，李娜批准' })]);
    expect(counts(t)).toEqual(before);

    const v = view(await t.call('attendance/accept-suggestions', { month: '2026-02', items: s.map((x) => ({ staffId: x.staffId, date: x.date })) }, team.engineer));
    expect(v.marks.filter((m) => m.source === 'suggestion').map((m) => [m.date, m.half, m.mark])).toEqual([
      ['2026-02-12', 'full', 'personal'],
      ['2026-02-14', 'full', 'personal'],
      ['2026-02-24', 'full', 'personal'],
      ['2026-02-05', 'pm', 'sick'],
    ]);
    expect(v.violations.filter((x) => x.kind === 'unapproved_leave' || x.kind === 'sick_without_note')).toEqual([]);
    expect(v.totals.find((x) => x.staffId === wang)).toMatchObject({ leaveDays: 3, presentDays: 1 });
    expect(v.totals.find((x) => x.staffId === chen)).toMatchObject({ leaveDays: 0.5 });
    expect((await t.call('attendance/suggestions', { month: '2026-02' }, team.engineer)) as Suggestion[]).toEqual([]);
  });
});

describe('month close', () => {
  it('is due within 3 days after month end, then late; closing locks the month; only the manager reopens, with a reason, audited', async () => {
    const t = core('2026-02-27T01:00:00.000Z');
    const team = await setupTeam(t);
    const zhang = team.ids[0]!;
    let v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(v.status).toMatchObject({ state: 'open', dueDate: '2026-03-03', reminder: null });
    expect((await failure(t, 'attendance/close', { month: '2026-02' }, team.engineer)).message).toMatch(/尚未结束/);

    t.now.value = new Date('2026-03-02T01:00:00.000Z');
    await signInAgain(t, team);
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(v.status.state).toBe('due');
    expect(v.status.reminder).toMatch(/应于 2026年3月3日 前签字提交，还剩 1 天/);
    t.now.value = new Date('2026-03-05T01:00:00.000Z');
    await signInAgain(t, team);
    v = view(await t.call('attendance/month', { month: '2026-02' }, team.engineer));
    expect(v.status.state).toBe('late');
    expect(v.status.reminder).toMatch(/已逾期 2 天/);

    await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-02', mark: 'present' }] }, team.engineer);
    v = view(await t.call('attendance/close', { month: '2026-02' }, team.engineer));
    expect(v.status).toMatchObject({ state: 'closed', closedBy: 'eng1', closedLate: true });
    expect((await failure(t, 'attendance/close', { month: '2026-02' }, team.engineer)).code).toBe('CONFLICT');

    // Writes into the closed month are refused, nothing changes.
    const before = counts(t);
    const rows = marksTable(t);
    const refused: Array<[string, unknown, RegExp]> = [
      ['attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-02', mark: null }] }, /2026年2月考勤已关账，不能修改/],
      ['attendance/accept-suggestions', { month: '2026-02', items: [{ staffId: zhang, date: '2026-02-03' }] }, /已关账/],
      ['attendance/set-day', { date: '2026-02-10', kind: 'holiday', name: '' }, /已关账/],
      ['attendance/leave-request', { staffId: zhang, kind: 'personal', fromDate: '2026-02-27', toDate: '2026-03-02', reason: '补假' }, /涉及已关账的月份（2026年2月）/],
    ];
    for (const [channel, input, message] of refused) {
      const e = await failure(t, channel, input, team.engineer);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(message);
    }
    expect(counts(t)).toEqual(before);
    expect(marksTable(t)).toEqual(rows);
    // March stays writable.
    await t.call('attendance/set-marks', { month: '2026-03', cells: [{ staffId: zhang, date: '2026-03-02', mark: 'present' }] }, team.engineer);

    expect((await failure(t, 'attendance/reopen', { month: '2026-02', reason: '补录出差' }, team.engineer)).code).toBe('FORBIDDEN');
    expect((await failure(t, 'attendance/reopen', { month: '2026-02', reason: '' }, team.manager)).code).toBe('VALIDATION');
    v = view(await t.call('attendance/reopen', { month: '2026-02', reason: '甲方要求补录出差记录' }, team.manager));
    expect(v.status).toMatchObject({ state: 'late', reopenReason: '甲方要求补录出差记录', reopenedBy: '李娜', closedAt: null });
    expect((await failure(t, 'attendance/reopen', { month: '2026-02', reason: '再次打开' }, team.manager)).message).toMatch(/尚未关账/);
    const log = (await t.call('audit/list', { channel: 'attendance/reopen' }, team.auditor)) as { rows: Array<{ username: string; outcome: string; entity: string | null; before: string | null; after: string | null }> };
    const ok = log.rows.filter((r) => r.outcome === 'ok');
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ username: 'mgr1', entity: 'attendance_month' });
    expect(ok[0]!.before).toContain('"closed"');
    expect(ok[0]!.after).toContain('甲方要求补录出差记录');
    expect(log.rows.some((r) => r.outcome === 'denied' && r.username === 'eng1')).toBe(true);
    await t.call('attendance/set-marks', { month: '2026-02', cells: [{ staffId: zhang, date: '2026-02-03', mark: 'trip' }] }, team.engineer);
  });

  it('reminds of earlier months not closed while another month is open: due, then late, gone once closed', async () => {
    const t = core('2026-03-02T01:00:00.000Z');
    const team = await setupTeam(t);
    const zhang = team.ids[0]!;
    const march = async () => view(await t.call('attendance/month', { month: '2026-03' }, team.engineer)).overdue;
    // Nothing marked yet: no month the app holds a sheet for.
    expect(await march()).toEqual([]);
    await t.call('attendance/set-marks', { month: '2026-01', cells: [{ staffId: zhang, date: '2026-01-05', mark: 'present' }] }, team.engineer);
    expect(await march()).toEqual([
      { month: '2026-01', state: 'late', dueDate: '2026-02-03' },
      { month: '2026-02', state: 'due', dueDate: '2026-03-03' },
    ]);
    // The month looked at is not listed again (its own status says it).
    expect(view(await t.call('attendance/month', { month: '2026-02' }, team.engineer)).overdue.map((o) => o.month)).toEqual(['2026-01']);
    await t.call('attendance/close', { month: '2026-01' }, team.engineer);
    t.now.value = new Date('2026-03-04T01:00:00.000Z');
    await signInAgain(t, team);
    expect(await march()).toEqual([{ month: '2026-02', state: 'late', dueDate: '2026-03-03' }]);
    await t.call('attendance/close', { month: '2026-02' }, team.engineer);
    expect(await march()).toEqual([]);
  });
});
