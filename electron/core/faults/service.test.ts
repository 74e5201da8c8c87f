import { afterEach, describe, expect, it } from 'vitest';
import { LONG_TEXT_MAX } from '../../../shared/contract/faults';
import { tableCounts } from '../test-utils';
import { faultInput, recordsFixture, type RecordsFixture } from './test-helpers';

const open: RecordsFixture[] = [];
async function fixture(start?: string): Promise<RecordsFixture> {
  const f = await recordsFixture(start);
  open.push(f);
  return f;
}
afterEach(() => {
  for (const f of open.splice(0)) f.close();
});

describe('fault lifecycle', () => {
  it('reports, responds, goes on site, resolves, files the report and is reviewed — each step stamped who and when', async () => {
    const f = await fixture();
    const [a1, a2] = await f.assetIds();
    const created = await f.call('faults/create', faultInput({ assetIds: [a1!, a2!], severity: 'serious', alertLevel: 2 }));
    expect(created).toMatchObject({ docNo: 'GZ-2026-0001', status: 'reported', reporterName: '王工', reportedAt: '2026-03-02T01:00:00.000Z', reportDate: '2026-03-02', faultDate: '2026-03-02' });
    expect(created.assets.map((a) => a.id).sort()).toEqual([a1, a2].sort());
    expect(created.sla.clocks.find((c) => c.key === 'response')).toMatchObject({ deadline: '2026-03-02T01:30:00.000Z', state: 'pending' });
    expect(created.sla.bucket).toBe('on_track');

    await f.at('2026-03-02T01:20:00.000Z');
    const responded = await f.call('faults/stamp', { id: created.id, step: 'respond' });
    expect(responded).toMatchObject({ status: 'responded', respondedAt: '2026-03-02T01:20:00.000Z', respondedBy: '王工', engineerName: '王工' });
    expect(responded.sla.clocks.find((c) => c.key === 'onsite')).toMatchObject({ deadline: '2026-03-02T03:20:00.000Z' });

    await f.at('2026-03-02T02:00:00.000Z');
    await f.call('faults/stamp', { id: created.id, step: 'on_site', by: '赵工' });
    const noSolution = await f.fail('faults/stamp', { id: created.id, step: 'resolve' });
    expect(noSolution.message).toContain('请填写解决方案');
    const resolved = await f.call('faults/stamp', { id: created.id, step: 'resolve', patch: { solution: '清理过期备份文件，扩容 D 盘 200 GB。' } });
    expect(resolved).toMatchObject({ status: 'resolved', solved: true, onSiteBy: '赵工', resolvedBy: '王工' });

    const noReport = await f.fail('faults/stamp', { id: created.id, step: 'file_report' });
    expect(noReport.message).toMatch(/原因分析、处理过程、防范措施/);
    const filed = await f.call('faults/stamp', {
      id: created.id,
      step: 'file_report',
      patch: { causeAnalysis: '备份保留策略未清理。', handlingProcess: '远程确认后到场处理。', preventiveMeasures: '磁盘使用率纳入日常巡检。' },
    });
    expect(filed.status).toBe('report_filed');
    expect(filed.sla.bucket).toBe('met');
    expect(filed.sla.breached).toBe(false);

    // only the project manager reviews
    expect((await f.fail('faults/review', { id: created.id })).code).toBe('FORBIDDEN');
    const reviewed = await f.call('faults/review', { id: created.id }, f.mgr);
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewerName: '李经理', reviewedBy: '李经理', reviewedAt: '2026-03-02T02:00:00.000Z' });
    // a reviewed report is locked for the engineer
    expect((await f.fail('faults/update', { id: created.id, title: '改标题' })).message).toContain('已审核');
  });

  it('refuses steps out of order, twice, in the future or before the report, with clear Chinese errors', async () => {
    const f = await fixture();
    const c = await f.call('faults/create', faultInput({ reportedAt: '2026-03-02T00:40:00.000Z' }));
    const early = await f.fail('faults/stamp', { id: c.id, step: 'respond', at: '2026-03-02T00:30:00.000Z' });
    expect(early.code).toBe('VALIDATION');
    expect(early.message).toBe('响应时间（2026年3月2日 08:30）早于报告时间（2026年3月2日 08:40），请检查：各环节时间须依次不早于前一环节。');
    const future = await f.fail('faults/stamp', { id: c.id, step: 'respond', at: '2026-03-02T03:00:00.000Z' });
    expect(future.message).toBe('响应时间（2026年3月2日 11:00）晚于当前时间，不能预先登记。');
    const skip = await f.fail('faults/stamp', { id: c.id, step: 'on_site' });
    expect(skip.code).toBe('CONFLICT');
    expect(skip.message).toBe('当前状态为“已报告”，不能执行“到场”：请先完成“响应”。');
    await f.call('faults/stamp', { id: c.id, step: 'respond', at: '2026-03-02T00:50:00.000Z' });
    const twice = await f.fail('faults/stamp', { id: c.id, step: 'respond' });
    expect(twice.message).toContain('已于 2026年3月2日 08:50 登记');
    const beforeResponse = await f.fail('faults/stamp', { id: c.id, step: 'on_site', at: '2026-03-02T00:45:00.000Z' });
    expect(beforeResponse.message).toBe('到场时间（2026年3月2日 08:45）早于响应时间（2026年3月2日 08:50），请检查：各环节时间须依次不早于前一环节。');
    const futureReport = await f.fail('faults/create', faultInput({ reportedAt: '2026-03-03T01:00:00.000Z' }));
    expect(futureReport.message).toContain('报告时间（2026年3月3日 09:00）晚于当前时间');
  });

  it('keeps the original value and the reason of an edited stamp, and of a backfilled one', async () => {
    const f = await fixture();
    const c = await f.call('faults/create', faultInput({ reportedAt: '2026-03-02T00:00:00.000Z' }));
    // reported an hour ago: a backfill, kept with the time it was entered
    expect(c.history).toEqual([expect.objectContaining({ field: 'reportedAt', oldValue: null, newValue: '2026-03-02T00:00:00.000Z', reason: '补录（登记于 2026年3月2日 09:00）' })]);
    await f.call('faults/stamp', { id: c.id, step: 'respond', at: '2026-03-02T00:20:00.000Z', reason: '电话响应，事后登记' });
    const noReason = await f.fail('faults/edit-stamp', { id: c.id, field: 'respondedAt', at: '2026-03-02T00:25:00.000Z', reason: '' });
    expect(noReason.code).toBe('VALIDATION');
    const bad = await f.fail('faults/edit-stamp', { id: c.id, field: 'respondedAt', at: '2026-03-01T23:59:00.000Z', reason: '录错了' });
    expect(bad.message).toContain('响应时间（2026年3月2日 07:59）早于报告时间（2026年3月2日 08:00）');
    const edited = await f.call('faults/edit-stamp', { id: c.id, field: 'respondedAt', at: '2026-03-02T00:25:00.000Z', reason: '按通话记录更正' });
    expect(edited.respondedAt).toBe('2026-03-02T00:25:00.000Z');
    expect(edited.history.map((h) => [h.field, h.oldValue, h.newValue, h.reason, h.by])).toEqual([
      ['reportedAt', null, '2026-03-02T00:00:00.000Z', '补录（登记于 2026年3月2日 09:00）', '王工'],
      ['respondedAt', null, '2026-03-02T00:20:00.000Z', '补录（登记于 2026年3月2日 09:00）：电话响应，事后登记', '王工'],
      ['respondedAt', '2026-03-02T00:20:00.000Z', '2026-03-02T00:25:00.000Z', '按通话记录更正', '王工'],
    ]);
    const unset = await f.fail('faults/edit-stamp', { id: c.id, field: 'resolvedAt', at: '2026-03-02T00:30:00.000Z', reason: '试试' });
    expect(unset.message).toContain('尚未登记');
    // the audit row of the edit names the field and the reason
    const log = (await f.t.call('audit/list', { channel: 'faults/edit-stamp', outcome: 'ok' }, f.auditor)) as { rows: Array<{ after: string }> };
    expect(log.rows[0]!.after).toContain('按通话记录更正');
  });

  it('needs a reason to change the severity (it moves the resolution deadline) and keeps it', async () => {
    const f = await fixture();
    const c = await f.call('faults/create', faultInput());
    expect((await f.fail('faults/update', { id: c.id, severity: 'critical' })).message).toContain('请填写修改原因');
    const u = await f.call('faults/update', { id: c.id, severity: 'critical', severityReason: '影响全市归集，升级处理' });
    expect(u.severity).toBe('critical');
    expect(u.sla.clocks.find((k) => k.key === 'resolve')!.deadline).toBe('2026-03-03T01:00:00.000Z');
    expect(u.history.at(-1)).toMatchObject({ field: 'severity', oldValue: 'normal', newValue: 'critical', reason: '影响全市归集，升级处理' });
  });

  it('numbers faults GZ-YYYY-NNNN per year, never reusing a number, and a refused report takes none', async () => {
    const f = await fixture('2026-12-31T15:00:00.000Z'); // 2026-12-31 23:00 in Shanghai
    const a = await f.call('faults/create', faultInput());
    const bad = await f.fail('faults/create', faultInput({ assetIds: ['no-such-asset'] }));
    expect(bad.message).toBe('关联资产不存在：no-such-asset');
    const b = await f.call('faults/create', faultInput());
    await f.at('2026-12-31T16:30:00.000Z'); // 2027-01-01 00:30 in Shanghai
    const c = await f.call('faults/create', faultInput());
    expect([a.docNo, b.docNo, c.docNo]).toEqual(['GZ-2026-0001', 'GZ-2026-0002', 'GZ-2027-0001']);
  });

  it('refuses bad input with clear errors and writes nothing: unknown category, 100 KB description, impossible date', async () => {
    const f = await fixture();
    const before = tableCounts(f.t.dbPath);
    const cat = await f.fail('faults/create', { ...faultInput(), category: 'hardware' as never });
    expect(cat.code).toBe('VALIDATION');
    expect(cat.message).toContain('故障所属应为：系统故障、数据库系统故障、网络设备故障或其它应用软件系统故障');
    const big = await f.fail('faults/create', faultInput({ description: '磁'.repeat(100 * 1024) }));
    expect(big.code).toBe('VALIDATION');
    expect(big.message).toContain(`故障描述最多 ${LONG_TEXT_MAX} 个字`);
    const date = await f.fail('faults/create', faultInput({ faultDate: '2026-02-30' }));
    expect(date.message).toContain('日期不存在');
    const order = await f.fail('faults/create', faultInput({ faultDate: '2026-03-05' }));
    expect(order.message).toContain('故障日期（2026-03-05）不能晚于报告日期（2026-03-02）');
    const after = tableCounts(f.t.dbPath);
    for (const table of ['faults', 'fault_assets', 'fault_stamp_history', 'doc_counters']) expect(after[table], table).toBe(before[table]);
    // exactly the limit is accepted, nothing cut
    const max = await f.call('faults/create', faultInput({ description: '磁'.repeat(LONG_TEXT_MAX) }));
    expect((await f.call('faults/get', { id: max.id })).description).toHaveLength(LONG_TEXT_MAX);
  });

  it('keeps records to the engineer and manager; the admin reads; the auditor sees none', async () => {
    const f = await fixture();
    const c = await f.call('faults/create', faultInput());
    expect((await f.fail('faults/create', faultInput(), f.admin)).code).toBe('FORBIDDEN');
    expect((await f.call('faults/get', { id: c.id }, f.admin)).docNo).toBe(c.docNo);
    expect((await f.fail('faults/list', {}, f.auditor)).code).toBe('FORBIDDEN');
    expect((await f.call('faults/create', faultInput(), f.mgr)).reporterName).toBe('李经理');
  });
});
