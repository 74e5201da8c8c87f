import type { Page } from '@playwright/test';
import type { Output } from '../../shared/contract';
import { toBizDate } from '../../shared/time';
import { expect, setupAdmin, signIn, test, type Api, type Workbench } from './fixtures';

const ENG = { username: 'liming', displayName: '李明', password: 'Eng#2024secure' } as const;

/** A severe manual item recorded by another face (the API), while the engineer's browser is open. */
async function severeItem(api: Api, eng: string): Promise<{ resultId: string }> {
  const started: Output<'inspections/start'> = await api.ok('inspections/start', { templateCode: 'daily', bizDate: toBizDate(new Date()), slot: 'pm' }, eng);
  const backup = started.rows.flatMap((r) => r.items).find((i) => i.key === 'backup')!;
  const res = await api.ok('inspections/set-result', { runId: started.run.id, itemId: backup.itemId, level: 'severe', value: '全量备份失败' }, eng);
  return { resultId: res.item.result!.id };
}

/** The engineer signed in, in the browser and through the API: the API session. */
async function engineer(api: Api, page: Page, wb: Workbench): Promise<string> {
  await setupAdmin(api, { ...ENG, roles: ['engineer'] });
  await signIn(page, wb, ENG);
  return api.login(ENG);
}

test('without notification permission: an in-app notice offers the pre-filled fault report', async ({ page, workbench, api }) => {
  test.setTimeout(90_000);
  const eng = await engineer(api, page, workbench);
  const { resultId } = await severeItem(api, eng);
  const notice = page.getByTestId('core-notice-severe');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await expect(notice).toContainText('巡检发现严重问题');
  await expect(notice).toContainText('数据备份状况：严重（全量备份失败）');
  await notice.getByTestId('core-notice-fault').click();
  await expect(page).toHaveURL(new RegExp(`#/faults/new/inspection/${resultId}$`));
  await expect(page.locator('input[id$="title"]').first()).toHaveValue(/数据备份状况异常/);
  await expect(notice).toHaveCount(0);
});

test('with notification permission: a system notification; its click opens the pre-filled fault report', async ({ page, workbench, api }) => {
  test.setTimeout(90_000);
  await page.context().grantPermissions(['notifications'], { origin: workbench.origin });
  // Record what the page hands to the Web Notifications API (the OS side is not visible to the test).
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: Array<{ title: string; body: string; click: () => void }> = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '', click: () => this.onclick?.(new Event('click')) });
      }
    }
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    window.Notification = Recorded as typeof Notification;
  });
  const eng = await engineer(api, page, workbench);
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
  const { resultId } = await severeItem(api, eng);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __shown: Array<{ title: string }> }).__shown.map((n) => n.title)), { timeout: 60_000 }).toEqual([expect.stringContaining('巡检发现严重问题')]);
  expect(await page.evaluate(() => (window as unknown as { __shown: Array<{ body: string }> }).__shown[0]!.body)).toContain('数据备份状况：严重（全量备份失败）');
  // no in-app duplicate
  await expect(page.getByTestId('core-notice-severe')).toHaveCount(0);
  await page.evaluate(() => (window as unknown as { __shown: Array<{ click: () => void }> }).__shown[0]!.click());
  await expect(page).toHaveURL(new RegExp(`#/faults/new/inspection/${resultId}$`));
  await expect(page.locator('input[id$="title"]').first()).toHaveValue(/数据备份状况异常/);
});
