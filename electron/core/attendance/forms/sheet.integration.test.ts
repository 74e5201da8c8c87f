import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellInput, MonthView } from '../../../../shared/contract/attendance';
import { defaultMarkTypes } from '../../../../shared/attendance/marks';
import { owb } from '../../packs/testkit';
import { makeCore, type TestCore } from '../../test-utils';
import { setupTeam, view, type Team } from '../testkit';

const run = promisify(execFile);
const MONTH = '2026-02';
const TITLE = '2026年2月日常工作考勤表';
const TEN = ['张伟', '李娜', '王强', '刘洋', '陈静', '赵磊', '孙悦', '周杰', '吴敏', '郑浩'];

/** A small deterministic generator (the same sheet every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Marks for everybody: working days get a mix of every kind (some half days), days off now
 * and then 加班 with hours. Lates stay under the 60-minute limit so the expected totals can be
 * counted from the cells alone.
 */
function generate(v: MonthView, ids: string[], seed: number): CellInput[] {
  const rnd = lcg(seed);
  const onWorkday = ['present', 'present', 'present', 'present', 'late', 'early', 'trip', 'training', 'vacation', 'personal', 'sick', 'absent'];
  const cells: CellInput[] = [];
  for (const staffId of ids) {
    for (const d of v.days) {
      if (!d.working) {
        if (rnd() < 0.15) cells.push({ staffId, date: d.date, mark: 'overtime', overtimeHours: 1 + Math.floor(rnd() * 8) });
        continue;
      }
      if (rnd() < 0.08) {
        cells.push({ staffId, date: d.date, half: 'am', mark: 'present' }, { staffId, date: d.date, half: 'pm', mark: rnd() < 0.5 ? 'personal' : 'sick' });
        continue;
      }
      const mark = onWorkday[Math.floor(rnd() * onWorkday.length)]!;
      cells.push({ staffId, date: d.date, mark, ...(mark === 'late' ? { minutesLate: 5 + Math.floor(rnd() * 50) } : {}) });
    }
  }
  return cells;
}

const LEAVE = ['vacation', 'personal', 'sick'];

/**
 * The totals of one person counted straight from the cells (not through shared/attendance/totals).
 * `approved`: the person's leave was asked and approved; otherwise each leave day is also 旷工
 * (合同 §2.2: 未提出申请，按旷工处理 — all leave cells are on working days).
 */
function expectedTotals(cells: CellInput[], staffId: string, approved: boolean): Record<string, number> {
  const w = (c: CellInput) => (c.half === 'am' || c.half === 'pm' ? 0.5 : 1);
  const mine = cells.filter((c) => c.staffId === staffId);
  const days = (codes: string[]) => mine.filter((c) => c.mark !== null && codes.includes(c.mark)).reduce((s, c) => s + w(c), 0);
  const count = (code: string) => mine.filter((c) => c.mark === code).length;
  return {
    '出勤(天)': days(['present', 'late', 'early', 'trip', 'training']),
    '加班(天)': days(['overtime']),
    '加班(小时)': mine.reduce((s, c) => s + (c.overtimeHours ?? 0), 0),
    '出差(天)': days(['trip']),
    '学习培训(天)': days(['training']),
    '休假(天)': days(['vacation']),
    '事假(天)': days(['personal']),
    '病假(天)': days(['sick']),
    '迟到(次)': count('late'),
    '早退(次)': count('early'),
    '旷工(天)': days(approved ? ['absent'] : ['absent', ...LEAVE]),
  };
}

interface Built {
  t: TestCore;
  team: Team;
  cells: CellInput[];
  dir: string;
  pdf: string;
  xlsx: string;
}

async function build(names: string[], seed: number): Promise<Built> {
  const t = makeCore({ start: '2026-03-02T01:00:00.000Z' });
  const team = await setupTeam(t, names);
  const v = view(await t.call('attendance/month', { month: MONTH }, team.engineer));
  const cells = generate(v, team.ids, seed);
  await t.call('attendance/set-marks', { month: MONTH, cells }, team.engineer);
  // The first person's leave is asked (one request per cell) and approved by the manager.
  const first = team.ids[0]!;
  for (const c of cells.filter((x): x is CellInput & { mark: string } => x.staffId === first && x.mark !== null && LEAVE.includes(x.mark))) {
    const r = (await t.call('attendance/leave-request', { staffId: first, kind: c.mark, fromDate: c.date, toDate: c.date, half: c.half ?? 'full', reason: '按申请请假' }, team.engineer)) as { id: string };
    if (c.mark === 'sick') await t.call('attachments/add', { entity: 'leave', entityId: r.id, role: 'sick_note', name: '诊断证明.pdf', mime: 'application/pdf', dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') }, team.engineer);
    await t.call('attendance/leave-decide', { id: r.id, approve: true }, team.manager);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-att-sheet-'));
  const out: Record<string, string> = {};
  for (const format of ['pdf', 'xlsx'] as const) {
    const f = (await t.call('attendance/export', { month: MONTH, format }, team.admin)) as { fileName: string; mime: string; dataBase64: string };
    expect(f.fileName).toBe(`${TITLE}.${format}`);
    out[format] = path.join(dir, f.fileName);
    fs.writeFileSync(out[format]!, Buffer.from(f.dataBase64, 'base64'));
  }
  return { t, team, cells, dir, pdf: out.pdf!, xlsx: out.xlsx! };
}

const cleanup: Built[] = [];
afterAll(() => {
  for (const b of cleanup) {
    b.t.close();
    fs.rmSync(b.t.dir, { recursive: true, force: true });
    fs.rmSync(b.dir, { recursive: true, force: true });
  }
});

describe('日常工作考勤表 (合同附件6) on paper', () => {
  let six: Built;
  beforeAll(async () => {
    six = await build(TEN.slice(0, 6), 20260228);
    cleanup.push(six);
  }, 120_000);

  it('PDF: one A4 landscape page for 6 people, fonts embedded, title, names, legend and signatures in the text', async () => {
    const info = (await run('pdfinfo', [six.pdf])).stdout;
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const fonts = (await run('pdffonts', [six.pdf])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f, f).toMatch(/\s+yes\s+yes\s+yes\s+/);
    const text = (await run('pdftotext', ['-layout', six.pdf, '-'])).stdout;
    expect(text).toContain(TITLE);
    expect(text).toMatch(/单位（盖章）：\s*南京莱斯信息技术股份有限公司/);
    for (const n of TEN.slice(0, 6)) expect(text).toContain(n);
    expect(text).toContain('考勤标记');
    for (const m of defaultMarkTypes()) expect(text).toMatch(new RegExp(`${m.label}\\s*${m.symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    for (const s of ['制表人（签字）', '项目负责人（签字）', '甲方确认（签字）', '本人签字', '本月合计']) expect(text).toContain(s);
    for (const d of ['29', '30', '31']) expect(text).toContain(d);
  });

  it('PDF: each row prints the totals counted from the marks, in column order (leave without an approved request is also 旷工)', async () => {
    const v = view(await six.t.call('attendance/month', { month: MONTH }, six.team.engineer));
    // The seed gives leave to the person whose leave is approved and to others whose is not.
    const hasLeave = (id: string) => six.cells.some((c) => c.staffId === id && c.mark !== null && LEAVE.includes(c.mark));
    expect(hasLeave(six.team.ids[0]!)).toBe(true);
    expect(six.team.ids.slice(1).some(hasLeave)).toBe(true);
    const text = (await run('pdftotext', ['-layout', six.pdf, '-'])).stdout;
    for (const [i, staffId] of six.team.ids.entries()) {
      const name = TEN[i]!;
      const line = text.split('\n').find((l) => new RegExp(`^\\s*${i + 1}\\s+${name}\\s`).test(l));
      expect(line, name).toBeDefined();
      const printed = line!.slice(line!.indexOf(name) + name.length).match(/\d+(\.\d)?/g)?.map(Number) ?? [];
      const expected = expectedTotals(six.cells, staffId, i === 0);
      expect(v.totalsColumns.map((c) => c.label)).toEqual(Object.keys(expected));
      expect(printed, name).toEqual(Object.values(expected).filter((x) => x !== 0));
    }
  });

  it('PDF renders to an image (pdftoppm -r 60)', async () => {
    const prefix = path.join(six.dir, 'page');
    await run('pdftoppm', ['-png', '-r', '60', '-singlefile', six.pdf, prefix]);
    const png = fs.readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('PDF: the body cells of days 29–31 (past February\'s end) are grey, day 27 is not', async () => {
    // Where the words are (points), then the page as pixels at 72 dpi (1 px = 1 pt).
    const bbox = (await run('pdftotext', ['-bbox', six.pdf, '-'])).stdout;
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5]!,
    }));
    const first = words.find((w) => w.text === TEN[0]);
    expect(first).toBeDefined();
    // The day header: the lowest word "27"/"29"… above the first person's row.
    const head = (day: number) => words.filter((w) => w.text === String(day) && w.y1 < first!.y0).sort((a, b) => b.y0 - a.y0)[0];
    const prefix = path.join(six.dir, 'grey');
    await run('pdftoppm', ['-r', '72', '-singlefile', six.pdf, prefix]);
    const ppm = fs.readFileSync(`${prefix}.ppm`);
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    const w = Number(header[1]);
    const offset = header[0].length;
    const pixel = (x: number, y: number) => {
      const i = offset + (Math.round(y) * w + Math.round(x)) * 3;
      return [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    };
    // A point in the first person's row, in a day column, just off the cell's top edge (no symbol there).
    const probe = (day: number) => {
      const h = head(day);
      expect(h, `header ${day}`).toBeDefined();
      return pixel((h!.x0 + h!.x1) / 2, first!.y0 + 1);
    };
    for (const day of [29, 30, 31]) {
      const [r, g, b] = probe(day);
      expect(r, `day ${day}`).toBe(g);
      expect(g, `day ${day}`).toBe(b);
      expect(r, `day ${day}`).toBeLessThan(235);
      expect(r, `day ${day}`).toBeGreaterThan(120);
    }
    expect(probe(27)).toEqual([255, 255, 255]);
  });

  it('Excel: read back, the totals equal the marks; days past month end are grey', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(six.xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 1 });
    expect(ws.getCell(1, 1).value).toBe(TITLE);
    expect(String(ws.getCell(2, 1).value)).toContain('单位（盖章）');
    const header = ws.getRow(5);
    const labels: Record<string, number> = {};
    header.eachCell((c, col) => (labels[String(c.value)] = col));
    for (const [i, staffId] of six.team.ids.entries()) {
      const row = ws.getRow(6 + i);
      expect(row.getCell(2).value).toBe(TEN[i]);
      for (const [label, value] of Object.entries(expectedTotals(six.cells, staffId, staffId === six.team.ids[0]))) {
        const col = labels[label];
        expect(col, label).toBeDefined();
        expect(Number(row.getCell(col!).value ?? 0), `${TEN[i]} ${label}`).toBe(value);
      }
      // 2026-02-02 (a Monday) is marked for everybody.
      expect(String(row.getCell(2 + 2).value ?? '')).not.toBe('');
    }
    for (const day of [29, 30, 31]) {
      const fill = ws.getCell(6, 2 + day).fill as ExcelJS.FillPattern;
      expect(fill.fgColor?.argb, `day ${day}`).toBe('FFBFBFBF');
      expect(ws.getCell(6, 2 + day).value ?? null).toBeNull();
    }
    expect(String(ws.getCell(5, 2 + 28).value)).toBe('28\n班'); // 2026-02-28: 调休上班
    const legendRow = 6 + six.team.ids.length + 1;
    expect(String(ws.getCell(legendRow, 1).value)).toContain('考勤标记：√ 出勤');
  });

  it('Excel opens in LibreOffice (headless conversion to UTF-8 CSV)', async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'));
    try {
      await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', six.dir, six.xlsx], { timeout: 120_000 });
      const csv = fs.readFileSync(path.join(six.dir, `${TITLE}.csv`), 'utf8');
      expect(csv).toContain(TITLE);
      for (const n of TEN.slice(0, 6)) expect(csv).toContain(n);
      expect(csv).toContain('本月合计');
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  }, 150_000);

  it('CLI: owb export form --kind attendance --month YYYY-MM --format pdf|xlsx --out FILE writes the same sheet', async () => {
    const pdf = path.join(six.dir, 'cli.pdf');
    const xlsx = path.join(six.dir, 'cli.xlsx');
    const [a, b] = [
      await owb(['export', 'form', '--kind', 'attendance', '--month', MONTH, '--format', 'pdf', '--out', pdf, '--db', six.t.dbPath]),
      await owb(['export', 'form', '--kind', 'attendance', '--month', MONTH, '--format', 'xlsx', '--out', xlsx, '--db', six.t.dbPath]),
    ];
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect((await run('pdfinfo', [pdf])).stdout).toMatch(/Pages:\s+1\n/);
    const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
    expect(text).toContain(TITLE);
    for (const n of TEN.slice(0, 6)) expect(text).toContain(n);
    expect(text).toContain('考勤标记');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]!.getCell(1, 1).value).toBe(TITLE);
    // A bad month is refused in Chinese with a non-zero exit, nothing written.
    const bad = await owb(['export', 'form', '--kind', 'attendance', '--month', '2026-13', '--format', 'pdf', '--out', path.join(six.dir, 'bad.pdf'), '--db', six.t.dbPath]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(fs.existsSync(path.join(six.dir, 'bad.pdf'))).toBe(false);
  }, 120_000);

  it('ten people still fit on one page', async () => {
    const ten = await build(TEN, 7);
    cleanup.push(ten);
    expect((await run('pdfinfo', [ten.pdf])).stdout).toMatch(/Pages:\s+1\n/);
    const text = (await run('pdftotext', ['-layout', ten.pdf, '-'])).stdout;
    for (const n of TEN) expect(text).toContain(n);
  }, 120_000);
});
