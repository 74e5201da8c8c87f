import { addStaff, expect, setupAdmin, signIn, test } from './fixtures';
import { AttendancePage } from './pages/AttendancePage';

const LEAD = { username: 'zhougong', displayName: '周工', password: 'Lead#2024secure' } as const;
// chinese-days 1.5.7 knows the State Council's arrangement up to 2026: 2027 is an unknown year.
const MONTH = '2027-01';

test('a year the holiday library does not know is flagged; holidays and 调休 workdays are entered by hand and shape the sheet', async ({ page, workbench, api }) => {
  const { token } = await setupAdmin(api, { ...LEAD, roles: ['engineer', 'manager'] });
  await addStaff(api, token, '张伟');

  const att = await AttendancePage.open(await signIn(page, workbench, LEAD), MONTH);
  await expect(page.getByTestId('attendance-unknown-year')).toContainText('节假日库不包含 2027 年');
  // Until told otherwise, 2027-01-01 (a Friday) is a plain workday and 01-09 (a Saturday) a day off.
  const header = (day: number) => att.grid.getByRole('columnheader').nth(day);
  await expect(header(1)).toHaveText('1五');
  await expect(header(9)).toHaveText('9六');

  await att.tab('节假日与调休').click();
  const panel = page.getByRole('tabpanel');
  const enter = async (date: string, kind: string | null, name: string) => {
    if (kind) {
      await panel.getByLabel('设置为').click();
      await page.getByTitle(kind).click();
    }
    await panel.getByLabel('名称').fill(name);
    const input = panel.getByLabel('日期');
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    await expect(input).toHaveValue(date);
    const save = panel.getByRole('button', { name: /保\s*存/ });
    await expect(save).toBeEnabled();
    await save.click();
    await expect(panel.getByRole('row').filter({ hasText: name })).toContainText('手工设置');
  };
  await enter('2027-01-01', null, '元旦');
  await enter('2027-01-09', '工作日（调休上班）', '春节调休');
  await expect(panel.getByRole('row').filter({ hasText: '元旦' })).toContainText('法定节假日');
  await expect(panel.getByRole('row').filter({ hasText: '春节调休' })).toContainText('调休上班');

  await att.tab('考勤表').click();
  await expect(header(1)).toHaveText('1休');
  await expect(header(9)).toHaveText('9班');

  // The core agrees: 01-01 is off, 01-09 is a working day; the year stays flagged.
  const lead = await api.login(LEAD);
  const v = await api.ok('attendance/month', { month: MONTH }, lead);
  expect(v.calendarKnown).toBe(false);
  expect(v.days[0]).toMatchObject({ date: '2027-01-01', working: false, kind: 'holiday', override: 'holiday', name: '元旦' });
  expect(v.days[8]).toMatchObject({ date: '2027-01-09', working: true, kind: 'makeup_workday', override: 'workday', name: '春节调休' });
});
