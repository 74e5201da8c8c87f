import { expect, type Download, type Locator } from '@playwright/test';
import { PageObject } from './PageObject';

/** 故障: the list, the report form and the detail page. */
export class FaultsPage extends PageObject {
  readonly root = this.testId('page-faults');
  readonly newButton = this.testId('fault-new');
  readonly table = this.testId('fault-table');
  readonly submit = this.testId('fault-submit');
  readonly formError = this.testId('form-error');

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
    await this.testId('fault-category').getByText(v.category, { exact: true }).click();
    await this.testId('fault-severity').getByText(v.severity, { exact: true }).click();
    await this.field('description').fill(v.description);
    await this.field('description').press('Control+Enter');
  }

  status(): Locator {
    return this.testId('fault-status');
  }

  clock(key: 'response' | 'onsite' | 'resolve' | 'report'): Locator {
    return this.testId(`clock-${key}`);
  }

  countdown(key: 'response' | 'onsite' | 'resolve' | 'report'): Locator {
    return this.testId(`clock-${key}-countdown`);
  }

  /** Records the next step (响应, 到场 …) at the default time, now. */
  async nextStep(label: string): Promise<void> {
    const button = this.testId('fault-next-step');
    await expect(button).toHaveText(label);
    await button.click();
    const dialog = this.page.getByRole('dialog', { name: label });
    await expect(dialog).toBeVisible();
    await dialog.locator('#step-submit').click();
    await expect(dialog).toBeHidden();
  }

  async exportPdf(): Promise<Download> {
    const wait = this.page.waitForEvent('download');
    await this.testId('fault-export-pdf').click();
    return wait;
  }
}
