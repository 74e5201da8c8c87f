import { ADMIN, expect, setupAdmin, setupAndSignIn, signIn, snap, test } from './fixtures';
import { DashboardPage } from './pages/DashboardPage';

test('the lock button locks; a wrong password is refused; the right one unlocks', async ({ page, workbench, api }) => {
  const { shell } = await setupAndSignIn(page, workbench, api);

  await shell.lock();
  await expect(shell.lockScreen).toContainText('屏幕已锁定');
  await expect(shell.lockScreen.getByLabel('密码', { exact: true })).toBeFocused();
  // The shell beneath is inert: nothing in it can be focused or clicked.
  await expect(page.locator('.owb-shell')).toHaveAttribute('inert', '');

  await shell.unlock('Wrong#pass123');
  await expect(shell.lockScreen.getByTestId('form-error')).toHaveText('密码错误。');
  await expect(shell.lockScreen).toBeVisible();
  await snap(page, 'lock-screen');

  await shell.unlock(ADMIN.password);
  await expect(shell.lockScreen).toHaveCount(0);
  await new DashboardPage(page).expectLoaded();
});

test('the screen locks itself after the idle minutes without input', async ({ page, workbench, api }) => {
  const { token } = await setupAdmin(api);
  await api.ok('settings/update', { idleLockMinutes: 2, lockoutMinutes: 30, updaterUrl: '', dailyBackup: true }, token);
  await page.clock.install();
  const shell = await signIn(page, workbench, ADMIN);

  await page.clock.fastForward('01:30');
  await expect(shell.lockScreen).toHaveCount(0);
  await page.clock.fastForward('00:45');
  await expect(shell.lockScreen).toBeVisible();

  await shell.unlock(ADMIN.password);
  await expect(shell.lockScreen).toHaveCount(0);
});
