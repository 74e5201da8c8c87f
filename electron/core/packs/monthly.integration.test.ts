/**
 * A monthly pack end to end on a demo database: built through the channel (a job with
 * progress), every PDF signed (pdfsig: valid, whole document), text and fonts in place, the
 * workbook opens in LibreOffice; `owb verify`, `sha256sum -c`, openssl and verify.html in
 * Chromium all agree, and every kind of tampering is caught and named.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult, VerifyReport } from '../../../shared/contract/packs';
import type { MonthlyReport } from '../../../shared/contract/reports';
import type { CoreEvent } from '../../../shared/contract';
import type { TestCore } from '../test-utils';
import { buildManifest, checkPdfSignatures, loadOrCreateIdentity, signManifest, verifyPack, writeManifest, writeSha256Sums } from './crypto';
import { copyDir, flipByte, run } from './crypto/testkit';
import { recordFormKinds } from './collect';
import { packsDir } from './handlers';
import { xrefStreamPdf } from './pdf/testkit';
import { demoCore, fakeJpeg, listFiles, owb } from './testkit';
import { uploadBytes } from '../uploads/testkit';

const MONTH = '2024-06';
const CHROMIUM = '/usr/bin/chromium';
let t: TestCore;
let built: BuildResult;
let folder: string;
let zip: string;
let woDocNos: string[];
let faultDocNos: string[];
let inspected = false;
const events: CoreEvent[] = [];
const SUMMARY = '六月份系统整体运行平稳，驻场团队完成了汛期前的备份恢复演练。';

beforeAll(async () => {
  t = demoCore('owb-pack-monthly-');
  t.core.onEvent((e) => events.push(e));
  const wos = t.core.runtime.sqlite.prepare(`SELECT id, doc_no AS docNo, status FROM work_orders WHERE apply_date LIKE '${MONTH}%' ORDER BY apply_date, doc_no`).all() as Array<{ id: string; docNo: string; status: string }>;
  woDocNos = wos.map((w) => w.docNo);
  faultDocNos = (t.core.runtime.sqlite.prepare(`SELECT doc_no AS d FROM faults WHERE report_date LIKE '${MONTH}%'`).all() as Array<{ d: string }>).map((r) => r.d);
  const confirmed = wos.find((w) => w.status === 'confirmed');
  if (!confirmed) throw new Error('demo month without a confirmed work order');
  // Signed paper: a photo of a work order, a PDF scan (xref-stream PDF) of the attendance sheet.
  await t.call('attachments/add', { entity: 'workorder', entityId: confirmed.id, role: 'signed_scan', name: '工单签字.jpg', mime: 'image/jpeg', dataBase64: fakeJpeg().toString('base64') });
  await t.call('attachments/add', { entity: 'attendance_month', entityId: MONTH, role: 'signed_scan', name: '考勤表签字.pdf', mime: 'application/pdf', dataBase64: xrefStreamPdf('Attendance signed').toString('base64') });
  await t.call('reports/monthly-save', { month: MONTH, summary: SUMMARY, typicalFaults: '', suggestions: '加强汛期机房巡查。' });
  // An inspection round (the inspections feature registers its sheets as form kinds).
  try {
    await t.call('inspections/start', { templateCode: 'daily', bizDate: `${MONTH}-03`, slot: 'am' });
    await t.call('inspections/start', { templateCode: 'daily', bizDate: `${MONTH}-04`, slot: 'am' });
    inspected = true;
  } catch (e) {
    process.stderr.write(`[packs test] no inspection runs: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  built = (await t.call('packs/build', { target: { kind: 'monthly', month: MONTH }, jobId: 'job-monthly' })) as BuildResult;
  folder = path.join(packsDir(t.dir), built.name);
  zip = `${folder}.zip`;
}, 600_000);
afterAll(() => {
  t?.close();
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

const pdfs = (): string[] => listFiles(folder).filter((f) => f.endsWith('.pdf'));
const text = (rel: string): string => run('pdftotext', ['-layout', path.join(folder, rel), '-']).stdout;

describe('monthly pack', { timeout: 300_000 }, () => {
  it('is built as a job with progress, recorded, and laid out as documented', async () => {
    expect(built.kind).toBe('monthly');
    expect(built.name).toBe(`月度验收资料-${MONTH}`);
    expect(events.some((e) => e.type === 'progress' && e.jobId === 'job-monthly' && e.done === e.total)).toBe(true);
    const files = listFiles(folder);
    expect(files).toEqual(
      expect.arrayContaining([
        '00-封面及目录.pdf',
        `01-运维月报-${MONTH}.pdf`,
        `02-运维实施工单-${MONTH}.pdf`,
        `03-故障报告单-${MONTH}.pdf`,
        `05-日常工作考勤表-${MONTH}.pdf`,
        `06-统计表-${MONTH}.xlsx`,
        '07-签字扫描件/2024年6月考勤表 签字件.pdf',
        'SHA256SUMS',
        'manifest.json',
        'manifest.sig',
        'verify.html',
        'signer/cert.pem',
      ]),
    );
    expect(files.some((f) => /^07-签字扫描件\/工单 GD-\d{4}-\d{4} 签字件\.jpg$/.test(f))).toBe(true);
    expect(fs.existsSync(zip)).toBe(true);
    // no temp leftovers beside the pack
    expect(fs.readdirSync(packsDir(t.dir)).filter((f) => f.startsWith('.'))).toEqual([]);
    const list = (await t.call('packs/list', {})) as Array<{ id: string; present: boolean }>;
    expect(list[0]).toMatchObject({ id: built.id, present: true });
    expect(built.pages).toBeGreaterThan(20);
  });

  it('every PDF is signed over the whole document (pdfsig) and embeds its fonts', () => {
    expect(pdfs().length).toBe(built.pdfs);
    for (const f of pdfs()) {
      const abs = path.join(folder, f);
      const ours = !f.includes('签字扫描件');
      const sig = run('pdfsig', [abs]).stdout;
      expect(sig, f).toContain('Signature is Valid.');
      expect(sig, f).toContain('Total document signed');
      expect(checkPdfSignatures(fs.readFileSync(abs)).wholeDocument, f).toBe(true);
      const fonts = run('pdffonts', [abs]).stdout.split('\n').slice(2).filter((l) => l.trim());
      if (ours) for (const l of fonts) expect(l, `${f}: ${l}`).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
  });

  it('the documents carry their fields (pdftotext)', () => {
    const report = text(`01-运维月报-${MONTH}.pdf`);
    for (const s of ['运维月报', '徐州市公共信用信息系统平台运维', 'JSZC-320300-XZCG-G2023-0060', '服务总结', '系统运行状态统计', '典型故障处理', '故障统计与分析', 'SLA 时限达标情况', '改进建议', '加强汛期机房巡查', '人员考勤']) expect(report).toContain(s);
    expect(report.replace(/\s+/g, '')).toContain(SUMMARY);
    const wo = text(`02-运维实施工单-${MONTH}.pdf`);
    for (const d of woDocNos) expect(wo).toContain(d);
    expect(wo).toContain('运维实施工单');
    const fl = text(`03-故障报告单-${MONTH}.pdf`);
    for (const d of faultDocNos) expect(fl).toContain(d);
    expect(text(`05-日常工作考勤表-${MONTH}.pdf`)).toContain('2024年6月日常工作考勤表');
    const cover = text('00-封面及目录.pdf');
    expect(cover).toContain('2024年6月月度运维资料');
    expect(cover).toContain('一式三份');
    expect(cover).toContain(`02-运维实施工单-${MONTH}.pdf`);
    if (inspected) {
      const sheets = listFiles(folder).filter((f) => f.startsWith('04-巡检记录/'));
      // two daily sheets, and what the inspections feature makes from them (status, weekly)
      expect(sheets.length).toBeGreaterThanOrEqual(2);
      const all = sheets.map((f) => text(f)).join('\n');
      expect(all).toContain('日常巡检表');
      const kinds = recordFormKinds().map((k) => k.kind);
      if (kinds.includes('weekly-inspection')) expect(all).toContain('中心设备巡检表');
      if (kinds.includes('system-status')) expect(all).toContain('中心系统运行状态');
      expect(built.warnings.filter((w) => w.includes('巡检'))).toEqual([]);
    }
    // the signed scan PDF is still the scan
    expect(text('07-签字扫描件/2024年6月考勤表 签字件.pdf')).toContain('Attendance signed');
  });

  it('the 月报 first page renders (pdftoppm)', () => {
    const out = path.join(t.dir, 'report-page');
    const r = run('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', path.join(folder, `01-运维月报-${MONTH}.pdf`), out]);
    expect(r.code).toBe(0);
    const png = fs.readdirSync(t.dir).find((f) => f.startsWith('report-page'));
    expect(png && fs.statSync(path.join(t.dir, png)).size).toBeGreaterThan(10_000);
  });

  it('the workbook opens in LibreOffice headless, one sheet per table', () => {
    const xlsx = path.join(folder, `06-统计表-${MONTH}.xlsx`);
    const out = path.join(t.dir, 'csv');
    const r = run('soffice', ['--headless', `-env:UserInstallation=${pathToFileURL(path.join(t.dir, 'lo-profile')).href}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', out, xlsx]);
    expect(r.code, r.stderr).toBe(0);
    const csv = fs.readFileSync(path.join(out, `06-统计表-${MONTH}.csv`), 'utf8');
    expect(csv).toContain('故障清单');
    for (const d of faultDocNos) expect(csv).toContain(d);
    const zipList = run('unzip', ['-l', xlsx]).stdout;
    expect(zipList.match(/xl\/worksheets\/sheet\d+\.xml/g)?.length).toBeGreaterThanOrEqual(8);
  }, 300_000);

  it('verifies: owb verify (folder and zip), sha256sum -c, openssl Ed25519, the packs/verify channel', async () => {
    const [a, b] = await Promise.all([owb(['verify', folder]), owb(['verify', zip])]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr).toContain('校验通过');
    const sums = run('sha256sum', ['-c', '--strict', 'SHA256SUMS'], folder);
    expect(sums.code, sums.stdout + sums.stderr).toBe(0);
    const ed = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer/ed25519.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.ed25519.sig'], folder);
    expect(ed.stdout + ed.stderr).toContain('Signature Verified Successfully');
    const v = (await t.call('packs/verify', { id: built.id })) as VerifyReport;
    expect(v.ok).toBe(true);
    expect(v.signer.trusted).toBe(true);
    expect(v.signer.thisWorkstation).toBe(true);
    expect(v.checked.pdfSignatures).toBe(built.pdfs);
  }, 300_000);

  it('catches tampering: a flipped byte, a deleted file, an added file, a manifest re-signed with another key', async () => {
    const pdf = `03-故障报告单-${MONTH}.pdf`;
    const flipped = copyDir(folder, path.join(t.dir, 'tamper-flip'));
    flipByte(path.join(flipped, pdf));
    const deleted = copyDir(folder, path.join(t.dir, 'tamper-delete'));
    fs.rmSync(path.join(deleted, `02-运维实施工单-${MONTH}.pdf`));
    const added = copyDir(folder, path.join(t.dir, 'tamper-add'));
    fs.writeFileSync(path.join(added, '补充说明.txt'), '后加的文件');
    const resigned = copyDir(folder, path.join(t.dir, 'tamper-resign'));
    const attacker = await loadOrCreateIdentity(path.join(t.dir, 'attacker'), { commonName: '徐州市公共信用信息系统平台运维工作站', organization: '南京莱斯信息技术股份有限公司' });
    fs.writeFileSync(path.join(resigned, `05-日常工作考勤表-${MONTH}.pdf`), Buffer.from('%PDF-1.4 a different sheet'));
    const m = await buildManifest(resigned, { kind: 'monthly', period: MONTH, project: '徐州市公共信用信息系统平台运维', createdAt: new Date().toISOString(), softwareVersion: 'x' });
    await writeManifest(resigned, m);
    await writeSha256Sums(resigned, m.entries);
    const ownerSigner = fs.mkdtempSync(path.join(t.dir, 'signer-'));
    fs.cpSync(path.join(folder, 'signer'), ownerSigner, { recursive: true });
    await signManifest(resigned, attacker);
    fs.cpSync(ownerSigner, path.join(resigned, 'signer'), { recursive: true }); // the recipient knows the owner's keys

    const [rf, rd, ra, rr] = await Promise.all([owb(['verify', flipped]), owb(['verify', deleted]), owb(['verify', added]), owb(['verify', resigned])]);
    expect(rf.code).toBe(1);
    expect(rf.stderr).toContain(pdf);
    expect(rd.code).toBe(1);
    expect(rd.stderr).toContain(`02-运维实施工单-${MONTH}.pdf`);
    expect(ra.code).toBe(1);
    expect(ra.stderr).toContain('补充说明.txt');
    expect(rr.code).toBe(1);
    expect(rr.stderr).toContain('manifest.sig');

    const kinds = async (dir: string): Promise<string[]> => (await verifyPack(dir)).problems.map((p) => `${p.kind}:${p.path ?? ''}`);
    expect(await kinds(flipped)).toEqual(expect.arrayContaining([`altered:${pdf}`]));
    expect(await kinds(deleted)).toEqual([`missing:02-运维实施工单-${MONTH}.pdf`]);
    expect(await kinds(added)).toEqual(['extra:补充说明.txt']);
    expect(await kinds(resigned)).toEqual(expect.arrayContaining(['bad_signature:manifest.sig', 'bad_signature:manifest.json.ed25519.sig', 'bad_signature:manifest.json.sm2.sig']));

    // sha256sum -c sees the hashes
    const sf = run('sha256sum', ['-c', 'SHA256SUMS'], flipped);
    expect(sf.code).not.toBe(0);
    expect(sf.stdout).toContain(`${pdf}: FAILED`);
    const sd = run('sha256sum', ['-c', 'SHA256SUMS'], deleted);
    expect(sd.code).not.toBe(0);
    expect(sd.stdout + sd.stderr).toContain(`02-运维实施工单-${MONTH}.pdf`);
    // openssl: the owner's key does not verify the attacker's signature
    const ed = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer/ed25519.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.ed25519.sig'], resigned);
    expect(ed.stdout + ed.stderr).not.toContain('Signature Verified Successfully');
  }, 600_000);

  it('packs/verify-upload checks a received zip in a temp file and deletes it', async () => {
    const ok = (await t.call('packs/verify-upload', { uploadId: await uploadBytes(t, 'pack.zip', fs.readFileSync(zip)) })) as VerifyReport;
    expect(ok.ok).toBe(true);
    expect(ok.source).toBe('zip');
    expect(ok.manifest?.period).toBe(MONTH);
    expect(ok.signer.thisWorkstation).toBe(true);
    // A byte flipped inside the stored (not deflated) photo of the signed work order.
    const bad = fs.readFileSync(zip);
    const jpg = listFiles(folder).find((f) => f.endsWith('.jpg')) ?? '';
    const photo = fs.readFileSync(path.join(folder, jpg));
    const at = bad.indexOf(photo.subarray(2000, 2064));
    expect(at).toBeGreaterThan(0);
    bad[at] = (bad[at] ?? 0) ^ 0xff;
    const r = (await t.call('packs/verify-upload', { uploadId: await uploadBytes(t, 'pack.zip', bad) })) as VerifyReport;
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.kind}:${p.path ?? ''}`)).toEqual([`altered:${jpg}`]);
    await expect(t.call('packs/verify-upload', { uploadId: await uploadBytes(t, 'x.pdf', Buffer.from('%PDF-1.4 not a zip')) })).rejects.toThrow(/不是 ZIP/);
    expect(fs.readdirSync(path.join(t.dir, 'tmp', 'uploads'))).toEqual([]);
  });

  it('packs/print-list: PDFs in pack order, cover first, without the scans, 一式三份 by default', async () => {
    const r = (await t.call('packs/print-list', { id: built.id })) as { copies: number; files: Array<{ path: string; pages: number }>; pages: number };
    expect(r.copies).toBe(3);
    expect(r.files[0]?.path).toBe('00-封面及目录.pdf');
    expect(r.files.map((f) => f.path)).toEqual([...r.files.map((f) => f.path)].sort());
    expect(r.files.some((f) => f.path.includes('签字扫描件'))).toBe(false);
    expect(r.pages).toBe(r.files.reduce((s, f) => s + f.pages, 0));
    expect(r.files.every((f) => f.pages > 0)).toBe(true);
  });

  it('the 月报 text is stored and the figures computed', async () => {
    const r = (await t.call('reports/monthly-get', { month: MONTH })) as MonthlyReport;
    expect(r.saved).toBe(true);
    expect(r.summary).toBe(SUMMARY);
    expect(r.figures.faults.total).toBe(faultDocNos.length);
    expect(r.figures.workOrders.total).toBe(woDocNos.length);
    expect(r.drafts.summary).toContain(`共处理故障 ${faultDocNos.length} 起`);
  });
});

describe.skipIf(!fs.existsSync(CHROMIUM))('verify.html of a monthly pack in Chromium', { timeout: 300_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  }, 120_000);
  afterAll(async () => browser?.close());

  const check = async (dir: string): Promise<string> => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'verify.html')).href);
    await page.locator('#sig.ok, #sig.bad, #sig.warn').first().waitFor({ timeout: 60_000 });
    await page.setInputFiles('#pickDir', dir);
    await page.waitForFunction(() => /^(全部|发现)/.test(document.querySelector('#summary')?.textContent ?? ''), undefined, { timeout: 120_000 });
    const summary = await page.locator('#summary').innerText();
    const sig = await page.locator('#sig').innerText();
    await page.close();
    return `${sig} | ${summary}`;
  };

  it('intact: signature valid, every file OK; tampered copies: 已篡改 / 缺失 / 多余 named', async () => {
    const intact = await check(folder);
    expect(intact).toContain('签名有效');
    expect(intact).toContain(`全部 ${built.files} 个文件与签名清单一致。`);
    const copy = copyDir(folder, path.join(t.dir, 'html-tampered'));
    flipByte(path.join(copy, `01-运维月报-${MONTH}.pdf`));
    fs.rmSync(path.join(copy, `06-统计表-${MONTH}.xlsx`));
    fs.writeFileSync(path.join(copy, '多出来的.txt'), 'x');
    expect(await check(copy)).toContain('发现 3 个问题：已篡改 1 个，缺失 1 个，多余 1 个。');
  }, 300_000);
});
