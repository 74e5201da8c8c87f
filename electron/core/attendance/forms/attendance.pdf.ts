import { Paper, type TableColumn } from '../../paper/pdf';
import { mm } from '../../paper/style';
import { formatTotal, type SheetModel } from './sheet';

/** Body size of the grid: 31 day columns and the totals fit A4 landscape at this size. */
const GRID_SIZE = 7;

/**
 * 日常工作考勤表 (合同附件6) as an A4 landscape PDF: title, 单位(盖章), names × days 1..31
 * (days past the month's end greyed), per-person totals, 本人签字, legend, signature lines.
 * One page for up to about ten people; more people continue on further pages with the header.
 */
export async function attendancePdf(sheet: SheetModel, creationDate: Date): Promise<Buffer> {
  const paper = new Paper({
    layout: 'landscape',
    margins: { left: mm(10), right: mm(10), top: mm(10), bottom: mm(12) },
    info: { title: sheet.title, subject: '日常工作考勤表（合同附件6）', author: sheet.unit, creationDate },
  });
  paper.title(sheet.title);
  paper.fieldLine([
    { label: '单位（盖章）', value: sheet.unit, width: 2 },
    { label: '项目名称', value: sheet.projectName, width: 2 },
    { label: '驻点单位', value: sheet.partyA, width: 1.6 },
  ]);
  const dayKey = (d: number) => `d${d}`;
  const totKey = (i: number) => `t${i}`;
  const columns: TableColumn[] = [
    { key: 'no', header: '序号', width: 1.1 },
    { key: 'name', header: '姓名', width: 2.6 },
    ...sheet.days.map((d) => ({ key: dayKey(d.day), header: d.exists ? `${d.day}\n${d.sub}` : String(d.day), width: 1 })),
    ...sheet.totalsColumns.map((c, i) => ({ key: totKey(i), header: c.label.replace('(', '\n('), width: 1.75 })),
    { key: 'sign', header: '本人签字', width: 2.8 },
  ];
  const rows = sheet.rows.map((r, i) => {
    const row: Record<string, string> = { no: String(i + 1), name: r.name, sign: '' };
    sheet.days.forEach((d, k) => (row[dayKey(d.day)] = r.cells[k] ?? ''));
    r.totals.forEach((v, k) => (row[totKey(k)] = formatTotal(v)));
    return row;
  });
  paper.table({
    columns,
    headerGroups: [{ span: 2 }, { header: '日期（上方为日，下方为星期；休：法定节假日，班：调休上班）', span: sheet.days.length }, { header: '本月合计', span: sheet.totalsColumns.length }, { span: 1 }],
    rows,
    greyColumns: sheet.days.filter((d) => !d.exists).map((d) => dayKey(d.day)),
    size: GRID_SIZE,
    // Taller rows for a small team; ten people still fit on the page.
    minRowHeight: mm(sheet.rows.length <= 6 ? 10 : sheet.rows.length <= 8 ? 8.5 : 7.5),
  });
  paper.legend(sheet.legend, '考勤标记');
  paper.paragraph(sheet.note, { indent: false, size: 8 });
  paper.signatureBlock(sheet.signatures.map((label) => ({ label, withDate: true })));
  return paper.finish();
}
