import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-tmp';
import { run } from './testkit';
import { addFormSheet, addRows, createStreamingWorkbook, createWorkbook, writeWorkbookFile, type SheetColumn } from './xlsx';

const INJECTION = '=HYPERLINK("http://127.0.0.1","x")';
const DAYS: SheetColumn[] = Array.from({ length: 31 }, (_x, i) => ({ key: `d${i + 1}`, header: String(i + 1), width: 3.6 }));
const PEOPLE = [
  { name: '张伟', d1: '√', d2: '√', d3: '○', sign: INJECTION },
  { name: '李娜', d1: '+1', d2: '-1', d3: '@x', sign: '张伟,"签"' },
  { name: '王强', d1: 3, d2: '第一行\n第二行', sign: '' },
];

/** The attendance month grid (first sheet) and a grouped-header inspection sheet. */
async function buildWorkbook(file: string): Promise<void> {
  const wb = createWorkbook({ created: new Date('2024-03-01T00:00:00Z') });
  const att = addFormSheet(wb, '2024年2月考勤表', {
    title: '2024年2月日常工作考勤表',
    subtitle: '单位（盖章）：南京莱斯信息技术股份有限公司',
    landscape: true,
    columns: [{ key: 'name', header: '姓名', width: 8 }, ...DAYS, { key: 'sign', header: '本人签字', width: 12 }],
    greyColumns: ['d30', 'd31'],
  });
  addRows(att, PEOPLE);
  att.greyCell(att.rowNumber - 1, 'd3');
  att.addNote('考勤标记：出勤 √  事假 ○  病假 +');
  const weekly = addFormSheet(wb, '中心设备巡检表', {
    title: '中心设备巡检表',
    columns: [
      { key: 'name', header: '服务器名称', width: 22, align: 'left' },
      { key: 'ip', header: 'IP地址', width: 14 },
      ...['周一', '周二', '周三', '周四', '周五'].map((d, i) => ({ key: `w${i}`, header: d, width: 6 })),
      { key: 'note', header: '备注', width: 20, align: 'left' },
    ],
    headerGroups: [{ span: 2 }, { header: '设备运行是否正常', span: 5 }, { span: 1 }],
  });
  weekly.addRows(Array.from({ length: 80 }, (_x, i) => ({ name: `中心数据库服务器 ${i + 1}`, ip: `10.32.1.${i + 1}`, w0: '√', w1: '√', w2: '×', w3: '√', w4: '√' })));
  await writeWorkbookFile(wb, file);
}

/** LibreOffice with a private profile, so parallel runs do not clash. */
async function soffice(args: string[], dir: string): Promise<void> {
  const profile = tempDir('owb-lo-profile-');
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args, '--outdir', dir], 90_000);
}

describe('form workbook', () => {
  const dir = tempDir('owb-xlsx-');
  const file = path.join(dir, 'forms.xlsx');
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    await buildWorkbook(file);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
  }, 60_000);

  it('reads back with the values, the merged title and the grouped header', () => {
    const ws = wb.getWorksheet('2024年2月考勤表');
    if (!ws) throw new Error('sheet missing');
    expect(ws.getCell('A1').value).toBe('2024年2月日常工作考勤表');
    expect(ws.getCell('A1').isMerged && ws.getCell('AG1').isMerged).toBe(true);
    expect(ws.getCell('A2').value).toBe('单位（盖章）：南京莱斯信息技术股份有限公司');
    expect(ws.getRow(3).getCell(1).value).toBe('姓名');
    expect(ws.getRow(3).getCell(32).value).toBe('31');
    expect(ws.getRow(4).getCell(1).value).toBe('张伟');
    expect(ws.getRow(6).getCell(2).value).toBe(3);
    expect(ws.getRow(6).getCell(3).value).toBe('第一行\n第二行');
    const weekly = wb.getWorksheet('中心设备巡检表');
    if (!weekly) throw new Error('sheet missing');
    expect(weekly.getCell('C2').value).toBe('设备运行是否正常');
    expect(weekly.getCell('G2').isMerged).toBe(true);
    expect(weekly.getCell('C3').value).toBe('周一');
    expect(weekly.getCell('G3').value).toBe('周五');
    expect(weekly.getCell('A2').value).toBe('服务器名称');
    expect(weekly.getCell('A3').isMerged).toBe(true);
    expect(weekly.getCell('A4').value).toBe('中心数据库服务器 1');
  });

  it('keeps formula-looking user text a plain string', () => {
    const cell = wb.getWorksheet('2024年2月考勤表')?.getRow(4).getCell(33);
    expect(cell?.value).toBe(INJECTION);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.formula).toBeUndefined();
  });

  it('has the print setup: A4, landscape, fit to one page wide, header rows repeated, page numbers', () => {
    const ws = wb.getWorksheet('2024年2月考勤表');
    expect(ws?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(ws?.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(wb.getWorksheet('中心设备巡检表')?.pageSetup).toMatchObject({ orientation: 'portrait', printTitlesRow: '2:3' });
  });

  it('shades the header and the grey columns and cells', () => {
    const ws = wb.getWorksheet('2024年2月考勤表');
    const argb = (r: number, c: number): string | undefined => {
      const fill = ws?.getRow(r).getCell(c).fill;
      return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
    };
    expect(argb(3, 1)).toBe('FFE2E2E2');
    expect(argb(3, 31)).toBe('FFBFBFBF');
    expect(argb(4, 31)).toBe('FFBFBFBF');
    expect(argb(4, 2)).toBeUndefined();
    expect(argb(6, 4)).toBe('FFBFBFBF');
  });

  it('LibreOffice reads the same values (CSV), the injection as text', async () => {
    const out = tempDir('owb-xlsx-csv-');
    await soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', file], out);
    const csv = fs.readFileSync(path.join(out, 'forms.csv'), 'utf8');
    const lines = csv.split('\n');
    expect(lines[0]).toBe('2024年2月日常工作考勤表' + ','.repeat(32));
    expect(lines[2]).toBe(['姓名', ...Array.from({ length: 31 }, (_x, i) => String(i + 1)), '本人签字'].join(','));
    // name, days 1..31, signature: 29 commas between day 3 and the signature.
    expect(lines[3]).toBe(`张伟,√,√,○${','.repeat(29)}"=HYPERLINK(""http://127.0.0.1"",""x"")"`);
    expect(lines[4]).toBe(`李娜,+1,-1,@x${','.repeat(29)}"张伟,""签"""`);
    expect(csv).toContain('王强,3,"第一行\n第二行"');
    expect(csv).toContain('考勤标记：出勤 √  事假 ○  病假 +');
  }, 120_000);

  it('LibreOffice prints the landscape month grid on one page', async () => {
    const out = tempDir('owb-xlsx-pdf-');
    const single = path.join(out, 'att.xlsx');
    const wb1 = createWorkbook();
    const s = addFormSheet(wb1, '考勤表', { title: '2024年2月日常工作考勤表', landscape: true, columns: [{ key: 'name', header: '姓名', width: 8 }, ...DAYS, { key: 'sign', header: '本人签字', width: 12 }] });
    s.addRows(Array.from({ length: 8 }, (_x, i) => ({ name: `员工${i + 1}`, d1: '√' })));
    await writeWorkbookFile(wb1, single);
    await soffice(['--convert-to', 'pdf', single], out);
    const info = await run('pdfinfo', [path.join(out, 'att.pdf')]);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const text = await run('pdftotext', ['-layout', path.join(out, 'att.pdf'), '-']);
    expect(text.replace(/\s+/g, '')).toContain('第1页共1页');
  }, 120_000);
});

describe('streaming workbook', () => {
  it('writes a big sheet row by row with the same print setup', async () => {
    const dir = tempDir('owb-xlsx-stream-');
    const file = path.join(dir, 'big.xlsx');
    const wb = createStreamingWorkbook({ filename: file });
    const sheet = addFormSheet(wb, '日常巡检表', {
      title: '日常巡检表',
      landscape: true,
      columns: [
        { key: 'no', header: '序号', width: 6 },
        { key: 'name', header: '服务器名称', width: 24, align: 'left' },
        { key: 'note', header: '备注', width: 30, align: 'left' },
      ],
      headerGroups: [{ span: 1 }, { header: '设备', span: 2 }],
    });
    const t0 = performance.now();
    for (let i = 0; i < 5000; i++) sheet.addRow({ no: i + 1, name: `部门前置机 ${i + 1}`, note: i === 7 ? INJECTION : '' }, i === 9 ? { grey: ['note'] } : {});
    sheet.addNote('备注：每日 18:00 前完成。');
    await wb.commit();
    console.log(`xlsx stream: 5000 rows in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    expect(() => sheet.greyCell(5, 'no')).toThrow(/streaming/);

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const ws = back.getWorksheet('日常巡检表');
    expect(ws?.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:3' });
    expect(ws?.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws?.getCell('B2').value).toBe('设备');
    expect(ws?.getCell('A4').value).toBe(1);
    expect(ws?.getCell('C11').value).toBe(INJECTION);
    expect(ws?.getCell('C11').type).toBe(ExcelJS.ValueType.String);
    expect(ws?.getCell('B5003').value).toBe('部门前置机 5000');
    expect(ws?.getCell('A5004').value).toBe('备注：每日 18:00 前完成。');
    const fill = ws?.getCell('C13').fill;
    expect(fill?.type === 'pattern' ? fill.fgColor?.argb : undefined).toBe('FFBFBFBF');
  }, 60_000);
});
