/**
 * Form widgets: the bordered label/value grid (故障报告单, 运维实施工单 …), a line of
 * underlined blanks, and signature blocks.
 */
import { flowRow, layoutContent, padXFor, type Align, type Content, type RowCell } from './pdf-content';
import type { Paper } from './pdf';
import { mm, PAPER_COLORS, PAPER_SIZES, RULE_WIDTH } from './style';

export interface GridField {
  label: string;
  value?: Content;
  /** Label/value pairs this field covers (its value stretches over the others). Default 1. */
  span?: number;
  /** Minimum height of the value in lines (room to write by hand); the value is then top-aligned. */
  minLines?: number;
  align?: Align;
}
/** A row of fields, or a full-width shaded section heading. */
export type GridRow = readonly GridField[] | { section: string };

export interface GridOptions {
  /** Label/value pairs per row. Default: the widest row. */
  pairs?: number;
  /** Label column width in points. Default: fits the longest label, 4 to 7 characters. */
  labelWidth?: number;
  size?: number;
  /** Minimum row height in points (default 8 mm, room for handwriting). */
  minRowHeight?: number;
}

function isSection(r: GridRow): r is { section: string } {
  return !Array.isArray(r);
}

export function drawFieldGrid(paper: Paper, rows: readonly GridRow[], opts: GridOptions): void {
  const size = opts.size ?? PAPER_SIZES.body;
  const spanOf = (f: GridField): number => Math.max(1, Math.floor(f.span ?? 1));
  const pairs = opts.pairs ?? Math.max(1, ...rows.map((r) => (isSection(r) ? 1 : r.reduce((s, f) => s + spanOf(f), 0))));
  const m = paper.measure('regular', size);
  const labels = rows.flatMap((r) => (isSection(r) ? [] : r.map((f) => f.label)));
  const longest = Math.max(0, ...labels.map((l) => m(l)));
  const labelW = opts.labelWidth ?? Math.min(Math.max(longest, 4 * size), 7 * size) + 2 * padXFor(100);
  const valueW = (paper.contentWidth - pairs * labelW) / pairs;
  if (valueW < 2 * size) throw new Error(`fieldGrid: ${pairs} pairs do not fit the page width`);
  const minHeight = opts.minRowHeight ?? mm(8);
  const lh = paper.lineHeight(size);

  for (const row of rows) {
    if (isSection(row)) {
      const w = paper.contentWidth;
      const block = layoutContent(paper, row.section, w - 2 * padXFor(w), { face: 'bold', size });
      flowRow(paper, [{ x: paper.left, width: w, block, align: 'left', valign: 'middle', fill: PAPER_COLORS.labelFill }], { minHeight });
      continue;
    }
    const used = row.reduce((s, f) => s + spanOf(f), 0);
    if (used > pairs) throw new Error(`fieldGrid: a row spans ${used} pairs, the grid has ${pairs}`);
    const cells: RowCell[] = [];
    let x = paper.left;
    let rowMin = minHeight;
    row.forEach((f, i) => {
      // The last field takes what the row leaves.
      const span = i === row.length - 1 ? pairs - (used - spanOf(f)) : spanOf(f);
      const vw = span * valueW + (span - 1) * labelW;
      const labelBlock = layoutContent(paper, f.label, labelW - 2 * padXFor(labelW), { size, balance: true });
      cells.push({
        x,
        width: labelW,
        block: labelBlock,
        align: 'center',
        valign: 'middle',
        fill: PAPER_COLORS.labelFill,
        continuation: layoutContent(paper, `${f.label}（续）`, labelW - 2 * padXFor(labelW), { size, balance: true }),
      });
      const valueBlock = layoutContent(paper, f.value, vw - 2 * padXFor(vw), { size });
      cells.push({ x: x + labelW, width: vw, block: valueBlock, align: f.align ?? 'left', valign: f.minLines ? 'top' : 'middle' });
      if (f.minLines) rowMin = Math.max(rowMin, f.minLines * lh + 6);
      x += labelW + vw;
    });
    flowRow(paper, cells, { minHeight: rowMin });
  }
  paper.spacer(6);
}

export interface FieldLineItem {
  label: string;
  value?: string;
  /** Relative width of this item on the line. Default 1. */
  width?: number;
}

/** "label：value" pairs across the line; each value sits on an underline to the item's end. */
export function drawFieldLine(paper: Paper, items: readonly FieldLineItem[]): void {
  const size = PAPER_SIZES.body;
  const m = paper.measure('regular', size);
  const lh = paper.lineHeight(size);
  const total = items.reduce((s, it) => s + (it.width ?? 1), 0) || 1;
  const gap = size;
  let x = paper.left;
  const laid = items.map((it) => {
    const w = (paper.contentWidth * (it.width ?? 1)) / total;
    const label = `${it.label}：`;
    const lw = Math.min(m(label), w * 0.6);
    const labelLines = paper.wrap(label, lw + 0.01, 'regular', size);
    const valueW = Math.max(size, w - lw - gap);
    const valueLines = it.value ? paper.wrap(it.value, valueW - 4, 'regular', size) : [''];
    const item = { x, w, lw, labelLines, valueLines, valueW };
    x += w;
    return item;
  });
  const lines = Math.max(1, ...laid.map((l) => Math.max(l.labelLines.length, l.valueLines.length)));
  paper.ensureSpace(lines * lh + 4);
  const top = paper.y;
  const doc = paper.doc;
  for (const it of laid) {
    it.labelLines.forEach((l, i) => paper.textLine(l, it.x, top + i * lh, { size }));
    it.valueLines.forEach((l, i) => paper.textLine(l, it.x + it.lw + 2, top + i * lh, { size }));
    doc.save().lineWidth(RULE_WIDTH).strokeColor(PAPER_COLORS.rule);
    for (let i = 0; i < it.valueLines.length; i++) {
      const uy = top + (i + 1) * lh - 1;
      doc.moveTo(it.x + it.lw, uy).lineTo(it.x + it.lw + it.valueW, uy);
    }
    doc.stroke().restore();
  }
  paper.y = top + lines * lh + 4;
}

export interface SignatureItem {
  /** e.g. 服务确认人（签字）. */
  label: string;
  /** Pre-printed name on the line (optional). */
  name?: string;
  /** Adds 年 月 日 under the line (or the given date text, e.g. 2024 年 3 月 5 日). */
  withDate?: boolean;
  date?: string;
}

export interface SignatureOptions {
  /** Blocks per row. Default: all in one row, at most 3. */
  columns?: number;
}

/** Signature blocks side by side: label, a line to sign on, and 年 月 日 under it. */
export function drawSignatureBlock(paper: Paper, items: readonly SignatureItem[], opts: SignatureOptions): void {
  const size = PAPER_SIZES.body;
  const lh = paper.lineHeight(size);
  const m = paper.measure('regular', size);
  const cols = Math.max(1, Math.min(opts.columns ?? Math.min(items.length, 3), items.length || 1));
  const slotW = paper.contentWidth / cols;
  const gap = size * 2;
  for (let start = 0; start < items.length; start += cols) {
    const rowItems = items.slice(start, start + cols).map((it, i) => {
      const x0 = paper.left + i * slotW;
      const x1 = x0 + slotW - (i < cols - 1 ? gap : 0);
      const labelLines = paper.wrap(`${it.label}：`, (x1 - x0) * 0.6, 'regular', size);
      return { it, x0, x1, labelLines, lw: Math.max(...labelLines.map((l) => m(l))) };
    });
    const withDate = rowItems.some((r) => r.it.withDate || r.it.date);
    // Room above the line to sign in (9 mm), more when a label wraps.
    const signH = Math.max(mm(9), ...rowItems.map((r) => r.labelLines.length * lh + 2));
    const height = signH + (withDate ? lh + 4 : 0) + 6;
    paper.spacer(6);
    paper.ensureSpace(height);
    const top = paper.y;
    for (const { it, x0, x1, labelLines, lw } of rowItems) {
      const lineTop = top + signH - lh;
      labelLines.forEach((l, k) => paper.textLine(l, x0, lineTop - (labelLines.length - 1 - k) * lh, { size }));
      if (it.name) paper.textLine(it.name, x0 + lw + 4, lineTop, { size });
      paper.doc
        .save()
        .lineWidth(RULE_WIDTH)
        .strokeColor(PAPER_COLORS.rule)
        .moveTo(x0 + lw, top + signH)
        .lineTo(x1, top + signH)
        .stroke()
        .restore();
      if (it.withDate || it.date) {
        const date = it.date ?? '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日';
        paper.textLine(date, x1 - m(date), top + signH + 4, { size });
      }
    }
    paper.y = top + height;
  }
}
