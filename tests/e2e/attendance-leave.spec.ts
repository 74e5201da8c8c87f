import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addMonths, monthOf, toBizDate } from '../../shared/time';
import { addStaff, expect, setupAdmin, signIn, snap, test } from './fixtures';
import { AttendancePage } from './pages/AttendancePage';
import { cjk } from './pages/FormHelpers';

const LEAD = { username: 'zhougong', displayName: '周工', password: 'Lead#2024secure' } as const;

test('leave: 事假 asked ahead and approved by the project manager; 病假 needs the hospital note before approval; a rejected 事假 is 旷工 on the sheet and listed', async ({ page, workbench, api }) => {
  // Three requests, an upload and two sheet checks: over the default 120 s on a busy machine.
  test.setTimeout(240_000);
  const { token } = await setupAdmin(api, { ...LEAD, roles: ['engineer', 'manager'] });
  await addStaff(api, token, '张伟', '李娜');
  const month = addMonths(monthOf(toBizDate(new Date())), 1); // ahead: the request is in time
  // The first two working days of that month (holidays and 调休 as the core's calendar says).
  const { days } = await api.ok('attendance/month', { month }, token);
  const [d1, d2] = days.filter((x) => x.working).map((x) => x.day) as [number, number];
  const dateOf = (day: number) => `${month}-${String(day).padStart(2, '0')}`;

  const att = await AttendancePage.open(await signIn(page, workbench, LEAD), month);
  await att.tab('请假').click();

  const ask = async (who: string, kind: string, reason: string, day: number) => {
    await page.getByTestId('leave-new').click();
    const dialog = page.getByRole('dialog', { name: '申请请假' });
    for (const placeholder of ['开始日期', '结束日期']) {
      const input = dialog.getByPlaceholder(placeholder);
      await input.click();
      await input.fill(dateOf(day));
      await input.press('Enter');
    }
    await expect(dialog.getByPlaceholder('开始日期')).toHaveValue(dateOf(day));
    await expect(dialog.getByPlaceholder('结束日期')).toHaveValue(dateOf(day));
    await dialog.getByLabel('请假人').click();
    await page.getByTitle(who, { exact: true }).click();
    await dialog.getByLabel('假别').click();
    await page.getByTitle(kind).click();
    await dialog.getByLabel('事由').fill(reason);
    await dialog.getByRole('button', { name: /提交申请/ }).click();
    await expect(dialog).toBeHidden();
  };
  const row = (who: string) => page.getByTestId('leave-list').getByRole('row').filter({ hasText: who }).first();

  // 事假 for 张伟: pending, then approved.
  await ask('张伟', '○ 事假', '家中有事', d1);
  await expect(row('张伟')).toContainText('待审批');
  await att.approveLeave(row('张伟'));
  await expect(row('张伟')).toContainText('已批准');

  // 病假 for 李娜: approval is refused until the note is attached.
  await ask('李娜', '☆ 病假', '发烧就医', d1);
  await expect(row('李娜')).toContainText('未上传');
  await att.approveLeave(row('李娜'));
  await expect(page.getByRole('dialog')).toContainText('诊断证明');
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  const note = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'owb-e2e-note-')), '诊断证明.pdf');
  fs.writeFileSync(note, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  await row('李娜').locator('input[type=file]').setInputFiles(note);
  await expect(row('李娜')).toContainText('已上传');
  await att.approveLeave(row('李娜'));
  await expect(row('李娜')).toContainText('已批准');
  await snap(page, 'attendance-leave');

  // On the sheet: 张伟's 事假 on that day is covered by the approved request (no 旷工 flag);
  // the same mark for 李娜 on the next working day has no request and is flagged.
  await att.tab('考勤表').click();
  await att.cell(0, d1).click();
  await att.type('8');
  await expect(att.cell(0, d1)).toHaveText('○');
  await expect(att.cell(0, d1)).not.toHaveAttribute('title', /按旷工处理/);
  await att.cell(1, d2).click();
  await att.type('8');
  await expect(att.cell(1, d2)).toHaveAttribute('title', /未提出事假申请，按旷工处理/);

  // A 事假 the manager rejects does not cover the day: marked anyway, it is 旷工 and listed.
  await att.tab('请假').click();
  await ask('张伟', '○ 事假', '外出办事', d2);
  const rejected = page.getByTestId('leave-list').getByRole('row').filter({ hasText: '外出办事' });
  await expect(rejected).toContainText('待审批');
  await rejected.getByRole('button', { name: cjk('驳回') }).click();
  const decide = page.getByRole('dialog');
  await decide.getByLabel('审批意见').fill('上线期间不批');
  await decide.getByRole('button', { name: cjk('驳回') }).click();
  await expect(decide).toBeHidden();
  await expect(rejected).toContainText('已驳回');
  await att.tab('考勤表').click();
  await att.cell(0, d2).click();
  await att.type('8');
  await expect(att.cell(0, d2)).toHaveAttribute('title', /事假申请未获批准，按旷工处理/);
  await att.tab('违规与提醒').click();
  await expect(page.getByRole('tabpanel')).toContainText(/张伟.*事假申请未获批准，按旷工处理/);
  await expect(page.getByRole('tabpanel')).toContainText(/李娜.*未提出事假申请，按旷工处理/);

  // The requests are on record through the core as well.
  const list = await api.ok('attendance/leave-list', { month }, await api.login(LEAD));
  expect(list.map((l) => `${l.staffName}:${l.status}`).sort()).toEqual(['张伟:approved', '张伟:rejected', '李娜:approved']);
});
