import { expect, type Locator, type Page } from '@playwright/test';

/** 工单: 运维实施工单 list, form and detail (问题单 is a tab). */
export class WorkOrdersPage {
  readonly root: Locator;
  readonly newButton: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('page-workorders');
    this.newButton = page.getByTestId('workorder-new');
    this.table = page.getByTestId('workorder-table');
  }

  field(name: string): Locator {
    return this.page.locator(`#workorder_${name}`);
  }

  /** Fills the 运维实施工单 (more technicians typed, Enter after each; the user is the first) and saves with Ctrl+Enter. */
  async create(v: { technicians: string[]; demand: string; content: string; standard: string }): Promise<void> {
    await this.newButton.click();
    await expect(this.field('siteName')).toBeFocused();
    await expect(this.field('siteName')).toHaveValue('徐州市发展和改革委员会');
    const tech = this.field('technicians');
    for (const name of v.technicians) {
      await tech.fill(name);
      await tech.press('Enter');
    }
    await tech.press('Escape');
    await this.field('demand').fill(v.demand);
    await this.field('content').fill(v.content);
    await this.field('standard').fill(v.standard);
    await this.field('standard').press('Control+Enter');
  }

  status(): Locator {
    return this.page.getByTestId('workorder-status');
  }
}
