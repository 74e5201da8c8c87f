import { afterEach, describe, expect, it } from 'vitest';
import { tableCounts } from '../test-utils';
import { faultInput, PNG_1x1, recordsFixture, type RecordsFixture } from '../faults/test-helpers';

const open: RecordsFixture[] = [];
async function fixture(start?: string): Promise<RecordsFixture> {
  const f = await recordsFixture(start);
  open.push(f);
  return f;
}
afterEach(() => {
  for (const f of open.splice(0)) f.close();
});

const wo = { technicians: ['王工', '赵工'], demand: '信用网站首页访问缓慢，需排查。', content: '检查 Web 服务器负载，清理日志，重启应用服务。', standard: '首页 3 秒内打开' };

describe('work orders (运维实施工单)', () => {
  it('goes draft → in progress → done → confirmed, the confirmation needing the signed scan', async () => {
    const f = await fixture();
    const [asset] = await f.assetIds();
    const fault = await f.call('faults/create', faultInput());
    const c = await f.call('workorders/create', { ...wo, faultId: fault.id, assetIds: [asset!] });
    expect(c).toMatchObject({
      docNo: 'GD-2026-0001',
      status: 'draft',
      siteName: '徐州市发展和改革委员会',
      company: '南京莱斯信息技术股份有限公司',
      applyDate: '2026-03-02',
      technicians: ['王工', '赵工'],
      faultDocNo: fault.docNo,
    });
    expect(c.assets).toHaveLength(1);
    expect((await f.call('faults/get', { id: fault.id })).workOrders).toEqual([{ id: c.id, docNo: 'GD-2026-0001', status: 'draft' }]);

    expect((await f.fail('workorders/finish', { id: c.id, doneDate: '2026-03-02', workloadHours: 2 })).message).toBe('工单当前状态为“草稿”，不能执行“完成”。');
    await f.call('workorders/start', { id: c.id });
    expect((await f.fail('workorders/finish', { id: c.id, doneDate: '2026-03-01', workloadHours: 2 })).message).toContain('完成时间（2026-03-01）不能早于申请日期（2026-03-02）');
    expect((await f.fail('workorders/finish', { id: c.id, doneDate: '2026-03-02', workloadHours: 0.3 })).message).toContain('工作量以 0.5 小时为单位');
    const done = await f.call('workorders/finish', { id: c.id, doneDate: '2026-03-02', workloadHours: 2.5 });
    expect(done).toMatchObject({ status: 'done', doneDate: '2026-03-02', workloadHours: 2.5, startedAt: '2026-03-02T01:00:00.000Z' });

    const noScan = await f.fail('workorders/confirm', { id: c.id, confirmerName: '刘科长' });
    expect(noScan.code).toBe('CONFLICT');
    expect(noScan.message).toContain('请先上传甲方业务代表签字的工单扫描件');
    await f.call('attachments/add', { entity: 'workorder', entityId: c.id, role: 'signed_scan', name: '工单签字.png', mime: 'image/png', dataBase64: PNG_1x1.toString('base64') });
    const confirmed = await f.call('workorders/confirm', { id: c.id, confirmerName: '刘科长' });
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmerName: '刘科长', confirmedAt: '2026-03-02T01:00:00.000Z' });
    expect(confirmed.signedScans).toEqual([expect.objectContaining({ name: '工单签字.png' })]);
    expect((await f.fail('workorders/update', { id: c.id, content: '改' })).message).toBe('工单已由甲方确认，不能再修改。');
  });

  it('refuses bad input with clear errors and writes nothing', async () => {
    const f = await fixture();
    const before = tableCounts(f.t.dbPath);
    expect((await f.fail('workorders/create', { ...wo, technicians: [] })).message).toContain('请填写技术人员');
    expect((await f.fail('workorders/create', { ...wo, technicians: ['王工、赵工'] })).message).toContain('每人一项');
    expect((await f.fail('workorders/create', { ...wo, faultId: 'nope' })).message).toContain('关联的故障不存在');
    expect((await f.fail('workorders/create', { ...wo, content: 'x'.repeat(100 * 1024) })).message).toContain('服务内容最多 10000 个字');
    expect((await f.fail('workorders/create', { ...wo, applyDate: '2026-13-01' })).code).toBe('VALIDATION');
    const after = tableCounts(f.t.dbPath);
    for (const table of ['work_orders', 'work_order_assets', 'doc_counters']) expect(after[table], table).toBe(before[table]);
  });

  it('lists with filters (status, dates, technician, asset, fault) and pages on the server', async () => {
    const f = await fixture();
    const [a1, a2] = await f.assetIds();
    const fault = await f.call('faults/create', faultInput());
    for (let i = 0; i < 25; i++) {
      await f.call('workorders/create', { ...wo, applyDate: `2026-02-${String(i + 1).padStart(2, '0')}`, technicians: i % 2 ? ['王工'] : ['赵工', '王工二'], assetIds: i % 5 === 0 ? [a1!] : [a2!], faultId: i === 3 ? fault.id : null });
    }
    const page1 = await f.call('workorders/list', { pageSize: 10 });
    expect(page1.total).toBe(25);
    expect(page1.rows).toHaveLength(10);
    expect(page1.rows[0]!.applyDate).toBe('2026-02-25');
    const page3 = await f.call('workorders/list', { pageSize: 10, page: 3 });
    expect(page3.rows).toHaveLength(5);
    // 王工 matches whole names only (not 王工二)
    expect((await f.call('workorders/list', { technician: '王工', pageSize: 100 })).total).toBe(12);
    expect((await f.call('workorders/list', { technician: '王工二', pageSize: 100 })).total).toBe(13);
    expect((await f.call('workorders/list', { assetId: a1!, pageSize: 100 })).total).toBe(5);
    expect((await f.call('workorders/list', { from: '2026-02-10', to: '2026-02-12' })).total).toBe(3);
    const byFault = await f.call('workorders/list', { faultId: fault.id });
    expect(byFault.rows.map((r) => r.faultDocNo)).toEqual([fault.docNo]);
    expect((await f.call('workorders/list', { status: ['draft'] })).total).toBe(25);
    expect((await f.call('workorders/list', { status: ['done', 'confirmed'] })).total).toBe(0);
    expect((await f.call('workorders/list', { q: '100%_' })).total).toBe(0);
    // The workload of every matching order (not only the page's), for the month's figures.
    expect(page1.totalHours).toBe(0);
    for (const [i, r] of page1.rows.slice(0, 3).entries()) {
      await f.call('workorders/start', { id: r.id });
      await f.call('workorders/finish', { id: r.id, doneDate: '2026-03-02', workloadHours: [1.5, 2, 4][i]! });
    }
    expect((await f.call('workorders/list', { pageSize: 1 })).totalHours).toBe(7.5);
    expect((await f.call('workorders/list', { status: ['done'], technician: '王工' })).totalHours).toBe([1.5, 2, 4].filter((_h, i) => page1.rows[i]!.technicians.includes('王工')).reduce((a, b) => a + b, 0));
  });
});
