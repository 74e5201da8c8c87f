import ExcelJS from 'exceljs';
import { expect, setupAdmin, signIn, test } from './fixtures';
import { WorkOrdersPage } from './pages/WorkOrdersPage';

const ENGINEER = { username: 'qiangong', displayName: '钱工', password: 'Eng#2024secure' } as const;

test('a work order made from a fault is linked both ways; a draft made by mistake is deleted and its number never comes back; the list totals the workload', async ({ page, workbench, api }) => {
  test.slow();
  await setupAdmin(api, { ...ENGINEER, roles: ['engineer'] });
  const eng = await api.login(ENGINEER);
  const asset = (await api.ok('faults/options', {}, eng)).assets[0]!;
  const fault = await api.ok('faults/create', { title: '中心数据交换管理服务器 MQ 通道中断', category: 'network', severity: 'serious', description: '部门前置机数据无法上送。', assetIds: [asset.id] }, eng);

  await signIn(page, workbench, ENGINEER);
  await page.goto(`${workbench.origin}/#/faults/${fault.id}`);
  await page.getByRole('link', { name: '新建关联工单' }).click();
  const wo = new WorkOrdersPage(page);
  // Pre-filled from the fault: the request, the asset, the link.
  await expect(wo.field('demand')).toHaveValue('处理故障：中心数据交换管理服务器 MQ 通道中断');
  await expect(page.locator('.ant-form-item').filter({ has: wo.field('assetIds') })).toContainText(asset.name);
  await expect(page.locator('.ant-form-item').filter({ has: wo.field('faultId') })).toContainText(fault.docNo);
  await wo.field('content').fill('重建 MQ 通道并重发积压消息。');
  await wo.field('content').press('Control+Enter');
  await expect(page).toHaveURL(/#\/workorders\/[0-9a-f-]{36}$/);
  const fields = page.getByTestId('workorder-fields');
  await expect(fields.getByRole('link', { name: fault.docNo })).toBeVisible();
  await expect(fields).toContainText(asset.name);
  const first = (await page.getByRole('heading', { level: 4 }).innerText()).trim();
  expect(first).toMatch(/^GD-\d{4}-0001$/);
  // Back on the fault: the work order is listed with its status.
  await fields.getByRole('link', { name: fault.docNo }).click();
  await expect(page.getByRole('link', { name: `${first} · 草稿` })).toBeVisible();

  // A second draft, made by mistake, is deleted; the next one takes a new number.
  const mistake = await api.ok('workorders/create', { technicians: ['钱工'], demand: '误建', content: '误建' }, eng);
  await page.goto(`${workbench.origin}/#/workorders/${mistake.id}`);
  await page.getByTestId('workorder-delete').click();
  await page.getByRole('tooltip').getByRole('button', { name: /^(确\s*定|OK)$/ }).click();
  await expect(page).toHaveURL(/#\/workorders$/);
  await expect(wo.table.getByTestId('workorder-link')).toHaveText([first]);
  const third = await api.ok('workorders/create', { technicians: ['钱工'], demand: '信用网站证书到期更换', content: '更换 HTTPS 证书。' }, eng);
  expect(third.docNo.slice(-4)).toBe('0003');

  // Carry the first one out: 3 hours; the list totals the workload of the matching orders.
  await page.goto(`${workbench.origin}/#/workorders/${(await api.ok('workorders/list', { q: first }, eng)).rows[0]!.id}`);
  await wo.carryOut('3');
  await expect(page.getByTestId('workorder-delete')).toHaveCount(0);
  // The Excel form: A4, the fields of 合同附件5 with their values, the link.
  const wait = page.waitForEvent('download');
  await page.getByTestId('workorder-export-xlsx').click();
  const xlsx = await wait;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await xlsx.path());
  const ws = book.worksheets[0]!;
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait' });
  const texts: string[] = [];
  ws.eachRow((r) => r.eachCell((c) => void texts.push(c.text)));
  for (const s of ['驻点单位', '申请日期', '服务公司', '技术人员', '单位需求', '服务内容', '实施标准', '完成时间', '工作量', '服务确认人', '3 小时', fault.docNo, '钱工', '重建 MQ 通道并重发积压消息。']) expect(texts.join('\n'), s).toContain(s);

  await page.getByRole('link', { name: '返回列表' }).click();
  await expect(wo.table.getByTestId('workorder-link')).toHaveText([third.docNo, first]);
  await expect(page.locator('.ant-pagination-total-text')).toHaveText('共 2 条，工作量合计 3 小时');
  await page.getByLabel('状态').click();
  await page.getByTitle('已完成', { exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(wo.table.getByTestId('workorder-link')).toHaveText([first]);
  await expect(page.locator('.ant-pagination-total-text')).toHaveText('共 1 条，工作量合计 3 小时');
});
