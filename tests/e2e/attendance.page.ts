import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';

/** 考勤: the month grid (keyboard), its totals, the tabs and the month actions. */
export class AttendancePage {
  readonly root: Locator;
  readonly grid: Locator;
  readonly state: Locator;
  readonly editor: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-attendance');
    this.grid = page.getByTestId('attendance-grid');
    this.state = page.getByTestId('attendance-state');
    this.editor = page.getByTestId('attendance-editor');
  }

  /** Signs in at `url` as `user`, opens 考勤 from the menu, then the month. */
  static async signInAndOpen(page: Page, url: string, user: { username: string; password: string; displayName: string }, month: string): Promise<AttendancePage> {
    await page.goto(url);
    await new LoginPage(page).login(user.username, user.password);
    const shell = new ShellPage(page);
    await shell.expectSignedIn(user.displayName);
    await shell.open('attendance');
    const att = new AttendancePage(page);
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
    return this.page.getByTestId(`att-cell-${row}-${day}`);
  }

  /** A totals cell: key presentDays, lateCount, code:personal… */
  total(row: number, key: string): Locator {
    return this.page.getByTestId(`att-total-${row}-${key}`);
  }

  /** Types keys into the grid (it has the focus after a click on a cell). */
  async type(...keys: string[]): Promise<void> {
    for (const k of keys) await this.grid.press(k);
  }

  tab(name: string): Locator {
    return this.root.getByRole('tab', { name });
  }

  async exportPdf(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.root.getByRole('button', { name: '导出 PDF' }).click()]);
    return download;
  }
}
