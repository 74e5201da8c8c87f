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

export async function renderPdf(m: FormModel, creationDate: Date, author: string): Promise<Buffer> {
  const paper = new Paper({ layout: m.landscape ? 'landscape' : 'portrait', info: { title: m.title, subject: m.subject, author, creationDate } });
  paper.title(m.title, m.subtitle);
  const columns: TableColumn[] = m.columns.map((c) => ({ key: c.key, header: c.header, width: c.width, ...(c.align ? { align: c.align } : {}) }));
  const groups = headerGroups(m);
  paper.table({ columns, rows: m.rows, ...(groups ? { headerGroups: groups } : {}), ...(m.greyColumns?.length ? { greyColumns: m.greyColumns } : {}) });
  if (m.legend) paper.paragraph(m.legend, { indent: false, size: 9 });
  for (const n of m.notes) paper.paragraph(n, { indent: false, size: 9 });
  paper.spacer(8);
  paper.signatureBlock(m.signatures.map((label) => ({ label, withDate: true })));
  return paper.finish();
}

/** Excel widths (characters) from the relative widths of the template. */
const XLSX_UNITS_PER_WIDTH = 8;

export async function renderXlsx(m: FormModel, creationDate: Date, creator: string): Promise<Buffer> {
  const wb = createWorkbook({ creator, created: creationDate });
  const groups = headerGroups(m) as SheetHeaderGroup[] | undefined;
  const sheet = addFormSheet(wb, m.subject, {
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
  return workbookToBuffer(wb);
}
