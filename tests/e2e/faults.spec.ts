import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { expect, setupAndSignIn, snap, test } from './fixtures';
import { FaultsPage } from './pages/FaultsPage';

const ENGINEER = { username: 'wanggong', displayName: '王工', password: 'Eng#2024secure' } as const;

test('an engineer reports a fault, responds, watches the live clocks and exports the 故障报告单', async ({ page, workbench, api }) => {
  test.slow();
  const { shell } = await setupAndSignIn(page, workbench, api, { as: { ...ENGINEER, roles: ['engineer'] } });
  const faults = await shell.openAs('faults', FaultsPage);
  await expect(faults.table).toContainText('没有符合条件的故障');

  // An empty form is stopped in the page, with the contract's messages.
  await faults.openNew();
  await faults.submit.click();
  await expect(faults.error('title')).toHaveText('此项必填');
  await expect(page.getByText('故障所属应为：系统故障、数据库系统故障、网络设备故障或其它应用软件系统故障')).toBeVisible();

  await faults.report({ title: '中心数据库服务器表空间不足', category: '数据库系统故障', severity: '严重', description: '表空间 CREDIT_DATA 使用率达到 98%，归集任务失败。' });
  await expect(page).toHaveURL(/#\/faults\/[0-9a-f-]{36}$/);
  const heading = faults.root.getByRole('heading', { level: 3 });
  await expect(heading).toHaveText(/^GZ-\d{4}-0001 中心数据库服务器表空间不足$/);
  const docNo = (await heading.innerText()).split(' ')[0]!;
  await expect(faults.status()).toHaveText('已报告');
  // The clocks tick in the browser (shared/sla.ts): 30 minutes to respond, 12 hours to resolve a 严重 fault.
  await expect(faults.countdown('response')).toHaveText(/^剩余 (29|30)分钟$/);
  await expect(faults.countdown('resolve')).toHaveText(/^剩余 1[12]小时/);
  await expect(faults.clock('onsite')).toContainText('未开始');
  await expect(page.getByTestId('alert-checklist')).toContainText('二级预警处置检查');
  await snap(page, 'fault-reported');

  await faults.nextStep('登记响应');
  await expect(faults.status()).toHaveText('已响应');
  await expect(faults.clock('response')).toHaveAttribute('data-state', 'met');
  await expect(faults.clock('response')).toContainText('按时完成');
  await expect(faults.countdown('onsite')).toHaveText(/^剩余 (1小时59分钟|2小时)$/);
  await expect(page.getByTestId('fault-timeline')).toContainText('王工');

  const download = await faults.exportPdf();
  expect(download.suggestedFilename()).toBe(`故障报告单-${docNo}.pdf`);
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const s of [docNo, '中心数据库服务器表空间不足', '√数据库系统故障', '√严重', '王工']) expect(text).toContain(s);

  // Back in the list: the fault, its status and its SLA state, filtered on the server.
  await shell.open('faults');
  await expect(faults.table.getByTestId('fault-link')).toHaveText([docNo]);
  await expect(faults.table).toContainText('已响应');
  await expect(faults.table.getByTestId('fault-sla')).toContainText('计时中');
  await page.getByTestId('filter-sla').click();
  await page.getByTitle('已超时').click();
  await expect(faults.table).toContainText('没有符合条件的故障');
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(faults.table.getByTestId('fault-link')).toHaveText([docNo]);
  await snap(page, 'faults-list');
});
