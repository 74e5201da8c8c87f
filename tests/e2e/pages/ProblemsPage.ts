import { expect, type Locator } from '@playwright/test';
import { PageObject } from './PageObject';
import type { ShellPage } from './ShellPage';

/** 工单 → 问题单: the list with its filters, the 登记问题 form and one ticket's drawer (its workflow). */
export class ProblemsPage extends PageObject {
  readonly table = this.testId('problem-table');
  readonly drawer = this.testId('problem-drawer');
  readonly createDialog = this.page.getByRole('dialog', { name: '登记问题' });
  /** The dialog open above the drawer (a workflow step). */
  readonly dialog = this.page.getByRole('dialog');

  /** Opens 工单 → 问题单 from the menu of the signed-in shell. */
  static async open(shell: ShellPage): Promise<ProblemsPage> {
    await shell.open('workorders');
    await shell.page.getByRole('tab', { name: '问题单' }).click();
    await expect(shell.page).toHaveURL(/#\/workorders\/problems$/);
    return new ProblemsPage(shell.page);
  }

  status(): Locator {
    return this.drawer.getByTestId('problem-status');
  }

  phase(): Locator {
    return this.drawer.getByTestId('problem-phase');
  }

  /** Runs one workflow action from the ticket's drawer (with an optional assignee and note). */
  async act(action: string, v: { assignee?: string; note?: string } = {}): Promise<void> {
    await this.drawer.getByTestId(`problem-${action}`).click();
    const dialog = this.page.getByRole('dialog').filter({ has: this.page.locator('#transition_note') });
    if (v.assignee !== undefined) await dialog.locator('#transition_assigneeName').fill(v.assignee);
    if (v.note !== undefined) await dialog.locator('#transition_note').fill(v.note);
    await dialog.locator('#transition_note').press('Control+Enter');
  }

  /** A step refused with `message` in its still open dialog is given what it lacked and sent again. */
  async amend(message: string, v: { assignee?: string; note?: string }): Promise<void> {
    await expect(this.dialog.getByTestId('form-error')).toHaveText(message);
    if (v.assignee !== undefined) await this.dialog.locator('#transition_assigneeName').fill(v.assignee);
    if (v.note !== undefined) await this.dialog.locator('#transition_note').fill(v.note);
    await this.dialog.locator('#transition_note').press('Control+Enter');
  }

  async closeDrawer(): Promise<void> {
    await this.drawer.locator('.ant-drawer-close').click();
    await expect(this.drawer).toBeHidden();
  }
}
