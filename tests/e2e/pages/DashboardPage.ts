import { expect, type Locator, type Page } from '@playwright/test';

export const STATS = ['assets', 'openFaults', 'breachedFaults', 'openWorkOrders', 'todayInspections', 'pendingLeave'] as const;
export type StatKey = (typeof STATS)[number];

/** 工作台. */
export class DashboardPage {
  readonly root: Locator;
  readonly faultClocks: Locator;
  readonly refreshButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-dashboard');
    this.faultClocks = page.getByTestId('fault-clocks');
    this.refreshButton = page.getByTestId('dashboard-refresh');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.page.getByTestId('dashboard-updated')).toBeVisible();
  }

  stat(key: StatKey): Locator {
    return this.page.getByTestId(`stat-${key}`);
  }

  /** What a card shows as its value, without spaces (e.g. `14`, or `0/0` for done/total). */
  async value(key: StatKey): Promise<string> {
    return (await this.stat(key).locator('.ant-statistic-content').innerText()).replace(/\s+/g, '');
  }
}
