import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import type { Browser, Page } from '@playwright/test';
import { expect, setupAdmin, signIn, snap, test, type Api, type Workbench } from './fixtures';
import { FaultsPage } from './pages/FaultsPage';
import { cjk } from './pages/FormHelpers';
import type { ShellPage } from './pages/ShellPage';

const ENGINEER = { username: 'wanggong', displayName: '王工', password: 'Eng#2024secure' } as const;
const MANAGER = { username: 'lijingli', displayName: '李经理', password: 'Mgr#2024secure' } as const;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** The signed paper's scan: another file (a red pixel) than the screenshot. */
const SCAN = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4oKAAAAKkAQHjTKctAAAAAElFTkSuQmCC', 'base64');

/** 'YYYY-MM-DD HH:mm' in Shanghai (the browser's zone in these tests) for a date-time picker. */
function pickerText(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

async function team(api: Api): Promise<{ eng: string }> {
  await setupAdmin(api, { ...ENGINEER, roles: ['engineer'] }, { ...MANAGER, roles: ['manager'] });
  return { eng: await api.login(ENGINEER) };
}

async function managerPage(browser: Browser, wb: Workbench): Promise<{ page: Page; shell: ShellPage }> {
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  return { page, shell: await signIn(page, wb, MANAGER) };
}

test('a late response: the clocks show the breach, the whole lifecycle is stamped, a corrected stamp keeps its original and reason, the manager reviews, the signed scan confirms it', async ({ page, workbench, api, browser }) => {
  test.slow();
  const { eng } = await team(api);
  // Known 50 minutes ago and nobody responded: the 30-minute response clock is 20 minutes over.
  const reportedAt = new Date(Date.now() - 50 * 60_000).toISOString();
  const assets = (await api.ok('faults/options', {}, eng)).assets;
  const created = await api.ok(
    'faults/create',
    { title: '信用网站首页无法访问', category: 'other_app', severity: 'normal', alertLevel: 2, description: '=HYPERLINK("http://127.0.0.1/","x") 用户反映首页 502。', reportedAt, assetIds: [assets[0]!.id], engineerName: '王工' },
    eng,
  );
  const shell = await signIn(page, workbench, ENGINEER);
  await page.goto(`${workbench.origin}/#/faults/${created.id}`);
  const faults = new FaultsPage(page);
  await expect(faults.root.getByRole('heading', { level: 3 })).toHaveText(`${created.docNo} 信用网站首页无法访问`);
  await expect(faults.clock('response')).toHaveAttribute('data-state', 'breached');
  await expect(faults.countdown('response')).toHaveText(/^已超时 (19|20|21)分钟$/);
  await expect(page.getByTestId('fault-tags')).toContainText('已超时');

  // 二级预警: the checklist says whom to tell and by when; the notice is overdue, ticked by hand.
  const checklist = page.getByTestId('alert-checklist');
  await expect(checklist).toContainText('二级预警处置检查');
  await expect(checklist).toContainText('通知：系统负责人、项目负责人（电话或当面）；报告后 10 分钟内');
  const notify = checklist.getByRole('checkbox', { name: /向相关部门领导报告故障/ });
  const notifyItem = checklist.locator('.ant-list-item').filter({ hasText: '向相关部门领导报告故障' });
  await expect(notifyItem).toContainText('已逾期');
  await notify.click();
  await expect(notify).toBeChecked();
  await expect(notifyItem).toContainText('王工 于');
  await expect(notifyItem).not.toContainText('已逾期');

  // The steps, each stamped now by the signed-in engineer.
  await faults.nextStep('登记响应');
  await expect(faults.status()).toHaveText('已响应');
  await expect(faults.clock('response')).toHaveAttribute('data-state', 'met_late');
  await expect(faults.clock('response')).toContainText('超时完成');
  await faults.nextStep('登记到场');
  await expect(faults.status()).toHaveText('已到场');

  // Resolving needs the solution: refused in the dialog, then given.
  await page.getByTestId('fault-next-step').click();
  const resolve = page.getByRole('dialog', { name: '登记解决' });
  await resolve.locator('#step_solution').fill('');
  await resolve.locator('#step-submit').click();
  await expect(resolve.getByTestId('form-error')).toHaveText('登记“已解决”前请填写解决方案。');
  await resolve.locator('#step_solution').fill('重启应用服务并扩大连接池。');
  await resolve.locator('#step-submit').click();
  await expect(resolve).toBeHidden();
  await expect(faults.status()).toHaveText('已解决');

  await page.getByTestId('fault-next-step').click();
  const report = page.getByRole('dialog', { name: '提交书面报告' });
  await report.locator('#step_causeAnalysis').fill('连接池耗尽，应用无响应。');
  await report.locator('#step_handlingProcess').fill('电话报告后到场，重启服务。');
  await report.locator('#step_preventiveMeasures').fill('连接数纳入巡检。');
  await report.locator('#step_preventiveMeasures').press('Control+Enter');
  await expect(report).toBeHidden();
  await expect(faults.status()).toHaveText('已提交报告');
  await expect(faults.clock('report')).toHaveAttribute('data-state', 'met');

  // A stamp cannot be moved before the report …
  await page.getByTestId('edit-respondedAt').click();
  const edit = page.getByRole('dialog', { name: '修改响应时间' });
  const early = new Date(Date.parse(reportedAt) - 5 * 60_000).toISOString();
  await edit.locator('#editStamp_at').fill(pickerText(early));
  await edit.locator('#editStamp_at').press('Enter');
  await edit.locator('#editStamp_reason').fill('电话响应，补登');
  await edit.getByRole('button', { name: '保存修改' }).click();
  await expect(edit.getByTestId('form-error')).toContainText('早于报告时间');
  // … and a correction is kept with the original value and the reason (and the clock follows it).
  const phoned = new Date(Date.parse(reportedAt) + 20 * 60_000).toISOString();
  await edit.locator('#editStamp_at').fill(pickerText(phoned));
  await edit.locator('#editStamp_at').press('Enter');
  await edit.getByRole('button', { name: '保存修改' }).click();
  await expect(edit).toBeHidden();
  await expect(faults.clock('response')).toHaveAttribute('data-state', 'met');
  const history = page.getByTestId('fault-history');
  await expect(history).toContainText('响应时间由');
  await expect(history).toContainText('原因：电话响应，补登');
  await expect(history).toContainText('王工');

  // A screenshot as an attachment: listed, and printed as 附件 on the form.
  await page.getByTestId('fault-attachments').locator('input[type=file]').setInputFiles({ name: '首页502截图.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('fault-attachment')).toContainText('首页502截图.png');
  // The engineer cannot review.
  await expect(page.getByTestId('fault-review')).toHaveCount(0);
  await snap(page, 'fault-report-filed');

  // The project manager reviews, in another window.
  const mgr = await managerPage(browser, workbench);
  await mgr.page.goto(`${workbench.origin}/#/faults/${created.id}`);
  await mgr.page.getByTestId('fault-review').click();
  const review = mgr.page.getByRole('dialog', { name: cjk('审核') });
  await expect(review.locator('#step_by')).toHaveValue(/.+/);
  await review.locator('#step_by').fill('李经理');
  await review.locator('#step-submit').click();
  await expect(review).toBeHidden();
  await expect(mgr.page.getByTestId('fault-status')).toHaveText('已审核');

  // Reviewed: locked for the engineer (no steps, no edits), the form printed, signed, scanned.
  // (The session lives in the page: move away and back rather than reload.)
  await shell.open('faults');
  await page.goto(`${workbench.origin}/#/faults/${created.id}`);
  await expect(faults.status()).toHaveText('已审核');
  await expect(page.getByTestId('fault-edit')).toHaveCount(0);
  await expect(page.getByTestId('edit-respondedAt')).toHaveCount(0);
  await expect(page.getByTestId('fault-paper')).toContainText('待甲方签字确认');
  await page.getByTestId('fault-paper').locator('input[type=file]').setInputFiles({ name: '故障报告单签字.png', mimeType: 'image/png', buffer: SCAN });
  await expect(page.getByTestId('fault-confirmed')).toHaveText(/已确认/);
  await expect(page.getByTestId('fault-paper')).toContainText('故障报告单签字.png');
  // The scan opens from the record (bytes checked by the core).
  const scanDownload = page.waitForEvent('download');
  await page.getByTestId('fault-scan').getByText('故障报告单签字.png').click();
  const scan = await scanDownload;
  expect(scan.suggestedFilename()).toBe('故障报告单签字.png');
  expect(fs.readFileSync(await scan.path())).toEqual(SCAN);
  await snap(page, 'fault-confirmed');

  // The PDF: every step, the corrected response in time, the reviewer, 附件, the page footer.
  const pdf = await faults.exportPdf();
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', await pdf.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const s of [created.docNo, '√其它应用软件系统故障', '√已解决', '重启应用服务并扩大连接池。', '连接池耗尽，应用无响应。', '李经理', '附件', '首页502截图.png', '二级预警', '第1页共1页']) expect(text, s).toContain(s);
  const fonts = execFileSync('pdffonts', [await pdf.path()], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  for (const l of fonts) expect(l).toMatch(/\+SourceHanSansSC-\S+\s.*\byes\s+yes\s+yes\b/);
  // The Excel file: the same values; the typed formula stays text.
  const xw = page.waitForEvent('download');
  await page.getByTestId('fault-export-xlsx').click();
  const xlsx = await xw;
  expect(xlsx.suggestedFilename()).toBe(`故障报告单-${created.docNo}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsx.path());
  const ws = wb.worksheets[0]!;
  const cells: string[] = [];
  ws.eachRow((r) => r.eachCell((c) => {
    expect(c.formula, c.address).toBeUndefined();
    cells.push(c.text);
  }));
  const all = cells.join('\n');
  for (const s of [created.docNo, '首页502截图.png', '李经理', '=HYPERLINK("http://127.0.0.1/","x") 用户反映首页 502。']) expect(all, s).toContain(s);
  expect(ws.pageSetup.paperSize).toBe(9);

  // The list and the statistics follow the corrected stamp: every clock met, no breach counted.
  await shell.open('faults');
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(faults.table.getByTestId('fault-link')).toHaveText([created.docNo]);
  await page.getByTestId('filter-sla').click();
  await page.getByTitle('已超时', { exact: true }).click();
  await expect(faults.table).toContainText('没有符合条件的故障');
  await page.getByTestId('filter-sla').click();
  await page.getByTitle('按时完成', { exact: true }).click();
  await expect(faults.table.getByTestId('fault-link')).toHaveText([created.docNo]);
  await page.getByTestId('fault-stats').click();
  const stats = page.getByRole('dialog', { name: '近 12 个月故障与超时统计' });
  await stats.getByRole('tab', { name: '按工程师' }).click();
  // 负责工程师, 故障数, 超时次数, 超时故障数.
  await expect(stats.getByRole('tabpanel').locator('tbody tr.ant-table-row')).toHaveText([/^王工100$/]);
  await mgr.page.context().close();
});

test('the manager deletes a duplicate report with a reason; its number is never given again', async ({ page, workbench, api }) => {
  test.slow();
  const { eng } = await team(api);
  const first = await api.ok('faults/create', { title: '采集数据库服务器 CPU 持续 100%', category: 'database', severity: 'serious', description: '持续 20 分钟。' }, eng);
  const dup = await api.ok('faults/create', { title: '采集数据库服务器 CPU 持续 100%（重复）', category: 'database', severity: 'serious', description: '重复登记。' }, eng);
  await signIn(page, workbench, MANAGER);
  await page.goto(`${workbench.origin}/#/faults/${dup.id}`);
  await page.getByTestId('fault-delete').click();
  const dialog = page.getByRole('dialog', { name: `删除故障 ${dup.docNo}` });
  await expect(dialog).toContainText('文档编号不再使用');
  await dialog.getByRole('button', { name: '确认删除' }).click();
  await expect(dialog).toContainText('至少');
  await dialog.locator('#deleteFault_reason').fill(`与 ${first.docNo} 重复`);
  await dialog.getByRole('button', { name: '确认删除' }).click();
  await expect(page).toHaveURL(/#\/faults$/);
  const faults = new FaultsPage(page);
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(faults.table.getByTestId('fault-link')).toHaveText([first.docNo]);
  const next = await api.ok('faults/create', { title: '网络设备故障', category: 'network', severity: 'normal', description: '交换机端口闪断。' }, eng);
  expect([first.docNo, dup.docNo, next.docNo].map((n) => n.slice(-4))).toEqual(['0001', '0002', '0003']);
});
