import { expect, type Download, type Locator } from '@playwright/test';
import { cjk } from './FormHelpers';
import { PageObject } from './PageObject';
import type { ShellPage } from './ShellPage';

/** 考勤: the month grid (keyboard), its totals, the tabs and the month actions. */
export class AttendancePage extends PageObject {
  readonly root = this.testId('page-attendance');
  readonly grid = this.testId('attendance-grid');
  readonly state = this.testId('attendance-state');
  readonly editor = this.testId('attendance-editor');

  /** Opens 考勤 from the menu of the signed-in shell, then the month. */
  static async open(shell: ShellPage, month: string): Promise<AttendancePage> {
    const att = await shell.openAs('attendance', AttendancePage);
    await att.openMonth(month);
    return att;
  }

  /** Opens `#/attendance/YYYY-MM`. */
  async openMonth(month: string): Promise<void> {
    await this.page.evaluate((m) => {
      window.location.hash = `#/attendance/${m}`;
    }, month);
    await expect(this.grid).toBeVisible();
  }

  /** Day cell of the row-th person (0-based) and day of month. */
  cell(row: number, day: number): Locator {
    return this.testId(`att-cell-${row}-${day}`);
  }

  /** A totals cell: key presentDays, lateCount, code:personal… */
  total(row: number, key: string): Locator {
    return this.testId(`att-total-${row}-${key}`);
  }

  /** Types keys into the grid (it has the focus after a click on a cell). */
  async type(...keys: string[]): Promise<void> {
    for (const k of keys) await this.grid.press(k);
  }

  tab(name: string): Locator {
    return this.root.getByRole('tab', { name });
  }

  /** 批准 on a row of the 请假 list, confirmed in its dialog. */
  async approveLeave(row: Locator): Promise<void> {
    await row.getByRole('button', { name: cjk('批准') }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: cjk('批准') }).click();
  }

  async exportPdf(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByRole('button', { name: '导出 PDF' }).click()]);
    return download;
  }
}
