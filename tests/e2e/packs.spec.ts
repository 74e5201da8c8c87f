import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { addMonths, monthOf, toBizDate } from '../../shared/time';
import { addStaff, expect, setupAdmin, signIn, snap, test } from './fixtures';

const ENGINEER = { username: 'liming', displayName: '李明', password: 'Eng#2024secure' } as const;

test('报表与验收: write the 月报, build a signed monthly pack with progress, verify, print list, check a received zip', async ({ page, workbench, api }) => {
  test.setTimeout(600_000);
  const { token } = await setupAdmin(api, { ...ENGINEER, roles: ['engineer'] });
  await addStaff(api, token, '李明');
  const month = addMonths(monthOf(toBizDate(new Date())), -1);

  await (await signIn(page, workbench, ENGINEER)).open('reports');
  const root = page.getByTestId('page-reports');
  await expect(root).toBeVisible();

  // 月报: figures computed, text written and saved.
  await expect(page.getByTestId('report-figures')).toBeVisible();
  await expect(page.getByTestId('report-saved-state')).toHaveText('本月月报尚未保存');
  await page.getByTestId('report-summary').fill('本月系统运行平稳，完成了全部巡检与工单。');
  await page.getByTestId('report-draft-suggestions').click();
  await expect(page.getByTestId('report-suggestions')).toHaveValue(/持续做好数据备份/);
  await page.getByTestId('report-save').click();
  await expect(page.getByTestId('report-saved-state')).toContainText('最后保存');
  const saved = await api.call('reports/monthly-get', { month }, token);
  expect(saved.ok && saved.data.summary).toBe('本月系统运行平稳，完成了全部巡检与工单。');

  // 验收资料包: readiness, build with progress, the list.
  await root.getByRole('tab', { name: '验收资料包' }).click();
  await expect(page.getByTestId('pack-readiness')).toContainText('运维月报');
  await expect(page.getByTestId('readiness-monthlyReports')).toContainText('已具备');
  await page.getByTestId('pack-build').click();
  await expect(page.getByTestId('pack-progress')).toBeVisible();
  await expect(page.getByTestId('pack-result')).toContainText(`已生成 月度验收资料-${month}`, { timeout: 300_000 });
  await expect(page.getByTestId('pack-list')).toContainText(`月度验收资料-${month}`);
  await snap(page, 'packs-built');

  // 校验 the pack just built.
  await page.getByTestId('pack-verify').first().click();
  await expect(page.getByTestId('verify-result')).toContainText('校验通过：所有文件完整，签名有效。');
  await expect(page.getByTestId('verify-result')).toContainText('本工作站签名');
  await page.keyboard.press('Escape');

  // 打印: the PDFs in order, 一式三份.
  await page.getByTestId('pack-print').first().click();
  await expect(page.getByTestId('print-summary')).toContainText('每份打印 3 次');
  await expect(page.getByRole('dialog')).toContainText('00-封面及目录.pdf');
  await expect(page.getByRole('dialog')).toContainText('浏览器版本可下载资料包后打印');
  await page.keyboard.press('Escape');

  // 年度: the acceptance schedule of service year 1 (2023-09-01..2024-08-31 by default), each
  // step with its dates and what it still lacks.
  await page.getByTestId('pack-kind').getByText('年度验收资料包').click();
  const schedule = page.getByTestId('pack-schedule');
  await expect(schedule).toContainText('第一年度');
  await expect(page.getByTestId('schedule-health')).toContainText('系统健康性检查报告');
  await expect(page.getByTestId('schedule-health')).toContainText('2024年7月1日 — 2024年7月15日');
  await expect(page.getByTestId('schedule-delivery')).toContainText('2024年7月16日 — 2024年7月22日');
  await expect(page.getByTestId('schedule-archive')).toContainText('2024年7月23日 — 2024年7月30日');
  await expect(page.getByTestId('schedule-acceptance')).toContainText('2024年8月1日 — 2024年8月31日');
  await expect(page.getByTestId('schedule-delivery')).toContainText(/待完成：.*运维月报（缺失）/);
  await expect(page.getByTestId('schedule-acceptance')).toContainText('尚未生成本年度资料包');
  await expect(page.getByTestId('pack-readiness')).toContainText('缺：');
  await snap(page, 'packs-annual-schedule');
  await page.getByTestId('pack-kind').getByText('月度资料包').click();

  // 校验资料包: a received zip (this one), then a damaged copy.
  const eng = await api.login(ENGINEER);
  const packs = await api.ok('packs/list', {}, eng);
  const zip = await api.ok('packs/download', { id: packs[0]!.id }, eng);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-e2e-zip-'));
  const good = path.join(dir, zip.fileName);
  fs.writeFileSync(good, Buffer.from(zip.dataBase64, 'base64'));
  const damaged = path.join(dir, 'damaged.zip');
  const bytes = Buffer.from(zip.dataBase64, 'base64');
  // Flip a byte of the stored workbook (xlsx entries are stored, not deflated).
  const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
  bytes[at + 400] = (bytes[at + 400] ?? 0) ^ 0xff;
  fs.writeFileSync(damaged, bytes);
  try {
    await root.getByRole('tab', { name: '校验资料包' }).click();
    await page.getByTestId('verify-file').setInputFiles(good);
    await page.getByTestId('verify-run').click();
    await expect(page.getByTestId('verify-result')).toContainText('校验通过');
    await page.getByTestId('verify-file').setInputFiles(damaged);
    await page.getByTestId('verify-run').click();
    await expect(page.getByTestId('verify-result')).toContainText('校验失败');
    await expect(page.getByTestId('verify-result')).toContainText('.xlsx');
    await snap(page, 'packs-verify-damaged');
    // A received zip larger than one bridge call (8 MB): sent in chunks with progress; the
    // check names the file someone slipped in.
    const big = path.join(dir, 'big.zip');
    await withExtraEntry(good, big, 'extra/扫描件.bin', crypto.randomBytes(11 * 1024 * 1024));
    expect(fs.statSync(big).size).toBeGreaterThan(10 * 1024 * 1024);
    await page.getByTestId('verify-file').setInputFiles(big);
    await page.getByTestId('verify-run').click();
    await expect(page.getByTestId('verify-result')).toContainText('校验失败', { timeout: 60_000 });
    await expect(page.getByTestId('verify-result')).toContainText('extra/扫描件.bin');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // 签名身份: the fingerprints to hand to Party A.
  await root.getByRole('tab', { name: '签名身份' }).click();
  const id = await api.ok('packs/identity', {}, token);
  await expect(page.getByTestId('identity')).toContainText(id.fingerprints.ed25519);
  await expect(page.getByTestId('identity')).toContainText('自签证书');
});

/** Copies every entry of `from` into `to` (stored) and adds one more. */
async function withExtraEntry(from: string, to: string, name: string, data: Buffer): Promise<void> {
  const out = new yazl.ZipFile();
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(from, { lazyEntries: true }, (e, z) => (e || !z ? reject(e ?? new Error('zip')) : resolve(z))));
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e ?? new Error('entry'));
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.addBuffer(Buffer.concat(chunks), entry.fileName, { compress: false });
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  out.addBuffer(data, name, { compress: false });
  out.end();
  await new Promise<void>((resolve, reject) => out.outputStream.pipe(fs.createWriteStream(to)).on('close', resolve).on('error', reject));
}
