import { execFileSync } from 'node:child_process';
import { addMonths, formatBizDate, monthOf, toBizDate } from '../../shared/time';
import { addStaff, expect, setupAdmin, signIn, snap, test } from './fixtures';
import { AttendancePage } from './pages/AttendancePage';
import { cjk } from './pages/FormHelpers';

/** The project manager (项目负责人) is also an engineer: marks, approves and reopens. */
const LEAD = { username: 'zhougong', displayName: '周工', password: 'Lead#2024secure' } as const;
const TEAM = ['张伟', '李娜', '王强'];

test('the month sheet is filled from the keyboard, totals and violations follow, the month closes and reopens', async ({ page, workbench, api }) => {
  const { token } = await setupAdmin(api, { ...LEAD, roles: ['engineer', 'manager'] });
  await addStaff(api, token, ...TEAM);
  // Last month: over, so it can be closed (the sheet is due 3 days after its end).
  const month = addMonths(monthOf(toBizDate(new Date())), -1);
  // Four working days in a row (holidays and 调休 as the core's calendar says): d, d+1, d+2, d+3.
  const { days } = await api.ok('attendance/month', { month }, token);
  const d = days.find((_x, i) => days.slice(i, i + 4).length === 4 && days.slice(i, i + 4).every((x) => x.working))!.day;

  const att = await AttendancePage.open(await signIn(page, workbench, LEAD), month);
  await expect(att.root.getByRole('rowheader')).toHaveText(TEAM);
  await expect(page.getByTestId('attendance-legend')).toContainText('1√ 出勤');

  // 张伟: days d, d+1, d+2 as 出勤, 出勤, 迟到 — each key marks and moves to the next day.
  await att.cell(0, d).click();
  await att.type('1', '1', '3');
  await expect(att.cell(0, d)).toHaveText('√');
  await expect(att.cell(0, d + 1)).toHaveText('√');
  await expect(att.cell(0, d + 2)).toHaveText('△');
  await expect(att.cell(0, d + 3)).toHaveAttribute('aria-selected', 'true');
  await expect(att.total(0, 'presentDays')).toHaveText('3');
  await expect(att.total(0, 'lateCount')).toHaveText('1');

  // 李娜, day d+3: 事假 without a request — listed as 旷工.
  await att.type('ArrowDown', '8');
  await expect(att.cell(1, d + 3)).toHaveText('○');
  await expect(att.cell(1, d + 3)).toHaveAttribute('title', /未提出事假申请，按旷工处理/);
  await expect(att.total(1, 'code:personal')).toHaveText('1');
  // …and counted as 旷工 on the sheet (合同 §2.2: 未提出申请，按旷工处理).
  await expect(att.total(1, 'absentDays')).toHaveText('1');
  await att.tab('违规与提醒').click();
  await expect(page.getByTestId('attendance-violations')).toContainText(`李娜 ${formatBizDate(days[d + 2]!.date)}未提出事假申请，按旷工处理`);
  await att.tab('考勤表').click();

  // Back to 张伟's late day and Delete: the totals drop.
  await att.cell(1, d + 4).click();
  await att.type('ArrowUp', 'ArrowLeft', 'ArrowLeft', 'Delete');
  await expect(att.cell(0, d + 2)).toHaveText('');
  await expect(att.total(0, 'presentDays')).toHaveText('2');
  await expect(att.total(0, 'lateCount')).toHaveText('');
  // The cell editor: a half day with a note.
  await att.cell(2, d).click();
  await att.editor.getByText('上午', { exact: true }).click();
  await att.editor.getByRole('combobox', { name: '标记' }).click();
  await page.getByTitle('√ 出勤').click();
  await att.editor.getByRole('textbox', { name: '备注' }).fill('下午外出');
  await att.editor.getByRole('button', { name: cjk('保存') }).click();
  await expect(att.total(2, 'presentDays')).toHaveText('0.5');
  await snap(page, 'attendance-grid');

  // The paper sheet carries the names and the marks' totals.
  const download = await att.exportPdf();
  const [y, m] = month.split('-').map(Number) as [number, number];
  expect(download.suggestedFilename()).toBe(`${y}年${m}月日常工作考勤表.pdf`);
  const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
  for (const s of [`${y}年${m}月日常工作考勤表`, ...TEAM, '考勤标记']) expect(text).toContain(s);

  // Close: the month is locked, keys change nothing.
  await page.getByTestId('attendance-close').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(att.state).toHaveText('已关账');
  await att.cell(0, d).click();
  await att.type('4');
  await expect(att.cell(0, d)).toHaveText('√');
  await expect(att.grid).toHaveAttribute('aria-readonly', 'true');

  // The manager reopens with a reason.
  await page.getByTestId('attendance-reopen').click();
  await page.getByRole('textbox', { name: '重新打开的原因' }).fill('补录出差记录');
  await page.getByRole('dialog').getByRole('button', { name: '重新打开' }).click();
  await expect(att.state).not.toHaveText('已关账');
  await expect(att.root).toContainText('原因：补录出差记录');
  await att.cell(0, d + 2).click();
  await att.type('5');
  await expect(att.cell(0, d + 2)).toHaveText('◇');
});
