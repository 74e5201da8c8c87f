import { monthOf, toBizDate } from '../../shared/time';
import { addStaff, expect, setupAdmin, signIn, test } from './fixtures';
import { AttendancePage } from './pages/AttendancePage';

const LEAD = { username: 'zhougong', displayName: '周工', password: 'Lead#2024secure' } as const;

test('a fault handled today suggests a mark for the person; nothing is marked until the engineer confirms it', async ({ page, workbench, api }) => {
  const { token } = await setupAdmin(api, { ...LEAD, roles: ['engineer', 'manager'] });
  // The staff member has the account's display name: the fault stamps hold names.
  await addStaff(api, token, LEAD.displayName);
  const lead = await api.login(LEAD);
  await api.ok('faults/create', { title: '信用网站页面打不开', category: 'other_app', severity: 'normal', description: '首页返回 502 错误。' }, lead);
  const today = toBizDate(new Date());
  const month = monthOf(today);
  const day = Number(today.slice(8, 10));
  const [s] = await api.ok('attendance/suggestions', { month }, lead);
  expect(s).toMatchObject({ staffName: LEAD.displayName, date: today });

  const att = await AttendancePage.open(await signIn(page, workbench, LEAD), month);
  // Not marked silently.
  await expect(att.cell(0, day)).toHaveText('');

  await att.tab('待确认建议').click();
  const row = page.getByTestId('attendance-suggestions').getByRole('row').filter({ hasText: LEAD.displayName });
  await expect(row).toContainText(s!.markLabel);
  await expect(row).toContainText('故障');
  await row.getByRole('checkbox').check();
  await page.getByTestId('attendance-accept').click();
  await expect(page.getByTestId('attendance-suggestions')).toContainText('没有待确认的建议');

  await att.tab('考勤表').click();
  const symbol = (await api.ok('attendance/month', { month }, lead)).markTypes.find((m) => m.code === s!.mark)!.symbol;
  await expect(att.cell(0, day)).toHaveText(symbol);
  const { marks } = await api.ok('attendance/month', { month }, lead);
  expect(marks).toEqual([expect.objectContaining({ date: today, mark: s!.mark, source: 'suggestion' })]);
});
