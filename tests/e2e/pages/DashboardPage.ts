import { expect, type Locator } from '@playwright/test';
import { PageObject } from './PageObject';

export const STATS = ['assets', 'openFaults', 'breachedFaults', 'openWorkOrders', 'todayInspections', 'pendingLeave'] as const;
export type StatKey = (typeof STATS)[number];

/** 工作台. */
export class DashboardPage extends PageObject {
  readonly root = this.testId('page-dashboard');
  readonly faultClocks = this.testId('fault-clocks');
  readonly refreshButton = this.testId('dashboard-refresh');

  async expectLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.testId('dashboard-updated')).toBeVisible();
  }

  stat(key: StatKey): Locator {
    return this.testId(`stat-${key}`);
  }

  /** What a card shows as its value, without spaces (e.g. `14`, or `0/0` for done/total). */
  async value(key: StatKey): Promise<string> {
    return (await this.stat(key).locator('.ant-statistic-content').innerText()).replace(/\s+/g, '');
  }
}
