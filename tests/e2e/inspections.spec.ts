import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Output } from '../../shared/contract';
import { toBizDate } from '../../shared/time';
import { expect, setupAdmin, signIn, snap, test } from './fixtures';
import { InspectionsPage } from './pages/InspectionsPage';

const ENG = { username: 'liming', displayName: '李明', password: 'Eng#2024secure' } as const;
const MGR = { username: 'wangjg', displayName: '王建国', password: 'Mgr#2024secure' } as const;

/** A website on loopback for the 信用网站 check (never any other address). */
async function website(): Promise<{ port: number; close(): Promise<void> }> {
  const srv = http.createServer((_q, s) => {
    s.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    s.end('<h1>信用平台运行正常</h1>');
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return { port: (srv.address() as AddressInfo).port, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

test.describe.configure({ timeout: 240_000 }); // a long keyboard walk; 33 s on a quiet machine, past 120 s on a loaded one
test('the daily round: probe now, start, fill from the keyboard, change a probe result with a reason, fault offer, finish', async ({ page, workbench, api }) => {
  const web = await website();
  try {
    await setupAdmin(api, { ...ENG, roles: ['engineer'] });
    const eng = await api.login(ENG);
    const assets = await api.ok('assets/list', {}, eng);
    const site = assets.find((a) => a.name === '信用外网')!;
    const dbServer = assets.find((a) => a.name === '中心数据库服务器')!;
    await api.ok('probes/check-save', { assetId: site.id, label: '信用网站', config: { kind: 'http', url: `http://127.0.0.1:${web.port}/`, keyword: '信用平台运行正常' } }, eng);
    await api.ok('probes/check-save', { assetId: dbServer.id, label: '远程桌面', config: { kind: 'tcp', host: '127.0.0.1', port: web.port }, aspect: 'remote' }, eng);

    const insp = await (await signIn(page, workbench, ENG)).openAs('inspections', InspectionsPage);
    await insp.sweepNow();
    await page.getByTestId('slot-start-am').click();
    await expect(insp.runTable).toBeVisible();
    // pre-filled from the sweep, with the evidence
    await expect(insp.item('信用外网', 'app1')).toContainText('自动探测');
    await expect(insp.item('信用外网', 'app1')).toContainText('信用网站：HTTP 200');
    await expect(insp.item('中心数据库服务器', 'remote')).toContainText('端口');
    await snap(page, 'inspections-run-start');

    // Fill all but a few by the contract, then finish from the keyboard.
    const runId = /#\/inspections\/run\/([^/]+)$/.exec(page.url())![1]!;
    const run = await api.ok('inspections/run', { id: runId }, eng);
    const leave = new Set(['数据处理服务器/disk', '数据处理服务器/log', '日常工作/backup']);
    for (const r of run.rows) for (const it of r.items) if (!it.result && !leave.has(`${r.assetName}/${it.key}`)) await api.ok('inspections/set-result', { runId, itemId: it.itemId, level: 'normal' }, eng);
    await page.getByRole('button', { name: '返回今日巡检' }).click();
    await page.getByTestId('slot-open-am').click();
    await expect(insp.runTable).toBeFocused();
    const [filled0, total] = await insp.filled();
    expect(total - filled0).toBe(3);

    // Enter: next unfilled; 1: 正常 — twice.
    await insp.keys('Enter', '1');
    await expect.poll(async () => (await insp.filled())[0]).toBe(filled0 + 1);
    await insp.keys('Enter', '1');
    await expect.poll(async () => (await insp.filled())[0]).toBe(filled0 + 2);
    // 2: 警告 on the backup item → notified, offer to open a pre-filled fault report
    await insp.keys('Enter', 'n');
    await page.keyboard.type('增量备份耗时过长');
    await page.keyboard.press('Escape');
    await insp.keys('2');
    await expect(page.getByText('是否生成故障报告单？')).toBeVisible();
    await page.getByTestId('fault-offer-later').click();
    await expect.poll(async () => (await insp.filled())[0]).toBe(total);
    await expect(insp.item('日常工作', 'backup')).toHaveAttribute('data-active', 'true');

    // Changing a probe's result needs a reason.
    await insp.item('信用外网', 'app1').click();
    await insp.keys('2');
    await expect(page.getByText('自动探测结果为“正常”，改为“警告”须填写原因。')).toBeVisible();
    await page.getByTestId('override-reason').fill('人工访问查询页超时');
    await page.getByTestId('override-reason').press('Enter');
    await expect(insp.item('信用外网', 'app1')).toContainText('已人工修正：人工访问查询页超时');
    await page.getByTestId('fault-offer-later').click();
    await snap(page, 'inspections-run-keyboard');

    // Ctrl+Enter finishes.
    await insp.runTable.focus();
    await insp.keys('Control+Enter');
    await expect(insp.status).toHaveAttribute('data-status', 'done');

    await page.getByRole('button', { name: '返回今日巡检' }).click();
    await expect(page.getByTestId('today-failing-list')).toContainText('数据备份状况');
    await expect(page.getByTestId('today-failing-list')).toContainText('信用外网');
    await snap(page, 'inspections-today');
    // the offer leads to a pre-filled fault report
    await page.getByTestId('failing-fault').first().click();
    await expect(page).toHaveURL(/#\/faults\/new\/inspection\//);
  } finally {
    await web.close();
  }
});

test('a severe result pauses the run until the project manager decides', async ({ page, workbench, api }) => {
  test.setTimeout(90_000);
  await setupAdmin(api, { ...ENG, roles: ['engineer'] }, { ...MGR, roles: ['manager'] });
  const eng = await api.login(ENG);
  const started: Output<'inspections/start'> = await api.ok('inspections/start', { templateCode: 'daily', bizDate: toBizDate(new Date()), slot: 'pm' }, eng);
  const backup = started.rows.flatMap((r) => r.items).find((i) => i.key === 'backup')!;
  const sev = await api.ok('inspections/set-result', { runId: started.run.id, itemId: backup.itemId, level: 'severe', value: '全量备份失败' }, eng);
  expect(sev.run.status).toBe('paused');

  await (await signIn(page, workbench, MGR)).open('inspections');
  await expect(page.getByTestId('today-paused')).toContainText('1');
  const insp = new InspectionsPage(page);
  await insp.openRun(started.run.id);
  await expect(page.getByTestId('run-paused')).toContainText('数据备份状况：严重（全量备份失败）');
  await expect(page.getByTestId('run-paused')).toContainText('请项目负责人在');
  await snap(page, 'inspections-paused');
  await page.getByTestId('decide-reason').fill('已报故障，继续其他项目巡检');
  await page.getByTestId('decide-submit').click();
  await expect(insp.status).toHaveAttribute('data-status', 'open');
  await expect(page.getByText('项目负责人 王建国 决定继续：已报故障，继续其他项目巡检')).toBeVisible();
});
