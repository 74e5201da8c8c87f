import type ExcelJS from 'exceljs';
import { contentText, isCheckGroup, type CheckGroup } from '../paper/pdf-content';
import { Paper, type Content, type GridField, type GridRow } from '../paper/pdf';
import { createWorkbook, estimateLines, safeCell, workbookToBuffer } from '../paper/xlsx';
import { argb, PAPER_COLORS, XLSX_FONTS, XLSX_PAGE_FOOTER } from '../paper/style';
import type { FormModel } from './model';

/** The PDF: A4, the CJK font embedded, check boxes drawn, signature lines, 第 x 页 共 y 页. */
export async function renderPdf(model: FormModel, created: Date): Promise<Buffer> {
  const paper = new Paper({ info: { ...model.info, creationDate: created } });
  drawFormModel(paper, model);
  return paper.finish();
}

/** Draws one form model at the paper's cursor (also for volumes of many forms in one PDF). */
export function drawFormModel(paper: Paper, model: FormModel): void {
  if (model.docNo) paper.docNumber(model.docNo);
  paper.title(model.title, model.subtitle);
  for (const b of model.blocks) {
    if (b.kind === 'grid') paper.fieldGrid(b.rows);
    else if (b.kind === 'note') paper.paragraph(b.text, { indent: false, size: 9 });
    else {
      if (b.heading) paper.heading(b.heading, 2);
      paper.table({ columns: b.columns, rows: b.rows, size: 9 });
    }
  }
  if (model.signatures.length) paper.signatureBlock(model.signatures);
}

// ---- Excel ------------------------------------------------------------------------------------

/** Four columns: label, value, label, value (a full-width value spans three). */
const GRID_WIDTHS = [14, 34, 14, 34];
const BODY = 10.5;
const LINE = BODY * 1.35;
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

function isSection(r: GridRow): r is { section: string } {
  return !Array.isArray(r);
}

/** A check group in a cell: ☑ chosen, □ the others (the PDF's text layer says √/□ the same way). */
function cellValue(v: Content): ExcelJS.CellValue {
  if (isCheckGroup(v)) return safeCell((v as CheckGroup).checks.map((c) => `${c.checked ? '☑' : '□'}${c.label}`).join('  '));
  if (Array.isArray(v)) return safeCell(v.map((p) => (isCheckGroup(p) ? cellValue(p) : p)).join('\n'));
  return safeCell(typeof v === 'number' ? v : contentText(v));
}

/**
 * The Excel version: the same labels and values in the same order, A4 portrait fitted to one
 * page wide, grid borders, shaded labels, the footer 第 &P 页 共 &N 页. Every user text is a
 * plain string cell (safeCell): "=HYPERLINK(…)" stays text, never a formula.
 */
export async function renderXlsx(model: FormModel, created: Date): Promise<Buffer> {
  const wb = createWorkbook({ created });
  const ws = wb.addWorksheet(model.sheetName.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: XLSX_PAGE_FOOTER, evenFooter: XLSX_PAGE_FOOTER, differentFirst: false, differentOddEven: false, oddHeader: '', evenHeader: '', firstHeader: '', firstFooter: '' },
  });
  ws.columns = GRID_WIDTHS.map((width, i) => ({ key: `c${i}`, width }));
  const font = (bold = false, size = BODY, name: string = XLSX_FONTS.body): Partial<ExcelJS.Font> => ({ name, size, bold });
  const fill = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });
  let r = 1;
  const set = (row: number, col: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>) => {
    const cell = ws.getRow(row).getCell(col);
    cell.value = value;
    cell.style = style;
  };
  const merge = (row: number, c1: number, c2: number) => {
    if (c2 > c1) ws.mergeCells(row, c1, row, c2);
  };
  const widthOf = (c1: number, c2: number) => GRID_WIDTHS.slice(c1 - 1, c2).reduce((s, w) => s + w, 0);
  const heightFor = (texts: Array<[string, number]>, minLines = 1) => Math.max(22, Math.max(minLines, ...texts.map(([t, w]) => estimateLines(t, w))) * LINE + 6);
  const label = { font: font(), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: THIN, fill: fill(PAPER_COLORS.labelFill) } satisfies Partial<ExcelJS.Style>;
  const value = { font: font(), alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, border: THIN } satisfies Partial<ExcelJS.Style>;

  if (model.docNo) {
    set(r, 1, safeCell(`文档编号：${model.docNo}`), { font: font(), alignment: { horizontal: 'right', vertical: 'middle' } });
    merge(r, 1, 4);
    ws.getRow(r).height = 18;
    r++;
  }
  set(r, 1, safeCell(model.title), { font: font(true, 16, XLSX_FONTS.title), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  merge(r, 1, 4);
  ws.getRow(r).height = Math.max(30, estimateLines(model.title, widthOf(1, 4) / 1.6) * 22);
  r++;
  if (model.subtitle) {
    set(r, 1, safeCell(model.subtitle), { font: font(), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
    merge(r, 1, 4);
    ws.getRow(r).height = 18;
    r++;
  }

  for (const b of model.blocks) {
    if (b.kind === 'grid') {
      for (const row of b.rows) {
        if (isSection(row)) {
          set(r, 1, safeCell(row.section), { ...label, font: font(true), alignment: { horizontal: 'left', vertical: 'middle' } });
          for (let c = 2; c <= 4; c++) set(r, c, null, label);
          merge(r, 1, 4);
          ws.getRow(r).height = 22;
          r++;
          continue;
        }
        const fields = row as readonly GridField[];
        const texts: Array<[string, number]> = [];
        let c = 1;
        let minLines = 1;
        fields.forEach((f, i) => {
          const last = i === fields.length - 1;
          const span = last ? 2 - (c - 1) / 2 : Math.max(1, f.span ?? 1);
          const c2 = c + 1 + (span - 1) * 2;
          set(r, c, safeCell(f.label), label);
          const v = cellValue(f.value);
          set(r, c + 1, v, value);
          for (let k = c + 2; k <= c2; k++) set(r, k, null, value);
          merge(r, c + 1, c2);
          texts.push([f.label, widthOf(c, c)], [typeof v === 'string' ? v : String(v ?? ''), widthOf(c + 1, c2)]);
          if (f.minLines) minLines = Math.max(minLines, f.minLines);
          c = c2 + 1;
        });
        ws.getRow(r).height = heightFor(texts, minLines);
        r++;
      }
      r++;
    } else if (b.kind === 'note') {
      set(r, 1, safeCell(b.text), { font: font(false, 9), alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
      merge(r, 1, 4);
      ws.getRow(r).height = heightFor([[b.text, widthOf(1, 4)]]);
      r += 2;
    } else {
      if (b.heading) {
        set(r, 1, safeCell(b.heading), { font: font(true, 12), alignment: { horizontal: 'left', vertical: 'middle' } });
        merge(r, 1, 4);
        ws.getRow(r).height = 22;
        r++;
      }
      // The table's columns are laid over the grid's four (a table has at most four columns).
      const cols = b.columns.slice(0, 4);
      const head = { ...label, font: font(true), fill: fill(PAPER_COLORS.headerFill) };
      cols.forEach((col, i) => set(r, i + 1, safeCell(col.header), head));
      for (let k = cols.length + 1; k <= 4; k++) set(r, k, null, head);
      merge(r, cols.length, 4);
      ws.getRow(r).height = 22;
      r++;
      for (const row of b.rows) {
        const texts: Array<[string, number]> = [];
        cols.forEach((col, i) => {
          const v = cellValue(row[col.key]);
          set(r, i + 1, v, { ...value, alignment: { ...value.alignment, horizontal: col.align ?? 'center' } });
          texts.push([typeof v === 'string' ? v : String(v ?? ''), widthOf(i + 1, i === cols.length - 1 ? 4 : i + 1)]);
        });
        for (let k = cols.length + 1; k <= 4; k++) set(r, k, null, value);
        merge(r, cols.length, 4);
        ws.getRow(r).height = heightFor(texts);
        r++;
      }
      r++;
    }
  }

  // Signature lines: label, room to sign, 年 月 日.
  for (let i = 0; i < model.signatures.length; i += 2) {
    const pair = model.signatures.slice(i, i + 2);
    pair.forEach((s, k) => {
      const c = k * 2 + 1;
      set(r, c, safeCell(`${s.label}：`), { font: font(), alignment: { horizontal: 'right', vertical: 'bottom', wrapText: true } });
      set(r, c + 1, safeCell(s.name ?? ''), { font: font(), alignment: { horizontal: 'left', vertical: 'bottom' }, border: { bottom: { style: 'thin' } } });
      if (s.withDate || s.date) set(r + 1, c + 1, safeCell(s.date ?? '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'), { font: font(), alignment: { horizontal: 'right', vertical: 'middle' } });
    });
    ws.getRow(r).height = 34;
    ws.getRow(r + 1).height = 20;
    r += 2;
  }
  ws.pageSetup.printArea = `A1:D${r}`;
  return workbookToBuffer(wb);
}
