import { expect, type Locator, type Page } from '@playwright/test';
import { PageObject } from './PageObject';

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
export class ShellPage extends PageObject {
  readonly menu = this.page.getByRole('navigation', { name: '主导航' });
  readonly projectName = this.testId('project-name');
  readonly currentUser = this.testId('current-user');
  readonly lockButton = this.testId('lock-button');
  readonly logoutButton = this.testId('logout-button');
  readonly lockScreen = this.testId('lock-screen');

  /** Sign-in hashes the password (scrypt): allow for a busy machine. */
  async expectSignedIn(displayName: string): Promise<void> {
    await expect(this.currentUser).toHaveText(new RegExp(displayName), { timeout: 40_000 });
    await expect(this.menu).toBeVisible();
  }

  menuItem(key: SectionKey): Locator {
    return this.testId(`nav-${key}`);
  }

  page_(key: SectionKey): Locator {
    return this.testId(`page-${key}`);
  }

  /** Clicks the section in the side menu and waits for its page. */
  async open(key: SectionKey): Promise<Locator> {
    await this.menuItem(key).click();
    const section = this.page_(key);
    await expect(section).toBeVisible();
    return section;
  }

  /** Opens the section from the menu and returns its page object. */
  async openAs<T>(key: SectionKey, PageClass: new (page: Page) => T): Promise<T> {
    await this.open(key);
    return new PageClass(this.page);
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
