/** The shared paper kit: every printed form of the workbench (PDF and XLSX) is built on it. */
export { checks, Paper } from './pdf';
export type {
  Align,
  BarChartSpec,
  CheckGroup,
  CheckOption,
  Content,
  FieldLineItem,
  FinishOptions,
  GridField,
  GridOptions,
  GridRow,
  HeaderGroup,
  LegendItem,
  PaperInfo,
  PaperMargins,
  PaperOptions,
  ParagraphOptions,
  PdfDoc,
  SignatureItem,
  SignatureOptions,
  TableCell,
  TableColumn,
  TableSpec,
  TextLineStyle,
} from './pdf';
export { FONT_FILES, FONT_NAMES, fontBuffer, registerFonts, resolveFonts, setFontDir, type FontFace, type ResolvedFonts } from './fonts';
export {
  addFormSheet,
  addRows,
  createStreamingWorkbook,
  createWorkbook,
  estimateLines,
  FormSheet,
  safeSheetName,
  textUnits,
  workbookToBuffer,
  writeWorkbookFile,
  type AnyWorkbook,
  type FormSheetOptions,
  type RowOptions,
  type SheetColumn,
  type SheetHeaderGroup,
  type SheetMargins,
  type XlsxAlign,
} from './xlsx';
export { checksText, csvCell, csvLine, MAX_CELL_CHARS, safeCell, textOf, toCsv } from './cells';
export { A4, mm, PAPER_COLORS, PAPER_SIZES, pageNumberText } from './style';
