import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What every page object shares: the page, and locators by test id. Subclasses declare their
 * parts as fields (`readonly root = this.testId('page-faults')`), set once the page is.
 */
export abstract class PageObject {
  constructor(readonly page: Page) {}

  protected testId(id: string): Locator {
    return this.page.getByTestId(id);
  }
}

/** A screen shown before anybody is signed in (登录, 初始化管理员): a form under its heading. */
export abstract class EntryScreen extends PageObject {
  abstract readonly root: Locator;
  abstract readonly submitButton: Locator;
  readonly formError = this.testId('form-error');
  protected abstract readonly heading: string;

  /** Opens the workbench at `url` and waits for this screen. */
  static async open<T extends EntryScreen>(this: new (page: Page) => T, page: Page, url: string): Promise<T> {
    await page.goto(url);
    const screen = new this(page);
    await screen.expectVisible();
    return screen;
  }

  async expectVisible(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.root.getByRole('heading', { name: this.heading })).toBeVisible();
  }
}
