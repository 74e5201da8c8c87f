import { afterEach, describe, expect, it } from 'vitest';
import { recordsFixture, type RecordsFixture } from './test-helpers';

const open: RecordsFixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) f.close();
});

function insert(f: RecordsFixture, table: string, row: Record<string, string | number | null>): void {
  const base = { created_at: '2026-03-02T00:30:00.000Z', updated_at: '2026-03-02T00:30:00.000Z', updated_by: 'test' };
  const all = { ...base, ...row };
  const cols = Object.keys(all);
  f.t.core.runtime.sqlite.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(all));
}

describe('prefillFaultFrom (probe results and inspection items)', () => {
  it('pre-fills a fault from a severe probe result, refuses a normal one, and the report keeps the source', async () => {
    const f = await recordsFixture();
    open.push(f);
    const options = await f.call('faults/options', {});
    const db = options.assets.find((a) => a.name === '中心数据库服务器')!;
    insert(f, 'probe_checks', { id: 'chk-1', asset_id: db.id, kind: 'tcp', label: '远程桌面', config: '{"port":3389}' });
    insert(f, 'probe_results', { id: 'res-1', check_id: 'chk-1', asset_id: db.id, started_at: '2026-03-02T00:30:00.000Z', finished_at: '2026-03-02T00:30:02.000Z', level: 'severe', summary: '无法连接', raw: 'connect ECONNREFUSED 127.0.10.1:3389' });
    insert(f, 'probe_results', { id: 'res-2', check_id: 'chk-1', asset_id: db.id, started_at: '2026-03-02T00:35:00.000Z', finished_at: '2026-03-02T00:35:01.000Z', level: 'normal', summary: '正常' });
    const draft = await f.call('faults/prefill', { kind: 'probe', resultId: 'res-1' });
    expect(draft).toMatchObject({ category: 'database', severity: 'serious', alertLevel: 2, faultDate: '2026-03-02', reportedAt: '2026-03-02T00:30:00.000Z', assetIds: [db.id], source: 'probe', sourceRef: 'res-1' });
    expect(draft.title).toBe('中心数据库服务器 远程桌面异常：无法连接');
    expect(draft.description).toContain('ECONNREFUSED');
    expect((await f.fail('faults/prefill', { kind: 'probe', resultId: 'res-2' })).message).toBe('该探测结果为“正常”，只有“严重”或“警告”结果才能生成故障报告。');
    expect((await f.fail('faults/prefill', { kind: 'probe', resultId: 'nope' })).code).toBe('NOT_FOUND');
    const { title, category, severity, alertLevel, description, faultDate, reportedAt, assetIds, source, sourceRef } = draft;
    const created = await f.call('faults/create', { title, category, severity, alertLevel: alertLevel as 1 | 2 | 3, description, faultDate, reportedAt, assetIds, source, sourceRef });
    expect(created).toMatchObject({ source: 'probe', sourceRef: 'res-1', reportedAt: '2026-03-02T00:30:00.000Z' });
    expect(created.history[0]!.reason).toMatch(/^补录/);
  });

  it('pre-fills a fault from a severe inspection item', async () => {
    const f = await recordsFixture();
    open.push(f);
    const project = await f.call('project/get', {});
    const web = (await f.call('faults/options', {})).assets.find((a) => a.name === '信用外网')!;
    insert(f, 'inspection_templates', { id: 'tpl', project_id: project.id, code: 'prefill-test', title: '日常巡检表', form_kind: 'daily', cadence: 'daily', layout: '{}' });
    insert(f, 'inspection_items', { id: 'item', template_id: 'tpl', asset_id: web.id, column: '应用系统是否正常', label: '信用网站首页', source: 'http', sort: 1 });
    insert(f, 'inspection_runs', { id: 'run', template_id: 'tpl', biz_date: '2026-03-02', slot: 'am', status: 'paused', started_at: '2026-03-02T00:30:00.000Z', due_at: '2026-03-02T10:00:00.000Z' });
    insert(f, 'inspection_results', { id: 'ir', run_id: 'run', item_id: 'item', asset_id: web.id, level: 'severe', value: 'HTTP 502', note: '首页打不开' });
    const draft = await f.call('faults/prefill', { kind: 'inspection', resultId: 'ir' });
    expect(draft).toMatchObject({ title: '信用外网 信用网站首页异常', category: 'other_app', severity: 'serious', faultDate: '2026-03-02', assetIds: [web.id], source: 'inspection', sourceRef: 'ir' });
    expect(draft.description).toContain('2026-03-02 巡检：信用外网（127.0.10.9）应用系统是否正常 / 信用网站首页 结果为“严重”（HTTP 502）。');
    expect(draft.description).toContain('首页打不开');
  });
});
