import { ADMIN, expect, snap, test } from './fixtures';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { SetupPage } from './pages/SetupPage';
import { ShellPage } from './pages/ShellPage';

test('first start: create the administrator, land on 工作台 signed in', async ({ page, workbench, api }) => {
  expect((await api.ok('app/info', {})).needsSetup).toBe(true);
  const setup = await SetupPage.open(page, workbench.url);
  await snap(page, 'setup');
  await setup.submitWithEnter({ ...ADMIN });

  const shell = new ShellPage(page);
  await shell.expectSignedIn(ADMIN.displayName);
  await expect(page.getByText('系统管理员')).toBeVisible();
  await new DashboardPage(page).expectLoaded();
  const info = await api.ok('app/info', {});
  expect(info.needsSetup).toBe(false);
  await expect(shell.projectName).toHaveText(info.projectName);

  // Setup is one-off: after signing out the login screen comes, not setup again.
  await shell.logoutButton.click();
  await new LoginPage(page).expectVisible();
});

test('an invalid setup form shows the errors and creates nothing', async ({ page, workbench, api }) => {
  const setup = await SetupPage.open(page, workbench.url);

  // Empty form: every field says it is required (client-side, from the contract's zod schema).
  await setup.submitButton.click();
  await expect(setup.error('username')).toHaveText('此项必填');
  await expect(setup.error('displayName')).toHaveText('此项必填');
  await expect(setup.error('password')).toHaveText('此项必填');

  // A bad user name: the contract's rule, in Chinese.
  await setup.field('username').fill('张');
  await expect(setup.error('username')).toContainText('至少 3 个字符');
  await setup.field('username').fill('bad name!');
  await expect(setup.error('username')).toHaveText('只能包含字母、数字、下划线、点和短横线');

  // Passwords that differ.
  await setup.fill({ ...ADMIN, confirm: 'Something#else1' });
  await setup.field('confirm').press('Enter');
  await expect(setup.error('confirm')).toHaveText('两次输入的密码不一致');

  // A weak password passes the form but the core refuses it; its message lands on the field.
  await setup.submitWithEnter({ ...ADMIN, password: 'abc12345' });
  await expect(setup.error('password')).toContainText('密码强度不足');
  await setup.expectVisible();
  await snap(page, 'setup-weak-password');

  const info = await api.ok('app/info', {});
  expect(info.needsSetup).toBe(true);
  const login = await api.call('auth/login', { username: ADMIN.username, password: 'abc12345' });
  expect(login.ok).toBe(false);
});
