import { expect, setupAndSignIn, snap, test } from './fixtures';
import { cjk } from './pages/FormHelpers';
import { WorkOrdersPage } from './pages/WorkOrdersPage';

const ENGINEER = { username: 'zhaogong', displayName: '赵工', password: 'Eng#2024secure' } as const;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('an engineer creates a work order, carries it out and records the client’s signed confirmation', async ({ page, workbench, api }) => {
  test.slow();
  const { shell } = await setupAndSignIn(page, workbench, api, { as: { ...ENGINEER, roles: ['engineer'] } });
  const wo = await shell.openAs('workorders', WorkOrdersPage);

  // The engineer is the first technician already; one more is typed in.
  await wo.create({ technicians: ['钱工'], demand: '信用网站首页访问缓慢，需排查。', content: '清理访问日志，调整连接池，重启应用服务。', standard: '首页 3 秒内打开' });
  await expect(page).toHaveURL(/#\/workorders\/[0-9a-f-]{36}$/);
  await expect(wo.root).toContainText(/GD-\d{4}-0001/);
  await expect(wo.status()).toHaveText('草稿');
  await expect(page.getByTestId('workorder-fields')).toContainText('赵工、钱工');
  await expect(page.getByTestId('workorder-fields')).toContainText('南京莱斯信息技术股份有限公司');

  await wo.carryOut('2.5');
  await expect(page.getByTestId('workorder-fields')).toContainText('2.5 小时');

  // Confirming without the signed scan is refused by the core, in Chinese.
  await page.getByTestId('workorder-confirm').click();
  const confirm = page.getByRole('dialog', { name: '甲方确认' });
  await confirm.locator('#confirm_confirmerName').fill('刘科长');
  await confirm.getByRole('button', { name: cjk('确认') }).click();
  await expect(confirm.getByTestId('form-error')).toContainText('请先上传甲方业务代表签字的工单扫描件');
  await confirm.locator('input[type=file]').setInputFiles({ name: '工单签字.png', mimeType: 'image/png', buffer: PNG });
  await expect(confirm).toContainText('工单签字.png');
  await confirm.getByRole('button', { name: cjk('确认') }).click();
  await expect(wo.status()).toHaveText('已确认');
  await expect(page.getByTestId('workorder-paper')).toContainText('工单签字.png');
  await snap(page, 'workorder-confirmed');

  await page.getByRole('link', { name: '返回列表' }).click();
  await expect(wo.table.getByTestId('workorder-link')).toHaveText([/GD-\d{4}-0001/]);
  await expect(wo.table).toContainText('已确认');
});
