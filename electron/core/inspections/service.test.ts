import fs from 'node:fs';
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Output } from '../../../shared/contract';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../test-utils';

const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});

/** Monday 2026-03-02, 09:00 in Shanghai. */
const MON_0900 = '2026-03-02T01:00:00.000Z';

interface Setup {
  t: TestCore;
  eng: string;
  mgr: string;
  events: CoreEvent[];
  assets: Output<'assets/list'>;
}

async function setup(start = MON_0900): Promise<Setup> {
  const t = makeCore({ start });
  cores.push(t);
  const admin = await adminSession(t);
  const eng = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
  const mgr = await sessionWithRoles(t, admin, 'mgr1', ['manager']);
  const events: CoreEvent[] = [];
  t.core.onEvent((e) => events.push(e));
  const assets = (await t.call('assets/list', {}, eng)) as Output<'assets/list'>;
  return { t, eng, mgr, events, assets };
}

/** A stored probe result, as a sweep writes it (the engine is exercised in the probes tests). */
function storeResult(t: TestCore, r: { checkId: string; assetId: string; at: string; level: string; summary: string; metrics?: unknown; raw?: string }): string {
  const db = new Database(t.dbPath);
  const id = uuidv7();
  db.prepare(
    `INSERT INTO probe_results (id, created_at, updated_at, updated_by, check_id, asset_id, sweep_id, started_at, finished_at, level, summary, latency_ms, metrics, raw)
     VALUES (?, ?, ?, 'test', ?, ?, NULL, ?, ?, ?, ?, 3, ?, ?)`,
  ).run(id, r.at, r.at, r.checkId, r.assetId, r.at, r.at, r.level, r.summary, JSON.stringify(r.metrics ?? {}), r.raw ?? null);
  db.close();
  return id;
}

async function check(s: Setup, assetName: string, config: Record<string, unknown>, label: string): Promise<{ checkId: string; assetId: string }> {
  const a = s.assets.find((x) => x.name === assetName)!;
  const c = (await s.t.call('probes/check-save', { assetId: a.id, label, config: config as never }, s.eng)) as Output<'probes/check-save'>;
  return { checkId: c.id, assetId: a.id };
}

const items = (d: Output<'inspections/run'>) => d.rows.flatMap((r) => r.items.map((i) => ({ ...i, assetName: r.assetName })));

describe('the daily round', () => {
  it('seeds the six forms as templates and opens a run pre-filled from the day’s probe evidence', async () => {
    const s = await setup();
    const tpls = (await s.t.call('inspections/templates', {}, s.eng)) as Output<'inspections/templates'>;
    expect(tpls.map((x) => x.code)).toEqual(['daily', 'system-status', 'weekly', 'software', 'ops-check', 'report']);
    expect(tpls[0]!.title).toBe('徐州市公共信用信息系统平台数据仓库和服务平台应用系统日常巡检表');
    expect(tpls.find((x) => x.code === 'weekly')!.layout.columns.map((c) => c.header)).toEqual(['服务器名称', '设备型号', '设备用途', 'IP地址', '系统简称', '操作系统', '周一', '周二', '周三', '周四', '周五', '备注']);

    const ping = await check(s, '中心数据库服务器', { kind: 'ping' }, 'ping');
    const ssh = await check(s, '数据处理服务器', { kind: 'ssh', port: 22, items: [{ kind: 'disk' }, { kind: 'memory' }] }, 'SSH 巡检');
    // yesterday's evidence does not count; today's does
    storeResult(s.t, { ...ping, at: '2026-03-01T01:00:00.000Z', level: 'severe', summary: '不可达' });
    const pingId = storeResult(s.t, { ...ping, at: '2026-03-02T00:30:00.000Z', level: 'normal', summary: '可达，延迟 1 ms', raw: '64 bytes from 127.0.10.1: icmp_seq=1 ttl=64 time=0.9 ms' });
    storeResult(s.t, {
      ...ssh,
      at: '2026-03-02T00:30:00.000Z',
      level: 'warning',
      summary: '磁盘 /data 使用 85%',
      metrics: { parts: [{ aspect: 'login', level: 'normal', summary: 'SSH 登录成功' }, { aspect: 'disk', level: 'warning', summary: '磁盘 /data 使用 85%', value: 85, name: '/data' }, { aspect: 'memory', level: 'normal', summary: '内存使用 40%', value: 40 }] },
      raw: '$ df -P\n/dev/sdb1 100 85 15 85% /data',
    });

    const d = (await s.t.call('inspections/start', { templateCode: 'daily', bizDate: '2026-03-02', slot: 'am' }, s.eng)) as Output<'inspections/start'>;
    expect(d.run).toMatchObject({ status: 'open', slotLabel: '上午', late: false, inspectorName: 'eng1', dueAt: '2026-03-02T10:00:00.000Z' });
    const all = items(d);
    const pingItem = all.find((i) => i.assetName === '中心数据库服务器' && i.key === 'ping')!;
    expect(pingItem.result).toMatchObject({ level: 'normal', fromProbe: true, operator: '自动探测' });
    expect(pingItem.evidence).toMatchObject({ probeResultId: pingId, raw: expect.stringContaining('icmp_seq=1') });
    const disk = all.find((i) => i.assetName === '数据处理服务器' && i.key === 'disk')!;
    expect(disk.result).toMatchObject({ level: 'warning', value: '磁盘 /data 使用 85%' });
    expect(all.find((i) => i.assetName === '数据处理服务器' && i.key === 'login')!.result?.level).toBe('normal');
    // items by content category: the website's 应用1 is 信用网站, storage has no 应用2
    expect(all.find((i) => i.assetName === '信用外网' && i.key === 'app1')!.label).toBe('信用网站');
    expect(all.find((i) => i.assetName === '存储设备' && i.key === 'app2')).toBeUndefined();
    expect(d.rows.at(-1)).toMatchObject({ assetName: '日常工作' });
    expect(d.run.filled).toBe(3); // ping, SSH login, disk (数据处理's 应用2 is 数据连接: no memory item)
    // a pre-filled warning notifies at once
    expect(s.events.find((e) => e.type === 'notify')).toMatchObject({ type: 'notify', level: 'warn', link: `#/inspections/run/${d.run.id}`, fault: `#/faults/new/inspection/${disk.result!.id}` });
    // starting again returns the same run
    const again = (await s.t.call('inspections/start', { templateCode: 'daily', bizDate: '2026-03-02', slot: 'am' }, s.eng)) as Output<'inspections/start'>;
    expect(again.run.id).toBe(d.run.id);
    // a view template cannot be started
    expect(await s.t.raw('inspections/start', { templateCode: 'weekly', bizDate: '2026-03-02', slot: 'am' }, s.eng)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('needs a reason to change a probe’s verdict; warning offers a fault report; severe pauses until the manager decides', async () => {
    const s = await setup();
    const ping = await check(s, '中心数据库服务器', { kind: 'ping' }, 'ping');
    storeResult(s.t, { ...ping, at: '2026-03-02T00:30:00.000Z', level: 'normal', summary: '可达' });
    const d = (await s.t.call('inspections/start', { templateCode: 'daily', bizDate: '2026-03-02', slot: 'am' }, s.eng)) as Output<'inspections/start'>;
    const pingItem = items(d).find((i) => i.assetName === '中心数据库服务器' && i.key === 'ping')!;
    const noReason = await s.t.raw('inspections/set-result', { runId: d.run.id, itemId: pingItem.itemId, level: 'warning', value: '丢包' }, s.eng);
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.error.message).toBe('自动探测结果为“正常”，修改结果须填写原因。');
    s.events.length = 0;
    const w = (await s.t.call('inspections/set-result', { runId: d.run.id, itemId: pingItem.itemId, level: 'warning', value: '丢包 20%', overrideReason: '人工复测有丢包' }, s.eng)) as Output<'inspections/set-result'>;
    expect(w.item.result).toMatchObject({ level: 'warning', overridden: true, overrideReason: '人工复测有丢包', operator: 'eng1', fromProbe: false });
    expect(w.item.evidence?.level).toBe('normal');
    expect(w.faultDraft).toMatchObject({ source: 'inspection', assetIds: [ping.assetId], severity: 'normal' });
    expect(w.run.status).toBe('open');
    expect(s.events).toEqual([expect.objectContaining({ type: 'notify', level: 'warn', title: expect.stringContaining('巡检发现警告'), fault: `#/faults/new/inspection/${w.item.result!.id}` })]);

    // a manual item, severe: the run pauses; only the manager decides
    const backup = items(d).find((i) => i.key === 'backup')!;
    const sev = (await s.t.call('inspections/set-result', { runId: d.run.id, itemId: backup.itemId, level: 'severe', value: '全量备份失败', note: '备份盘已满' }, s.eng)) as Output<'inspections/set-result'>;
    expect(sev.run).toMatchObject({ status: 'paused', pausedReason: '数据备份状况：严重（全量备份失败）', decisionDueAt: '2026-03-02T02:00:00.000Z' });
    expect(sev.faultDraft?.severity).toBe('serious');
    expect(s.events.at(-1)).toMatchObject({ level: 'severe', body: expect.stringContaining('60 分钟内决定') });
    const blocked = await s.t.raw('inspections/set-result', { runId: d.run.id, itemId: pingItem.itemId, level: 'normal', overrideReason: 'x' }, s.eng);
    expect(blocked).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await s.t.raw('inspections/decide', { runId: d.run.id, decision: 'continue', reason: '继续' }, s.eng)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.t.raw('inspections/decide', { runId: d.run.id, decision: 'continue', reason: '' }, s.mgr)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const decided = (await s.t.call('inspections/decide', { runId: d.run.id, decision: 'continue', reason: '备份问题已另报故障，继续巡检' }, s.mgr)) as Output<'inspections/decide'>;
    expect(decided).toMatchObject({ status: 'open', decision: 'continue', decidedBy: 'mgr1' });

    // completing needs every item
    const incomplete = await s.t.raw('inspections/complete', { runId: d.run.id }, s.eng);
    expect(incomplete).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!incomplete.ok) expect(incomplete.error.message).toMatch(/还有 \d+ 项未填写/);
    const fresh = (await s.t.call('inspections/run', { id: d.run.id }, s.eng)) as Output<'inspections/run'>;
    for (const it of items(fresh)) if (!it.result) await s.t.call('inspections/set-result', { runId: d.run.id, itemId: it.itemId, level: 'normal' }, s.eng);
    const done = (await s.t.call('inspections/complete', { runId: d.run.id, remarks: '备份故障已报' }, s.eng)) as Output<'inspections/complete'>;
    expect(done).toMatchObject({ status: 'done', late: false, remarks: '备份故障已报' });
    expect(done.filled).toBe(done.items);
    expect(await s.t.raw('inspections/set-result', { runId: d.run.id, itemId: backup.itemId, level: 'normal' }, s.eng)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // today at a glance: one of two runs done, failing items listed
    const today = (await s.t.call('inspections/today', {}, s.eng)) as Output<'inspections/today'>;
    expect(today).toMatchObject({ bizDate: '2026-03-02', working: true, done: 1, total: 2 });
    expect(today.failing.map((f) => `${f.assetName}/${f.label}/${f.level}`)).toEqual(['日常工作/数据备份状况/severe', '中心数据库服务器/ping/warning']);
    const hist = (await s.t.call('inspections/asset-history', { assetId: ping.assetId, limit: 10 }, s.eng)) as Output<'inspections/asset-history'>;
    expect(hist[0]?.items.find((i) => i.key === 'ping')?.level).toBe('warning');
  });

  it('starts paused when the evidence is severe, can be stopped by the manager, and is late after the due time', async () => {
    const s = await setup();
    const tcp = await check(s, '业务管理服务器', { kind: 'tcp', port: 22 }, 'SSH 端口');
    storeResult(s.t, { ...tcp, at: '2026-03-02T00:30:00.000Z', level: 'severe', summary: '连接被拒绝' });
    const d = (await s.t.call('inspections/start', { templateCode: 'daily', bizDate: '2026-03-02', slot: 'am' }, s.eng)) as Output<'inspections/start'>;
    expect(d.run.status).toBe('paused');
    expect(d.run.pausedReason).toContain('业务管理服务器 远程桌面：严重');
    expect(s.events.find((e) => e.type === 'notify' && e.level === 'severe')).toBeTruthy();
    const stopped = (await s.t.call('inspections/decide', { runId: d.run.id, decision: 'stop', reason: '机房断电，改日巡检' }, s.mgr)) as Output<'inspections/decide'>;
    expect(stopped).toMatchObject({ status: 'stopped', late: false });

    // PM run, still open at 18:30: late
    const pm = (await s.t.call('inspections/start', { templateCode: 'daily', bizDate: '2026-03-02', slot: 'pm' }, s.eng)) as Output<'inspections/start'>;
    s.t.now.value = new Date('2026-03-02T10:30:00.000Z');
    // (the CLI face: the engineer's session has locked itself meanwhile)
    const list = (await s.t.call('inspections/runs', { from: '2026-03-01', to: '2026-03-31' })) as Output<'inspections/runs'>;
    expect(list.find((r) => r.id === pm.run.id)?.late).toBe(true);
    const today = (await s.t.call('inspections/today', { date: '2026-03-02' })) as Output<'inspections/today'>;
    expect(today.late.map((r) => r.slot)).toEqual(['pm']);
  });
});
