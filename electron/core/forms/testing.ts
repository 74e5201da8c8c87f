import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tempDir } from '../test-tmp';
import { run, squash, tempFile } from '../paper/testkit';

/**
 * Checks of generated forms with the real tools (pdftotext, pdffonts, pdftoppm, LibreOffice).
 * Running a tool, squashing white space and temp files come from the paper kit's testkit.
 */
export { squash };

/** Runs a tool and returns its stdout (two minutes by default: LibreOffice is slow on a busy machine). */
export function tool(cmd: string, args: readonly string[], timeoutMs = 120_000): Promise<string> {
  return run(cmd, args, timeoutMs);
}

/** A file in a fresh temp folder. */
export function writeTemp(name: string, bytes: Buffer): string {
  return tempFile(name, bytes);
}

/** The text of a PDF in drawing order (-raw: a cell's wrapped lines stay together), pages split. */
export async function pdfRawPages(file: string): Promise<string[]> {
  return (await tool('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).split('\f').slice(0, -1);
}

export interface PdfFont {
  name: string;
  embedded: boolean;
  subset: boolean;
}

export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const lines = (await tool('pdffonts', [file])).split('\n').slice(2).filter((l) => l.trim());
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type… encoding emb sub uni id gen: the three yes/no flags are the 5th-3rd from the end.
    const n = cols.length;
    return { name: cols[0] ?? '', embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
  });
}

/** Renders one page to PNG; keeps a copy in OWB_FORMS_KEEP (a folder) for a human to look at. */
export async function renderPng(pdf: string, page: number, keepAs: string): Promise<string> {
  const prefix = path.join(path.dirname(pdf), `page-${page}`);
  await tool('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  const png = `${prefix}.png`;
  const keep = process.env.OWB_FORMS_KEEP;
  if (keep) fs.copyFileSync(png, path.join(keep, keepAs));
  return png;
}

/** Every cell of every sheet, as exceljs reads it back: value, type, formula (if any). */
export async function xlsxCells(bytes: Buffer): Promise<Array<{ address: string; value: unknown; text: string; isFormula: boolean }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Array<{ address: string; value: unknown; text: string; isFormula: boolean }> = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        out.push({ address: cell.address, value: cell.value, text: cell.text, isFormula: cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined });
      }),
    ),
  );
  return out;
}

/** The sheet's print setup as exceljs reads it back. */
export async function xlsxPageSetup(bytes: Buffer): Promise<Partial<ExcelJS.PageSetup> & { footer: string | undefined }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  return { ...ws.pageSetup, footer: ws.headerFooter.oddFooter };
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Opens the xlsx with LibreOffice headless and converts it to CSV (UTF-8): proof that the file
 * opens, and what a user would see in each cell. A private profile per run (-env:UserInstallation).
 */
export async function libreOfficeCsv(xlsx: string): Promise<string[][]> {
  const dir = path.dirname(xlsx);
  const profile = tempDir('lo-owb-');
  await tool('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, xlsx], 180_000);
  const csv = path.join(dir, `${path.basename(xlsx, '.xlsx')}.csv`);
  const text = fs.readFileSync(csv, 'utf8');
  fs.rmSync(profile, { recursive: true, force: true });
  return parseCsv(text.replace(/^\uFEFF/, ''));
}
