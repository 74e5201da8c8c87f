import type { Locator } from '@playwright/test';
import { fieldError } from './FormHelpers';
import { EntryScreen } from './PageObject';

/** 登录. */
export class LoginPage extends EntryScreen {
  readonly root = this.testId('login-page');
  readonly username = this.page.locator('#login_username');
  readonly password = this.page.locator('#login_password');
  readonly submitButton = this.testId('login-submit');
  readonly notice = this.testId('login-notice');
  protected readonly heading = '登录';

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
