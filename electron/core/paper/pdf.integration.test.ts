import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-tmp';
import { Paper } from './pdf';
import { buildLongTable, buildMonthGrid, buildSampleForm, pdfPages, run, SAMPLE_DATE, SAMPLE_TEXTS, squash, tempFile } from './testkit';

interface Word {
  page: number;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  text: string;
}

/** Word boxes from pdftotext -bbox (points, origin top-left). */
async function words(file: string): Promise<Word[]> {
  const html = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5] ?? '' });
  }
  return out;
}

async function info(file: string): Promise<Record<string, string>> {
  const out = await run('pdfinfo', ['-isodates', file]);
  return Object.fromEntries(out.split('\n').map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Keeps rendered pages for a human look when OWB_PAPER_KEEP names a folder. */
function keep(file: string): void {
  const dir = process.env.OWB_PAPER_KEEP;
  if (dir) fs.copyFileSync(file, path.join(dir, path.basename(file)));
}

describe('sample form using every widget', () => {
  let file = '';
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await buildSampleForm().finish();
    file = tempFile('fault-report.pdf', pdf);
  }, 60_000);

  it('has every label and value as real text, check boxes included', async () => {
    const pages = await pdfPages(file);
    const all = squash(pages.join(''));
    for (const t of SAMPLE_TEXTS) expect(all, t).toContain(squash(t));
    // The invisible text layer under each box keeps its state.
    for (const t of ['√数据库系统故障', '□系统故障', '□网络设备故障', '√严重', '□一般', '√已解决', '□未解决']) expect(all).toContain(t);
    expect(pages).toHaveLength(2);
    expect(squash(pages[0] ?? '')).toContain('第1页共2页');
    expect(squash(pages[1] ?? '')).toContain('第2页共2页');
  });

  it('embeds and subsets only Source Han Sans SC', async () => {
    const rows = (await run('pdffonts', [file])).trim().split('\n').slice(2);
    expect(rows.length).toBe(2);
    // name, type, encoding, emb, sub, uni
    for (const r of rows) expect(r).toMatch(/^[A-Z]{6}\+SourceHanSansSC-(Regular|Bold)\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes\s/);
    expect(rows.map((r) => r.split('+')[1]?.split(' ')[0]).sort()).toEqual(['SourceHanSansSC-Bold', 'SourceHanSansSC-Regular']);
  });

  it('carries the info fields and is byte-identical when built again', async () => {
    const i = await info(file);
    expect(i).toMatchObject({ Title: '故障报告单 GZ-2024-0315-01', Author: '张伟', Subject: '故障报告单', Creator: '驻场运维工作台', 'Page size': '595.28 x 841.89 pts (A4)' });
    expect(i.CreationDate).toBe(SAMPLE_DATE.toISOString().replace('.000Z', 'Z'));
    expect((await buildSampleForm().finish()).equals(pdf)).toBe(true);
  });

  it('keeps every word inside the page margins', async () => {
    for (const w of await words(file)) {
      expect(w.xMin, w.text).toBeGreaterThanOrEqual(42.5 - 0.5);
      expect(w.xMax, w.text).toBeLessThanOrEqual(595.28 - 42.5 + 0.5);
    }
  });

  it('renders to PNG', async () => {
    const prefix = path.join(path.dirname(file), 'page');
    await run('pdftoppm', ['-r', '60', '-png', file, prefix]);
    const png = fs.readFileSync(`${prefix}-1.png`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    keep(`${prefix}-1.png`);
  });
});

describe('tables', () => {
  it('a two-page table repeats its header and numbers the pages 第 x 页 共 2 页', async () => {
    const file = tempFile('inspection.pdf', await buildLongTable(30).finish());
    const pages = await pdfPages(file);
    expect(pages).toHaveLength(2);
    pages.forEach((p, i) => {
      expect(squash(p)).toContain(`第${i + 1}页共2页`);
      for (const h of ['序号', '服务器名称', '所在位置', 'IP地址', '操作系统', '备注']) expect(p).toContain(h);
    });
    const all = pages.join('');
    for (let n = 1; n <= 30; n++) expect(all).toContain(`部门前置机 ${String(n).padStart(3, '0')}`);
  });

  it('a landscape month grid (name + 31 days + signature) fits on one page', async () => {
    const file = tempFile('attendance.pdf', await buildMonthGrid(8).finish());
    const i = await info(file);
    expect(i.Pages).toBe('1');
    expect(i['Page size']).toBe('841.89 x 595.28 pts (A4)');
    const ws = await words(file);
    const header = ws.filter((w) => /^\d+$/.test(w.text) && w.yMin < 150).map((w) => Number(w.text));
    for (let d = 1; d <= 31; d++) expect(header).toContain(d);
    for (const w of ws) expect(w.xMax).toBeLessThanOrEqual(841.89 - 28 + 0.5);
    expect(squash((await pdfPages(file)).join(''))).toContain('第1页共1页');
  });

  it('never lets text overflow a cell: long words break, wide characters shrink', async () => {
    const paper = new Paper({ info: { creationDate: SAMPLE_DATE } });
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    paper.table({
      columns: [
        { key: 'a', header: '窄列', width: 1 },
        { key: 'b', header: '宽列', width: 9 },
      ],
      rows: [{ a: long, b: '正常' }, { a: '中心数据库服务器主题库', b: long.repeat(3) }],
    });
    const file = tempFile('narrow.pdf', await paper.finish());
    const left = 42.52;
    const colRight = left + (595.28 - 2 * 42.52) / 10;
    const ws = await words(file);
    const inNarrow = ws.filter((w) => w.xMin < colRight - 1 && w.yMin > 60 && w.yMax < 780);
    expect(inNarrow.length).toBeGreaterThan(3);
    for (const w of inNarrow) expect(w.xMax, w.text).toBeLessThanOrEqual(colRight + 0.5);
    expect(squash(inNarrow.map((w) => w.text).join(''))).toContain(long);
  });
});

describe('long field values', () => {
  it('a grid row taller than a page continues on the next with the label marked （续）', async () => {
    const paper = new Paper({ info: { creationDate: SAMPLE_DATE } });
    const text = Array.from({ length: 90 }, (_x, i) => `第${i + 1}步：检查数据库归档日志并清理过期的临时归集表，核对入库记录数。`).join('\n');
    paper.fieldGrid([[{ label: '报告人', value: '张伟' }], [{ label: '处理过程', value: text }], [{ label: '审核人', value: '李娜' }]]);
    const file = tempFile('long-grid.pdf', await paper.finish());
    const pages = await pdfPages(file);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // The label column of page 2 (left of the value column) reads 处理过程（续）.
    const label = (await words(file)).filter((w) => w.page === 2 && w.xMax < 110).map((w) => w.text);
    expect(label.join('')).toContain('处理过程（续）');
    const all = squash(pages.join(''));
    for (const n of [1, 45, 90]) expect(all).toContain(`第${n}步：检查数据库归档日志`);
    expect(all).toContain('审核人李娜');
  });
});

describe('output', () => {
  it('finishToFile streams into place and leaves no temp file; a finished paper refuses more', async () => {
    const dir = tempDir('owb-paper-out-');
    const paper = buildMonthGrid(2);
    const file = path.join(dir, '考勤表.pdf');
    await paper.finishToFile(file);
    expect(fs.readdirSync(dir)).toEqual(['考勤表.pdf']);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(() => paper.title('x')).toThrow(/finished/);
  });

  it('builds a 200-page table document (pages/s logged)', async () => {
    await buildLongTable(40).finish(); // warm up (font parse, JIT)
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const paper = buildLongTable(4300);
    const pages = paper.pageCount;
    const pdf = await paper.finish();
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    // CPU time too: wall clock on a shared 2-core machine says more about the neighbours.
    console.log(`paper: ${pages} pages in ${s.toFixed(2)} s wall = ${(pages / s).toFixed(0)} pages/s; ${cpu.toFixed(2)} s CPU = ${(pages / cpu).toFixed(0)} pages/s; ${(pdf.length / pages / 1024).toFixed(1)} KB/page`);
    expect(pages).toBeGreaterThanOrEqual(195);
    const i = await info(tempFile('200.pdf', pdf));
    expect(Number(i.Pages)).toBe(pages);
  }, 120_000);
});
