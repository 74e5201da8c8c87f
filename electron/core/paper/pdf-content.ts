/**
 * Cell content for the PDF widgets: text, check-box groups and legend items are laid out
 * into lines first (so heights are known before drawing), then drawn, or split across pages.
 */
import type { FontFace } from './fonts';
import type { Paper } from './pdf';
import { CELL_PADDING, PAPER_COLORS, RULE_WIDTH } from './style';
import { widestChar, wrapBalanced } from './text';

export type Align = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle';

export interface CheckOption {
  label: string;
  checked: boolean;
}
/** A check-box group value: □系统故障 ☑数据库系统故障 … (boxes drawn as vectors). */
export interface CheckGroup {
  checks: readonly CheckOption[];
}
/** What a field or a table cell holds. Arrays stack their parts vertically. */
export type Content = string | number | null | undefined | CheckGroup | readonly (string | CheckGroup)[];

/** A mark before (box, swatch) or after (symbol) an inline item's label. */
export type Mark = { kind: 'box'; checked: boolean } | { kind: 'swatch'; color: string } | { kind: 'symbol'; text: string };
export interface InlineItem {
  label: string;
  mark?: Mark;
}

interface PlacedItem {
  /** Offset of the item from the line start. */
  x: number;
  mark?: Mark;
  /** Offset of the label from the item start. */
  labelDx: number;
  label: string;
  /** Offset of a trailing symbol from the item start. */
  symbolDx: number;
}
export type Line = { kind: 'text'; text: string; width: number } | { kind: 'items'; items: PlacedItem[]; width: number };

export interface Block {
  lines: Line[];
  face: FontFace;
  size: number;
  lineHeight: number;
  height: number;
}

export interface TextStyle {
  face?: FontFace;
  size: number;
  /** Smallest size the text may shrink to when one character is wider than the cell (default 5). */
  minSize?: number;
  /** Even line lengths when the text wraps (headers, labels). */
  balance?: boolean;
}

export function isCheckGroup(v: unknown): v is CheckGroup {
  return typeof v === 'object' && v !== null && Array.isArray((v as { checks?: unknown }).checks);
}

export function emptyBlock(face: FontFace, size: number, lineHeight: number): Block {
  return { lines: [], face, size, lineHeight, height: 0 };
}

function partsOf(content: Content): (string | CheckGroup)[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'number') return [Number.isFinite(content) ? String(content) : ''];
  if (typeof content === 'string' || isCheckGroup(content)) return [content];
  return [...content];
}

/** Plain text of a content (for sizing columns and for tests). */
export function contentText(content: Content): string {
  return partsOf(content)
    .map((p) => (typeof p === 'string' ? p : p.checks.map((c) => c.label).join(' ')))
    .join('\n');
}

/** Geometry of marks, relative to the font size. */
const BOX = 0.82;
const MARK_GAP = 0.3;
const ITEM_GAP = 1.0;

/** Lays inline items out into lines of at most `width`. */
export function layoutItems(paper: Paper, items: readonly InlineItem[], width: number, face: FontFace, size: number): Line[] {
  const m = paper.measure(face, size);
  const lines: Line[] = [];
  let cur: PlacedItem[] = [];
  let curW = 0;
  const push = (): void => {
    if (cur.length) lines.push({ kind: 'items', items: cur, width: curW });
    cur = [];
    curW = 0;
  };
  for (const it of items) {
    const lead = it.mark && it.mark.kind !== 'symbol' ? size * (BOX + MARK_GAP) : 0;
    const labelW = m(it.label);
    const symbolW = it.mark?.kind === 'symbol' ? size * 0.25 + m(it.mark.text) : 0;
    const w = lead + labelW + symbolW;
    const gap = cur.length ? size * ITEM_GAP : 0;
    if (cur.length && curW + gap + w > width + 1e-6) push();
    if (!cur.length && w > width + 1e-6) {
      // An item wider than the line: wrap its label, the mark stays on the first piece.
      const pieces = paper.wrap(it.label, Math.max(width - lead - symbolW, size), face, size);
      pieces.forEach((p, i) => {
        const item: PlacedItem = { x: 0, label: p, labelDx: lead, symbolDx: lead + m(p) + size * 0.25 };
        if (i === 0 && it.mark && it.mark.kind !== 'symbol') item.mark = it.mark;
        if (i === pieces.length - 1 && it.mark?.kind === 'symbol') item.mark = it.mark;
        lines.push({ kind: 'items', items: [item], width: Math.min(width, lead + m(p) + symbolW) });
      });
      continue;
    }
    const x = curW + (cur.length ? size * ITEM_GAP : 0);
    const item: PlacedItem = { x, label: it.label, labelDx: lead, symbolDx: lead + labelW + size * 0.25 };
    if (it.mark) item.mark = it.mark;
    cur.push(item);
    curW = x + w;
  }
  push();
  return lines;
}

/** Lays a content out for a box of inner width `width`; shrinks the font if one character cannot fit. */
export function layoutContent(paper: Paper, content: Content, width: number, style: TextStyle): Block {
  const face = style.face ?? 'regular';
  let size = style.size;
  const parts = partsOf(content);
  const text = parts.map((p) => (typeof p === 'string' ? p : p.checks.map((c) => c.label).join(''))).join('');
  const widest = widestChar(text, paper.measure(face, size));
  if (widest > width && widest > 0) size = Math.max(style.minSize ?? 5, Math.floor((size * width * 10) / widest) / 10);
  const lines: Line[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      const m = paper.measure(face, size);
      const wrapped = style.balance ? wrapBalanced(p, width, m) : paper.wrap(p, width, face, size);
      for (const t of wrapped) lines.push({ kind: 'text', text: t, width: m(t) });
    } else {
      lines.push(...layoutItems(paper, p.checks.map((c) => ({ label: c.label, mark: { kind: 'box', checked: c.checked } })), width, face, size));
    }
  }
  const lineHeight = paper.lineHeight(size);
  return { lines, face, size, lineHeight, height: lines.length * lineHeight };
}

/** Splits a block so that the head is at most `maxHeight` tall (at least `minLines` lines go in the head). */
export function splitBlock(block: Block, maxHeight: number, minLines = 0): [Block, Block] {
  const n = Math.max(minLines, Math.floor((maxHeight + 1e-6) / block.lineHeight));
  const take = Math.min(block.lines.length, n);
  const head = block.lines.slice(0, take);
  const tail = block.lines.slice(take);
  return [
    { ...block, lines: head, height: head.length * block.lineHeight },
    { ...block, lines: tail, height: tail.length * block.lineHeight },
  ];
}

/** Draws a block's lines from `top`, each aligned within `width`. */
export function drawBlock(paper: Paper, block: Block, x: number, top: number, width: number, align: Align): void {
  let y = top;
  for (const line of block.lines) {
    const dx = align === 'center' ? (width - line.width) / 2 : align === 'right' ? width - line.width : 0;
    if (line.kind === 'text') {
      paper.textLine(line.text, x + dx, y, { face: block.face, size: block.size });
    } else {
      for (const it of line.items) drawItem(paper, it, x + dx + it.x, y, block);
    }
    y += block.lineHeight;
  }
}

function drawItem(paper: Paper, it: PlacedItem, x: number, lineTop: number, block: Block): void {
  const { size, lineHeight } = block;
  const side = size * BOX;
  const markTop = lineTop + (lineHeight - side) / 2;
  if (it.mark?.kind === 'box') paper.checkbox(x, markTop, it.mark.checked, side);
  else if (it.mark?.kind === 'swatch') {
    paper.doc.save().rect(x, markTop, side, side).fill(it.mark.color).restore();
  }
  paper.textLine(it.label, x + it.labelDx, lineTop, { face: block.face, size });
  if (it.mark?.kind === 'symbol') paper.textLine(it.mark.text, x + it.symbolDx, lineTop, { face: block.face, size });
}

/** One cell of a row being drawn by flowRow. */
export interface RowCell {
  x: number;
  width: number;
  block: Block;
  align: Align;
  valign: VAlign;
  fill?: string;
  /** Shown in the pieces after the first when the row breaks across pages (e.g. label + "（续）"). */
  continuation?: Block;
}

export interface FlowOptions {
  minHeight: number;
  /** Height drawn at the top of a new page before the row continues (repeated table header). */
  reserve?: number;
  onNewPage?: () => void;
  padY?: number;
  padX?: number;
}

/** Horizontal padding of a cell: the default, or less in narrow columns. */
export function padXFor(width: number): number {
  return Math.min(CELL_PADDING.x, Math.max(1, width * 0.1));
}

/** Draws cells (fill, content, rules) in a row box of height `h` at `y`. */
export function drawCells(paper: Paper, cells: RowCell[], blocks: Block[], y: number, h: number, padY: number, split: boolean): void {
  const doc = paper.doc;
  cells.forEach((c) => {
    if (c.fill) doc.save().rect(c.x, y, c.width, h).fill(c.fill).restore();
  });
  cells.forEach((c, i) => {
    const b = blocks[i];
    if (!b || !b.lines.length) return;
    const padX = padXFor(c.width);
    const free = h - 2 * padY - b.height;
    const top = y + padY + (c.valign === 'middle' && !split ? Math.max(0, free / 2) : 0);
    drawBlock(paper, b, c.x + padX, top, c.width - 2 * padX, c.align);
  });
  doc.save().lineWidth(RULE_WIDTH).strokeColor(PAPER_COLORS.rule);
  for (const c of cells) doc.rect(c.x, y, c.width, h);
  doc.stroke().restore();
}

/**
 * Draws one row of cells at the paper's cursor and advances it. A row that does not fit moves
 * to the next page; a row taller than a whole page is split line by line across pages.
 */
export function flowRow(paper: Paper, cells: RowCell[], opts: FlowOptions): void {
  const padY = opts.padY ?? CELL_PADDING.y;
  const reserve = opts.reserve ?? 0;
  let parts = cells.map((c) => c.block);
  let real = parts.map(() => true);
  let continued = false;
  const newPage = (): void => {
    paper.addPage();
    opts.onNewPage?.();
  };
  for (;;) {
    const need = Math.max(opts.minHeight, Math.max(0, ...parts.map((b) => b.height)) + 2 * padY);
    const avail = paper.bottom - paper.y;
    if (need <= avail + 1e-6) {
      drawCells(paper, cells, parts, paper.y, need, padY, continued);
      paper.y += need;
      return;
    }
    const fullPage = paper.bottom - paper.top - reserve;
    const atTop = paper.y <= paper.top + reserve + 1e-6;
    const tallestLine = Math.max(...parts.map((b) => (b.lines.length ? b.lineHeight : 0)));
    if (!atTop && (need <= fullPage || avail - 2 * padY < Math.max(tallestLine * 3, opts.minHeight))) {
      newPage();
      continue;
    }
    const room = avail - 2 * padY;
    const split = parts.map((b) => splitBlock(b, room, atTop ? 1 : 0));
    drawCells(paper, cells, split.map((s) => s[0]), paper.y, avail, padY, true);
    paper.y += avail;
    real = split.map((s, i) => real[i] === true && s[1].lines.length > 0);
    if (!real.some(Boolean)) return;
    parts = split.map((s, i) => (real[i] ? s[1] : (cells[i]?.continuation ?? emptyBlock(s[1].face, s[1].size, s[1].lineHeight))));
    continued = true;
    newPage();
  }
}
