/**
 * Ruled tables (日常巡检表, 中心设备巡检表, 考勤表 …): relative column widths, one or two
 * header rows (grouped headers such as 设备运行是否正常 over 周一..周五), repeated on every
 * page, wrapped cells that never overflow, grey columns for days that do not exist.
 */
import {
  drawCells,
  flowRow,
  isCheckGroup,
  layoutContent,
  padXFor,
  type Align,
  type Block,
  type Content,
  type RowCell,
} from './pdf-content';
import type { Paper } from './pdf';
import { CELL_PADDING, mm, PAPER_COLORS, PAPER_SIZES } from './style';

export interface TableColumn {
  key: string;
  header: string;
  /** Relative width (default 1). */
  width?: number;
  align?: Align;
}

/** Consecutive columns under one header; without `header` the columns' own headers fill both rows. */
export interface HeaderGroup {
  header?: string;
  span: number;
}

/** A cell: its content, or the content with per-cell options. */
export type TableCell = Content | { value: Content; grey?: boolean; align?: Align; bold?: boolean };

export interface TableSpec {
  columns: readonly TableColumn[];
  headerGroups?: readonly HeaderGroup[];
  rows: readonly Readonly<Record<string, TableCell>>[];
  /** Alternate row shading. Default false (paper forms are plain). */
  zebra?: boolean;
  /** Keys of columns shaded grey in the header and every row (e.g. days past month end). */
  greyColumns?: readonly string[];
  /** Font size of the body (default 9 pt) and the header. */
  size?: number;
  /** Minimum row height in points (default 7 mm). */
  minRowHeight?: number;
  /** Empty rows added after the data, to be filled in by hand. */
  blankRows?: number;
}

interface CellSpec {
  value: Content;
  grey: boolean;
  align: Align | undefined;
  bold: boolean;
}

function cellSpec(c: TableCell | undefined): CellSpec {
  if (typeof c === 'object' && c !== null && !Array.isArray(c) && !isCheckGroup(c) && 'value' in c) {
    return { value: c.value, grey: c.grey ?? false, align: c.align, bold: c.bold ?? false };
  }
  return { value: c as Content, grey: false, align: undefined, bold: false };
}

interface HeaderCell {
  x: number;
  width: number;
  /** 0 = top row, 1 = bottom row. */
  row: 0 | 1;
  rowSpan: 1 | 2;
  block: Block;
  fill: string;
}

/** Column x positions and widths over the content width. */
export function columnGeometry(paper: Paper, columns: readonly TableColumn[]): { x: number; width: number }[] {
  const total = columns.reduce((s, c) => s + Math.max(0, c.width ?? 1), 0);
  if (!columns.length || total <= 0) throw new Error('table: no columns');
  let x = paper.left;
  return columns.map((c) => {
    const width = (paper.contentWidth * Math.max(0, c.width ?? 1)) / total;
    const g = { x, width };
    x += width;
    return g;
  });
}

export function drawTable(paper: Paper, spec: TableSpec): void {
  const size = spec.size ?? PAPER_SIZES.table;
  const cols = spec.columns;
  const geo = columnGeometry(paper, cols);
  const grey = new Set(spec.greyColumns ?? []);
  const inner = (w: number): number => w - 2 * padXFor(w);
  const padY = CELL_PADDING.y;

  // ---- header layout
  const groups = spec.headerGroups ?? [];
  const spanSum = groups.reduce((s, g) => s + g.span, 0);
  if (groups.length && spanSum !== cols.length) throw new Error(`table: header groups span ${spanSum} columns, the table has ${cols.length}`);
  const two = groups.some((g) => g.header !== undefined);
  const header: HeaderCell[] = [];
  let ci = 0;
  const headFill = (key: string): string => (grey.has(key) ? PAPER_COLORS.greyFill : PAPER_COLORS.headerFill);
  for (const g of two ? groups : cols.map(() => ({ span: 1 }) as HeaderGroup)) {
    const members = cols.slice(ci, ci + g.span);
    const first = geo[ci];
    const width = members.reduce((s, _c, k) => s + (geo[ci + k]?.width ?? 0), 0);
    if (!first) throw new Error('table: bad header group');
    if (two && g.header !== undefined) {
      header.push({ x: first.x, width, row: 0, rowSpan: 1, block: layoutContent(paper, g.header, inner(width), { face: 'bold', size, balance: true }), fill: PAPER_COLORS.headerFill });
      members.forEach((c, k) => {
        const cg = geo[ci + k];
        if (cg) header.push({ x: cg.x, width: cg.width, row: 1, rowSpan: 1, block: layoutContent(paper, c.header, inner(cg.width), { face: 'bold', size, balance: true }), fill: headFill(c.key) });
      });
    } else {
      members.forEach((c, k) => {
        const cg = geo[ci + k];
        if (cg) header.push({ x: cg.x, width: cg.width, row: 0, rowSpan: two ? 2 : 1, block: layoutContent(paper, c.header, inner(cg.width), { face: 'bold', size, balance: true }), fill: headFill(c.key) });
      });
    }
    ci += g.span;
  }
  const minH = paper.lineHeight(size) + 2 * padY;
  let h0 = Math.max(minH, ...header.filter((h) => h.row === 0 && h.rowSpan === 1).map((h) => h.block.height + 2 * padY));
  let h1 = two ? Math.max(minH, ...header.filter((h) => h.row === 1).map((h) => h.block.height + 2 * padY)) : 0;
  if (!two) h0 = Math.max(h0, ...header.map((h) => h.block.height + 2 * padY));
  else h1 = Math.max(h1, ...header.filter((h) => h.rowSpan === 2).map((h) => h.block.height + 2 * padY - h0));
  const headerHeight = h0 + h1;

  const drawHeader = (): void => {
    const top = paper.y;
    for (const h of header) {
      const y = top + (h.row === 1 ? h0 : 0);
      const hh = h.rowSpan === 2 ? h0 + h1 : h.row === 0 ? h0 : h1;
      drawCells(paper, [{ x: h.x, width: h.width, block: h.block, align: 'center', valign: 'middle', fill: h.fill }], [h.block], y, hh, padY, false);
    }
    paper.y = top + headerHeight;
  };

  // ---- body
  const minRow = spec.minRowHeight ?? mm(7);
  const bodyRows: CellSpec[][] = spec.rows.map((r) => cols.map((c) => cellSpec(r[c.key])));
  for (let i = 0; i < (spec.blankRows ?? 0); i++) bodyRows.push(cols.map(() => cellSpec(null)));

  // Keep the header with the first row.
  paper.ensureSpace(headerHeight + minRow);
  drawHeader();
  bodyRows.forEach((row, ri) => {
    const cells: RowCell[] = row.map((c, k) => {
      const g = geo[k] ?? { x: paper.left, width: 0 };
      const col = cols[k];
      const fill = c.grey || (col && grey.has(col.key)) ? PAPER_COLORS.greyFill : spec.zebra && ri % 2 === 1 ? PAPER_COLORS.zebraFill : undefined;
      const cell: RowCell = {
        x: g.x,
        width: g.width,
        block: layoutContent(paper, c.value, inner(g.width), { size, face: c.bold ? 'bold' : 'regular' }),
        align: c.align ?? col?.align ?? 'center',
        valign: 'middle',
      };
      if (fill) cell.fill = fill;
      return cell;
    });
    flowRow(paper, cells, { minHeight: minRow, reserve: headerHeight, onNewPage: drawHeader });
  });
  paper.spacer(6);
}
