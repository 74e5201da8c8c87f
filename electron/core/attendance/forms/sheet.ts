import { cellSymbol, markLegend, type Half } from '../../../../shared/attendance/marks';
import { totalsValue } from '../../../../shared/attendance/totals';
import type { MonthView } from '../../../../shared/contract/attendance';
import type { Project } from '../../../../shared/contract/project';
import { daysInMonth, weekdayOf } from '../../../../shared/time';

/** Day columns of the sheet: always 1..31 (合同附件6); days past the month's end are greyed. */
export const SHEET_DAYS = 31;

const WEEKDAY_CHARS = ['日', '一', '二', '三', '四', '五', '六'] as const;

export interface SheetDay {
  day: number;
  /** The day exists in this month. */
  exists: boolean;
  /** Second header line: 一…日, 休 for a statutory holiday, 班 for a 调休 make-up workday. */
  sub: string;
  working: boolean;
}

export interface SheetRow {
  name: string;
  /** One printed cell per day 1..31: the symbol, or for half days the morning's over the afternoon's. */
  cells: string[];
  /** One value per totals column. */
  totals: number[];
}

/** Everything the PDF and the Excel file print, computed once from the month view. */
export interface SheetModel {
  title: string;
  month: string;
  /** 单位(盖章): the vendor whose staff the sheet covers. */
  unit: string;
  projectName: string;
  partyA: string;
  days: SheetDay[];
  legend: Array<{ symbol: string; label: string }>;
  legendText: string;
  totalsColumns: Array<{ key: string; label: string }>;
  rows: SheetRow[];
  note: string;
  signatures: string[];
}

/** A totals number as printed: blank for 0, 0.5 steps kept (21.5). */
export function formatTotal(v: number): string {
  if (!v) return '';
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10);
}

export function buildSheet(project: Project, view: MonthView): SheetModel {
  const n = daysInMonth(view.month);
  const info = new Map(view.days.map((d) => [d.day, d]));
  const days: SheetDay[] = Array.from({ length: SHEET_DAYS }, (_x, i) => {
    const day = i + 1;
    const d = info.get(day);
    if (day > n || !d) return { day, exists: false, sub: '', working: false };
    const sub = d.kind === 'holiday' ? '休' : d.kind === 'makeup_workday' ? '班' : WEEKDAY_CHARS[weekdayOf(d.date)]!;
    return { day, exists: true, sub, working: d.working };
  });
  const byPerson = new Map<string, Map<number, Array<{ half: Half; mark: string }>>>();
  for (const m of view.marks) {
    const day = Number(m.date.slice(8, 10));
    const person = byPerson.get(m.staffId) ?? new Map<number, Array<{ half: Half; mark: string }>>();
    person.set(day, [...(person.get(day) ?? []), { half: m.half, mark: m.mark }]);
    byPerson.set(m.staffId, person);
  }
  const totals = new Map(view.totals.map((x) => [x.staffId, x]));
  const rows: SheetRow[] = view.staff.map((p) => {
    const marks = byPerson.get(p.id);
    const t = totals.get(p.id);
    return {
      name: p.name,
      cells: days.map((d) => (d.exists ? cellSymbol(view.markTypes, marks?.get(d.day) ?? []).replace('/', '\n') : '')),
      totals: view.totalsColumns.map((c) => (t ? totalsValue(t, c.key) : 0)),
    };
  });
  return {
    title: view.title,
    month: view.month,
    unit: project.partyB,
    projectName: project.name,
    partyA: project.partyA,
    days,
    legend: view.markTypes.map((t) => ({ symbol: t.symbol, label: t.label })),
    legendText: markLegend(view.markTypes),
    totalsColumns: view.totalsColumns,
    rows,
    note: `备注：本表于每月结束后的 ${project.settings.attendance.sheetDueDays} 日内由本人签字确认后提交；半天分两行记（上行为上午，下行为下午）；灰色为本月没有的日期；日期下方“休”为法定节假日，“班”为调休上班日；旷工天数含未经批准的请假和单次迟到超过 ${project.settings.attendance.lateAbsentMinutes} 分钟的天数（该日同时计入对应标记）。`,
    signatures: ['制表人（签字）', '项目负责人（签字）', '甲方确认（签字）'],
  };
}
