import { expect, type Locator, type Page } from '@playwright/test';
import { fieldError } from './FormHelpers';

/** 登录. */
export class LoginPage {
  readonly root: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submitButton: Locator;
  readonly formError: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('login-page');
    this.username = page.locator('#login_username');
    this.password = page.locator('#login_password');
    this.submitButton = page.getByTestId('login-submit');
    this.formError = page.getByTestId('form-error');
    this.notice = page.getByTestId('login-notice');
  }

  async expectVisible(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: '登录' })).toBeVisible();
  }

  error(name: 'username' | 'password'): Locator {
    return fieldError(this.page, 'login', name);
  }

  /** Types the credentials and presses Enter (the form submits on Enter). */
  async login(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.password.press('Enter');
  }
}
