/**
 * The inspection forms from the command line, as a user gets them: `owb demo` writes a history,
 * `owb export form --kind … --date …` prints each paper form as PDF and Excel (own processes,
 * real files, pdftotext, the xlsx read back). Beyond the headings, each form is checked for the
 * values of that day read from the database itself: the assets (with their 设备型号 on the weekly
 * sheet), the inspector, the counts of the 巡检报告.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../../tests/support/proc';
import { owb } from '../../packs/testkit';
import { tempDir } from '../../test-tmp';

const dir = tempDir('owb-insp-cli-');
const db = path.join(dir, 'workbench.sqlite');
const DAY = '2026-11-25'; // a Wednesday
const OPS_DAY = '2026-11-02'; // the first working day of November: the monthly 运维检查表
const WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

interface Facts {
  assets: Array<{ name: string; ip: string; model: string; nodeGroup: string }>;
  /** Inspector of the day's last daily run (下午), and of the 软件巡检列表. */
  dailyInspector: string;
  softwareInspector: string;
  softwareItems: string[];
  counts: { normal: number; warning: number; severe: number; items: number };
  opsAssets: Array<{ name: string; owner: string }>;
}
let facts: Facts;

beforeAll(async () => {
  const r = await owb(['demo', '--db', db, '--years', '1', '--until', '2026-11-27']);
  expect(r.code, r.stderr).toBe(0);
  const s = new Database(db, { readonly: true });
  try {
    const runOf = (code: string, slot: string) =>
      s
        .prepare('SELECT r.id, r.inspector_name AS inspector FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id WHERE t.code = ? AND r.biz_date = ? AND r.slot = ? AND r.deleted_at IS NULL')
        .get(code, DAY, slot) as { id: string; inspector: string };
    const daily = runOf('daily', 'pm');
    const sw = runOf('software', 'am');
    const levels = s.prepare('SELECT level, COUNT(*) AS n FROM inspection_results WHERE run_id = ? AND deleted_at IS NULL GROUP BY level').all(daily.id) as Array<{ level: string; n: number }>;
    const n = (l: string) => levels.find((x) => x.level === l)?.n ?? 0;
    facts = {
      assets: s.prepare('SELECT name, ip, model, node_group AS nodeGroup FROM assets WHERE deleted_at IS NULL ORDER BY sort').all() as Facts['assets'],
      dailyInspector: daily.inspector,
      softwareInspector: sw.inspector,
      softwareItems: (s.prepare('SELECT i.label FROM inspection_results x JOIN inspection_items i ON i.id = x.item_id WHERE x.run_id = ?').all(sw.id) as Array<{ label: string }>).map((x) => x.label),
      counts: { normal: n('normal'), warning: n('warning'), severe: n('severe'), items: n('normal') + n('warning') + n('severe') },
      opsAssets: s
        .prepare(
          `SELECT DISTINCT a.name, a.owner FROM inspection_results x JOIN inspection_runs r ON r.id = x.run_id JOIN inspection_templates t ON t.id = r.template_id
           JOIN assets a ON a.id = x.asset_id WHERE t.code = 'ops-check' AND r.biz_date = ?`,
        )
        .all(OPS_DAY) as Facts['opsAssets'],
    };
  } finally {
    s.close();
  }
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function xlsxCells(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? (v as { richText: Array<{ text: string }> }).richText.map((x) => x.text).join('') : String(v as string))))));
  return rows;
}

async function exportBoth(kind: string, extra: string[] = [], date = DAY): Promise<{ pdf: string; sheet: string; rows: string[][] }> {
  const pdf = path.join(dir, `${kind}.pdf`);
  const xlsx = path.join(dir, `${kind}.xlsx`);
  const [a, b] = await Promise.all([
    owb(['export', 'form', '--kind', kind, '--date', date, ...extra, '--format', 'pdf', '--out', pdf, '--db', db]),
    owb(['export', 'form', '--kind', kind, '--date', date, ...extra, '--format', 'xlsx', '--out', xlsx, '--db', db]),
  ]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  // -raw: a wrapped cell's lines stay together; whitespace removed so wrapping does not matter
  const text = (await run('pdftotext', ['-raw', pdf, '-'])).stdout.replace(/\s+/g, '');
  const rows = await xlsxCells(xlsx);
  return { pdf: text, sheet: rows.flat().join('\n').replace(/\s+/g, ''), rows };
}

const squash = (s: string) => s.replace(/\s+/g, '');

function expectBoth(f: { pdf: string; sheet: string }, words: string[], what: string): void {
  for (const w of words) {
    expect(f.pdf, `${what} PDF: ${w}`).toContain(squash(w));
    expect(f.sheet, `${what} xlsx: ${w}`).toContain(squash(w));
  }
}

describe('owb export form (inspection forms of a demo history)', { timeout: 300_000 }, () => {
  it('the demo gives every asset a model (the weekly sheet has something to print)', () => {
    expect(facts.assets.length).toBeGreaterThanOrEqual(11);
    for (const a of facts.assets) expect(a.model, a.name).not.toBe('');
  });

  it('日常巡检表: headings, the day\'s last round (下午) and its inspector, every asset with its IP', async () => {
    const f = await exportBoth('daily-inspection');
    expectBoth(f, ['数据仓库和服务平台应用系统日常巡检表', '服务器名称', '操作系统空间情况', ...facts.assets.flatMap((a) => [a.name, a.ip])], 'daily');
    expect(f.pdf).toContain(squash(`2026年11月25日（下午） 巡检人：${facts.dailyInspector}`));
  });

  it('日常巡检表 --slot am picks the morning round', async () => {
    const out = path.join(dir, 'daily-am.pdf');
    const r = await owb(['export', 'form', '--kind', 'daily-inspection', '--date', DAY, '--slot', 'am', '--format', 'pdf', '--out', out, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect((await run('pdftotext', ['-raw', out, '-'])).stdout).toContain('2026年11月25日（上午）');
  });

  it('中心系统运行状态: headings, nodes and devices', async () => {
    const f = await exportBoth('system-status');
    expectBoth(f, ['中心系统运行状态', '节点', '远程桌面', ...new Set(facts.assets.map((a) => a.nodeGroup)), ...facts.assets.map((a) => a.name)], 'system-status');
  });

  it('中心设备巡检表: the week Mon–Fri, each asset with its 设备型号 and a mark for every day', async () => {
    const f = await exportBoth('weekly-inspection');
    expectBoth(f, ['中心设备巡检表', '设备型号', '周一', '周五', '设备运行是否正常', ...facts.assets.flatMap((a) => [a.name, a.model])], 'weekly');
    expect(f.pdf).toContain(squash('巡检周期：2026年11月23日 — 2026年11月27日'));
    // In the sheet: the asset's row has its model in the 设备型号 column and a √ ! or × on each day
    const head = f.rows.find((r) => r.includes('设备型号'))!;
    const dayHead = f.rows.find((r) => r.includes('周一'))!;
    const modelCol = head.indexOf('设备型号');
    const dayCols = ['周一', '周二', '周三', '周四', '周五'].map((d) => dayHead.indexOf(d));
    expect(dayCols.every((c) => c >= 0)).toBe(true);
    for (const a of facts.assets) {
      const row = f.rows.find((r) => r[0] === a.name);
      expect(row, a.name).toBeDefined();
      expect(row![modelCol]).toBe(a.model);
      for (const c of dayCols) expect(row![c], `${a.name} ${WEEK[dayCols.indexOf(c)]}`).toMatch(/^[√!×]$/);
    }
  });

  it('软件巡检列表: headings, the inspector and every item of the round', async () => {
    const f = await exportBoth('software-inspection');
    expect(facts.softwareItems.length).toBeGreaterThan(0);
    expectBoth(f, ['软件巡检列表', '性能', '状态', ...facts.softwareItems], 'software');
    expect(f.pdf).toContain(squash(`巡检人：${facts.softwareInspector}`));
  });

  it('运维检查表: the month\'s ops check (first working day), each asset with its 负责人', async () => {
    expect(facts.opsAssets.length).toBe(facts.assets.length);
    const f = await exportBoth('ops-check', [], OPS_DAY);
    expectBoth(f, ['运维检查表', '科室', '负责人', '检测日期', 'CPU使用是否正常', '磁盘空间是否正常', ...facts.opsAssets.flatMap((a) => [a.name, a.owner])], 'ops-check');
    expect(f.pdf).toContain(squash('2026年11月2日（月度）'));
    // a day without the monthly check is refused
    const r = await owb(['export', 'form', '--kind', 'ops-check', '--date', DAY, '--format', 'pdf', '--out', path.join(dir, 'ops-none.pdf'), '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('没有“运维检查表”的巡检记录');
  });

  it('巡检报告: headings and the counts of the run from the database', async () => {
    const f = await exportBoth('inspection-report');
    expectBoth(f, ['巡检报告', '检查内容', '意见与建议'], 'report');
    const c = facts.counts;
    expect(c.items).toBeGreaterThan(0);
    expectBoth(f, [`结果统计：正常 ${c.normal} 项，警告 ${c.warning} 项，严重 ${c.severe} 项；共 ${c.items} 项，已检查 ${c.items} 项。`], 'report');
  });

  it('a day without a round is refused in Chinese, nothing written', async () => {
    const out = path.join(dir, 'none.pdf');
    const r = await owb(['export', 'form', '--kind', 'daily-inspection', '--date', '2026-11-29', '--format', 'pdf', '--out', out, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2026-11-29 没有');
    expect(fs.existsSync(out)).toBe(false);
  });
});
