/**
 * The annual acceptance pack of service year 1 on a one-year demo database, built by the CLI
 * (`owb export annual`): request letter, self-acceptance, health check, the year's summary,
 * twelve 月报 and monthly record volumes, the register's documents, the workbook. A build
 * cancelled half-way leaves nothing behind. Readiness lists what is missing, with the schedule.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../shared/contract';
import type { Readiness } from '../../../shared/contract/packs';
import type { TestCore } from '../test-utils';
import { checkPdfSignatures, verifyPack } from './crypto';
import { run } from './crypto/testkit';
import { packsDir } from './handlers';
import { xrefStreamPdf } from './pdf/testkit';
import { demoCore, listFiles, owb } from './testkit';

let t: TestCore;
let out: string;
let folder: string;
let cli: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  t = demoCore('owb-pack-annual-');
  // The register: one manual uploaded as a (scanner-style) PDF, one as Word, two still missing.
  const docs = (await t.call('documents/list', {})) as Array<{ id: string; title: string; kind: string; version: string }>;
  const [manual, faq] = docs;
  if (!manual || !faq) throw new Error('no seeded documents');
  const pdf = (await t.call('attachments/add', { entity: 'document', entityId: manual.id, role: 'document', name: '运维手册.pdf', mime: 'application/pdf', dataBase64: xrefStreamPdf('Operations manual').toString('base64') })) as { id: string };
  await t.call('documents/save', { id: manual.id, title: manual.title, kind: manual.kind, version: '1.1', control: 'controlled', changeSummary: '上传电子版', attachmentId: pdf.id });
  const docx = (await t.call('attachments/add', { entity: 'document', entityId: faq.id, role: 'document', name: '问题解答.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', dataBase64: Buffer.from('PK\u0003\u0004 fake docx').toString('base64') })) as { id: string };
  await t.call('documents/save', { id: faq.id, title: faq.title, kind: faq.kind, version: faq.version, control: 'controlled', changeSummary: '上传电子版', attachmentId: docx.id });
  out = path.join(t.dir, 'out');
  cli = await owb(['export', 'annual', '--db', t.dbPath, '--year', '1', '--out', out], { timeoutMs: 1_500_000 });
  folder = path.join(out, '年度验收资料-第1年度-2023-09至2024-08');
}, 1_600_000);
afterAll(() => {
  t?.close();
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

const text = (rel: string): string => run('pdftotext', ['-layout', path.join(folder, rel), '-']).stdout;
const MONTHS = ['2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08'];

describe('annual pack (owb export annual)', { timeout: 600_000 }, () => {
  it('the CLI reports progress on stderr and the result on stdout', () => {
    expect(cli.code, cli.stderr.slice(-2000)).toBe(0);
    expect(cli.stderr).toMatch(/\d+% \d+\/\d+ 运维月报 2023-09/);
    expect(cli.stderr).toContain('完成');
    const r = JSON.parse(cli.stdout) as { folder: string; zip: string; pages: number; bytes: number };
    expect(r.folder).toBe(folder);
    expect(fs.existsSync(r.zip)).toBe(true);
    expect(r.pages).toBeGreaterThan(300);
    expect(r.bytes / 1024 / r.pages).toBeLessThan(30); // KB per page
  });

  it('holds the letters, the health check, the year summary, 12 月报 and monthly volumes, documents, workbook', () => {
    const files = listFiles(folder);
    for (const f of ['00-封面及目录.pdf', '01-验收申请.pdf', '02-自验报告.pdf', '03-系统健康性检查报告.pdf', '04-年度运维总结.pdf', '10-统计表-第1年度.xlsx']) expect(files).toContain(f);
    for (const m of MONTHS) {
      expect(files).toContain(`05-运维月报/${m}-运维月报.pdf`);
      expect(files).toContain(`09-考勤表/${m}-日常工作考勤表.pdf`);
    }
    expect(files.filter((f) => f.startsWith('06-运维实施工单/')).length).toBe(12);
    expect(files.filter((f) => f.startsWith('07-故障报告单/')).length).toBeGreaterThanOrEqual(10);
    expect(files.filter((f) => f.startsWith('11-文档资料/'))).toEqual(['11-文档资料/WD-2023-001-系统运维手册-V1.1.pdf', '11-文档资料/WD-2023-002-系统运维问题及解答手册-V1.0.docx']);
    expect(cli.stderr).toContain('文档“WD-2023-003 系统配置手册”未上传电子文件');
  });

  it('every PDF is signed over the whole document, including the uploaded manual', () => {
    const pdfs = listFiles(folder).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(40);
    for (const f of pdfs) {
      const bytes = fs.readFileSync(path.join(folder, f));
      const r = checkPdfSignatures(bytes);
      expect(r.problems, f).toEqual([]);
      expect(r.wholeDocument, f).toBe(true);
    }
    // poppler on a sample (every file would take minutes on a loaded machine)
    for (const f of ['01-验收申请.pdf', '02-自验报告.pdf', '03-系统健康性检查报告.pdf', '11-文档资料/WD-2023-001-系统运维手册-V1.1.pdf', '06-运维实施工单/2024-03-运维实施工单.pdf']) {
      const sig = run('pdfsig', [path.join(folder, f)]).stdout;
      expect(sig, f).toContain('Signature is Valid.');
      expect(sig, f).toContain('Total document signed');
    }
  });

  it('the letters say what the contract asks (pdftotext)', () => {
    const letter = text('01-验收申请.pdf');
    for (const s of ['第一年度运维服务验收的申请', '徐州市发展和改革委员会', '合同附件7', '2023年9月1日', '2024年8月31日', '自验报告', '南京莱斯信息技术股份有限公司（盖章）']) expect(letter.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
    const self = text('02-自验报告.pdf');
    for (const s of ['自验报告', '运维实施工单', '故障报告单', '考勤表', '系统健康性检查报告', '文档资料', '服务质量指标', '自验结论']) expect(self).toContain(s);
    expect(self).toMatch(/不符合|基本符合/); // two manuals are missing
    const health = text('03-系统健康性检查报告.pdf');
    for (const s of ['系统健康性检查报告', '中心数据库服务器', '127.0.10.1', '可用率']) expect(health).toContain(s);
    const year = text('04-年度运维总结.pdf');
    expect(year).toContain('各月故障与超时');
    expect(text('11-文档资料/WD-2023-001-系统运维手册-V1.1.pdf')).toContain('Operations manual');
  });

  it('verifies with owb verify (zip) and verifyPack (folder)', async () => {
    const [v, own] = await Promise.all([owb(['verify', `${folder}.zip`]), verifyPack(folder)]);
    expect(v.code, v.stderr).toBe(0);
    expect(own.problems).toEqual([]);
  });

  it('readiness of year 1 names what is missing and shows the schedule', async () => {
    const r = (await t.call('packs/readiness', { target: { kind: 'annual', year: 1 } })) as Readiness;
    expect(r.from).toBe('2023-09-01');
    expect(r.to).toBe('2024-08-31');
    expect(r.schedule.map((s) => `${s.key} ${s.from}..${s.to} ${s.state}`)).toEqual([
      'health 2024-07-01..2024-07-15 past',
      'delivery 2024-07-16..2024-07-22 past',
      'archive 2024-07-23..2024-07-30 past',
      'acceptance 2024-08-01..2024-08-31 past',
    ]);
    const docs = r.items.find((i) => i.key === 'documents');
    expect(docs?.status).toBe('partial');
    expect(docs?.missing).toEqual(['WD-2023-003 系统配置手册', 'WD-2023-004 系统实施手册']);
    expect(r.items.find((i) => i.key === 'monthlyReports')?.status).toBe('missing');
    expect(r.ready).toBe(false);
    // the pack the CLI built is recorded
    expect(r.lastPack?.name).toBe('年度验收资料-第1年度-2023-09至2024-08');
    await expect(t.call('packs/readiness', { target: { kind: 'annual', year: 4 } })).rejects.toThrow(/服务年度应为 1 到 3/);
  });

  it('a build cancelled half-way leaves no folder, zip or temp files, and no record', async () => {
    const events: CoreEvent[] = [];
    const off = t.core.onEvent((e) => {
      events.push(e);
      if (e.type === 'progress' && e.jobId === 'cancel-me' && e.done === 3) void t.call('jobs/cancel', { jobId: 'cancel-me' });
    });
    try {
      await expect(t.call('packs/build', { target: { kind: 'annual', year: 1 }, jobId: 'cancel-me' })).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      off();
    }
    expect(events.some((e) => e.type === 'progress' && e.jobId === 'cancel-me')).toBe(true);
    const dir = packsDir(t.dir);
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
    const list = (await t.call('packs/list', { kind: 'annual' })) as Array<{ name: string }>;
    expect(list.map((p) => p.name)).toEqual(['年度验收资料-第1年度-2023-09至2024-08']); // only the CLI's
  });
});
