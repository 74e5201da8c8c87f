import { expect, setupAndSignIn, snap, test } from './fixtures';
import { SECTIONS } from './pages/ShellPage';

test('every section opens from the menu, with its own address', async ({ page, workbench, api }) => {
  const { shell } = await setupAndSignIn(page, workbench, api);

  let building = 0;
  for (const s of SECTIONS) {
    const section = await shell.open(s.key);
    await expect(section.getByRole('heading', { level: 3 }).first()).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/${s.key}$`));
    await expect(page).toHaveTitle(`${s.label} - 驻场运维工作台`);
    await expect(shell.menu.locator('.ant-menu-item-selected')).toHaveText(s.label);
    // Sections whose feature is not built yet say so (each feature replaces its own frame).
    const placeholder = section.getByTestId('module-building');
    if ((await placeholder.count()) > 0) {
      await expect(placeholder).toContainText('模块建设中');
      await expect(placeholder).toContainText(`“${s.label}”模块正在开发`);
      if (building++ === 0) await snap(page, 'section-building');
    }
  }

  // Back goes back through the hash history.
  await page.goBack();
  await expect(shell.page_('reports')).toBeVisible();

  // A sub-route selects the settings tab; an unknown address says so.
  await page.evaluate(() => {
    window.location.hash = '#/settings/backup';
  });
  await expect(page.getByTestId('backup-tab')).toBeVisible();
  await expect(page.getByTestId('db-state')).toHaveText('完好');
  await snap(page, 'settings-backup');
  await page.evaluate(() => {
    window.location.hash = '#/no-such-page';
  });
  await expect(page.getByText('页面不存在')).toBeVisible();
});
