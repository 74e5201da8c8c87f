import type { Locator } from '@playwright/test';
import { fieldError } from './FormHelpers';
import { EntryScreen } from './PageObject';

export interface SetupValues {
  username: string;
  displayName: string;
  password: string;
  confirm?: string;
}

/** 初始化管理员 (first start). */
export class SetupPage extends EntryScreen {
  readonly root = this.testId('setup-page');
  readonly submitButton = this.testId('setup-submit');
  protected readonly heading = '初始化管理员';

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
