import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { expect, setupAndSignIn, snap, test } from './fixtures';
import { AssetsPage } from './pages/AssetsPage';

const ENG = { username: 'liming', displayName: '李明', password: 'Eng#2024secure' } as const;
const SECRET = 'Pa55-绝不显示-9';

async function badWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资产清单');
  ws.addRow(['服务器名称', '节点', 'IP地址', '操作系统']);
  ws.addRow(['前置机A', '部门前置', '127.0.40.1', 'Windows Server 2016']);
  ws.addRow(['前置机B', '部门前置', '127.0.40.999', 'Windows Server 2016']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('assets: grouped list, add, credentials never shown, Excel import errors per row, export, checks, probe and history', async ({ page, workbench, api }) => {
  test.setTimeout(240_000); // a long walk: ~40 s on a quiet machine; single clicks took 3–8 s at load 12 on 2 cores
  const srv = http.createServer((_q, s) => s.end('ok'));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  try {
    const { shell } = await setupAndSignIn(page, workbench, api, { as: { ...ENG, roles: ['engineer'] } });
    const assets = await shell.openAs('assets', AssetsPage);
    await assets.expectRow('中心数据库服务器');
    await expect(assets.row('中心数据库服务器')).toContainText('数据中心');

    // a login credential: the secret goes in, never comes back
    await assets.tab('登录凭据');
    await page.getByTestId('credential-add').click();
    await page.getByTestId('credential-label').fill('运维账号');
    await page.getByTestId('credential-username').fill('ops');
    await page.getByTestId('credential-secret').fill(SECRET);
    await page.getByTestId('credential-save').click();
    await expect(page.getByRole('cell', { name: '运维账号' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '已保存' })).toBeVisible();
    expect(await page.content()).not.toContain(SECRET);

    // add an asset with every field of DOMAIN.md §2
    await assets.tab('服务器与设备');
    await page.getByTestId('asset-add').click();
    await assets.fillAsset({ 服务器名称: '本机测试服务器', 节点: '测试', IP地址: '127.0.0.1', 操作系统: 'Debian 12', 设备型号: 'R740', 设备用途: '测试', 所在位置: '机房', 负责人: '李明' });
    await assets.expectRow('本机测试服务器');

    // a bad Excel file: Chinese error per row, nothing imported
    await page.getByTestId('asset-import-file').setInputFiles({ name: 'bad.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await badWorkbook() });
    await expect(page.getByTestId('import-errors')).toContainText('第3行：IP地址：IP地址格式不正确');
    await expect(assets.row('前置机A')).toHaveCount(0);
    await snap(page, 'assets-import-errors');

    // export: an xlsx download
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('asset-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^资产清单-.*\.xlsx$/);

    // one asset: a TCP check to a loopback port, probe now, history and trend
    await assets.row('本机测试服务器').getByRole('link', { name: '本机测试服务器' }).click();
    await page.getByTestId('check-add').click();
    await page.getByTestId('check-label').fill('服务端口');
    await page.getByTestId('check-kind').click();
    await page.getByTitle('TCP 端口').click();
    await page.getByTestId('check-port').fill(String(port));
    await page.getByTestId('check-save').click();
    await expect(page.getByTestId('check-row-服务端口')).toBeVisible();
    await page.getByTestId('sweep-start').click();
    await expect(page.getByTestId('check-row-服务端口')).toContainText('正常', { timeout: 30_000 });
    await page.getByRole('tab', { name: '探测历史' }).click();
    await expect(page.getByRole('cell', { name: `端口 ${port} 可连接`, exact: false })).toBeVisible();
    await page.getByRole('tab', { name: '趋势' }).click();
    await page.getByTestId('trend-metric').getByText('延迟').click();
    await expect(page.getByTestId('trend-chart')).toBeVisible();
    await snap(page, 'assets-detail');
  } finally {
    await new Promise<void>((r) => srv.close(() => r()));
  }
});
