import type { Page } from '@playwright/test';
import { expect, setupAdmin, snap, test } from './fixtures';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';

const ENGINEER = { username: 'sungong', displayName: '孙工', password: 'Eng#2024secure' } as const;

/** Opens 工单 → 问题单. */
async function openProblems(page: Page, shell: ShellPage): Promise<void> {
  await shell.open('workorders');
  await page.getByRole('tab', { name: '问题单' }).click();
  await expect(page).toHaveURL(/#\/workorders\/problems$/);
}

/** Runs one workflow action from the ticket's drawer (with an optional assignee and note). */
async function act(page: Page, action: string, v: { assignee?: string; note?: string } = {}): Promise<void> {
  const drawer = page.getByTestId('problem-drawer');
  await drawer.getByTestId(`problem-${action}`).click();
  const dialog = page.getByRole('dialog').filter({ has: page.locator('#transition_note') });
  if (v.assignee !== undefined) await dialog.locator('#transition_assigneeName').fill(v.assignee);
  if (v.note !== undefined) await dialog.locator('#transition_note').fill(v.note);
  await dialog.locator('#transition_note').press('Control+Enter');
}

test('problem tickets: a 咨询类 question is answered and closed on the spot; a 系统缺陷类 defect goes through its whole workflow', async ({ page, workbench, api }) => {
  test.slow();
  const { token } = await setupAdmin(api);
  await api.ok('accounts/create', { ...ENGINEER, roles: ['engineer'] }, token);
  await page.goto(workbench.url);
  await new LoginPage(page).login(ENGINEER.username, ENGINEER.password);
  const shell = new ShellPage(page);
  await shell.expectSignedIn(ENGINEER.displayName);
  await openProblems(page, shell);
  const table = page.getByTestId('problem-table');
  await expect(table).toContainText('没有问题单');

  // 咨询类: answered on the spot, closed at once.
  await page.getByTestId('problem-new').click();
  const create = page.getByRole('dialog', { name: '登记问题' });
  await create.locator('#problem_title').fill('如何导出本月双公示统计表');
  await create.locator('#problem_description').fill('科室需要本月双公示归集情况。');
  await create.locator('#problem_submitterName').fill('刘科长');
  await create.locator('#problem_answer').fill('已当场演示：报表与验收 → 统计表 → 导出 Excel。');
  await create.locator('#problem_answer').press('Control+Enter');
  await expect(create).toBeHidden();
  const consultRow = table.locator('tr', { hasText: '如何导出本月双公示统计表' });
  await expect(consultRow).toContainText(/WT-\d{4}-0001/);
  await expect(consultRow).toContainText('咨询类');
  await expect(consultRow.getByTestId('problem-row-status')).toHaveText('已关闭');
  await consultRow.getByText(/WT-\d{4}-0001/).click();
  const drawer = page.getByTestId('problem-drawer');
  await expect(drawer.getByTestId('problem-phase')).toHaveText('Closed 已关闭');
  await expect(drawer).toContainText('当场解答：已当场演示');
  // No workflow buttons for a consultation.
  await expect(drawer.getByRole('button', { name: '分派' })).toHaveCount(0);
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // 系统缺陷类: a severity is required.
  await page.getByTestId('problem-new').click();
  await create.getByText('系统缺陷类', { exact: true }).click();
  await create.locator('#problem_title').fill('联合奖惩系统反馈列表分页错误');
  await create.locator('#problem_description').fill('第 2 页起重复显示第 1 页数据。');
  await create.locator('#problem_submitterName').fill('刘科长');
  await create.locator('#problem_title').press('Control+Enter');
  await expect(create.getByTestId('form-error')).toContainText('严重程度应为：微小、一般、严重或致命');
  await create.getByText('严重', { exact: true }).click();
  await create.locator('#problem_title').press('Control+Enter');
  await expect(create).toBeHidden();
  const defectRow = table.locator('tr', { hasText: '联合奖惩系统反馈列表分页错误' });
  await expect(defectRow.getByTestId('problem-row-status')).toHaveText('已提交');
  await defectRow.getByText(/WT-\d{4}-0002/).click();
  await expect(drawer.getByTestId('problem-status')).toHaveText('已提交');
  await expect(drawer.getByTestId('problem-phase')).toHaveText('Open 未解决');

  // Assign (needs somebody), confirm, fix (needs a note), retest fails, fix again, retest passes, close.
  await act(page, 'assign', { assignee: '' });
  await expect(page.getByRole('dialog').getByTestId('form-error')).toHaveText('分派时请填写处理人。');
  await page.getByRole('dialog').locator('#transition_assigneeName').fill('孙工');
  await page.getByRole('dialog').locator('#transition_note').press('Control+Enter');
  await expect(drawer.getByTestId('problem-status')).toHaveText('已分派');
  await expect(drawer).toContainText('分派给 孙工');
  await act(page, 'confirm', { note: '可复现' });
  await expect(drawer.getByTestId('problem-status')).toHaveText('已确认');
  await act(page, 'fix', { note: '' });
  await expect(page.getByRole('dialog').getByTestId('form-error')).toHaveText('“修复”须填写说明。');
  await page.getByRole('dialog').locator('#transition_note').fill('分页偏移量按页码计算。');
  await page.getByRole('dialog').locator('#transition_note').press('Control+Enter');
  await expect(drawer.getByTestId('problem-status')).toHaveText('已修复');
  await expect(drawer.getByTestId('problem-phase')).toHaveText('Fixed 已修复');
  await act(page, 'retest_fail', { note: '最后一页仍重复' });
  await expect(drawer.getByTestId('problem-status')).toHaveText('已确认');
  await act(page, 'fix', { note: '末页边界已修正。' });
  await act(page, 'retest_pass', { note: '全部分页正确' });
  await expect(drawer.getByTestId('problem-status')).toHaveText('已复测');
  await act(page, 'close');
  await expect(drawer.getByTestId('problem-status')).toHaveText('已关闭');
  await expect(drawer.getByTestId('problem-phase')).toHaveText('Closed 已关闭');
  // Every step in the history, by the engineer's display name.
  for (const s of ['已提交', '已分派', '已确认', '已修复', '已复测', '已关闭', '最后一页仍重复', '孙工']) await expect(drawer).toContainText(s);
  await snap(page, 'problem-closed');
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // A rejected defect: the reason is required, then it is closed.
  const third = await api.ok('problems/create', { kind: 'defect', title: '希望首页换肤', description: '不属于缺陷', submitterName: '刘科长', severity: 'minor' }, (await api.ok('auth/login', { username: ENGINEER.username, password: ENGINEER.password })).token);
  // (The session lives in the page: switch tabs rather than reload.)
  await page.getByRole('tab', { name: '运维实施工单' }).click();
  await page.getByRole('tab', { name: '问题单' }).click();
  await table.getByText(third.docNo).click();
  await act(page, 'assign', { assignee: '孙工' });
  await act(page, 'reject', { note: '' });
  await expect(page.getByRole('dialog').getByTestId('form-error')).toHaveText('“拒绝”须填写说明。');
  await page.getByRole('dialog').locator('#transition_note').fill('属于新需求，不是缺陷。');
  await page.getByRole('dialog').locator('#transition_note').press('Control+Enter');
  await expect(drawer.getByTestId('problem-status')).toHaveText('已拒绝');
  await act(page, 'close');
  await expect(drawer.getByTestId('problem-status')).toHaveText('已关闭');
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // Filters: severity and kind, on the server.
  const severity = page.getByTestId('problem-filter-severity');
  await severity.click();
  await page.getByTitle('严重', { exact: true }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('联合奖惩系统反馈列表分页错误');
  // 咨询类 and 严重 together: nothing (a consultation has no severity) …
  await page.getByRole('combobox', { name: '类别' }).click();
  await page.getByTitle('咨询类', { exact: true }).click();
  await expect(table).toContainText('没有问题单');
  // … and with the severity cleared, the consultation alone.
  await severity.hover();
  await severity.locator('.ant-select-clear').click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table).toContainText('如何导出本月双公示统计表');
});
