/**
 * The look shared by every paper form (PDF and XLSX): one family of sizes, greys and
 * rules, so that a 故障报告单 and a 考勤表 printed side by side look alike.
 */

/** Points per millimetre (PDF user space is 1/72 inch). */
export const PT_PER_MM = 72 / 25.4;

export const mm = (v: number): number => v * PT_PER_MM;

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

export const PAPER_SIZES = {
  /** 三号: form titles. */
  title: 16,
  subtitle: 10.5,
  heading1: 14,
  heading2: 12,
  /** 五号: body text, field grids. */
  body: 10.5,
  /** 小五: tables. */
  table: 9,
  small: 8,
  footer: 8,
} as const;

/** Line box height as a multiple of the font size (Source Han Sans: ascent 1.16, descent 0.288). */
export const LINE_HEIGHT = 1.4;

export const PAPER_COLORS = {
  text: '#000000',
  rule: '#000000',
  muted: '#555555',
  /** Label cells of field grids. */
  labelFill: '#EFEFEF',
  /** Table header rows. */
  headerFill: '#E2E2E2',
  /** Cells that do not apply (days past month end, holidays when asked). */
  greyFill: '#BFBFBF',
  zebraFill: '#F6F6F6',
  gridLine: '#C8C8C8',
} as const;

/** Bar colours: distinct in colour and in grey level (printed on a B/W printer). */
export const CHART_PALETTE = ['#2F5597', '#ED7D31', '#7F7F7F', '#FFC000', '#70AD47', '#9DC3E6', '#843C0C', '#404040'] as const;

export const RULE_WIDTH = 0.6;

export const CELL_PADDING = { x: 4, y: 3 } as const;

/** Default page margins in points (left/right 15 mm, top 15 mm, bottom 18 mm for the page number). */
export const DEFAULT_MARGINS = { top: mm(15), bottom: mm(18), left: mm(15), right: mm(15) } as const;

/** Page number text used in PDF footers; XLSX uses the same words with &P / &N. */
export function pageNumberText(page: number, total: number): string {
  return `第 ${page} 页 共 ${total} 页`;
}

export const XLSX_PAGE_FOOTER = '&C第 &P 页 共 &N 页';

/** Fonts named in XLSX files (what Chinese Office installs have; LibreOffice substitutes). */
export const XLSX_FONTS = { body: '宋体', title: '黑体' } as const;

/** ARGB without '#', as exceljs wants it. */
export function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}
