import Database from 'better-sqlite3';
import { ADMIN, expect, setupAdmin, signIn, snap, test } from './fixtures';
import { DashboardPage, STATS } from './pages/DashboardPage';

/**
 * Puts a few assets in the database. The contract has no assets channels yet; when it does,
 * use them instead of SQL.
 */
function seedAssets(dbPath: string, names: string[]): void {
  const db = new Database(dbPath);
  try {
    const project = db.prepare('SELECT id FROM projects WHERE deleted_at IS NULL LIMIT 1').get() as { id: string };
    const now = new Date().toISOString();
    const insert = db.prepare(
      "INSERT INTO assets (id, created_at, updated_at, updated_by, project_id, name, ip, os, category) VALUES (?, ?, ?, 'e2e', ?, ?, ?, 'CentOS 7', '应用服务器')",
    );
    names.forEach((n, i) => insert.run(`e2e-asset-${i}`, now, now, project.id, n, `127.0.10.${20 + i}`));
  } finally {
    db.close();
  }
}

test('工作台 shows the real counts from dashboard/summary', async ({ page, workbench, api }) => {
  const { token } = await setupAdmin(api);
  const before = await api.ok('dashboard/summary', {}, token);
  seedAssets(workbench.dbPath, ['中心数据库服务器（测试）', '采集数据库服务器（测试）', '数据处理服务器（测试）']);
  const summary = await api.ok('dashboard/summary', {}, token);
  expect(summary.assets).toBe(before.assets + 3);

  await signIn(page, workbench, ADMIN);
  const dash = new DashboardPage(page);
  await dash.expectLoaded();

  for (const key of STATS) await expect(dash.stat(key)).toBeVisible();
  await expect.poll(() => dash.value('assets')).toBe(String(summary.assets));
  expect(await dash.value('openFaults')).toBe(String(summary.openFaults));
  expect(await dash.value('breachedFaults')).toBe(String(summary.breachedFaults));
  expect(await dash.value('openWorkOrders')).toBe(String(summary.openWorkOrders));
  expect(await dash.value('pendingLeave')).toBe(String(summary.pendingLeave));
  expect(await dash.value('todayInspections')).toBe(`${summary.todayInspections.done}/${summary.todayInspections.total}`);
  if (summary.faultClocks.length === 0) await expect(dash.faultClocks).toContainText('当前没有未关闭的故障');

  // A change in the data shows after 刷新 (the counts are live, not cached in the page).
  const db = new Database(workbench.dbPath);
  db.prepare("UPDATE assets SET deleted_at = ? WHERE id = 'e2e-asset-2'").run(new Date().toISOString());
  db.close();
  await dash.refreshButton.click();
  await expect.poll(() => dash.value('assets')).toBe(String(summary.assets - 1));

  // A card leads to its section.
  await dash.stat('assets').click();
  await expect(page).toHaveURL(/#\/assets$/);
  await page.goBack();
  await dash.expectLoaded();

  await snap(page, 'dashboard');
});

test('工作台 lists the open faults with their SLA clocks', async ({ page, workbench, api }) => {
  const engineer = { username: 'liming', displayName: '李明', password: 'Eng#2024secure', roles: ['engineer' as const] };
  await setupAdmin(api, engineer);
  const token = await api.login(engineer);
  const late = await api.ok(
    'faults/create',
    {
      title: '中心数据库连接数耗尽',
      category: 'database',
      severity: 'serious',
      description: '应用报“无法获取连接”。',
      reportedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    },
    token,
  );
  await api.ok('faults/create', { title: '信用网站页面打不开', category: 'other_app', severity: 'normal', description: '首页返回 502 错误。' }, token);
  const summary = await api.ok('dashboard/summary', {}, token);
  expect(summary.openFaults).toBe(2);

  await signIn(page, workbench, engineer);
  const dash = new DashboardPage(page);
  await dash.expectLoaded();
  await expect.poll(() => dash.value('openFaults')).toBe('2');
  expect(await dash.value('breachedFaults')).toBe(String(summary.breachedFaults));
  expect(summary.breachedFaults).toBeGreaterThanOrEqual(1);

  const lateRow = dash.faultClocks.getByRole('row').filter({ hasText: late.docNo });
  await expect(lateRow).toContainText('中心数据库连接数耗尽');
  await expect(lateRow).toContainText('严重');
  await expect(lateRow).toContainText('已超时');
  await expect(dash.faultClocks.getByRole('row').filter({ hasText: '信用网站页面打不开' })).toContainText('一般');
  await snap(page, 'dashboard-faults');
});
