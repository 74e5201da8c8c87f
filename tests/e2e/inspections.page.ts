import { expect, type Locator, type Page } from '@playwright/test';

/** 巡检: today's round (slots, sweep, problems) and the run screen (keyboard). */
export class InspectionsPage {
  readonly root: Locator;
  readonly runTable: Locator;
  readonly progress: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-inspections');
    this.runTable = page.getByTestId('run-table');
    this.progress = page.getByTestId('run-progress');
    this.status = page.getByTestId('run-status').first();
  }

  async openToday(): Promise<void> {
    await this.page.evaluate(() => {
      window.location.hash = '#/inspections';
    });
    await expect(this.page.getByTestId('slot-am')).toBeVisible();
  }

  async openRun(id: string): Promise<void> {
    await this.page.evaluate((x) => {
      window.location.hash = `#/inspections/run/${x}`;
    }, id);
    await expect(this.runTable).toBeVisible();
  }

  /** Runs 立即探测 and waits for it to finish. */
  async sweepNow(): Promise<void> {
    await this.page.getByTestId('sweep-start').click();
    await expect(this.page.getByText(/探测完成：正常 \d+，警告 \d+，严重 \d+/)).toBeVisible({ timeout: 30_000 });
  }

  /** The row of an item: asset name (or 日常工作) and item key. */
  item(assetName: string, key: string): Locator {
    return this.page.getByTestId(`item-${assetName}-${key}`);
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
