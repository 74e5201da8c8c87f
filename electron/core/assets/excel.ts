/**
 * The asset list in Excel: export (the same layout the import reads) and import. The import
 * checks every row first and writes nothing when any row is bad; each problem names its row
 * and column in Chinese. Credentials are referenced by their name only — a secret never goes
 * into or comes out of a spreadsheet.
 */
import ExcelJS from 'exceljs';
import { zAssetFields, type AssetFields } from '../../../shared/contract/assets';
import { AppError, type Issue } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { argb, PAPER_COLORS, XLSX_FONTS } from '../paper/style';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { eq } from 'drizzle-orm';
import { assets } from './schema';
import { assetFields, assetRows, listCredentials } from './service';

type FieldKey = Exclude<keyof AssetFields, 'credentialId'> | 'credential';

/** The columns, in order: header text and field. */
export const ASSET_COLUMNS: ReadonlyArray<{ header: string; key: FieldKey; width: number }> = [
  { header: '服务器名称', key: 'name', width: 28 },
  { header: '节点', key: 'nodeGroup', width: 12 },
  { header: 'IP地址', key: 'ip', width: 16 },
  { header: '操作系统', key: 'os', width: 20 },
  { header: '系统简称', key: 'systemShort', width: 10 },
  { header: '设备型号', key: 'model', width: 16 },
  { header: '设备用途', key: 'purpose', width: 22 },
  { header: '所在位置', key: 'location', width: 14 },
  { header: '类别', key: 'category', width: 14 },
  { header: '内容分类', key: 'contentCategory', width: 12 },
  { header: '负责人', key: 'owner', width: 10 },
  { header: '登录凭据', key: 'credential', width: 14 },
  { header: '排序', key: 'sort', width: 8 },
  { header: '备注', key: 'note', width: 24 },
];

const FIELD_LABEL: Record<string, string> = Object.fromEntries(ASSET_COLUMNS.map((c) => [c.key === 'credential' ? 'credentialId' : c.key, c.header]));

export const MAX_IMPORT_ROWS = 5000;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportAssets(ctx: CallContext): Promise<{ fileName: string; mime: string; dataBase64: string }> {
  const labels = new Map(listCredentials(ctx).map((c) => [c.id, c.label]));
  const wb = new ExcelJS.Workbook();
  wb.creator = ctx.project().partyB;
  wb.created = ctx.now();
  wb.modified = ctx.now();
  const ws = wb.addWorksheet('资产清单', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = ASSET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const head = ws.getRow(1);
  head.font = { name: XLSX_FONTS.body, size: 10, bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(PAPER_COLORS.headerFill) } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  for (const r of assetRows(ctx)) {
    const f = assetFields(r);
    const row = ws.addRow({ ...f, credential: f.credentialId ? (labels.get(f.credentialId) ?? '') : '' });
    row.font = { name: XLSX_FONTS.body, size: 10 };
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `资产清单-${ctx.project().code}.xlsx`, mime: XLSX_MIME, dataBase64: bytes.toString('base64') };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return v.trim();
  return (cell.text ?? '').trim();
}

interface ParsedRow {
  row: number;
  fields: AssetFields;
  sortGiven: boolean;
}

/** Reads and checks every row; throws one VALIDATION error listing all bad rows. */
export async function parseAssetWorkbook(ctx: CallContext, bytes: Buffer): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('VALIDATION', t('import.badFile', { detail: e instanceof Error ? e.message.slice(0, 200) : String(e) }));
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION', t('import.noSheet'));

  // The header row: the first of the first five rows holding 服务器名称.
  let headerRow = 0;
  const colOf = new Map<FieldKey, number>();
  for (let r = 1; r <= Math.min(5, ws.rowCount) && !headerRow; r++) {
    const row = ws.getRow(r);
    const found = new Map<string, number>();
    row.eachCell((cell, col) => found.set(cellText(cell), col));
    if (found.has('服务器名称')) {
      headerRow = r;
      for (const c of ASSET_COLUMNS) {
        const col = found.get(c.header);
        if (col) colOf.set(c.key, col);
      }
    }
  }
  const required: FieldKey[] = ['name', 'nodeGroup', 'ip', 'os'];
  const missing = ASSET_COLUMNS.filter((c) => required.includes(c.key) && !colOf.has(c.key)).map((c) => c.header);
  if (!headerRow) throw new AppError('VALIDATION', t('import.missingColumns', { row: 1, columns: '服务器名称' }));
  if (missing.length) throw new AppError('VALIDATION', t('import.missingColumns', { row: headerRow, columns: missing.join('、') }));

  const credentialByLabel = new Map(listCredentials(ctx).map((c) => [c.label, c.id]));
  const issues: Issue[] = [];
  const out: ParsedRow[] = [];
  const seen = new Map<string, number>();
  const last = ws.rowCount;
  if (last - headerRow > MAX_IMPORT_ROWS) throw new AppError('VALIDATION', t('import.tooMany', { max: MAX_IMPORT_ROWS, rows: last - headerRow }));
  for (let r = headerRow + 1; r <= last; r++) {
    const row = ws.getRow(r);
    const get = (k: FieldKey): string => {
      const col = colOf.get(k);
      return col ? cellText(row.getCell(col)) : '';
    };
    const values = ASSET_COLUMNS.map((c) => get(c.key));
    if (values.every((v) => v === '')) continue; // blank lines are allowed
    const rowIssues: string[] = [];
    const sortText = get('sort');
    let sort = out.length;
    if (sortText !== '') {
      const n = Number(sortText);
      if (!Number.isInteger(n) || n < 0) rowIssues.push(t('import.badNumber', { column: '排序' }));
      else sort = n;
    }
    const credLabel = get('credential');
    let credentialId: string | null = null;
    if (credLabel) {
      credentialId = credentialByLabel.get(credLabel) ?? null;
      if (!credentialId) rowIssues.push(t('import.unknownCredential', { label: credLabel }));
    }
    const candidate = {
      name: get('name'),
      nodeGroup: get('nodeGroup'),
      ip: get('ip'),
      os: get('os'),
      systemShort: get('systemShort'),
      model: get('model'),
      purpose: get('purpose'),
      location: get('location'),
      category: get('category'),
      contentCategory: get('contentCategory'),
      owner: get('owner'),
      note: get('note'),
      sort,
      credentialId,
    };
    const parsed = zAssetFields.safeParse(candidate);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? '');
        rowIssues.push(`${FIELD_LABEL[field] ?? field}：${i.message}`);
      }
    }
    const name = candidate.name.trim();
    if (name) {
      const other = seen.get(name);
      if (other !== undefined) rowIssues.push(t('import.duplicateName', { name, other }));
      else seen.set(name, r);
    }
    if (rowIssues.length) for (const m of rowIssues) issues.push({ path: `第${r}行`, message: m });
    else if (parsed.success) out.push({ row: r, fields: parsed.data, sortGiven: sortText !== '' });
  }
  if (issues.length) {
    const rows = new Set(issues.map((i) => i.path));
    const detail = issues
      .slice(0, 8)
      .map((i) => `${i.path}：${i.message}`)
      .join('；');
    throw new AppError('VALIDATION', t('import.rowErrors', { count: rows.size, detail: issues.length > 8 ? `${detail}……` : detail }), issues.slice(0, 500));
  }
  if (out.length === 0) throw new AppError('VALIDATION', t('import.empty'));
  return out;
}

/** Import: rows matched by server name update that asset, the others are added. One transaction. */
export async function importAssets(ctx: CallContext, dataBase64: string): Promise<{ rows: number; created: number; updated: number; unchanged: number }> {
  const bytes = Buffer.from(dataBase64, 'base64');
  ctx.progress(0, 2, '检查');
  const rows = await parseAssetWorkbook(ctx, bytes);
  ctx.signal.throwIfAborted();
  ctx.progress(1, 2, '写入');
  const result = ctx.tx(() => {
    const existing = new Map(assetRows(ctx).map((a) => [a.name, a]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const maxSort = Math.max(-1, ...[...existing.values()].map((a) => a.sort));
    rows.forEach((p, i) => {
      const before = existing.get(p.fields.name);
      if (before) {
        const fields = p.sortGiven ? p.fields : { ...p.fields, sort: before.sort };
        const prev = assetFields(before);
        if (JSON.stringify(prev) === JSON.stringify(fields)) {
          unchanged++;
          return;
        }
        ctx.db.update(assets).set({ ...fields, ...stampUpdate(ctx) }).where(eq(assets.id, before.id)).run();
        ctx.track('asset', before.id, prev, fields);
        updated++;
      } else {
        const fields = p.sortGiven ? p.fields : { ...p.fields, sort: maxSort + 1 + i };
        const row = { ...stampNew(ctx), projectId: ctx.project().id, ...fields };
        ctx.db.insert(assets).values(row).run();
        ctx.track('asset', row.id, null, fields);
        created++;
      }
    });
    return { rows: rows.length, created, updated, unchanged };
  });
  ctx.progress(2, 2, '完成');
  return result;
}
