/**
 * Report graphics: a plain vector bar chart (月报 fault statistics) and inline legends
 * (考勤标记：出勤 √ 加班 ◆ …).
 */
import { drawBlock, layoutContent, layoutItems, type Block, type InlineItem, type Mark } from './pdf-content';
import type { Paper } from './pdf';
import { CHART_PALETTE, mm, PAPER_COLORS, PAPER_SIZES, RULE_WIDTH } from './style';

export interface LegendItem {
  label: string;
  /** A printed symbol shown after the label (出勤 √). */
  symbol?: string;
  /** A colour swatch shown before the label. */
  color?: string;
  /** A check box shown before the label. */
  checked?: boolean;
}

function markOf(it: LegendItem): Mark | undefined {
  if (it.symbol !== undefined) return { kind: 'symbol', text: it.symbol };
  if (it.color !== undefined) return { kind: 'swatch', color: it.color };
  if (it.checked !== undefined) return { kind: 'box', checked: it.checked };
  return undefined;
}

function legendBlock(paper: Paper, items: readonly LegendItem[], title: string | undefined, width: number, size: number): Block {
  const inline: InlineItem[] = [];
  if (title) inline.push({ label: title.endsWith('：') ? title : `${title}：` });
  for (const it of items) {
    const mark = markOf(it);
    inline.push(mark ? { label: it.label, mark } : { label: it.label });
  }
  const lines = layoutItems(paper, inline, width, 'regular', size);
  const lineHeight = paper.lineHeight(size);
  return { lines, face: 'regular', size, lineHeight, height: lines.length * lineHeight };
}

export function drawLegend(paper: Paper, items: readonly LegendItem[], title?: string, size: number = PAPER_SIZES.body): void {
  const block = legendBlock(paper, items, title, paper.contentWidth, size);
  for (const line of block.lines) {
    paper.ensureSpace(block.lineHeight);
    drawBlock(paper, { ...block, lines: [line], height: block.lineHeight }, paper.left, paper.y, paper.contentWidth, 'left');
    paper.y += block.lineHeight;
  }
  paper.spacer(4);
}

export interface BarSeries {
  name: string;
  /** One value per category; negative and non-finite values count as 0. */
  values: readonly number[];
}

export interface BarChartSpec {
  title?: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Height of the plot area in points (default 55 mm). */
  plotHeight?: number;
  /** Unit shown above the value axis, e.g. 次. */
  unit?: string;
  /** Print each bar's value above it (default true). */
  valueLabels?: boolean;
}

/** A "nice" step (1, 2 or 5 × 10^n) giving about `target` intervals up to `max`. */
export function niceStep(max: number, target = 5, integer = false): number {
  if (!(max > 0)) return 1;
  const raw = max / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * pow).find((s) => s >= raw) ?? 10 * pow;
  return integer ? Math.max(1, Math.round(step)) : step;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
}

export function drawBarChart(paper: Paper, spec: BarChartSpec): void {
  const doc = paper.doc;
  const n = spec.categories.length;
  if (!n || !spec.series.length) throw new Error('barChart: no categories or no series');
  const val = (s: BarSeries, i: number): number => {
    const v = s.values[i] ?? 0;
    return Number.isFinite(v) && v > 0 ? v : 0;
  };
  const all = spec.series.flatMap((s) => spec.categories.map((_c, i) => val(s, i)));
  const integer = all.every((v) => Number.isInteger(v));
  const max = Math.max(0, ...all);
  const step = niceStep(max, 5, integer);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 1e6; t += step) ticks.push(t);

  const small = PAPER_SIZES.small;
  const ms = paper.measure('regular', small);
  const titleSize = PAPER_SIZES.body;
  const plotH = spec.plotHeight ?? mm(55);
  const axisW = Math.max(...ticks.map((t) => ms(fmt(t))), spec.unit ? ms(spec.unit) : 0) + 6;
  const x0 = paper.left + axisW;
  const x1 = paper.right - 4;
  const groupW = (x1 - x0) / n;

  // Category labels: at most two lines, smaller font when needed.
  let catSize = small;
  let cats = spec.categories.map((c) => layoutContent(paper, c, groupW - 2, { size: catSize, balance: true }));
  while (catSize > 5 && cats.some((b) => b.lines.length > 2)) {
    catSize -= 0.5;
    cats = spec.categories.map((c) => layoutContent(paper, c, groupW - 2, { size: catSize, balance: true }));
  }
  const catH = Math.max(...cats.map((b) => b.height));
  const legend = legendBlock(paper, spec.series.map((s, i) => ({ label: s.name, color: CHART_PALETTE[i % CHART_PALETTE.length] ?? '#000000' })), undefined, paper.contentWidth, small);
  const titleH = spec.title ? paper.lineHeight(titleSize) + 4 : 0;
  const unitH = paper.lineHeight(small);
  const lhs = unitH;
  const total = titleH + unitH + lhs / 2 + plotH + 4 + catH + 6 + legend.height + 8;
  paper.ensureSpace(total);

  let y = paper.y;
  if (spec.title) {
    const mt = paper.measure('bold', titleSize);
    paper.textLine(spec.title, paper.left + (paper.contentWidth - mt(spec.title)) / 2, y, { face: 'bold', size: titleSize });
    y += titleH;
  }
  if (spec.unit) paper.textLine(spec.unit, x0 - ms(spec.unit) - 4, y, { size: small, color: PAPER_COLORS.muted });
  y += unitH + lhs / 2;
  const yb = y + plotH;
  const yOf = (v: number): number => yb - (v / top) * plotH;

  // Grid lines and tick labels.
  doc.save().lineWidth(0.4).strokeColor(PAPER_COLORS.gridLine).dash(2, { space: 2 });
  for (const t of ticks) if (t > 0) doc.moveTo(x0, yOf(t)).lineTo(x1, yOf(t));
  doc.stroke().undash().restore();
  for (const t of ticks) paper.textLine(fmt(t), x0 - 4 - ms(fmt(t)), yOf(t) - lhs / 2, { size: small, color: PAPER_COLORS.muted });

  // Bars and their values.
  const k = spec.series.length;
  const barW = Math.min((groupW * 0.72) / k, 28);
  spec.series.forEach((s, si) => {
    const color = CHART_PALETTE[si % CHART_PALETTE.length] ?? '#000000';
    spec.categories.forEach((_c, i) => {
      const v = val(s, i);
      const bx = x0 + i * groupW + (groupW - barW * k) / 2 + si * barW;
      if (v > 0) doc.save().rect(bx, yOf(v), barW, yb - yOf(v)).fill(color).restore();
      if (spec.valueLabels !== false && v > 0) {
        const label = fmt(v);
        const size = Math.max(5, Math.min(small, (small * (barW + 2)) / Math.max(1, ms(label))));
        const w = paper.measure('regular', size)(label);
        paper.textLine(label, bx + (barW - w) / 2, yOf(v) - paper.lineHeight(size), { size });
      }
    });
  });

  // Axes on top of the bars.
  doc.save().lineWidth(RULE_WIDTH).strokeColor(PAPER_COLORS.rule).moveTo(x0, y - 2).lineTo(x0, yb).lineTo(x1, yb).stroke();
  for (let i = 0; i <= n; i++) doc.moveTo(x0 + i * groupW, yb).lineTo(x0 + i * groupW, yb + 3);
  doc.stroke().restore();

  cats.forEach((b, i) => drawBlock(paper, b, x0 + i * groupW + 1, yb + 4, groupW - 2, 'center'));
  const ly = yb + 4 + catH + 6;
  drawBlock(paper, legend, paper.left, ly, paper.contentWidth, 'center');
  paper.y = ly + legend.height + 8;
}
