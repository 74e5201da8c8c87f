import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../../../shared/contract/faults';
import { libreOfficeCsv, pdfFonts, pdfRawPages, renderPng, squash, writeTemp, xlsxCells, xlsxPageSetup } from '../../forms/testing';
import { tempDir } from '../../test-tmp';
import { faultInput, PNG_1x1, PNG_1x1_RED, recordsFixture, type RecordsFixture } from '../test-helpers';

const HYPERLINK = '=HYPERLINK("http://127.0.0.1/","x")';
let f: RecordsFixture;
let fault: Fault;

beforeAll(async () => {
  f = await recordsFixture('2026-03-02T01:00:00.000Z');
  const [a1, a2] = await f.assetIds();
  const c = await f.call(
    'faults/create',
    faultInput({
      title: '中心数据库服务器表空间不足',
      description: `${HYPERLINK}\n09:42 监控发现中心数据库服务器表空间 CREDIT_DATA 使用率达到 98%，数据归集任务“部门数据入库”连续三次失败。`,
      severity: 'serious',
      alertLevel: 2,
      category: 'database',
      assetIds: [a1!, a2!],
      reportedAt: '2026-03-02T00:40:00.000Z',
    }),
  );
  await f.call('faults/stamp', { id: c.id, step: 'respond', at: '2026-03-02T00:50:00.000Z', by: '赵工' });
  await f.call('faults/stamp', { id: c.id, step: 'on_site', at: '2026-03-02T00:55:00.000Z', by: '赵工' });
  await f.call('faults/stamp', { id: c.id, step: 'resolve', patch: { solution: '+扩展表空间数据文件 2 个（各 32 GB），清理 2023 年以前的临时归集表。' } });
  await f.call('faults/stamp', {
    id: c.id,
    step: 'file_report',
    patch: { causeAnalysis: '@归档日志未按计划清理，表空间自动扩展上限过低。', handlingProcess: '-电话报告项目负责人后到场，扩容并重跑归集任务。', preventiveMeasures: '表空间使用率纳入日常巡检，阈值 85% 告警。' },
  });
  await f.call('attachments/add', { entity: 'fault', entityId: c.id, role: 'evidence', name: '表空间使用率截图.png', mime: 'image/png', dataBase64: PNG_1x1.toString('base64') });
  await f.call('faults/review', { id: c.id, reviewerName: '李经理' }, f.mgr);
  // The client's signed copy comes back later: it confirms the form, it is not one of its 附件.
  await f.call('attachments/add', { entity: 'fault', entityId: c.id, role: 'signed_scan', name: '签字件.png', mime: 'image/png', dataBase64: PNG_1x1_RED.toString('base64') });
  fault = await f.call('faults/get', { id: c.id });
}, 120_000);
afterAll(() => f.close());

/** Every label of the 故障报告单 and every value of the filled one. */
function expectedTexts(x: Fault): string[] {
  return [
    '故障报告单',
    `文档编号：${x.docNo}`,
    '项目名称：徐州市公共信用信息系统平台运维',
    '报告人', x.reporterName,
    '报告日期', '2026 年 3 月 2 日',
    '故障日期',
    '故障所属', '系统故障', '数据库系统故障', '网络设备故障', '其它应用软件系统故障',
    '故障级别', '一般', '严重', '特别严重',
    '故障名称', x.title,
    '故障描述', HYPERLINK, '表空间 CREDIT_DATA 使用率达到 98%',
    '关联资产', ...x.assets.map((a) => `${a.name}（${a.ip}）`),
    '预警级别', '二级预警',
    '处理结果', '已解决', '未解决',
    '解决方案', x.solution,
    '原因分析', x.causeAnalysis,
    '处理过程', x.handlingProcess,
    '防范措施', x.preventiveMeasures,
    '附件', '表空间使用率截图.png',
    '审核人', '李经理', '审核日期',
    '处理时限记录', '环节', '时间（执行人）', '是否按时', '时限（截止时间）',
    '2026年3月2日 08:40（王工）', '2026年3月2日 08:50（赵工）', '2026年3月2日 09:10', '按时完成',
    '报告人（签字）', '审核人（签字）',
  ];
}

describe('故障报告单 as PDF', () => {
  let file = '';
  let pages: string[] = [];
  beforeAll(async () => {
    const out = await f.call('forms/export', { kind: 'fault', params: { id: fault.id }, format: 'pdf' });
    expect(out).toMatchObject({ fileName: `故障报告单-${fault.docNo}.pdf`, mime: 'application/pdf' });
    file = writeTemp(out.fileName, Buffer.from(out.dataBase64, 'base64'));
    pages = await pdfRawPages(file);
  }, 60_000);

  it('has every label and every value as text, the check boxes’ states and 第 x 页 共 y 页', () => {
    const all = squash(pages.join(''));
    for (const text of expectedTexts(fault)) expect(all, text).toContain(squash(text));
    for (const state of ['√数据库系统故障', '□系统故障', '□网络设备故障', '□其它应用软件系统故障', '√严重', '□一般', '√已解决', '□未解决']) expect(all, state).toContain(state);
    // The signed scan is on the record, not on the form.
    expect(fault.signedScans.map((s) => s.name)).toEqual(['签字件.png']);
    expect(all).not.toContain('签字件.png');
    expect(pages).toHaveLength(1);
    expect(squash(pages[0]!)).toContain('第1页共1页');
  });

  it('embeds the CJK font, subset, and nothing else', async () => {
    const fonts = await pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true, name: expect.stringMatching(/\+SourceHanSansSC-(Regular|Bold)$/) });
  });

  it('renders a page to PNG (kept in OWB_FORMS_KEEP to look at)', async () => {
    const png = await renderPng(file, 1, 'fault-form.png');
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  it('breaks a description of the maximum length over pages, each numbered', async () => {
    const sentence = '归集任务日志显示连接池耗尽，前置机队列积压，已逐台排查。';
    const long = await f.call('faults/create', faultInput({ description: `开头${sentence.repeat(Math.floor(9_990 / sentence.length))}结尾`.slice(0, 10_000) }));
    const out = await f.call('forms/export', { kind: 'fault', params: { id: long.docNo }, format: 'pdf' });
    const longPages = await pdfRawPages(writeTemp('long.pdf', Buffer.from(out.dataBase64, 'base64')));
    expect(longPages.length).toBeGreaterThan(2);
    longPages.forEach((p, i) => expect(squash(p)).toContain(`第${i + 1}页共${longPages.length}页`));
    const all = squash(longPages.join(''));
    expect(all).toContain('开头归集任务日志');
    expect(all).toContain('已逐台排查。结尾'.slice(0, 8));
  });
});

describe('故障报告单 as Excel', () => {
  let bytes: Buffer;
  let file = '';
  beforeAll(async () => {
    const out = await f.call('forms/export', { kind: 'fault', params: { id: fault.id }, format: 'xlsx' });
    expect(out.fileName).toBe(`故障报告单-${fault.docNo}.xlsx`);
    bytes = Buffer.from(out.dataBase64, 'base64');
    file = writeTemp('fault.xlsx', bytes);
  }, 60_000);

  it('reads back with exceljs: every label and value, user text never a formula, A4 print setup', async () => {
    const cells = await xlsxCells(bytes);
    const texts = cells.map((c) => c.text);
    const joined = squash(texts.join('\n'));
    for (const text of expectedTexts(fault)) expect(joined, text).toContain(squash(text));
    expect(cells.filter((c) => c.isFormula)).toEqual([]);
    const description = cells.find((c) => c.text.includes('HYPERLINK'))!;
    expect(typeof description.value).toBe('string');
    expect(description.value).toBe(fault.description);
    for (const v of [fault.solution, fault.causeAnalysis, fault.handlingProcess]) expect(cells.find((c) => c.value === v), v).toBeDefined();
    expect(texts).toContain('□系统故障  ☑数据库系统故障  □网络设备故障  □其它应用软件系统故障');
    expect(await xlsxPageSetup(bytes)).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1, footer: '&C第 &P 页 共 &N 页' });
  });

  it('opens in LibreOffice: the CSV shows the same values, =HYPERLINK as literal text', async () => {
    const rows = await libreOfficeCsv(file);
    const cells = rows.flat();
    expect(cells).toContain(fault.description); // the literal text, quotes and all: not a formula, not its result "x"
    expect(cells).not.toContain('x');
    for (const v of [fault.docNo, fault.title, fault.solution, fault.causeAnalysis, fault.handlingProcess, fault.preventiveMeasures, '李经理', '2026 年 3 月 2 日', '二级预警']) {
      expect(cells.some((c) => c.includes(v)), v).toBe(true);
    }
  });
});

describe('forms/export and owb export form', () => {
  it('refuses an unknown kind, a missing id and an unknown fault with clear errors', async () => {
    const kind = await f.fail('forms/export', { kind: 'invoice', params: { id: fault.id }, format: 'pdf' });
    expect(kind.message).toMatch(/^未知的表单类型“invoice”，可用：.*fault.*workorder/);
    expect((await f.fail('forms/export', { kind: 'fault', params: {}, format: 'pdf' })).message).toContain('id');
    expect((await f.fail('forms/export', { kind: 'fault', params: { id: 'GZ-1999-0001' }, format: 'xlsx' })).code).toBe('NOT_FOUND');
    expect((await f.fail('forms/export', { kind: 'fault', params: { id: fault.id }, format: 'docx' as never })).code).toBe('VALIDATION');
    expect((await f.fail('forms/export', { kind: 'fault', params: { id: fault.id }, format: 'pdf' }, f.auditor)).code).toBe('FORBIDDEN');
  });

  it('writes the PDF and the Excel file from the command line', async () => {
    const exec = promisify(execFile);
    const dir = tempDir('owb-cli-');
    const tsx = path.resolve('node_modules/.bin/tsx');
    for (const format of ['pdf', 'xlsx']) {
      const out = path.join(dir, `fault.${format}`);
      const r = await exec(tsx, ['electron/cli/main.ts', 'export', 'form', '--kind', 'fault', '--id', fault.docNo, '--format', format, '--out', out, '--db', f.t.dbPath], { encoding: 'utf8', timeout: 60_000 });
      expect(r.stderr).toContain(`已导出 故障报告单-${fault.docNo}.${format}`);
      expect(fs.statSync(out).size).toBeGreaterThan(1000);
    }
    expect(fs.readFileSync(path.join(dir, 'fault.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const again = await exec(tsx, ['electron/cli/main.ts', 'export', 'form', '--kind', 'fault', '--id', fault.docNo, '--out', path.join(dir, 'fault.pdf'), '--db', f.t.dbPath], { encoding: 'utf8' }).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('文件已存在') });
    const list = await exec(tsx, ['electron/cli/main.ts', 'export', 'form', '--list'], { encoding: 'utf8' });
    expect(list.stdout).toMatch(/fault\s+故障报告单/);
    expect(list.stdout).toMatch(/workorder\s+运维实施工单/);
  }, 120_000);
});
