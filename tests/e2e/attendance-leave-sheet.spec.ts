import fs from 'node:fs';
import { addMonths, formatMonth, monthOf, toBizDate } from '../../shared/time';
import { addStaff, expect, setupAdmin, signIn, test } from './fixtures';
import { AttendancePage } from './pages/AttendancePage';

const LEAD = { username: 'zhougong', displayName: '周工', password: 'Lead#2024secure' } as const;

test('leave on the sheet: the manager opens the hospital note, approves, the approved 病假 is suggested and confirmed into the grid; an earlier month not closed is flagged and linked', async ({ page, workbench, api }) => {
  test.setTimeout(240_000);
  const { token } = await setupAdmin(api, { ...LEAD, roles: ['engineer', 'manager'] });
  await addStaff(api, token, '张伟', '李娜');
  const lead = await api.login(LEAD);
  const staff = await api.ok('staff/list', {}, lead);
  const li = staff.find((s) => s.name === '李娜')!.id;
  const zhang = staff.find((s) => s.name === '张伟')!.id;

  // Last month has a mark and is not closed: its sheet is due or late.
  const thisMonth = monthOf(toBizDate(new Date()));
  const prev = addMonths(thisMonth, -1);
  const prevDay = (await api.ok('attendance/month', { month: prev }, lead)).days.find((d) => d.working)!;
  await api.ok('attendance/set-marks', { month: prev, cells: [{ staffId: zhang, date: prevDay.date, mark: 'present' }] }, lead);

  // Next month: 李娜 asks for sick leave on its first working day and attaches the note.
  const month = addMonths(thisMonth, 1);
  const day = (await api.ok('attendance/month', { month }, lead)).days.find((d) => d.working)!;
  const req = await api.ok('attendance/leave-request', { staffId: li, kind: 'sick', fromDate: day.date, toDate: day.date, reason: '发烧就医' }, lead);
  const note = Buffer.from('%PDF-1.4\n% 诊断证明 李娜\n%%EOF\n');
  await api.ok('attachments/add', { entity: 'leave', entityId: req.id, role: 'sick_note', name: '诊断证明.pdf', mime: 'application/pdf', dataBase64: note.toString('base64') }, lead);

  const att = await AttendancePage.open(await signIn(page, workbench, LEAD), month);
  const overdue = page.getByTestId('attendance-overdue');
  await expect(overdue).toContainText(`${formatMonth(prev)}（`);

  // The manager reads the note before approving: the link downloads the very file.
  await att.tab('请假').click();
  const row = page.getByTestId('leave-list').getByRole('row').filter({ hasText: '李娜' });
  await expect(row).toContainText('待审批');
  await expect(row).toContainText('已上传');
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('leave-note').getByText('诊断证明.pdf').click()]);
  expect(download.suggestedFilename()).toBe('诊断证明.pdf');
  const saved = await download.path();
  expect(fs.readFileSync(saved).equals(note)).toBe(true);
  await att.approveLeave(row);
  await expect(row).toContainText('已批准');

  // Approval marks nothing by itself; the approved leave is a suggestion to confirm.
  await att.tab('考勤表').click();
  await expect(att.cell(1, day.day)).toHaveText('');
  await att.tab('待确认建议').click();
  const suggestion = page.getByTestId('attendance-suggestions').getByRole('row').filter({ hasText: '李娜' });
  await expect(suggestion).toContainText('病假');
  await expect(suggestion).toContainText('已批准的病假申请');
  await suggestion.getByRole('checkbox').check();
  await page.getByTestId('attendance-accept').click();
  await expect(page.getByTestId('attendance-suggestions')).toContainText('没有待确认的建议');
  await att.tab('考勤表').click();
  await expect(att.cell(1, day.day)).toHaveText('☆');
  await expect(att.cell(1, day.day)).not.toHaveAttribute('title', /旷工|诊断/);
  const v = await api.ok('attendance/month', { month }, lead);
  expect(v.marks).toEqual([expect.objectContaining({ staffId: li, date: day.date, mark: 'sick', source: 'suggestion' })]);
  expect(v.violations.filter((x) => x.staffId === li && (x.kind === 'unapproved_leave' || x.kind === 'sick_without_note'))).toEqual([]);

  // The reminder links the month to close.
  await overdue.getByRole('link', { name: new RegExp(formatMonth(prev)) }).click();
  await expect(att.root).toContainText(`考勤 · ${formatMonth(prev)}`);
  await expect(att.cell(0, prevDay.day)).toHaveText('√');
  await expect(page.getByTestId('attendance-overdue')).toHaveCount(0);
});
