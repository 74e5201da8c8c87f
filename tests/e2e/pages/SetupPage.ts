import { expect, type Locator, type Page } from '@playwright/test';
import { fieldError } from './FormHelpers';

export interface SetupValues {
  username: string;
  displayName: string;
  password: string;
  confirm?: string;
}

/** 初始化管理员 (first start). */
export class SetupPage {
  readonly root: Locator;
  readonly submitButton: Locator;
  readonly formError: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('setup-page');
    this.submitButton = page.getByTestId('setup-submit');
    this.formError = page.getByTestId('form-error');
  }

  async expectVisible(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: '初始化管理员' })).toBeVisible();
  }

  field(name: 'username' | 'displayName' | 'password' | 'confirm'): Locator {
    return this.page.locator(`#setup_${name}`);
  }

  error(name: 'username' | 'displayName' | 'password' | 'confirm'): Locator {
    return fieldError(this.page, 'setup', name);
  }

  async fill(v: SetupValues): Promise<void> {
    await this.field('username').fill(v.username);
    await this.field('displayName').fill(v.displayName);
    await this.field('password').fill(v.password);
    await this.field('confirm').fill(v.confirm ?? v.password);
  }

  /** Fills the form and presses Enter in the last field (keyboard submit). */
  async submitWithEnter(v: SetupValues): Promise<void> {
    await this.fill(v);
    await this.field('confirm').press('Enter');
  }
}
