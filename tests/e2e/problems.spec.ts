import { expect, setupAndSignIn, snap, test } from './fixtures';
import { ProblemsPage } from './pages/ProblemsPage';

const ENGINEER = { username: 'sungong', displayName: '孙工', password: 'Eng#2024secure' } as const;

test('problem tickets: a 咨询类 question is answered and closed on the spot; a 系统缺陷类 defect goes through its whole workflow', async ({ page, workbench, api }) => {
  test.slow();
  const { shell } = await setupAndSignIn(page, workbench, api, { as: { ...ENGINEER, roles: ['engineer'] } });
  const problems = await ProblemsPage.open(shell);
  const { table, drawer, createDialog: create } = problems;
  await expect(table).toContainText('没有问题单');

  // 咨询类: answered on the spot, closed at once.
  await page.getByTestId('problem-new').click();
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
  await expect(problems.phase()).toHaveText('Closed 已关闭');
  await expect(drawer).toContainText('当场解答：已当场演示');
  // No workflow buttons for a consultation.
  await expect(drawer.getByRole('button', { name: '分派' })).toHaveCount(0);
  await problems.closeDrawer();

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
  await expect(problems.status()).toHaveText('已提交');
  await expect(problems.phase()).toHaveText('Open 未解决');

  // Assign (needs somebody), confirm, fix (needs a note), retest fails, fix again, retest passes, close.
  await problems.act('assign', { assignee: '' });
  await problems.amend('分派时请填写处理人。', { assignee: '孙工' });
  await expect(problems.status()).toHaveText('已分派');
  await expect(drawer).toContainText('分派给 孙工');
  await problems.act('confirm', { note: '可复现' });
  await expect(problems.status()).toHaveText('已确认');
  await problems.act('fix', { note: '' });
  await problems.amend('“修复”须填写说明。', { note: '分页偏移量按页码计算。' });
  await expect(problems.status()).toHaveText('已修复');
  await expect(problems.phase()).toHaveText('Fixed 已修复');
  await problems.act('retest_fail', { note: '最后一页仍重复' });
  await expect(problems.status()).toHaveText('已确认');
  await problems.act('fix', { note: '末页边界已修正。' });
  await problems.act('retest_pass', { note: '全部分页正确' });
  await expect(problems.status()).toHaveText('已复测');
  await problems.act('close');
  await expect(problems.status()).toHaveText('已关闭');
  await expect(problems.phase()).toHaveText('Closed 已关闭');
  // Every step in the history, by the engineer's display name.
  for (const s of ['已提交', '已分派', '已确认', '已修复', '已复测', '已关闭', '最后一页仍重复', '孙工']) await expect(drawer).toContainText(s);
  await snap(page, 'problem-closed');
  await problems.closeDrawer();

  // A rejected defect: the reason is required, then it is closed.
  const third = await api.ok('problems/create', { kind: 'defect', title: '希望首页换肤', description: '不属于缺陷', submitterName: '刘科长', severity: 'minor' }, await api.login(ENGINEER));
  // (The session lives in the page: switch tabs rather than reload.)
  await page.getByRole('tab', { name: '运维实施工单' }).click();
  await page.getByRole('tab', { name: '问题单' }).click();
  await table.getByText(third.docNo).click();
  await problems.act('assign', { assignee: '孙工' });
  await problems.act('reject', { note: '' });
  await problems.amend('“拒绝”须填写说明。', { note: '属于新需求，不是缺陷。' });
  await expect(problems.status()).toHaveText('已拒绝');
  await problems.act('close');
  await expect(problems.status()).toHaveText('已关闭');
  await problems.closeDrawer();

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
