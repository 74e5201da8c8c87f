/**
 * The inspection forms on paper: every kind as PDF and Excel, from real runs. pdftotext finds
 * every column heading and the values; pdffonts says the fonts are embedded; LibreOffice opens
 * the xlsx (CSV conversion with a private profile); page 1 is rendered with pdftoppm (set
 * OWB_PAPER_KEEP=/dir to keep the PNGs for a look).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../../shared/contract';
import { formatBizDate } from '../../../../shared/time';
import { makeCore, tempDir, type TestCore } from '../../test-utils';

const run = promisify(execFile);
let t: TestCore;
let outDir: string;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await t.core.call({ channel, input }, 'cli');
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data as T;
}

/** Fills a run: everything normal except the given item keys per asset. */
async function fill(d: Output<'inspections/start'>, bad: Record<string, { level: 'warning' | 'severe'; value: string }>): Promise<void> {
  for (const row of d.rows) {
    for (const it of row.items) {
      if (it.result) continue;
      const b = bad[`${row.assetName}/${it.key}`];
      await call('inspections/set-result', { runId: d.run.id, itemId: it.itemId, level: b?.level ?? 'normal', value: b?.value ?? '', note: b ? '已通知系统负责人' : '' });
      if (b?.level === 'severe') await call('inspections/decide', { runId: d.run.id, decision: 'continue', reason: '已报故障，继续巡检' });
    }
  }
}

beforeAll(async () => {
  t = makeCore({ start: '2026-03-02T01:00:00.000Z' });
  outDir = process.env.OWB_PAPER_KEEP ?? tempDir('owb-insp-forms-');
  fs.mkdirSync(outDir, { recursive: true });
  const days: Array<[string, string, string]> = [
    ['2026-03-02', 'am', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02', 'pm', '2026-03-02T09:05:00.000Z'],
    ['2026-03-03', 'am', '2026-03-03T01:00:00.000Z'],
    ['2026-03-04', 'am', '2026-03-04T01:00:00.000Z'],
  ];
  for (const [date, slot, at] of days) {
    t.now.value = new Date(at);
    const d = await call<Output<'inspections/start'>>('inspections/start', { templateCode: 'daily', bizDate: date, slot });
    await fill(d, date === '2026-03-03' ? { '数据处理服务器/disk': { level: 'warning', value: '/data 使用 86%' } } : date === '2026-03-04' ? { '信用外网/app1': { level: 'severe', value: 'HTTP 502' } } : {});
    await call('inspections/complete', { runId: d.run.id, remarks: date === '2026-03-04' ? '信用网站 502 已报故障 GZ-2026-0001' : '' });
  }
  t.now.value = new Date('2026-03-02T02:00:00.000Z');
  const sw = await call<Output<'inspections/start'>>('inspections/start', { templateCode: 'software', bizDate: '2026-03-02', slot: 'am' });
  await fill(sw, { '软件/jh': { level: 'warning', value: 'MQ 队列积压 1200 条' } });
  await call('inspections/complete', { runId: sw.run.id });
}, 120_000);

afterAll(() => {
  t?.close();
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

async function exportForm(kind: string, params: Record<string, string>, format: 'pdf' | 'xlsx'): Promise<string> {
  const f = await call<{ fileName: string; dataBase64: string }>('forms/export', { kind, params, format });
  const file = path.join(outDir, f.fileName);
  fs.writeFileSync(file, Buffer.from(f.dataBase64, 'base64'));
  return file;
}

async function pdfText(file: string): Promise<string> {
  // -raw: content-stream order, so a wrapped cell's lines stay together
  return (await run('pdftotext', ['-raw', file, '-'])).stdout;
}

async function expectEmbedded(file: string): Promise<void> {
  const rows = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2);
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+$/);
}

async function libreCsv(file: string): Promise<string> {
  const profile = tempDir('owb-lo-');
  const dir = tempDir('owb-lo-out-');
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', file, '--outdir', dir], { timeout: 120_000 });
  const csv = fs.readdirSync(dir).find((f) => f.endsWith('.csv'));
  if (!csv) throw new Error('LibreOffice wrote no CSV');
  return fs.readFileSync(path.join(dir, csv), 'utf8');
}

async function renderPage(file: string): Promise<string> {
  const prefix = file.replace(/\.pdf$/, '');
  await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, prefix]);
  const png = fs.readdirSync(path.dirname(file)).find((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.png'));
  expect(png).toBeTruthy();
  return path.join(path.dirname(file), png!);
}

/** Chinese text in pdftotext output may be split by layout spaces: compare without spaces. */
const squash = (s: string) => s.replace(/\s+/g, '');
const pdfPages = (file: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

/** csvHeadings: the headings as a spreadsheet reads them, row by row (a grouped header has two rows). */
const CASES: Array<{ kind: string; params: Record<string, string>; headings: string[]; csvHeadings?: string[]; values: string[] }> = [
  {
    kind: 'daily-inspection',
    params: { date: '2026-03-03' },
    headings: ['序号', '服务器名称', '所在位置', 'IP地址', '操作系统', '内容分类', '应用系统是否正常', '操作系统是否正常', '操作系统空间情况', '备注'],
    values: ['徐州市公共信用信息系统平台数据仓库和服务平台应用系统日常巡检表', '中心数据库服务器', '127.0.10.1', '发改委机房', 'WindowsServer2016', '数据处理服务器', '警告（/data使用86%）', '巡检人（签字）'],
  },
  {
    kind: 'system-status',
    params: { date: '2026-03-04', slot: 'am' },
    headings: ['节点', '设备名称', 'IP', '网络', '系统', '应用1', '应用2'],
    values: ['中心系统运行状态', 'ping√', '远程桌面√', '磁盘空间√', '信用网站×', '数据连接√', '运行状态：√正常×不正常'],
  },
  {
    kind: 'weekly-inspection',
    params: { date: '2026-03-04' },
    headings: ['服务器名称', '设备型号', '设备用途', 'IP地址', '系统简称', '操作系统', '设备运行是否正常', '周一', '周二', '周三', '周四', '周五', '备注'],
    csvHeadings: ['服务器名称', '设备型号', '设备用途', 'IP地址', '系统简称', '操作系统', '设备运行是否正常', '备注', '周一', '周二', '周三', '周四', '周五'],
    values: ['中心设备巡检表', '2026年3月2日—2026年3月6日', '中心数据库服务器', '数据清洗与处理', '周二磁盘空间警告', '周三信用网站严重'],
  },
  {
    kind: 'software-inspection',
    params: { date: '2026-03-02' },
    headings: ['序号', '名称', '性能', '状态'],
    values: ['软件巡检列表', '综合服务体系', '信用网站', 'MQ队列积压1200条', '警告'],
  },
  {
    kind: 'inspection-report',
    params: { date: '2026-03-04' },
    headings: ['检查内容', '操作步骤', '检查结果', '操作人', '操作时间', '意见与建议'],
    values: ['巡检报告', '信用外网（127.0.10.9）应用1：信用网站', '严重：HTTP502', '数据备份状况', '已通知系统负责人', '信用网站502已报故障GZ-2026-0001'],
  },
];

describe('inspection forms as PDF and Excel', () => {
  it.each(CASES)('$kind: PDF has every heading and value, fonts embedded; page 1 renders', async (c) => {
    const file = await exportForm(c.kind, c.params, 'pdf');
    const text = squash(await pdfText(file));
    for (const h of [...c.headings, ...c.values]) expect(text, `${c.kind}: ${h}`).toContain(squash(h));
    await expectEmbedded(file);
    const png = await renderPage(file);
    expect(fs.statSync(png).size).toBeGreaterThan(5_000);
  }, 60_000);

  it.each(CASES)('$kind: LibreOffice opens the xlsx with the same headings in the same order', async (c) => {
    const file = await exportForm(c.kind, c.params, 'xlsx');
    const csv = await libreCsv(file);
    const flat = squash(csv.replace(/"/g, ''));
    // the headings, in the order of the paper form
    let at = -1;
    for (const h of c.csvHeadings ?? c.headings) {
      const i = flat.indexOf(squash(h), at + 1);
      expect(i, `${c.kind}: ${h} after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
    for (const v of c.values.filter((v) => !v.includes('（签字）') && !v.includes('—'))) expect(flat, `${c.kind}: ${v}`).toContain(squash(v));
  }, 120_000);

  it('a month of rounds binds into one volume: every run from a new page, one font embedding, a sheet per run in Excel', async () => {
    const runs = (t.core.runtime.sqlite.prepare("SELECT r.biz_date AS d, r.slot FROM inspection_runs r JOIN inspection_templates tp ON tp.id = r.template_id WHERE tp.code = 'daily' AND r.biz_date LIKE '2026-03-%' AND r.deleted_at IS NULL ORDER BY r.biz_date").all() as Array<{ d: string; slot: string }>);
    expect(runs.length).toBeGreaterThan(1);
    const vol = await exportForm('daily-inspection', { month: '2026-03' }, 'pdf');
    expect(path.basename(vol)).toMatch(/日常巡检表-2026-03\.pdf$/);
    let singlePages = 0;
    for (const r of runs) singlePages += pdfPages(await exportForm('daily-inspection', { date: r.d, slot: r.slot }, 'pdf'));
    expect(pdfPages(vol)).toBe(singlePages);
    const text = squash(await pdfText(vol));
    for (const r of runs) expect(text).toContain(squash(`巡检日期：${formatBizDate(r.d)}（${r.slot === 'am' ? '上午' : '下午'}）`));
    await expectEmbedded(vol);
    const csv = await libreCsv(await exportForm('system-status', { month: '2026-03' }, 'xlsx'));
    expect(csv).toContain('中心系统运行状态');
    const bad = await t.core.call({ channel: 'forms/export', input: { kind: 'daily-inspection', params: { month: '2026-03', date: '2026-03-03' }, format: 'pdf' } }, 'cli');
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const none = await t.core.call({ channel: 'forms/export', input: { kind: 'daily-inspection', params: { month: '2025-01' }, format: 'pdf' } }, 'cli');
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 120_000);

  it('refuses a date without a run with a Chinese message', async () => {
    const r = await t.core.call({ channel: 'forms/export', input: { kind: 'daily-inspection', params: { date: '2026-03-20' }, format: 'pdf' } }, 'cli');
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!r.ok) expect(r.error.message).toContain('2026-03-20 没有');
  });
});
