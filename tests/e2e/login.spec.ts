import { ADMIN, expect, setupAdmin, snap, test } from './fixtures';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';

test('a wrong password shows the core’s Chinese error; the right one signs in', async ({ page, workbench, api }) => {
  await setupAdmin(api);
  const login = await LoginPage.open(page, workbench.url);
  await expect(login.username).toBeFocused();

  await login.login(ADMIN.username, 'Wrong#pass123');
  await expect(login.formError).toHaveText('用户名或密码错误。还可尝试 4 次。');
  await login.expectVisible();
  await snap(page, 'login-wrong-password');

  // An unknown user gets the same answer (user names cannot be probed).
  await login.login('nobody', 'Wrong#pass123');
  await expect(login.formError).toHaveText('用户名或密码错误。还可尝试 5 次。');

  await login.login(ADMIN.username, ADMIN.password);
  await new ShellPage(page).expectSignedIn(ADMIN.displayName);
});

test('an empty login form is stopped in the page', async ({ page, workbench, api }) => {
  await setupAdmin(api);
  const login = await LoginPage.open(page, workbench.url);
  await login.submitButton.click();
  await expect(login.error('username')).toHaveText('此项必填');
  await expect(login.error('password')).toHaveText('此项必填');
  await expect(login.formError).toHaveCount(0);
});
