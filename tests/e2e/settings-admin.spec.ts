import { toBizDate } from '../../shared/time';
import { ADMIN, expect, setupAndSignIn, snap, test } from './fixtures';
import { LoginPage } from './pages/LoginPage';

const ENGINEER = { username: 'wangqiang', displayName: '王强', password: 'Eng#2024secure!' } as const;
const AUDITOR = { username: 'shenji', displayName: '审计员甲', password: 'Aud#2024secure!' } as const;

test('设置 for the administrator: create an engineer who signs in, edit the contract SLA, and the auditor sees both in the audit log', async ({ page, workbench, api }) => {
  // Three sign-ins and two long forms: 2.0 min measured at load ~10 on 2 cores (the default is 120 s).
  test.setTimeout(240_000);
  // Business date (Shanghai) when the test starts: every audit row it makes is from then on.
  const firstDay = toBizDate(new Date());
  const { shell, admin: token } = await setupAndSignIn(page, workbench, api, { accounts: [{ ...AUDITOR, roles: ['auditor'] }] });
  const login = new LoginPage(page);
  const root = await shell.open('settings');

  // 账号管理: a weak password is refused on its field; a good one creates the account.
  await root.getByRole('tab', { name: '账号管理' }).click();
  await page.getByTestId('user-new').click();
  const dialog = page.getByRole('dialog', { name: '新建账号' });
  await dialog.getByLabel('用户名').fill(ENGINEER.username);
  await dialog.getByLabel('姓名').fill(ENGINEER.displayName);
  await dialog.getByLabel('初始口令').fill('short');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('alert').or(dialog.locator('.ant-form-item-explain-error')).first()).toBeVisible();
  await dialog.getByLabel('初始口令').fill(ENGINEER.password);
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('user-list').getByRole('row').filter({ hasText: ENGINEER.username });
  await expect(row).toContainText('运维工程师');
  await expect(row).toContainText('正常');
  await snap(page, 'settings-users');

  // 项目与合同: a required field left empty is shown on the field and nothing is saved.
  await root.getByRole('tab', { name: '项目与合同' }).click();
  const name = page.getByLabel('项目名称');
  const oldName = await name.inputValue();
  await name.fill('');
  await page.getByTestId('project-save').click();
  await expect(page.locator('.ant-form-item-explain-error').first()).toBeVisible();
  expect((await api.ok('project/get', {}, token)).name).toBe(oldName);
  await name.fill(oldName);
  // The response time limit: 30 → 20 minutes.
  const response = page.getByLabel('响应时限');
  await expect(response).toHaveValue('30');
  await response.fill('20');
  await page.getByTestId('project-save').click();
  await expect(page.getByText('项目与合同信息已保存')).toBeVisible();
  const project = await api.ok('project/get', {}, token);
  expect(project.settings.sla.responseMinutes).toBe(20);
  expect(project.name).toBe(oldName);
  expect(project.settings.printCopies).toBe(3);

  // The new engineer signs in; 设置 has no 账号管理 or 审计日志 for them.
  await shell.logoutButton.click();
  await login.login(ENGINEER.username, ENGINEER.password);
  await shell.expectSignedIn(ENGINEER.displayName);
  const eng = await shell.open('settings');
  await expect(eng.getByRole('tab', { name: '我的账号' })).toBeVisible();
  await expect(eng.getByRole('tab', { name: '账号管理' })).toHaveCount(0);
  await expect(eng.getByRole('tab', { name: '审计日志' })).toHaveCount(0);

  // The auditor: the chain verifies, and the log shows who created the account and changed the SLA.
  await shell.logoutButton.click();
  await login.login(AUDITOR.username, AUDITOR.password);
  await shell.expectSignedIn(AUDITOR.displayName);
  const aud = await shell.open('settings');
  await aud.getByRole('tab', { name: '审计日志' }).click();
  await expect(page.getByTestId('audit-chain')).toContainText('哈希链完整');
  const log = page.getByTestId('audit-list');
  await expect(log.getByRole('row').filter({ hasText: 'accounts/create' }).filter({ hasText: ADMIN.username }).first()).toBeVisible();
  const update = log.getByRole('row').filter({ hasText: 'project/update' }).first();
  await expect(update).toContainText(ADMIN.username);
  // Filter by operation, then open the row: before/after carry the SLA change.
  await page.getByLabel('操作', { exact: true }).fill('project/update');
  await page.getByTestId('audit-search').click();
  await expect(log.getByRole('row').filter({ hasText: 'accounts/create' })).toHaveCount(0);
  await log.getByRole('row').filter({ hasText: 'project/update' }).first().getByRole('button').first().click();
  await expect(page.getByTestId('audit-changes')).toContainText('settings.sla.responseMinutes：30 → 20');
  await expect(page.getByTestId('audit-changes')).toContainText('变更 1 项');
  await snap(page, 'settings-audit');

  // 日期 (business dates, both included): a month long ago has none of it; the days of this test
  // have the update again, as many rows as the contract counts for the same filter.
  const setDates = async (from: string, to: string) => {
    for (const [placeholder, value] of [['开始日期', from], ['结束日期', to]] as const) {
      const input = page.getByPlaceholder(placeholder);
      await input.click();
      await input.fill(value);
      await input.press('Enter');
    }
    await expect(page.getByPlaceholder('开始日期')).toHaveValue(from);
    await expect(page.getByPlaceholder('结束日期')).toHaveValue(to);
    await page.getByTestId('audit-search').click();
  };
  await setDates('2020-01-01', '2020-01-31');
  await expect(page.getByText('共 0 条')).toBeVisible();
  await expect(log.getByRole('row').filter({ hasText: 'project/update' })).toHaveCount(0);
  const lastDay = toBizDate(new Date());
  await setDates(firstDay, lastDay);
  await expect(log.getByRole('row').filter({ hasText: 'project/update' }).first()).toBeVisible();
  const auditor = await api.login(AUDITOR);
  const counted = await api.ok('audit/list', { limit: 100, channel: 'project/update', from: firstDay, to: lastDay }, auditor);
  expect(counted.total).toBeGreaterThan(0);
  await expect(page.getByText(`共 ${counted.total} 条`)).toBeVisible();
  const none = await api.ok('audit/list', { limit: 100, channel: 'project/update', from: '2020-01-01', to: '2020-01-31' }, auditor);
  expect(none.total).toBe(0);
});

test('项目与合同: the inspection due time and the data exchange check times are edited, checked by the contract, and kept', async ({ page, workbench, api }) => {
  test.setTimeout(120_000);
  const { shell, admin: token } = await setupAndSignIn(page, workbench, api, { accounts: [{ ...ENGINEER, roles: ['engineer'] }] });
  const login = new LoginPage(page);
  const root = await shell.open('settings');
  await root.getByRole('tab', { name: '项目与合同' }).click();

  // the defaults of the project data: due 18:00, data exchange checks 08:30 and 17:00
  const due = page.getByLabel('日常巡检截止时间');
  await expect(due).toHaveValue('18:00');
  await expect(page.getByLabel('第 1 次')).toHaveValue('08:30');
  await expect(page.getByLabel('第 2 次')).toHaveValue('17:00');
  await expect(page.getByLabel('截止前提醒（分钟）')).toHaveValue('120');

  // not a time: refused on its field, nothing saved
  await due.fill('25:00');
  await page.getByTestId('project-save').click();
  await expect(page.getByText('请按 HH:mm 填写，例如 08:30')).toBeVisible();
  expect((await api.ok('project/get', {}, token)).settings.inspection.dueTime).toBe('18:00');

  // 17:30 due; the first check moves to 09:00, a third one at 12:00
  await due.fill('17:30');
  await page.getByLabel('第 1 次').fill('09:00');
  await page.getByTestId('project-exchange-add').click();
  await page.getByLabel('第 3 次').fill('12:00');
  await page.getByTestId('project-save').click();
  await expect(page.getByText('项目与合同信息已保存')).toBeVisible();
  const saved = await api.ok('project/get', {}, token);
  expect(saved.settings.inspection).toMatchObject({ dueTime: '17:30', exchangeCheckTimes: ['09:00', '17:00', '12:00'] });
  await snap(page, 'settings-project-schedule');

  // kept after a reload (the page signs in again: the session lives in memory only)
  await page.reload();
  await login.login(ADMIN.username, ADMIN.password);
  await shell.expectSignedIn(ADMIN.displayName);
  await (await shell.open('settings')).getByRole('tab', { name: '项目与合同' }).click();
  await expect(page.getByLabel('日常巡检截止时间')).toHaveValue('17:30');
  await expect(page.getByLabel('第 1 次')).toHaveValue('09:00');
  await expect(page.getByLabel('第 3 次')).toHaveValue('12:00');

  // removing a time is kept too
  await page.getByTestId('project-exchange-remove-2').click();
  await page.getByTestId('project-save').click();
  await expect(page.getByText('项目与合同信息已保存').last()).toBeVisible();
  await expect.poll(async () => (await api.ok('project/get', {}, token)).settings.inspection.exchangeCheckTimes).toEqual(['09:00', '17:00']);

  // and the round computes with it: today's run is due at 17:30 Shanghai time
  const eng = await api.login(ENGINEER);
  const bizDate = toBizDate(new Date());
  const run = await api.ok('inspections/start', { templateCode: 'daily', bizDate, slot: 'am' }, eng);
  expect(run.run.dueAt).toBe(new Date(`${bizDate}T17:30:00+08:00`).toISOString());
});
