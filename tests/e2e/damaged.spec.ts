import Database from 'better-sqlite3';
import { ADMIN, apiFor, expect, setupAdmin, signIn, snap, startWorkbench, test, type Api, type Workbench } from './fixtures';
import { LoginPage } from './pages/LoginPage';

/**
 * Takes a good backup, stops the bridge, writes a foreign-key violation behind the core's back
 * (the open-time check then reports the file damaged) and starts a bridge on the same data dir.
 */
async function damage(workbench: Workbench, api: Api): Promise<{ wb: Workbench; backupName: string }> {
  const { token } = await setupAdmin(api);
  const backup = await api.ok('backup/create', {}, token);
  await workbench.close();
  const db = new Database(workbench.dbPath);
  db.pragma('foreign_keys = OFF');
  db.prepare(
    "INSERT INTO assets (id, created_at, updated_at, updated_by, project_id, name) VALUES ('broken', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'e2e', 'no-such-project', '坏记录')",
  ).run();
  db.close();
  const wb = await startWorkbench(workbench.dataDir);
  expect((await apiFor(wb).ok('app/info', {})).dbState).toBe('damaged');
  return { wb, backupName: backup.name };
}

test('a damaged database is announced on the sign-in screen', async ({ page, workbench, api }) => {
  const { wb } = await damage(workbench, api);
  try {
    await LoginPage.open(page, wb.url);
    await expect(page.getByTestId('db-damaged')).toContainText('数据库文件已损坏');
    await expect(page.getByTestId('db-damaged')).toContainText('备份与恢复');
    await snap(page, 'db-damaged-login');
  } finally {
    await wb.close();
  }
});

test('signed in on a damaged database, 设置 → 备份与恢复 restores it', async ({ page, workbench, api }) => {
  const { wb, backupName } = await damage(workbench, api);
  try {
    await signIn(page, wb, ADMIN);

    const alert = page.getByTestId('db-damaged');
    await expect(alert).toBeVisible();
    await snap(page, 'db-damaged');
    await alert.getByRole('button', { name: '前往备份与恢复' }).click();
    await expect(page).toHaveURL(/#\/settings\/backup$/);
    await expect(page.getByTestId('db-state')).toHaveText('已损坏');

    const row = page.getByRole('row').filter({ hasText: backupName });
    await row.getByRole('button', { name: '恢复' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /恢\s*复/ }).click();
    await expect(page.getByText(`已从备份恢复：${backupName}`)).toBeVisible();
    await expect(page.getByTestId('db-state')).toHaveText('完好');
    await expect(alert).toHaveCount(0);
    expect((await apiFor(wb).ok('app/info', {})).dbState).toBe('ok');
  } finally {
    await wb.close();
  }
});
