import { ADMIN, expect, setupAndSignIn, test } from './fixtures';
import { fieldError } from './pages/FormHelpers';

test('设置: workstation form validates, saves, and 立即备份 adds a backup', async ({ page, workbench, api }) => {
  const { shell, admin: token } = await setupAndSignIn(page, workbench, api);
  await shell.open('settings');

  // Out of range: the contract's limits, in Chinese; nothing is saved.
  const idle = page.locator('#workstation_idleLockMinutes');
  await expect(idle).toBeFocused();
  await idle.fill('0');
  await idle.press('Enter');
  await expect(fieldError(page, 'workstation', 'idleLockMinutes')).toHaveText('不能小于 1');
  expect((await api.ok('settings/get', {}, token)).idleLockMinutes).toBe(10);

  await idle.fill('15');
  await idle.press('Enter');
  await expect(page.getByText('设置已保存')).toBeVisible();
  expect((await api.ok('settings/get', {}, token)).idleLockMinutes).toBe(15);

  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await expect(page).toHaveURL(/#\/settings\/backup$/);
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByText(/^备份已完成：/)).toBeVisible();
  const { backups } = await api.ok('backup/list', {}, token);
  expect(backups.length).toBeGreaterThan(0);
  await expect(page.getByRole('row').filter({ hasText: backups[0]!.name })).toBeVisible();
});

test('设置 → 我的账号: a wrong current password is shown on its field', async ({ page, workbench, api }) => {
  const { shell } = await setupAndSignIn(page, workbench, api);
  await shell.open('settings');
  await page.getByRole('tab', { name: '我的账号' }).click();

  await page.locator('#change-password_oldPassword').fill('Not#theRight1');
  await page.locator('#change-password_newPassword').fill('Another#Pass2024');
  await page.locator('#change-password_confirm').fill('Another#Pass2024');
  await page.locator('#change-password_confirm').press('Enter');
  await expect(fieldError(page, 'change-password', 'oldPassword')).toHaveText('密码错误。');

  // The old password still works.
  const again = await api.call('auth/login', { username: ADMIN.username, password: ADMIN.password });
  expect(again.ok).toBe(true);
});
