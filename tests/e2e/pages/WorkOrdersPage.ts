import { expect, type Locator } from '@playwright/test';
import { PageObject } from './PageObject';

/** 工单: 运维实施工单 list, form and detail (问题单 is a tab). */
export class WorkOrdersPage extends PageObject {
  readonly root = this.testId('page-workorders');
  readonly newButton = this.testId('workorder-new');
  readonly table = this.testId('workorder-table');

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
    return this.testId('workorder-status');
  }

  /** On the detail page: 开始实施, then 完成 with the workload in hours. */
  async carryOut(workloadHours: string): Promise<void> {
    await this.testId('workorder-start').click();
    await expect(this.status()).toHaveText('实施中');
    await this.testId('workorder-finish').click();
    const finish = this.page.getByRole('dialog', { name: '完成工单' });
    await finish.locator('#finish_workloadHours').fill(workloadHours);
    await finish.getByRole('button', { name: '确认完成' }).click();
    await expect(this.status()).toHaveText('已完成');
  }
}
