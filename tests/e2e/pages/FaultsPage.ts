import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** 故障: the list, the report form and the detail page. */
export class FaultsPage {
  readonly root: Locator;
  readonly newButton: Locator;
  readonly table: Locator;
  readonly submit: Locator;
  readonly formError: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-faults');
    this.newButton = page.getByTestId('fault-new');
    this.table = page.getByTestId('fault-table');
    this.submit = page.getByTestId('fault-submit');
    this.formError = page.getByTestId('form-error');
  }

  field(name: string): Locator {
    return this.page.locator(`#fault_${name}`);
  }

  /** Opens the report form (the title field takes the focus). */
  async openNew(): Promise<void> {
    await this.newButton.click();
    await expect(this.field('title')).toBeFocused();
  }

  /** The validation message under a field of the form. */
  error(name: string): Locator {
    return this.page.locator('.ant-form-item').filter({ has: this.page.locator(`#fault_${name}`) }).locator('.ant-form-item-explain-error');
  }

  /** Fills the open 故障报告单 and saves it with Ctrl+Enter (keyboard only). */
  async report(v: { title: string; category: string; severity: string; description: string }): Promise<void> {
    await this.field('title').fill(v.title);
    await this.page.getByTestId('fault-category').getByText(v.category, { exact: true }).click();
    await this.page.getByTestId('fault-severity').getByText(v.severity, { exact: true }).click();
    await this.field('description').fill(v.description);
    await this.field('description').press('Control+Enter');
  }

  status(): Locator {
    return this.page.getByTestId('fault-status');
  }

  clock(key: 'response' | 'onsite' | 'resolve' | 'report'): Locator {
    return this.page.getByTestId(`clock-${key}`);
  }

  countdown(key: 'response' | 'onsite' | 'resolve' | 'report'): Locator {
    return this.page.getByTestId(`clock-${key}-countdown`);
  }

  /** Records the next step (响应, 到场 …) at the default time, now. */
  async nextStep(label: string): Promise<void> {
    const button = this.page.getByTestId('fault-next-step');
    await expect(button).toHaveText(label);
    await button.click();
    const dialog = this.page.getByRole('dialog', { name: label });
    await expect(dialog).toBeVisible();
    await dialog.locator('#step-submit').click();
    await expect(dialog).toBeHidden();
  }

  async exportPdf(): Promise<Download> {
    const wait = this.page.waitForEvent('download');
    await this.page.getByTestId('fault-export-pdf').click();
    return wait;
  }
}
