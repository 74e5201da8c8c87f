/**
 * XLSX versions of the paper forms on exceljs: a merged title row, one or two shaded header
 * rows (repeated on every printed page), bordered data rows, grey cells, A4 print setup
 * (portrait or landscape, fit to one page wide) and "第 &P 页 共 &N 页" in the footer.
 * Works on a buffered Workbook and on the streaming WorkbookWriter (rows committed as added).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { safeCell } from './cells';
import { argb, PAPER_COLORS, XLSX_FONTS, XLSX_PAGE_FOOTER } from './style';

export { csvCell, csvLine, safeCell, textOf, toCsv } from './cells';

export type XlsxAlign = 'left' | 'center' | 'right';

export interface SheetColumn {
  key: string;
  header: string;
  /** Excel width in characters (a Chinese character counts 2). Default: fits the header. */
  width?: number;
  align?: XlsxAlign;
}

/** Consecutive columns under one header; without `header` the columns' own headers fill both rows. */
export interface SheetHeaderGroup {
  header?: string;
  span: number;
}

export interface SheetMargins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

export interface FormSheetOptions {
  title: string;
  /** A line under the title (单位（盖章）：…, 文档编号：…). */
  subtitle?: string;
  columns: readonly SheetColumn[];
  headerGroups?: readonly SheetHeaderGroup[];
  landscape?: boolean;
  /** Print one page wide, as many pages tall as needed. Default true. */
  fitToWidth?: boolean;
  /** Inches (Excel's unit). Default 0.5 sides, 0.6 top and bottom. */
  margins?: Partial<SheetMargins>;
  /** Footer with Excel codes; false for none. Default "第 &P 页 共 &N 页" centred. */
  footer?: string | false;
  /** Keys of columns shaded grey in the header and every data row (days past month end). */
  greyColumns?: readonly string[];
  /** Body font size (default 10.5). */
  fontSize?: number;
  /**
   * Minimum data row height in points (default 18). Rows are given an explicit height that
   * fits their wrapped text: LibreOffice does not grow rows with wrapped text on its own.
   */
  minRowHeight?: number;
}

export type AnyWorkbook = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

export interface RowOptions {
  /** Keys of cells to shade grey in this row. */
  grey?: readonly string[];
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

function solid(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
}

/** Display width of text in Excel character units (CJK and full-width count 2). */
export function textUnits(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return n;
}

/** Lines a text needs in a column `width` characters wide (estimate: CJK counts 2). */
export function estimateLines(text: string, width: number): number {
  const cap = Math.max(1, width - 1);
  return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / cap)), 0);
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel rejects the file otherwise). */
export function safeSheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim();
  return (clean || 'Sheet').slice(0, 31);
}

export function createWorkbook(opts: { creator?: string; created?: Date } = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? '驻场运维工作台';
  wb.created = opts.created ?? new Date();
  wb.modified = wb.created;
  return wb;
}

/**
 * A streaming workbook for big sheets (STACK.md: ~3 k styled rows/s at ~320 MB where the
 * buffered writer needs GBs). Rows are committed as they are added; call `await wb.commit()`.
 */
export function createStreamingWorkbook(target: { filename: string } | { stream: Stream }, opts: { creator?: string; created?: Date } = {}): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  wb.creator = opts.creator ?? '驻场运维工作台';
  wb.created = opts.created ?? new Date();
  wb.modified = wb.created;
  return wb;
}

function isStreaming(wb: AnyWorkbook): boolean {
  return wb instanceof ExcelJS.stream.xlsx.WorkbookWriter;
}

export class FormSheet {
  readonly sheet: ExcelJS.Worksheet;
  readonly columns: readonly SheetColumn[];
  /** First and last header row numbers (printed on every page). */
  readonly headerRows: readonly [number, number];
  private nextRow: number;
  private readonly streaming: boolean;
  private readonly grey: ReadonlySet<string>;
  private readonly widths: readonly number[];
  private readonly lineHeight: number;
  private readonly minRowHeight: number;
  private readonly styles: { body: Map<XlsxAlign, Partial<ExcelJS.Style>>; grey: Map<XlsxAlign, Partial<ExcelJS.Style>>; note: Partial<ExcelJS.Style> };

  constructor(wb: AnyWorkbook, name: string, opts: FormSheetOptions) {
    const cols = opts.columns;
    if (!cols.length) throw new Error('addFormSheet: no columns');
    const groups = opts.headerGroups ?? [];
    const spanSum = groups.reduce((s, g) => s + g.span, 0);
    if (groups.length && spanSum !== cols.length) throw new Error(`addFormSheet: header groups span ${spanSum} columns, the sheet has ${cols.length}`);
    const two = groups.some((g) => g.header !== undefined);
    const size = opts.fontSize ?? 10.5;
    const titleRow = 1;
    const subRow = opts.subtitle ? 2 : 0;
    const firstHeader = (subRow || titleRow) + 1;
    const lastHeader = firstHeader + (two ? 1 : 0);
    this.headerRows = [firstHeader, lastHeader];
    this.nextRow = lastHeader + 1;
    this.columns = cols;
    this.streaming = isStreaming(wb);
    this.grey = new Set(opts.greyColumns ?? []);

    const m: SheetMargins = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3, ...opts.margins };
    const pageSetup: Partial<ExcelJS.PageSetup> = {
      paperSize: 9, // A4
      orientation: opts.landscape ? 'landscape' : 'portrait',
      margins: m,
      horizontalCentered: true,
      printTitlesRow: `${firstHeader}:${lastHeader}`,
    };
    if (opts.fitToWidth ?? true) Object.assign(pageSetup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const sheetOpts: Partial<ExcelJS.AddWorksheetOptions> = {
      pageSetup,
      views: [{ state: 'frozen', xSplit: 0, ySplit: lastHeader }],
    };
    const footer = opts.footer ?? XLSX_PAGE_FOOTER;
    if (footer) sheetOpts.headerFooter = { oddFooter: footer, evenFooter: footer, differentFirst: false, differentOddEven: false, oddHeader: '', evenHeader: '', firstHeader: '', firstFooter: '' };
    // Options passed here: the streaming writer only has getters for them.
    const ws = wb.addWorksheet(safeSheetName(name), sheetOpts);
    this.sheet = ws;
    this.widths = cols.map((c) => c.width ?? Math.max(6, textUnits(c.header) + 2));
    ws.columns = cols.map((c, i) => ({ key: c.key, width: this.widths[i] ?? 8 }));
    this.lineHeight = size * 1.35;
    this.minRowHeight = opts.minRowHeight ?? 18;

    const font = (bold: boolean, sz = size): Partial<ExcelJS.Font> => ({ name: XLSX_FONTS.body, size: sz, bold });
    const align = (h: XlsxAlign): Partial<ExcelJS.Alignment> => ({ horizontal: h, vertical: 'middle', wrapText: true });
    const aligns: XlsxAlign[] = ['left', 'center', 'right'];
    this.styles = {
      body: new Map(aligns.map((a) => [a, { font: font(false), alignment: align(a), border: THIN }])),
      grey: new Map(aligns.map((a) => [a, { font: font(false), alignment: align(a), border: THIN, fill: solid(PAPER_COLORS.greyFill) }])),
      note: { font: font(false), alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
    };

    // Title (and subtitle) merged across the sheet.
    const lastCol = cols.length;
    const title = ws.getRow(titleRow);
    title.height = 30;
    const tc = title.getCell(1);
    tc.value = safeCell(opts.title);
    tc.style = { font: { name: XLSX_FONTS.title, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
    if (lastCol > 1) ws.mergeCells(titleRow, 1, titleRow, lastCol);
    if (subRow) {
      const sr = ws.getRow(subRow);
      sr.height = 20;
      const sc = sr.getCell(1);
      sc.value = safeCell(opts.subtitle);
      sc.style = { font: font(false), alignment: { horizontal: 'left', vertical: 'middle' } };
      if (lastCol > 1) ws.mergeCells(subRow, 1, subRow, lastCol);
    }

    // Header rows.
    const headStyle = (key: string | null): Partial<ExcelJS.Style> => ({
      font: font(true),
      alignment: align('center'),
      border: THIN,
      fill: solid(key && this.grey.has(key) ? PAPER_COLORS.greyFill : PAPER_COLORS.headerFill),
    });
    const setHead = (r: number, c: number, value: string, key: string | null): void => {
      const cell = ws.getRow(r).getCell(c);
      cell.value = safeCell(value);
      cell.style = headStyle(key);
    };
    let ci = 1;
    for (const g of two ? groups : cols.map(() => ({ span: 1 }) as SheetHeaderGroup)) {
      const members = cols.slice(ci - 1, ci - 1 + g.span);
      if (two && g.header !== undefined) {
        setHead(firstHeader, ci, g.header, null);
        for (let k = 1; k < g.span; k++) setHead(firstHeader, ci + k, '', null);
        if (g.span > 1) ws.mergeCells(firstHeader, ci, firstHeader, ci + g.span - 1);
        members.forEach((c, k) => setHead(lastHeader, ci + k, c.header, c.key));
      } else {
        members.forEach((c, k) => {
          setHead(firstHeader, ci + k, c.header, c.key);
          if (two) {
            setHead(lastHeader, ci + k, '', c.key);
            ws.mergeCells(firstHeader, ci + k, lastHeader, ci + k);
          }
        });
      }
      ci += g.span;
    }
    // Header heights from their wrapped text (a two-row header shares the tallest need).
    const headLines = cols.map((c, i) => estimateLines(c.header, this.widths[i] ?? 8));
    const groupLines = two ? Math.max(1, ...groups.map((g, gi) => {
      const start = groups.slice(0, gi).reduce((s, x) => s + x.span, 0);
      const w = this.widths.slice(start, start + g.span).reduce((s, x) => s + x, 0);
      return g.header !== undefined ? estimateLines(g.header, w) : 1;
    })) : 0;
    const bodyHead = Math.max(1, ...headLines);
    ws.getRow(firstHeader).height = Math.max(20, (two ? groupLines : bodyHead) * this.lineHeight + 6);
    if (two) ws.getRow(lastHeader).height = Math.max(20, bodyHead * this.lineHeight + 6);
    if (this.streaming) for (let r = titleRow; r <= lastHeader; r++) ws.getRow(r).commit();
  }

  /** Adds one data row (values by column key, made safe with safeCell). */
  addRow(values: Readonly<Record<string, unknown>>, opts: RowOptions = {}): ExcelJS.Row {
    const row = this.sheet.getRow(this.nextRow++);
    const greyHere = new Set(opts.grey ?? []);
    let lines = 1;
    this.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = safeCell(values[c.key]);
      if (typeof cell.value === 'string' && cell.value) lines = Math.max(lines, estimateLines(cell.value, this.widths[i] ?? 8));
      const a = c.align ?? 'center';
      const grey = this.grey.has(c.key) || greyHere.has(c.key);
      cell.style = (grey ? this.styles.grey : this.styles.body).get(a) ?? {};
    });
    row.height = Math.max(this.minRowHeight, lines * this.lineHeight + 4);
    if (this.streaming) row.commit();
    return row;
  }

  addRows(rows: readonly Readonly<Record<string, unknown>>[]): void {
    for (const r of rows) this.addRow(r);
  }

  /** Shades one cell of a data row already added (buffered workbooks only). */
  greyCell(rowNumber: number, key: string): void {
    if (this.streaming) throw new Error('greyCell: rows of a streaming sheet are already committed; pass { grey } to addRow');
    const idx = this.columns.findIndex((c) => c.key === key);
    if (idx < 0) throw new Error(`greyCell: no column ${key}`);
    const cell = this.sheet.getRow(rowNumber).getCell(idx + 1);
    cell.style = { ...cell.style, fill: solid(PAPER_COLORS.greyFill) };
  }

  /** A merged full-width line of text under the table (备注, 考勤标记, 签字 …). */
  addNote(text: string, opts: { height?: number } = {}): ExcelJS.Row {
    const r = this.nextRow++;
    const row = this.sheet.getRow(r);
    const cell = row.getCell(1);
    cell.value = safeCell(text);
    cell.style = this.styles.note;
    const total = this.widths.reduce((s, w) => s + w, 0);
    // Merged cells do not grow with their text: estimate the lines.
    row.height = opts.height ?? Math.max(18, estimateLines(text, total * 0.95) * this.lineHeight + 4);
    if (this.columns.length > 1) this.sheet.mergeCells(r, 1, r, this.columns.length);
    if (this.streaming) row.commit();
    return row;
  }

  /** Number of the next row to be written. */
  get rowNumber(): number {
    return this.nextRow;
  }
}

/** A form sheet: merged title, shaded header (repeated when printed), A4 setup, page-number footer. */
export function addFormSheet(wb: AnyWorkbook, name: string, opts: FormSheetOptions): FormSheet {
  return new FormSheet(wb, name, opts);
}

export function addRows(sheet: FormSheet, rows: readonly Readonly<Record<string, unknown>>[]): void {
  sheet.addRows(rows);
}

export async function workbookToBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes a buffered workbook next to `file`, then renames it into place. */
export async function writeWorkbookFile(wb: ExcelJS.Workbook, file: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
