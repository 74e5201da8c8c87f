/** A form model on the shared paper kit: an A4 PDF and an Excel sheet with the same columns. */
import { addFormSheet, createWorkbook, Paper, workbookToBuffer, type HeaderGroup, type SheetHeaderGroup, type TableColumn } from '../../paper';
import type { FormModel } from './model';

/** Header groups from the columns' `group` (consecutive columns under one heading). */
function headerGroups(m: FormModel): HeaderGroup[] | undefined {
  if (!m.columns.some((c) => c.group)) return undefined;
  const out: HeaderGroup[] = [];
  for (const c of m.columns) {
    const last = out.at(-1);
    if (c.group && last && last.header === c.group) last.span++;
    else out.push(c.group ? { header: c.group, span: 1 } : { span: 1 });
  }
  return out;
}

/**
 * One sheet, or a volume of sheets (a month of rounds: one PDF with the font embedded once,
 * each sheet from a new page, pages numbered through the volume).
 */
export async function renderPdf(model: FormModel | FormModel[], creationDate: Date, author: string): Promise<Buffer> {
  const models = Array.isArray(model) ? model : [model];
  const first = models[0];
  if (!first) throw new Error('renderPdf: no sheet');
  const paper = new Paper({ layout: first.landscape ? 'landscape' : 'portrait', info: { title: first.title, subject: first.subject, author, creationDate } });
  models.forEach((m, i) => {
    if (i > 0) paper.addPage(m.landscape ? 'landscape' : 'portrait');
    drawSheet(paper, m);
  });
  return paper.finish();
}

function drawSheet(paper: Paper, m: FormModel): void {
  paper.title(m.title, m.subtitle);
  const columns: TableColumn[] = m.columns.map((c) => ({ key: c.key, header: c.header, width: c.width, ...(c.align ? { align: c.align } : {}) }));
  const groups = headerGroups(m);
  paper.table({ columns, rows: m.rows, ...(groups ? { headerGroups: groups } : {}), ...(m.greyColumns?.length ? { greyColumns: m.greyColumns } : {}) });
  if (m.legend) paper.paragraph(m.legend, { indent: false, size: 9 });
  for (const n of m.notes) paper.paragraph(n, { indent: false, size: 9 });
  paper.spacer(8);
  paper.signatureBlock(m.signatures.map((label) => ({ label, withDate: true })));
}

/** Excel widths (characters) from the relative widths of the template. */
const XLSX_UNITS_PER_WIDTH = 8;

/** One sheet, or a volume: one worksheet per sheet, named by its date and slot. */
export async function renderXlsx(model: FormModel | FormModel[], creationDate: Date, creator: string): Promise<Buffer> {
  const wb = createWorkbook({ creator, created: creationDate });
  const models = Array.isArray(model) ? model : [model];
  for (const m of models) addSheet(wb, m, models.length > 1 ? (m.sheetName ?? m.subject) : m.subject);
  return workbookToBuffer(wb);
}

function addSheet(wb: ReturnType<typeof createWorkbook>, m: FormModel, name: string): void {
  const groups = headerGroups(m) as SheetHeaderGroup[] | undefined;
  const sheet = addFormSheet(wb, name, {
    title: m.title,
    subtitle: m.subtitle,
    columns: m.columns.map((c) => ({ key: c.key, header: c.header, width: Math.max(5, Math.round(c.width * XLSX_UNITS_PER_WIDTH)), ...(c.align ? { align: c.align } : {}) })),
    ...(groups ? { headerGroups: groups } : {}),
    landscape: m.landscape,
    ...(m.greyColumns?.length ? { greyColumns: m.greyColumns } : {}),
  });
  for (const r of m.rows) sheet.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : v])));
  if (m.legend) sheet.addNote(m.legend);
  for (const n of m.notes) sheet.addNote(n);
  sheet.addNote(m.signatures.map((s) => `${s}：__________\u3000\u3000年\u3000月\u3000日`).join('\u3000\u3000\u3000\u3000'));
}
