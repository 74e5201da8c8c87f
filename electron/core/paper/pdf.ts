/**
 * Paper: an A4 pdfkit document with the widgets every paper form of the workbench is built
 * from (titles, field grids, tables, check boxes, signature blocks, report text, bar charts).
 * The cursor (`y`) runs down the page; widgets add pages as needed. Page numbers
 * ("第 x 页 共 y 页") are stamped on every page by finish().
 */
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { FONT_NAMES, registerFonts, resolveFonts, type FontFace } from './fonts';
import { drawBarChart, drawLegend, type BarChartSpec, type LegendItem } from './pdf-chart';
import type { Align, Content } from './pdf-content';
import { drawFieldGrid, drawFieldLine, drawSignatureBlock, type FieldLineItem, type GridOptions, type GridRow, type SignatureItem, type SignatureOptions } from './pdf-grid';
import { drawTable, type TableSpec } from './pdf-table';
import { DEFAULT_MARGINS, LINE_HEIGHT, PAPER_COLORS, PAPER_SIZES, pageNumberText } from './style';
import { wrapText, type Measure } from './text';

export type PdfDoc = InstanceType<typeof PDFDocument>;

export interface PaperMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PaperInfo {
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  /** Set it (with the injected clock) for byte-identical output. Default: now. */
  creationDate?: Date;
}

export interface PaperOptions {
  layout?: 'portrait' | 'landscape';
  /** Points. Default 15 mm sides and top, 18 mm bottom (room for the page number). */
  margins?: Partial<PaperMargins>;
  info?: PaperInfo;
  /** Footer text per page; false for none. Default "第 x 页 共 y 页". */
  pageNumbers?: false | ((page: number, total: number) => string);
}

export interface TextLineStyle {
  face?: FontFace;
  size?: number;
  color?: string;
  /** Stretch the line to this width with character spacing (justified paragraphs). */
  justifyTo?: number;
}

export interface ParagraphOptions {
  /** Two-character first-line indent (Chinese report style). Default true. */
  indent?: boolean;
  size?: number;
  face?: FontFace;
  align?: Align | 'justify';
  color?: string;
}

export interface FinishOptions {
  /** Runs after page numbers are stamped, just before the document ends (e.g. add a signature placeholder). */
  beforeEnd?: (doc: PdfDoc) => void;
}

/** A check-box group value from its labels and the chosen one(s): checks(['已解决', '未解决'], '已解决'). */
export function checks(labels: readonly string[], chosen: string | readonly string[] | null | undefined): Content {
  const set = new Set(typeof chosen === 'string' ? [chosen] : (chosen ?? []));
  return { checks: labels.map((label) => ({ label, checked: set.has(label) })) };
}

/** Widths at 1000 pt per face and token, shared by all documents (same font files per process). */
const WIDTHS = new Map<string, number>();

export class Paper {
  readonly doc: PdfDoc;
  /** The cursor: top of the next widget, in points from the page top. */
  y: number;
  private readonly margins: PaperMargins;
  private pageLayout: 'portrait' | 'landscape';
  private readonly pageNumbers: false | ((page: number, total: number) => string);
  private done = false;

  constructor(opts: PaperOptions = {}) {
    this.pageLayout = opts.layout ?? 'portrait';
    this.margins = { ...DEFAULT_MARGINS, ...opts.margins };
    this.pageNumbers = opts.pageNumbers === undefined ? pageNumberText : opts.pageNumbers;
    const info: PDFKit.DocumentInfo = { Creator: '驻场运维工作台', CreationDate: opts.info?.creationDate ?? new Date() };
    if (opts.info?.title !== undefined) info.Title = opts.info.title;
    if (opts.info?.author !== undefined) info.Author = opts.info.author;
    if (opts.info?.subject !== undefined) info.Subject = opts.info.subject;
    if (opts.info?.keywords !== undefined) info.Keywords = opts.info.keywords;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: this.pageLayout,
      margins: this.margins,
      bufferPages: true,
      font: '', // no Helvetica: the CJK faces are registered below, once
      info,
      lang: 'zh-CN',
      displayTitle: opts.info?.title !== undefined,
    });
    registerFonts(this.doc);
    this.doc.font(FONT_NAMES.regular).fontSize(PAPER_SIZES.body).fillColor(PAPER_COLORS.text);
    this.y = this.top;
  }

  // ---- geometry --------------------------------------------------------------------------

  get pageWidth(): number {
    return this.doc.page.width;
  }
  get pageHeight(): number {
    return this.doc.page.height;
  }
  get left(): number {
    return this.margins.left;
  }
  get right(): number {
    return this.pageWidth - this.margins.right;
  }
  get top(): number {
    return this.margins.top;
  }
  get bottom(): number {
    return this.pageHeight - this.margins.bottom;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  /** Pages so far. */
  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  /** Adds a page (by default in the document's layout; a landscape appendix may change it). */
  addPage(layout: 'portrait' | 'landscape' = this.pageLayout): void {
    this.assertOpen();
    this.doc.addPage({ size: 'A4', layout, margins: this.margins });
    this.pageLayout = layout;
    this.y = this.top;
  }

  /** Starts a new page unless the cursor is already at the top of one in that layout. */
  newPage(layout: 'portrait' | 'landscape' = this.pageLayout): void {
    if (this.y > this.top + 1e-6 || layout !== this.pageLayout) this.addPage(layout);
  }

  /** Makes room for `height` points: adds a page unless it fits (or the page is still empty). Returns true if a page was added. */
  ensureSpace(height: number): boolean {
    if (this.y + height <= this.bottom + 1e-6 || this.y <= this.top + 1e-6) return false;
    this.addPage();
    return true;
  }

  spacer(height: number): void {
    this.y = Math.min(this.y + height, this.bottom);
  }

  // ---- text primitives (for widget authors) ---------------------------------------------------

  lineHeight(size: number): number {
    return size * LINE_HEIGHT;
  }

  /** A width function for one face and size (widths cached per face and token). */
  measure(face: FontFace, size: number): Measure {
    const file = resolveFonts().files[face];
    return (s: string) => {
      const key = `${file}\u0000${s}`;
      let w = WIDTHS.get(key);
      if (w === undefined) {
        w = this.doc.font(FONT_NAMES[face]).fontSize(1000).widthOfString(s);
        if (WIDTHS.size > 100_000) WIDTHS.clear();
        WIDTHS.set(key, w);
      }
      return (w * size) / 1000;
    };
  }

  wrap(text: string, width: number, face: FontFace, size: number): string[] {
    return wrapText(text, width, this.measure(face, size));
  }

  /** Draws one line of text in a line box whose top is `lineTop` (no wrapping, no page break). */
  textLine(text: string, x: number, lineTop: number, style: TextLineStyle = {}): void {
    if (!text) return;
    this.assertOpen();
    const size = style.size ?? PAPER_SIZES.body;
    const face = style.face ?? 'regular';
    // Centre the ideographic em box (ascent 0.88 em) in the line box.
    const baseline = lineTop + (this.lineHeight(size) - size) / 2 + 0.88 * size;
    let characterSpacing = 0;
    if (style.justifyTo !== undefined) {
      const chars = [...text].length;
      const extra = style.justifyTo - this.measure(face, size)(text);
      if (chars > 1 && extra > 0 && extra / (chars - 1) < size * 0.5) characterSpacing = extra / (chars - 1);
    }
    this.doc
      .font(FONT_NAMES[face])
      .fontSize(size)
      .fillColor(style.color ?? PAPER_COLORS.text)
      .text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing });
  }

  /**
   * A check box with its top-left corner at (x, y): a vector square, ticked when checked. An
   * invisible "√" or "□" lies under it so that copied or extracted text keeps the state.
   */
  checkbox(x: number, y: number, checked: boolean, side = PAPER_SIZES.body * 0.82): void {
    this.assertOpen();
    const doc = this.doc;
    doc.save().fillOpacity(0);
    doc.font(FONT_NAMES.regular).fontSize(side).text(checked ? '√' : '□', x, y + side * 0.88, { lineBreak: false, baseline: 'alphabetic' });
    doc.restore();
    doc.save().lineWidth(Math.max(0.5, side * 0.07)).strokeColor(PAPER_COLORS.rule).rect(x, y, side, side).stroke();
    if (checked) {
      doc
        .lineWidth(Math.max(0.8, side * 0.13))
        .lineCap('round')
        .lineJoin('round')
        .moveTo(x + side * 0.2, y + side * 0.52)
        .lineTo(x + side * 0.42, y + side * 0.76)
        .lineTo(x + side * 0.84, y + side * 0.2)
        .stroke();
    }
    doc.restore();
  }

  // ---- widgets ---------------------------------------------------------------------------

  /** Centred bold title (wraps when long), optional subtitle below. */
  title(text: string, subtitle?: string): void {
    const size = PAPER_SIZES.title;
    const lines = this.wrap(text, this.contentWidth, 'bold', size);
    const subLines = subtitle ? this.wrap(subtitle, this.contentWidth, 'regular', PAPER_SIZES.subtitle) : [];
    const h = lines.length * this.lineHeight(size) + subLines.length * this.lineHeight(PAPER_SIZES.subtitle);
    this.ensureSpace(h + this.lineHeight(PAPER_SIZES.body) * 3);
    this.centredLines(lines, 'bold', size);
    this.centredLines(subLines, 'regular', PAPER_SIZES.subtitle);
    this.spacer(6);
  }

  /** Right-aligned document number line: 文档编号：XXX. */
  docNumber(text: string, label = '文档编号'): void {
    const size = PAPER_SIZES.body;
    const line = `${label}：${text}`;
    const lines = this.wrap(line, this.contentWidth, 'regular', size);
    this.ensureSpace(lines.length * this.lineHeight(size));
    const m = this.measure('regular', size);
    for (const l of lines) {
      this.textLine(l, this.right - m(l), this.y, { size });
      this.y += this.lineHeight(size);
    }
    this.spacer(2);
  }

  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? PAPER_SIZES.heading1 : PAPER_SIZES.heading2;
    const lines = this.wrap(text, this.contentWidth, 'bold', size);
    this.spacer(this.y > this.top ? size * 0.6 : 0);
    // Keep the heading with at least two lines of what follows.
    this.ensureSpace(lines.length * this.lineHeight(size) + 2 * this.lineHeight(PAPER_SIZES.body));
    for (const l of lines) {
      this.textLine(l, this.left, this.y, { face: 'bold', size });
      this.y += this.lineHeight(size);
    }
    this.spacer(size * 0.25);
  }

  /** Report text; breaks across pages line by line. '\n' starts a new paragraph. */
  paragraph(text: string, opts: ParagraphOptions = {}): void {
    const size = opts.size ?? PAPER_SIZES.body;
    const face = opts.face ?? 'regular';
    const indent = opts.indent ?? true;
    const lh = this.lineHeight(size);
    const m = this.measure(face, size);
    for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
      const lines = this.wrap(indent && para ? `\u3000\u3000${para}` : para, this.contentWidth, face, size);
      lines.forEach((l, i) => {
        this.ensureSpace(lh);
        const w = m(l);
        const align = opts.align ?? 'justify';
        const x = align === 'center' ? this.left + (this.contentWidth - w) / 2 : align === 'right' ? this.right - w : this.left;
        const style: TextLineStyle = { face, size };
        if (opts.color) style.color = opts.color;
        if (align === 'justify' && i < lines.length - 1) style.justifyTo = this.contentWidth;
        this.textLine(l, x, this.y, style);
        this.y += lh;
      });
    }
    this.spacer(size * 0.3);
  }

  /** A line of "label：value" blanks with underlines, e.g. 单位（盖章）：____  报告人：____. */
  fieldLine(items: readonly FieldLineItem[]): void {
    drawFieldLine(this, items);
  }

  /** A bordered label/value grid like the paper forms (shaded labels, spans, check groups). */
  fieldGrid(rows: readonly GridRow[], opts: GridOptions = {}): void {
    drawFieldGrid(this, rows, opts);
  }

  /** A ruled table; the header (one or two rows) repeats on every page. */
  table(spec: TableSpec): void {
    drawTable(this, spec);
  }

  /** Signature lines (签字) with optional 年 月 日 below each. */
  signatureBlock(items: readonly SignatureItem[], opts: SignatureOptions = {}): void {
    drawSignatureBlock(this, items, opts);
  }

  /** Inline legend: symbols (出勤 √), colour swatches or check boxes with labels. */
  legend(items: readonly LegendItem[], title?: string): void {
    drawLegend(this, items, title);
  }

  /** A vector bar chart with axis, grid lines, value labels and a legend. */
  barChart(spec: BarChartSpec): void {
    drawBarChart(this, spec);
  }

  // ---- output ----------------------------------------------------------------------------

  /** Stamps page numbers and ends the document; resolves with the PDF bytes. */
  async finish(opts: FinishOptions = {}): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const doc = this.doc;
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    this.end(opts);
    return done;
  }

  /** Like finish(), streaming into a file (written beside it, then renamed into place). */
  async finishToFile(file: string, opts: FinishOptions = {}): Promise<void> {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    const out = fs.createWriteStream(tmp);
    this.doc.pipe(out);
    try {
      this.end(opts);
      await finished(out);
      await fs.promises.rename(tmp, file);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true });
      throw e;
    }
  }

  private end(opts: FinishOptions): void {
    this.assertOpen();
    this.stampPageNumbers();
    opts.beforeEnd?.(this.doc);
    this.done = true;
    this.doc.end();
  }

  private stampPageNumbers(): void {
    if (!this.pageNumbers) return;
    const { start, count } = this.doc.bufferedPageRange();
    const size = PAPER_SIZES.footer;
    const m = this.measure('regular', size);
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      const text = this.pageNumbers(i + 1, count);
      const top = this.pageHeight - this.margins.bottom / 2 - this.lineHeight(size) / 2;
      this.textLine(text, (this.pageWidth - m(text)) / 2, top, { size, color: PAPER_COLORS.muted });
    }
  }

  private centredLines(lines: string[], face: FontFace, size: number): void {
    const m = this.measure(face, size);
    for (const l of lines) {
      this.textLine(l, this.left + (this.contentWidth - m(l)) / 2, this.y, { face, size });
      this.y += this.lineHeight(size);
    }
  }

  private assertOpen(): void {
    if (this.done) throw new Error('Paper: the document is already finished');
  }
}

export type { Align, CheckGroup, CheckOption, Content } from './pdf-content';
export type { BarChartSpec, LegendItem } from './pdf-chart';
export type { FieldLineItem, GridField, GridOptions, GridRow, SignatureItem, SignatureOptions } from './pdf-grid';
export type { HeaderGroup, TableCell, TableColumn, TableSpec } from './pdf-table';
