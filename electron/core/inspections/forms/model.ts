/**
 * The inspection forms as data models, built from the runs: one model renders both the PDF and
 * the Excel file, so both have the same columns in the same order with the headings of the
 * template (resources/inspection-templates.json ← DOMAIN.md §3).
 */
import { and, eq, isNull, like } from 'drizzle-orm';
import type { ColumnDef, RunDetail, RunItem, Template } from '../../../../shared/contract/inspections';
import { AppError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import { isResultLevel, RESULT_LEVEL_LABELS, RESULT_LEVEL_SYMBOLS, worst, type ResultLevel } from '../../../../shared/levels';
import { addDays, formatBizDate, formatBizDateTime, toBizDate, WEEKDAY_LABELS, weekdayOf } from '../../../../shared/time';
import { isWorkingDay } from '../../../../shared/attendance/calendar';
import type { CallContext } from '../../context';
import { assets } from '../../assets/schema';
import { assetRows } from '../../assets/service';
import { inspectionRuns, inspectionTemplates } from '../schema';
import { getRun } from '../run-view';
import { templateByCode } from '../templates';

export type Cell = string | string[];

export interface FormModel {
  title: string;
  subtitle: string;
  columns: ColumnDef[];
  rows: Array<Record<string, Cell>>;
  /** Columns shaded grey (days that are not working days). */
  greyColumns?: string[];
  legend?: string;
  notes: string[];
  signatures: string[];
  landscape: boolean;
  baseName: string;
  /** Document properties. */
  subject: string;
  /** Worksheet name when the sheet is part of a volume (≤ 31 characters). */
  sheetName?: string;
}

type Ctx = CallContext;
type AssetRow = typeof assets.$inferSelect;

const levelText = (l: ResultLevel | null): string => (l ? RESULT_LEVEL_LABELS[l] : '');

function runFor(ctx: Ctx, code: string, date: string, slot: string | undefined): RunDetail {
  const tpl = templateByCode(ctx, code);
  const runs = ctx.db
    .select({ id: inspectionRuns.id, slot: inspectionRuns.slot })
    .from(inspectionRuns)
    .innerJoin(inspectionTemplates, eq(inspectionTemplates.id, inspectionRuns.templateId))
    .where(and(eq(inspectionTemplates.id, tpl.id), eq(inspectionRuns.bizDate, date), isNull(inspectionRuns.deletedAt)))
    .all();
  const order = (tpl.layout.slots ?? []).map((s) => s.code);
  const pick = slot ? runs.find((r) => r.slot === slot) : [...runs].sort((a, b) => order.indexOf(b.slot) - order.indexOf(a.slot))[0];
  if (!pick) throw new AppError('NOT_FOUND', t('inspection.noRunForDate', { title: tpl.title, date, slot: slot ? `（${tpl.layout.slots?.find((s) => s.code === slot)?.label ?? slot}）` : '' }));
  return getRun(ctx, pick.id);
}

function assetField(a: AssetRow | undefined, field: string): string {
  if (!a) return '';
  const v = (a as unknown as Record<string, unknown>)[field];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function itemLevel(it: RunItem | undefined): ResultLevel | null {
  return it?.result && isResultLevel(it.result.level) ? it.result.level : null;
}

/** The notes of a row: what the engineer wrote, and what is not normal. */
function rowNotes(items: RunItem[]): string {
  const out: string[] = [];
  for (const it of items) {
    const l = itemLevel(it);
    if (l && l !== 'normal') out.push(`${it.label}${RESULT_LEVEL_LABELS[l]}${it.result?.value ? `：${it.result.value}` : ''}`);
    if (it.result?.note) out.push(it.result.note);
    if (it.result?.overridden && it.result.overrideReason) out.push(`（人工修正：${it.result.overrideReason}）`);
  }
  return [...new Set(out)].join('；');
}

function fmtRunLine(d: RunDetail): string {
  return `巡检日期：${formatBizDate(d.run.bizDate)}（${d.run.slotLabel}）\u3000巡检人：${d.run.inspectorName || '\u3000\u3000\u3000\u3000'}\u3000状态：${d.run.status === 'done' ? '已完成' : d.run.status === 'stopped' ? '已中止' : '未完成'}`;
}

/** One row per asset of the run, values by the template's column definitions. */
function assetRowsOf(ctx: Ctx, tpl: Template, d: RunDetail, symbols: boolean): Array<Record<string, Cell>> {
  const byId = new Map(assetRows(ctx).map((a) => [a.id, a]));
  const rows = d.rows.filter((r) => r.assetId !== null);
  let lastNode = '';
  return rows.map((r, i) => {
    const a = r.assetId ? byId.get(r.assetId) : undefined;
    const byKey = new Map(r.items.map((it) => [it.key, it]));
    const out: Record<string, Cell> = {};
    for (const c of tpl.layout.columns) {
      const [kind, arg = ''] = c.value.split(/:(.*)/s);
      if (c.value === 'seq') out[c.key] = String(i + 1);
      else if (c.value.startsWith('asset.')) out[c.key] = assetField(a, c.value.slice(6)) || (c.value === 'asset.name' ? r.assetName : '');
      else if (c.value === 'notes') out[c.key] = rowNotes(r.items);
      else if (c.value === 'run.bizDate') out[c.key] = d.run.bizDate;
      else if (kind === 'level') {
        const its = arg.split(',').map((k) => byKey.get(k)).filter((x): x is RunItem => x !== undefined);
        const known = its.map(itemLevel).filter((l): l is ResultLevel => l !== null);
        out[c.key] = its.length === 0 ? '—' : known.length === 0 ? '' : levelText(worst(known));
      } else if (kind === 'value') {
        const it = byKey.get(arg);
        const l = itemLevel(it);
        out[c.key] = !it ? '—' : !l ? '' : it.result?.value ? `${levelText(l)}（${it.result.value}）` : levelText(l);
      } else if (kind === 'cell') {
        out[c.key] = r.items.filter((it) => it.column === arg).map((it) => `${it.label} ${symbols ? (itemLevel(it) ? RESULT_LEVEL_SYMBOLS[itemLevel(it)!] : '') : levelText(itemLevel(it))}`.trim());
      } else out[c.key] = '';
    }
    // 节点 printed once per group of consecutive rows (the paper form merges it).
    const nodeCol = tpl.layout.columns.find((c) => c.value === 'asset.nodeGroup');
    if (nodeCol && tpl.layout.kind === 'view') {
      const node = out[nodeCol.key] as string;
      if (node === lastNode) out[nodeCol.key] = '';
      lastNode = node;
    }
    return out;
  });
}

const SIGN_INSPECTOR = '巡检人（签字）';
const SIGN_LEAD = '项目负责人（签字）';

export function dailyInspectionModel(ctx: Ctx, date: string, slot?: string): FormModel {
  const tpl = templateByCode(ctx, 'daily');
  const d = runFor(ctx, 'daily', date, slot);
  const fixed = d.rows.filter((r) => r.assetId === null).flatMap((r) => r.items);
  const duties = fixed.map((it) => `${it.label}：${levelText(itemLevel(it)) || '未填'}${it.result?.value ? `（${it.result.value}）` : ''}`);
  return {
    title: tpl.title,
    subtitle: fmtRunLine(d),
    columns: tpl.layout.columns,
    rows: assetRowsOf(ctx, tpl, d, false),
    notes: [...(duties.length ? [`其他检查：${duties.join('；')}`] : []), ...(d.run.remarks ? [`意见与建议：${d.run.remarks}`] : [])],
    signatures: [SIGN_INSPECTOR, SIGN_LEAD],
    landscape: true,
    baseName: `${tpl.title}-${date}-${d.run.slotLabel}`,
    sheetName: `${date}${d.run.slotLabel}`,
    subject: '日常巡检表',
  };
}

/**
 * A month of a sheet made per round (日常巡检表, 中心系统运行状态): one model per run of the
 * round's template in the month, by date and slot — printed as one volume.
 */
export function monthVolume(ctx: Ctx, code: 'daily' | 'system-status', month: string, one: (ctx: Ctx, date: string, slot: string) => FormModel): { models: FormModel[]; baseName: string } {
  const tpl = templateByCode(ctx, code);
  const source = code === 'daily' ? tpl : templateByCode(ctx, tpl.layout.source ?? 'daily');
  const order = (source.layout.slots ?? []).map((s) => s.code);
  const runs = ctx.db
    .select({ date: inspectionRuns.bizDate, slot: inspectionRuns.slot })
    .from(inspectionRuns)
    .where(and(eq(inspectionRuns.templateId, source.id), like(inspectionRuns.bizDate, `${month}-%`), isNull(inspectionRuns.deletedAt)))
    .all()
    .sort((a, b) => a.date.localeCompare(b.date) || order.indexOf(a.slot) - order.indexOf(b.slot));
  if (runs.length === 0) throw new AppError('NOT_FOUND', t('inspection.noRunForDate', { title: tpl.title, date: month, slot: '' }));
  return { models: runs.map((r) => one(ctx, r.date, r.slot)), baseName: `${tpl.title}-${month}` };
}

export function systemStatusModel(ctx: Ctx, date: string, slot?: string): FormModel {
  const tpl = templateByCode(ctx, 'system-status');
  const source = templateByCode(ctx, tpl.layout.source ?? 'daily');
  const d = runFor(ctx, source.code, date, slot);
  return {
    title: tpl.title,
    subtitle: fmtRunLine(d),
    columns: tpl.layout.columns,
    rows: assetRowsOf(ctx, tpl, d, true),
    ...(tpl.layout.legend ? { legend: tpl.layout.legend } : {}),
    notes: [],
    signatures: [SIGN_INSPECTOR, SIGN_LEAD],
    landscape: false,
    baseName: `${tpl.title}-${date}-${d.run.slotLabel}`,
    sheetName: `${date}${d.run.slotLabel}`,
    subject: '中心系统运行状态',
  };
}

/** Monday of the week of a date. */
export function mondayOf(date: string): string {
  const w = weekdayOf(date);
  return addDays(date, w === 0 ? -6 : 1 - w);
}

export function weeklyInspectionModel(ctx: Ctx, date: string): FormModel {
  const tpl = templateByCode(ctx, 'weekly');
  const source = templateByCode(ctx, tpl.layout.source ?? 'daily');
  const monday = mondayOf(date);
  const days = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
  const runs = ctx.db
    .select({ id: inspectionRuns.id, bizDate: inspectionRuns.bizDate })
    .from(inspectionRuns)
    .where(and(eq(inspectionRuns.templateId, source.id), isNull(inspectionRuns.deletedAt)))
    .all()
    .filter((r) => days.includes(r.bizDate));
  // worst level per asset and day over the day's runs (上午 and 下午), and what was wrong
  const levels = new Map<string, ResultLevel>();
  const problems = new Map<string, string[]>();
  for (const r of runs) {
    const d = getRun(ctx, r.id);
    const wd = weekdayOf(r.bizDate);
    for (const row of d.rows) {
      if (!row.assetId) continue;
      const ls = row.items.map(itemLevel).filter((l): l is ResultLevel => l !== null);
      if (ls.length === 0) continue;
      const k = `${row.assetId}|${wd}`;
      levels.set(k, worst([...(levels.has(k) ? [levels.get(k)!] : []), ...ls]));
      for (const it of row.items) {
        const l = itemLevel(it);
        if (l && l !== 'normal') {
          const list = problems.get(row.assetId) ?? [];
          const text = `${WEEKDAY_LABELS[wd]}${it.label}${RESULT_LEVEL_LABELS[l]}`;
          if (!list.includes(text)) list.push(text);
          problems.set(row.assetId, list);
        }
      }
    }
  }
  const grey: string[] = [];
  const dayCols = tpl.layout.columns.filter((c) => c.value.startsWith('weekday:'));
  for (const c of dayCols) {
    const wd = Number(c.value.split(':')[1]);
    const day = addDays(monday, wd - 1);
    if (!isWorkingDay(day)) grey.push(c.key);
  }
  const rows = assetRows(ctx).map((a) => {
    const out: Record<string, Cell> = {};
    for (const c of tpl.layout.columns) {
      if (c.value.startsWith('asset.')) out[c.key] = assetField(a, c.value.slice(6));
      else if (c.value.startsWith('weekday:')) {
        const l = levels.get(`${a.id}|${Number(c.value.split(':')[1])}`);
        out[c.key] = l ? RESULT_LEVEL_SYMBOLS[l] : '';
      } else if (c.value === 'notes') out[c.key] = (problems.get(a.id) ?? []).slice(0, 6).join('；');
      else out[c.key] = '';
    }
    return out;
  });
  const friday = days[4]!;
  return {
    title: tpl.title,
    subtitle: `巡检周期：${formatBizDate(monday)} — ${formatBizDate(friday)}\u3000项目：${ctx.project().name}`,
    columns: tpl.layout.columns,
    rows,
    greyColumns: grey,
    ...(tpl.layout.legend ? { legend: tpl.layout.legend } : {}),
    notes: grey.length ? ['灰色为非工作日。'] : [],
    signatures: [SIGN_INSPECTOR, SIGN_LEAD],
    landscape: true,
    baseName: `${tpl.title}-${monday}`,
    subject: '中心设备巡检表（巡检周报）',
  };
}

export function softwareInspectionModel(ctx: Ctx, date: string, slot?: string): FormModel {
  const tpl = templateByCode(ctx, 'software');
  const d = runFor(ctx, 'software', date, slot);
  const items = d.rows.flatMap((r) => r.items);
  const rows = items.map((it, i) => {
    const out: Record<string, Cell> = {};
    for (const c of tpl.layout.columns) {
      if (c.value === 'seq') out[c.key] = String(i + 1);
      else if (c.value === 'item.label') out[c.key] = it.label;
      else if (c.value === 'item.value') out[c.key] = [it.result?.value ?? '', it.result?.note ?? ''].filter(Boolean).join('；');
      else if (c.value === 'item.level') out[c.key] = levelText(itemLevel(it));
      else out[c.key] = '';
    }
    return out;
  });
  return {
    title: tpl.title,
    subtitle: fmtRunLine(d),
    columns: tpl.layout.columns,
    rows,
    notes: d.run.remarks ? [`意见与建议：${d.run.remarks}`] : [],
    signatures: [SIGN_INSPECTOR, SIGN_LEAD],
    landscape: false,
    baseName: `${tpl.title}-${date}`,
    subject: '软件巡检列表',
  };
}

/**
 * 运维检查表 (DOMAIN.md §3 form 5): one row per asset of an ops-check run — 科室, 负责人, 检测日期,
 * 检查对象, 检查内容, then one column per checked aspect (CPU, 内存, 磁盘, 系统服务) and 备注.
 */
export function opsCheckModel(ctx: Ctx, date: string, slot?: string): FormModel {
  const tpl = templateByCode(ctx, 'ops-check');
  const d = runFor(ctx, 'ops-check', date, slot);
  return {
    title: tpl.title,
    subtitle: fmtRunLine(d),
    columns: tpl.layout.columns,
    rows: assetRowsOf(ctx, tpl, d, false),
    notes: d.run.remarks ? [`意见与建议：${d.run.remarks}`] : [],
    signatures: [SIGN_INSPECTOR, SIGN_LEAD],
    landscape: true,
    baseName: `${tpl.title}-${date}`,
    subject: '运维检查表',
  };
}

/** 巡检报告 of any run: every item with its steps, result, who and when. */
export function inspectionReportModel(ctx: Ctx, p: { run?: string; date?: string; slot?: string; template?: string }): FormModel {
  const tpl = templateByCode(ctx, 'report');
  let d: RunDetail;
  if (p.run) d = getRun(ctx, p.run);
  else if (p.date) d = runFor(ctx, p.template ?? 'daily', p.date, p.slot);
  else throw new AppError('VALIDATION', t('inspection.reportParams'));
  const rows: Array<Record<string, Cell>> = [];
  for (const r of d.rows) {
    for (const it of r.items) {
      const l = itemLevel(it);
      const result = it.result;
      const content = r.assetId ? `${r.assetName}（${r.ip}）${it.column}：${it.label}` : `${it.label}`;
      const resultText = !result || !l ? '未检查' : `${RESULT_LEVEL_LABELS[l]}${result.value ? `：${result.value}` : ''}${result.overridden ? `（人工修正，原因：${result.overrideReason ?? ''}）` : ''}`;
      const steps = it.evidence ? `${it.steps}${it.steps ? '；' : ''}自动探测（${it.evidence.checkLabel}）` : it.steps;
      const out: Record<string, Cell> = {};
      for (const c of tpl.layout.columns) {
        switch (c.value) {
          case 'item.content':
            out[c.key] = content;
            break;
          case 'item.steps':
            out[c.key] = steps;
            break;
          case 'item.result':
            out[c.key] = resultText;
            break;
          case 'item.operator':
            out[c.key] = result?.operator ?? '';
            break;
          case 'item.at':
            out[c.key] = result ? formatBizDateTime(result.at).replace(/^\d{4}年/, '') : '';
            break;
          case 'item.note':
            out[c.key] = result?.note ?? '';
            break;
          default:
            out[c.key] = '';
        }
      }
      rows.push(out);
    }
  }
  const run = d.run;
  const notes: string[] = [];
  if (run.pausedReason) notes.push(`暂停原因：${run.pausedReason}${run.decision ? `；项目负责人决定：${run.decision === 'continue' ? '继续巡检' : '中止巡检'}（${run.decidedBy ?? ''}，${run.decisionReason ?? ''}）` : ''}`);
  notes.push(`结果统计：正常 ${run.counts.normal} 项，警告 ${run.counts.warning} 项，严重 ${run.counts.severe} 项；共 ${run.items} 项，已检查 ${run.filled} 项。`);
  if (run.remarks) notes.push(`意见与建议：${run.remarks}`);
  return {
    title: `${tpl.title}`,
    subtitle: `${run.templateTitle}\u3000${fmtRunLine(d)}`,
    columns: tpl.layout.columns,
    rows,
    notes,
    signatures: [SIGN_INSPECTOR, SIGN_LEAD],
    landscape: true,
    baseName: `${tpl.title}-${run.bizDate}-${run.slotLabel}`,
    subject: '巡检报告',
  };
}

export function todayDate(ctx: Ctx): string {
  return toBizDate(ctx.now());
}
