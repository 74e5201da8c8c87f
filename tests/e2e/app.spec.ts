import { RENDERER_CSP } from '../../shared/security';
import { expect, test } from './fixtures';
import { SetupPage } from './pages/SetupPage';

test('the app loads in Chinese under the renderer CSP, and the run token leaves the address bar', async ({ page, workbench }) => {
  const setup = await SetupPage.open(page, workbench.url);
  await expect(page).toHaveTitle(/驻场运维工作台/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // One source of truth: the meta tag is exactly shared/security.ts.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', RENDERER_CSP);
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => sessionStorage.getItem('owb.runToken'))).toBe(workbench.token);
  // The first field has the focus: the form is usable from the keyboard at once.
  await expect(setup.field('username')).toBeFocused();
  // A reload keeps working with the token kept in sessionStorage.
  await page.reload();
  await setup.expectVisible();
});

test('without the run token the page says how to open it', async ({ page, workbench }) => {
  await page.goto(`${workbench.origin}/`);
  await expect(page.getByTestId('boot-failed')).toContainText('没有找到访问令牌');
});
