import { describe, expect, it } from 'vitest';
import { defaultMarkTypes } from './marks';
import { suggestAttendance, type SuggestInput, type WorkEvidence } from './suggest';
import { defaultOfficeHours, type LeaveRequest } from './types';

const at = (local: string) => new Date(local).toISOString();
const ev = (local: string, o: Partial<WorkEvidence> = {}): WorkEvidence => ({ staffId: 's1', kind: 'inspection', refId: `r-${local}`, label: '日常巡检', at: at(`${local}+08:00`), ...o });
const run = (evidence: WorkEvidence[], o: Partial<SuggestInput> = {}) =>
  suggestAttendance({ evidence, markTypes: defaultMarkTypes(), officeHours: defaultOfficeHours(), people: [{ id: 's1', name: '张伟' }], ...o });

describe('suggestAttendance', () => {
  it('work inside office hours on a working day → 出勤', () => {
    const s = run([ev('2024-03-04T09:10:00'), ev('2024-03-04T16:00:00', { kind: 'workorder' })]);
    expect(s).toEqual([
      expect.objectContaining({ staffId: 's1', staffName: '张伟', date: '2024-03-04', half: 'full', mark: 'present', markLabel: '出勤', kind: 'present', overtimeHours: null, reason: '工作日有工作记录：巡检 1 项、工单 1 项' }),
    ]);
    expect(s[0]!.evidence).toHaveLength(2);
  });

  it('after office hours on a working day → 加班 with the hours after the end', () => {
    const [s] = run([ev('2024-03-04T10:00:00'), ev('2024-03-04T19:40:00', { kind: 'fault' })]);
    expect(s).toMatchObject({ mark: 'overtime', kind: 'overtime', overtimeHours: 2, reason: '工作日下班后（19:40）仍有工作记录：巡检 1 项、故障处理 1 项' });
  });

  it('before office hours counts too; office hours are a parameter', () => {
    const [s] = run([ev('2024-03-04T07:00:00'), ev('2024-03-04T18:10:00')]);
    expect(s).toMatchObject({ kind: 'overtime', overtimeHours: 2, reason: '工作日上班前（07:00）和下班后（18:10）仍有工作记录：巡检 2 项' });
    expect(run([ev('2024-03-04T07:00:00')], { officeHours: { start: '07:00', end: '16:00' } })[0]).toMatchObject({ kind: 'present' });
  });

  it('a weekend or holiday with work → 加班 with the span of the evidence (at least an hour)', () => {
    const [sat] = run([ev('2024-03-02T10:00:00'), ev('2024-03-02T15:20:00')]);
    expect(sat).toMatchObject({ date: '2024-03-02', mark: 'overtime', overtimeHours: 5, reason: '休息日有工作记录：巡检 2 项' });
    const [holiday] = run([ev('2024-10-01T11:00:00', { kind: 'fault' })]);
    expect(holiday).toMatchObject({ mark: 'overtime', overtimeHours: 1, reason: '节假日（国庆节）有工作记录：故障处理 1 项' });
  });

  it('a 调休 make-up Sunday is a working day', () => {
    expect(run([ev('2024-02-04T10:00:00')])[0]).toMatchObject({ date: '2024-02-04', kind: 'present' });
  });

  it('the day is the Shanghai date of the evidence', () => {
    // 00:30 on 04-01 in Shanghai is 03-31 16:30 UTC.
    const s = run([ev('2024-04-01T00:30:00')], { month: '2024-03' });
    expect(s).toEqual([]);
    expect(run([ev('2024-04-01T00:30:00')])[0]).toMatchObject({ date: '2024-04-01', kind: 'overtime', overtimeHours: 8 });
  });

  it('days already marked get nothing; evidence without a time still suggests presence', () => {
    const evidence = [ev('2024-03-04T10:00:00'), { staffId: 's1', kind: 'workorder' as const, refId: 'w1', label: 'GD-2024-0001', at: null, date: '2024-03-09' }];
    const s = run(evidence, { existing: [{ staffId: 's1', date: '2024-03-04', half: 'am', mark: 'present' }] });
    expect(s).toEqual([expect.objectContaining({ date: '2024-03-09', kind: 'overtime', overtimeHours: null })]);
  });

  it('ordered by people, then id, then date; inputs untouched', () => {
    const evidence = [ev('2024-03-05T10:00:00', { staffId: 'z' }), ev('2024-03-05T10:00:00'), ev('2024-03-04T10:00:00'), ev('2024-03-04T10:00:00', { staffId: 'a' })];
    const copy = structuredClone(evidence);
    const s = run(evidence);
    expect(s.map((x) => [x.staffId, x.date])).toEqual([
      ['s1', '2024-03-04'],
      ['s1', '2024-03-05'],
      ['a', '2024-03-04'],
      ['z', '2024-03-05'],
    ]);
    expect(s.find((x) => x.staffId === 'a')!.staffName).toBe('a');
    expect(evidence).toEqual(copy);
  });

  it('a legend without 加班 only suggests presence', () => {
    const types = defaultMarkTypes().filter((t) => t.kind !== 'overtime');
    expect(run([ev('2024-03-02T10:00:00'), ev('2024-03-04T20:00:00')], { markTypes: types }).map((x) => [x.date, x.mark])).toEqual([['2024-03-04', 'present']]);
  });

  describe('approved leave', () => {
    const leave = (o: Partial<LeaveRequest> = {}): LeaveRequest => ({
      id: 'l1',
      staffId: 's1',
      kind: 'personal',
      from: '2024-02-08',
      to: '2024-02-19',
      requestedAt: '2024-02-01T01:00:00.000Z',
      status: 'approved',
      approvedAt: '2024-02-01T02:00:00.000Z',
      approvedBy: '周工',
      hasSickNote: false,
      ...o,
    });

    it('suggests its mark on each unmarked working day it covers (春节 off, the 调休 Sunday 02-18 included), within the month', () => {
      const s = run([], { leaveRequests: [leave()], month: '2024-02', existing: [{ staffId: 's1', date: '2024-02-09', half: 'full', mark: 'present' }] });
      // 02-08 Thu; 02-09 marked; 02-10..17 春节; 02-18 调休 Sunday; 02-19 Monday.
      expect(s.map((x) => [x.date, x.mark, x.half, x.kind])).toEqual([
        ['2024-02-08', 'personal', 'full', 'leave'],
        ['2024-02-18', 'personal', 'full', 'leave'],
        ['2024-02-19', 'personal', 'full', 'leave'],
      ]);
      expect(s[0]).toMatchObject({ markLabel: '事假', overtimeHours: null, reason: '已批准的事假申请（2024年2月8日至2024年2月19日）' });
      expect(s[0]!.evidence).toEqual([expect.objectContaining({ kind: 'leave', refId: 'l1', label: '事假申请 2024年2月8日至2024年2月19日，周工批准' })]);
      expect(run([], { leaveRequests: [leave({ from: '2024-01-31', to: '2024-02-01' })], month: '2024-02' }).map((x) => x.date)).toEqual(['2024-02-01']);
    });

    it('only approved requests still in force; a half-day request suggests its half', () => {
      for (const status of ['pending', 'rejected', 'cancelled'] as const) expect(run([], { leaveRequests: [leave({ status })] })).toEqual([]);
      const [half] = run([], { leaveRequests: [leave({ kind: 'sick', from: '2024-03-04', to: '2024-03-04', half: 'pm', hasSickNote: true })] });
      expect(half).toMatchObject({ date: '2024-03-04', half: 'pm', mark: 'sick', reason: '已批准的病假申请（2024年3月4日下午）' });
    });

    it('on a day with a work record the leave wins, and the reason asks to check it', () => {
      const s = run([ev('2024-03-04T10:00:00')], { leaveRequests: [leave({ from: '2024-03-04', to: '2024-03-04' })] });
      expect(s).toHaveLength(1);
      expect(s[0]).toMatchObject({ mark: 'personal', kind: 'leave', reason: '已批准的事假申请（2024年3月4日）；当天另有工作记录：巡检 1 项，请核实' });
      expect(s[0]!.evidence.map((e) => e.kind)).toEqual(['leave', 'inspection']);
    });
  });
});
