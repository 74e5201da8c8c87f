import ExcelJS from 'exceljs';
import { argb, PAPER_COLORS, XLSX_FONTS, XLSX_PAGE_FOOTER } from '../../paper/style';
import type { SheetModel } from './sheet';

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: argb(PAPER_COLORS.rule) } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });

/**
 * 日常工作考勤表 (合同附件6) as an Excel workbook laid out like the PDF: one sheet, A4
 * landscape fitted to one page wide and tall, the header rows repeated when printed.
 */
export async function attendanceXlsx(sheet: SheetModel, creationDate: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = sheet.unit;
  wb.created = creationDate;
  wb.modified = creationDate;
  wb.title = sheet.title;
  const first = 2; // 序号, 姓名
  const nDays = sheet.days.length;
  const nTot = sheet.totalsColumns.length;
  const lastCol = first + nDays + nTot + 1;
  const ws = wb.addWorksheet(sheet.month, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.4, bottom: 0.5, header: 0.2, footer: 0.25 },
      printTitlesRow: '4:5',
    },
    headerFooter: { oddFooter: XLSX_PAGE_FOOTER },
    views: [{ state: 'frozen', xSplit: first, ySplit: 5 }],
  });
  const body: Partial<ExcelJS.Font> = { name: XLSX_FONTS.body, size: 9 };
  const bold: Partial<ExcelJS.Font> = { ...body, bold: true };
  const center: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

  ws.columns = [
    { width: 5 },
    { width: 10 },
    ...sheet.days.map(() => ({ width: 3.6 })),
    ...sheet.totalsColumns.map(() => ({ width: 6 })),
    { width: 11 },
  ];

  // Title and 单位(盖章).
  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = sheet.title;
  title.font = { name: XLSX_FONTS.title, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  const third = Math.floor(lastCol / 3);
  ws.mergeCells(2, 1, 2, third);
  ws.mergeCells(2, third + 1, 2, 2 * third);
  ws.mergeCells(2, 2 * third + 1, 2, lastCol);
  ws.getCell(2, 1).value = `单位（盖章）：${sheet.unit}`;
  ws.getCell(2, third + 1).value = `项目名称：${sheet.projectName}`;
  ws.getCell(2, 2 * third + 1).value = `驻点单位：${sheet.partyA}`;
  for (const c of [1, third + 1, 2 * third + 1]) ws.getCell(2, c).font = body;
  ws.getRow(2).height = 20;
  ws.getRow(3).height = 4;

  // Two header rows: groups, then day numbers (with weekday) and totals labels.
  const h1 = 4;
  const h2 = 5;
  ws.mergeCells(h1, 1, h2, 1);
  ws.mergeCells(h1, 2, h2, 2);
  ws.getCell(h1, 1).value = '序号';
  ws.getCell(h1, 2).value = '姓名';
  ws.mergeCells(h1, first + 1, h1, first + nDays);
  ws.getCell(h1, first + 1).value = '日期（下方为星期；休：法定节假日，班：调休上班）';
  ws.mergeCells(h1, first + nDays + 1, h1, first + nDays + nTot);
  ws.getCell(h1, first + nDays + 1).value = '本月合计';
  ws.mergeCells(h1, lastCol, h2, lastCol);
  ws.getCell(h1, lastCol).value = '本人签字';
  sheet.days.forEach((d, i) => (ws.getCell(h2, first + 1 + i).value = d.exists ? `${d.day}\n${d.sub}` : String(d.day)));
  sheet.totalsColumns.forEach((c, i) => (ws.getCell(h2, first + nDays + 1 + i).value = c.label));
  ws.getRow(h1).height = 18;
  ws.getRow(h2).height = 40;
  for (const r of [h1, h2]) {
    for (let c = 1; c <= lastCol; c++) {
      const cell = ws.getCell(r, c);
      cell.font = bold;
      cell.alignment = center;
      cell.border = border;
      const day = c - first;
      const grey = day >= 1 && day <= nDays && !sheet.days[day - 1]!.exists;
      cell.fill = fill(grey && r === h2 ? PAPER_COLORS.greyFill : PAPER_COLORS.headerFill);
    }
  }

  // One row per person.
  sheet.rows.forEach((row, i) => {
    const r = h2 + 1 + i;
    ws.getCell(r, 1).value = i + 1;
    ws.getCell(r, 2).value = row.name;
    sheet.days.forEach((d, k) => {
      const cell = ws.getCell(r, first + 1 + k);
      if (row.cells[k]) cell.value = row.cells[k];
      if (!d.exists) cell.fill = fill(PAPER_COLORS.greyFill);
    });
    row.totals.forEach((v, k) => {
      if (v) ws.getCell(r, first + nDays + 1 + k).value = v;
    });
    ws.getRow(r).height = 24;
    for (let c = 1; c <= lastCol; c++) {
      const cell = ws.getCell(r, c);
      cell.font = body;
      cell.alignment = center;
      cell.border = border;
    }
  });

  // Legend, note and signature lines.
  let r = h2 + sheet.rows.length + 2;
  ws.mergeCells(r, 1, r, lastCol);
  ws.getCell(r, 1).value = sheet.legendText;
  ws.getCell(r, 1).font = body;
  r++;
  ws.mergeCells(r, 1, r, lastCol);
  ws.getCell(r, 1).value = sheet.note;
  ws.getCell(r, 1).font = { ...body, size: 8 };
  ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(r).height = 24;
  r += 2;
  const slot = Math.floor(lastCol / sheet.signatures.length);
  sheet.signatures.forEach((label, i) => {
    const c0 = 1 + i * slot;
    const c1 = i === sheet.signatures.length - 1 ? lastCol : c0 + slot - 1;
    ws.mergeCells(r, c0, r, c1);
    ws.getCell(r, c0).value = `${label}：`;
    ws.getCell(r, c0).font = body;
    ws.mergeCells(r + 1, c0, r + 1, c1);
    ws.getCell(r + 1, c0).value = '年　　月　　日';
    ws.getCell(r + 1, c0).font = body;
    ws.getCell(r + 1, c0).alignment = { horizontal: 'right' };
  });
  ws.getRow(r).height = 30;
  ws.pageSetup.printArea = `A1:${ws.getColumn(lastCol).letter}${r + 1}`;

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
