import { expect, type Locator, type Page } from '@playwright/test';

export const SECTIONS = [
  { key: 'dashboard', label: '工作台' },
  { key: 'inspections', label: '巡检' },
  { key: 'faults', label: '故障' },
  { key: 'workorders', label: '工单' },
  { key: 'attendance', label: '考勤' },
  { key: 'assets', label: '资产' },
  { key: 'reports', label: '报表与验收' },
  { key: 'settings', label: '设置' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** The signed-in shell: side menu, header with project / user / lock / logout. */
export class ShellPage {
  readonly menu: Locator;
  readonly projectName: Locator;
  readonly currentUser: Locator;
  readonly lockButton: Locator;
  readonly logoutButton: Locator;
  readonly lockScreen: Locator;

  constructor(readonly page: Page) {
    this.menu = page.getByRole('navigation', { name: '主导航' });
    this.projectName = page.getByTestId('project-name');
    this.currentUser = page.getByTestId('current-user');
    this.lockButton = page.getByTestId('lock-button');
    this.logoutButton = page.getByTestId('logout-button');
    this.lockScreen = page.getByTestId('lock-screen');
  }

  /** Sign-in hashes the password (scrypt): allow for a busy machine. */
  async expectSignedIn(displayName: string): Promise<void> {
    await expect(this.currentUser).toHaveText(new RegExp(displayName), { timeout: 40_000 });
    await expect(this.menu).toBeVisible();
  }

  menuItem(key: SectionKey): Locator {
    return this.page.getByTestId(`nav-${key}`);
  }

  page_(key: SectionKey): Locator {
    return this.page.getByTestId(`page-${key}`);
  }

  /** Clicks the section in the side menu and waits for its page. */
  async open(key: SectionKey): Promise<Locator> {
    await this.menuItem(key).click();
    const section = this.page_(key);
    await expect(section).toBeVisible();
    return section;
  }

  async lock(): Promise<void> {
    await this.lockButton.click();
    await expect(this.lockScreen).toBeVisible();
  }

  async unlock(password: string): Promise<void> {
    const input = this.lockScreen.getByLabel('密码', { exact: true });
    await input.fill(password);
    await input.press('Enter');
  }
}
