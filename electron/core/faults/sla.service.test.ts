import { afterEach, describe, expect, it } from 'vitest';
import { faultInput, recordsFixture, type RecordsFixture } from './test-helpers';

const open: RecordsFixture[] = [];
async function fixture(start: string): Promise<RecordsFixture> {
  const f = await recordsFixture(start);
  open.push(f);
  return f;
}
afterEach(() => {
  for (const f of open.splice(0)) f.close();
});

const clock = (fault: { sla: { clocks: Array<{ key: string; deadline: string | null; state: string }> } }, key: string) => fault.sla.clocks.find((c) => c.key === key)!;

describe('SLA clocks through the service (shared/sla.ts computeSla and countBreaches)', () => {
  it('at year end: a late response after midnight on 1 January is a breach of December', async () => {
    const f = await fixture('2026-12-31T15:50:00.000Z'); // 2026-12-31 23:50 Asia/Shanghai
    const c = await f.call('faults/create', faultInput());
    expect(c).toMatchObject({ docNo: 'GZ-2026-0001', reportDate: '2026-12-31', faultDate: '2026-12-31' });
    expect(clock(c, 'response')).toMatchObject({ deadline: '2026-12-31T16:20:00.000Z', state: 'pending' });
    await f.at('2026-12-31T16:10:00.000Z'); // 00:10 on 1 January: 10 minutes left
    expect((await f.call('faults/get', { id: c.id })).sla).toMatchObject({ bucket: 'due_soon', nextDeadline: '2026-12-31T16:20:00.000Z' });
    expect((await f.call('faults/list', { slaState: 'due_soon' })).rows.map((r) => r.id)).toEqual([c.id]);
    await f.at('2026-12-31T16:21:00.000Z');
    expect((await f.call('faults/list', { slaState: 'breached' })).total).toBe(1);
    await f.at('2026-12-31T16:25:00.000Z');
    const r = await f.call('faults/stamp', { id: c.id, step: 'respond' });
    expect(clock(r, 'response').state).toBe('met_late');
    expect(r.sla.breached).toBe(true);
    const stats = await f.call('faults/stats', { from: '2026-12', to: '2027-01' });
    expect(stats.months).toEqual([
      { month: '2026-12', faults: 1, breaches: 1, breachedFaults: 1, byClock: { response: 1, onsite: 0, resolve: 0, report: 0 } },
      { month: '2027-01', faults: 0, breaches: 0, breachedFaults: 0, byClock: { response: 0, onsite: 0, resolve: 0, report: 0 } },
    ]);
    expect(stats.engineers).toEqual([{ engineer: '王工', faults: 1, breaches: 1, breachedFaults: 1 }]);
    // a fault reported after midnight belongs to the new year and month
    const d = await f.call('faults/create', faultInput());
    expect(d).toMatchObject({ docNo: 'GZ-2027-0001', reportDate: '2027-01-01' });
    expect((await f.call('faults/stats', { from: '2027-01', to: '2027-01' })).months[0]).toMatchObject({ faults: 1, breaches: 0 });
  });

  it('at month end: a critical fault reported at 23:30 on 31 January is due on 1 February, and its late resolution counts in January', async () => {
    const f = await fixture('2026-01-31T15:30:00.000Z'); // 2026-01-31 23:30
    const c = await f.call('faults/create', faultInput({ severity: 'critical', alertLevel: 3 }));
    expect(clock(c, 'resolve').deadline).toBe('2026-02-01T15:30:00.000Z'); // 2026-02-01 23:30
    await f.at('2026-01-31T15:45:00.000Z');
    await f.call('faults/stamp', { id: c.id, step: 'respond', by: '赵工' });
    await f.at('2026-01-31T17:00:00.000Z');
    await f.call('faults/stamp', { id: c.id, step: 'on_site', by: '赵工' });
    await f.at('2026-02-01T15:31:00.000Z'); // one minute late
    const r = await f.call('faults/stamp', { id: c.id, step: 'resolve', by: '赵工', patch: { solution: '更换故障硬盘并重建阵列。' } });
    expect(r.sla.clocks.map((k) => [k.key, k.state])).toEqual([
      ['response', 'met'],
      ['onsite', 'met'],
      ['resolve', 'met_late'],
      ['report', 'pending'],
    ]);
    expect(clock(r, 'report').deadline).toBe('2026-02-02T15:31:00.000Z');
    const stats = await f.call('faults/stats', { from: '2026-01', to: '2026-02' });
    expect(stats.months.map((m) => [m.month, m.faults, m.breaches, m.byClock.resolve])).toEqual([
      ['2026-01', 1, 1, 1],
      ['2026-02', 0, 0, 0],
    ]);
    // the first responder (赵工) is the engineer the breach is counted against
    expect(stats.engineers).toEqual([{ engineer: '赵工', faults: 1, breaches: 1, breachedFaults: 1 }]);
    // the alert level's checklist follows the stamps
    const full = await f.call('faults/get', { id: c.id });
    expect(full.alertLevelLabel).toBe('三级预警');
    expect(full.alertChecklist.find((i) => i.key === 'resolve')).toMatchObject({ done: true, auto: true });
    expect(full.alertChecklist.find((i) => i.key === 'notify_leaders')).toMatchObject({ done: false, overdue: true, dueAt: '2026-01-31T15:40:00.000Z' });
  });

  it('at midnight: a fault known at 23:59 keeps its business date, and the date filters use Shanghai days', async () => {
    const f = await fixture('2026-03-01T16:05:00.000Z'); // 2026-03-02 00:05
    const c = await f.call('faults/create', faultInput({ reportedAt: '2026-03-01T15:59:00.000Z' })); // 2026-03-01 23:59
    expect(c).toMatchObject({ faultDate: '2026-03-01', reportDate: '2026-03-02' });
    expect(clock(c, 'response').deadline).toBe('2026-03-01T16:29:00.000Z');
    expect((await f.call('faults/list', { from: '2026-03-01', to: '2026-03-01' })).total).toBe(1);
    expect((await f.call('faults/list', { from: '2026-03-02' })).total).toBe(0);
    expect((await f.call('faults/stats', { from: '2026-03', to: '2026-03' })).months[0]!.faults).toBe(1);
    expect((await f.call('faults/stats', { from: '2026-02', to: '2026-02' })).months[0]!.faults).toBe(0);
  });

  it('ticks the alert checklist by hand (who and when), refuses an unknown item, and feeds the dashboard', async () => {
    const f = await fixture('2026-03-02T01:00:00.000Z');
    const c = await f.call('faults/create', faultInput({ alertLevel: 2, severity: 'serious' }));
    expect(c.alertChecklist.map((i) => i.key)).toEqual(['notify_leaders', 'inspect', 'resolve', 'vendor_onsite', 'file_report']);
    const ticked = await f.call('faults/check-alert', { id: c.id, item: 'notify_leaders', done: true });
    expect(ticked.alertChecklist[0]).toMatchObject({ done: true, doneBy: '王工', doneAt: '2026-03-02T01:00:00.000Z', auto: false });
    expect((await f.call('faults/check-alert', { id: c.id, item: 'notify_leaders', done: false })).alertChecklist[0]!.done).toBe(false);
    expect((await f.fail('faults/check-alert', { id: c.id, item: 'resolve', done: true })).message).toContain('没有检查项');
    expect((await f.fail('faults/check-alert', { id: c.id, item: 'drink_tea', done: true })).message).toBe('预警级别“2”没有检查项“drink_tea”。');
    await f.at('2026-03-02T02:00:00.000Z');
    const dash = await f.call('dashboard/summary', {});
    expect(dash).toMatchObject({ openFaults: 1, breachedFaults: 1 });
    expect(dash.faultClocks[0]).toMatchObject({ id: c.id, state: 'breached', nextDeadline: '2026-03-02T01:30:00.000Z' });
  });
});
