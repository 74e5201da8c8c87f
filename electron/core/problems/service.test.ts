import { afterEach, describe, expect, it } from 'vitest';
import { recordsFixture, type RecordsFixture } from '../faults/test-helpers';

const open: RecordsFixture[] = [];
async function fixture(): Promise<RecordsFixture> {
  const f = await recordsFixture();
  open.push(f);
  return f;
}
afterEach(() => {
  for (const f of open.splice(0)) f.close();
});

describe('problem tickets', () => {
  it('closes a 咨询类 ticket on the spot, with the answer in its history', async () => {
    const f = await fixture();
    const p = await f.call('problems/create', { kind: 'consult', title: '如何导出部门归集统计', description: '业务科室咨询导出方法。', submitterName: '刘科长', answer: '在统计分析→部门归集中点击导出。' });
    expect(p).toMatchObject({ docNo: 'WT-2026-0001', kind: 'consult', status: 'closed', severity: null, assigneeName: '王工', closedAt: '2026-03-02T01:00:00.000Z' });
    expect(p.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, 'submitted'], ['submitted', 'closed']]);
    // Who did it, by the account's display name (rows keep the user name).
    expect(p.events.map((e) => e.by)).toEqual(['王工', '王工']);
    expect((await f.fail('problems/transition', { id: p.id, action: 'assign', assigneeName: '赵工' })).message).toContain('咨询类问题当场解答并关闭');
    expect((await f.fail('problems/create', { kind: 'consult', title: 'x', description: 'y', submitterName: 'z', answer: '' })).message).toContain('请填写解答');
  });

  it('runs a 系统缺陷类 ticket through submit → assign → confirm → fix → retest → close, and refuses wrong steps', async () => {
    const f = await fixture();
    const p = await f.call('problems/create', { kind: 'defect', title: '查询结果分页错误', description: '第 2 页重复显示第 1 页数据。', submitterName: '刘科长', severity: 'major' });
    expect(p).toMatchObject({ status: 'submitted', severity: 'major' });
    expect((await f.fail('problems/transition', { id: p.id, action: 'fix', note: '改了' })).message).toBe('问题单当前状态为“已提交”，不能执行“修复”。');
    expect((await f.fail('problems/transition', { id: p.id, action: 'assign' })).message).toBe('分派时请填写处理人。');
    await f.call('problems/transition', { id: p.id, action: 'assign', assigneeName: '赵工' });
    await f.call('problems/transition', { id: p.id, action: 'confirm', note: '可复现' });
    expect((await f.fail('problems/transition', { id: p.id, action: 'fix' })).message).toBe('“修复”须填写说明。');
    await f.call('problems/transition', { id: p.id, action: 'fix', note: '修正分页偏移量。' });
    await f.call('problems/transition', { id: p.id, action: 'retest_fail', note: '最后一页仍重复' });
    await f.call('problems/transition', { id: p.id, action: 'fix', note: '修正最后一页边界。' });
    await f.call('problems/transition', { id: p.id, action: 'retest_pass' });
    const closed = await f.call('problems/transition', { id: p.id, action: 'close' });
    expect(closed).toMatchObject({ status: 'closed', assigneeName: '赵工', answer: '修正最后一页边界。', closedAt: '2026-03-02T01:00:00.000Z' });
    expect(closed.events.map((e) => e.toStatus)).toEqual(['submitted', 'assigned', 'confirmed', 'fixed', 'confirmed', 'fixed', 'retested', 'closed']);
    expect(closed.events[1]!.note).toBe('分派给 赵工');
    expect((await f.call('problems/list', { kind: 'defect', status: ['closed'] })).total).toBe(1);
  });

  it('needs a severity (微小/一般/严重/致命) for a defect, and a reason to reject', async () => {
    const f = await fixture();
    const bad = await f.fail('problems/create', { kind: 'defect', title: 't', description: 'd', submitterName: 's', severity: 'blocker' as never });
    expect(bad.message).toContain('严重程度应为：微小、一般、严重或致命');
    const p = await f.call('problems/create', { kind: 'defect', title: '按钮错位', description: '低分辨率下错位。', submitterName: '刘科长', severity: 'minor' });
    await f.call('problems/transition', { id: p.id, action: 'assign', assigneeName: '赵工' });
    expect((await f.fail('problems/transition', { id: p.id, action: 'reject' })).message).toBe('“拒绝”须填写说明。');
    const rejected = await f.call('problems/transition', { id: p.id, action: 'reject', note: '非缺陷：浏览器缩放导致' });
    expect(rejected.status).toBe('rejected');
    expect((await f.call('problems/transition', { id: p.id, action: 'close' })).status).toBe('closed');
    expect((await f.fail('problems/transition', { id: p.id, action: 'assign', assigneeName: '赵工', at: '2026-03-01T00:00:00.000Z' })).code).toBe('CONFLICT');
  });
});
