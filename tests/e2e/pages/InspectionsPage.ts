import { expect, type Locator } from '@playwright/test';
import { PageObject } from './PageObject';

/** 巡检: today's round (slots, sweep, problems) and the run screen (keyboard). */
export class InspectionsPage extends PageObject {
  readonly root = this.testId('page-inspections');
  readonly runTable = this.testId('run-table');
  readonly progress = this.testId('run-progress');
  readonly status = this.testId('run-status').first();

  async openToday(): Promise<void> {
    await this.page.evaluate(() => {
      window.location.hash = '#/inspections';
    });
    await expect(this.testId('slot-am')).toBeVisible();
  }

  async openRun(id: string): Promise<void> {
    await this.page.evaluate((x) => {
      window.location.hash = `#/inspections/run/${x}`;
    }, id);
    await expect(this.runTable).toBeVisible();
  }

  /** Runs 立即探测 and waits for it to finish. */
  async sweepNow(): Promise<void> {
    await this.testId('sweep-start').click();
    await expect(this.page.getByText(/探测完成：正常 \d+，警告 \d+，严重 \d+/)).toBeVisible({ timeout: 30_000 });
  }

  /** The row of an item: asset name (or 日常工作) and item key. */
  item(assetName: string, key: string): Locator {
    return this.testId(`item-${assetName}-${key}`);
  }

  /** Filled/total as the run screen shows it. */
  async filled(): Promise<[number, number]> {
    const m = /已填 (\d+)\/(\d+)/.exec((await this.progress.textContent()) ?? '');
    return [Number(m?.[1]), Number(m?.[2])];
  }

  /** Keys typed into the run table (it keeps the focus). */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.runTable.press(k);
  }
}
