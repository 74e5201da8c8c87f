/**
 * The pack's Excel workbook: one sheet per table (故障清单, SLA 统计, 工单清单, 巡检记录,
 * 系统运行状态, 考勤汇总, 问题单, the platform statistic tables, the document register),
 * written with the streaming writer (STACK.md: the buffered one needs GBs on big sheets).
 */
import type { MonthFigures, StatTable } from '../../../../shared/contract/reports';
import { FAULT_CATEGORY_LABELS, type FaultCategory } from '../../../../shared/contract/faults';
import { computeSla, SEVERITY_LABELS, type Severity, type SlaSettings } from '../../../../shared/sla';
import { formatBizDateTime } from '../../../../shared/time';
import { addFormSheet, createStreamingWorkbook } from '../../paper/xlsx';
import type { RegisterDoc } from '../collect';

export interface WorkbookInput {
  file: string;
  title: string;
  created: Date;
  now: Date;
  sla: SlaSettings;
  figures: MonthFigures;
  faults: ReadonlyArray<{
    docNo: string;
    title: string;
    severity: string;
    category: string;
    status: string;
    reportedAt: string;
    respondedAt: string | null;
    onSiteAt: string | null;
    resolvedAt: string | null;
    reportFiledAt: string | null;
    engineerName: string | null;
    respondedBy: string | null;
  }>;
  workOrders: ReadonlyArray<{ docNo: string; applyDate: string; technicianNames: string; demand: string; content: string; doneDate: string | null; workloadHours: number | null; status: string; confirmerName: string | null }>;
  runs: ReadonlyArray<{ bizDate: string; slot: string; template: string; status: string; inspector: string; late: number; abnormal: number }>;
  problems: ReadonlyArray<{ docNo: string; kind: string; severity: string | null; status: string; title: string; openedAt: string; closedAt: string | null; assignee: string | null }>;
  tables: ReadonlyArray<{ month: string; table: StatTable }>;
  documents?: readonly RegisterDoc[];
}

const STATUS: Record<string, string> = {
  reported: '已报告',
  responded: '已响应',
  on_site: '已到场',
  resolved: '已解决',
  report_filed: '已提交报告',
  reviewed: '已审核',
  draft: '草稿',
  in_progress: '实施中',
  done: '已完成',
  confirmed: '已确认',
  open: '进行中',
  paused: '已暂停',
  stopped: '已中止',
  closed: '已关闭',
  submitted: '已提交',
  assigned: '已指派',
  rejected: '已驳回',
  fixed: '已修复',
  retested: '已回归',
};
const at = (s: string | null): string => (s ? formatBizDateTime(s) : '');

/** Writes the workbook; returns the number of sheets. */
export async function writePackWorkbook(w: WorkbookInput): Promise<number> {
  const wb = createStreamingWorkbook({ filename: w.file }, { created: w.created });
  let sheets = 0;
  const sub = `${w.title}（${w.figures.from} 至 ${w.figures.to}）`;

  const f = addFormSheet(wb, '故障清单', {
    title: '故障清单',
    subtitle: sub,
    landscape: true,
    columns: [
      { key: 'docNo', header: '文档编号', width: 14 },
      { key: 'title', header: '故障', width: 24, align: 'left' },
      { key: 'severity', header: '级别', width: 8 },
      { key: 'category', header: '故障所属', width: 14 },
      { key: 'reportedAt', header: '报告时间', width: 18 },
      { key: 'respondedAt', header: '响应时间', width: 18 },
      { key: 'onSiteAt', header: '到场时间', width: 18 },
      { key: 'resolvedAt', header: '解决时间', width: 18 },
      { key: 'reportFiledAt', header: '书面报告', width: 18 },
      { key: 'status', header: '状态', width: 10 },
      { key: 'breaches', header: '超时项次', width: 8 },
      { key: 'engineer', header: '负责工程师', width: 10 },
    ],
  });
  for (const x of w.faults) {
    const sev = (['normal', 'serious', 'critical'].includes(x.severity) ? x.severity : 'normal') as Severity;
    const r = computeSla({ ...x, severity: sev }, w.sla, w.now);
    f.addRow({
      docNo: x.docNo,
      title: x.title,
      severity: SEVERITY_LABELS[sev],
      category: FAULT_CATEGORY_LABELS[x.category as FaultCategory] ?? x.category,
      reportedAt: at(x.reportedAt),
      respondedAt: at(x.respondedAt),
      onSiteAt: at(x.onSiteAt),
      resolvedAt: at(x.resolvedAt),
      reportFiledAt: at(x.reportFiledAt),
      status: STATUS[x.status] ?? x.status,
      breaches: r.breaches,
      engineer: x.engineerName ?? x.respondedBy ?? '',
    });
  }
  f.sheet.commit();
  sheets++;

  const s = addFormSheet(wb, 'SLA统计', {
    title: 'SLA 时限统计',
    subtitle: `${sub}  时限达标率 ${w.figures.sla.compliancePct}%`,
    columns: [
      { key: 'clock', header: '时限', width: 14 },
      { key: 'met', header: '按时', width: 10 },
      { key: 'breached', header: '超时', width: 10 },
    ],
  });
  for (const c of w.figures.sla.byClock) s.addRow({ clock: c.label, met: c.met, breached: c.breached });
  for (const e of w.figures.sla.byEngineer) s.addRow({ clock: `${e.engineer}（故障 ${e.faults} 起）`, met: e.faults, breached: e.breaches });
  s.sheet.commit();
  sheets++;

  const m = addFormSheet(wb, '月度统计', {
    title: '各月故障、超时与工单',
    subtitle: sub,
    columns: [
      { key: 'month', header: '月份', width: 10 },
      { key: 'faults', header: '故障', width: 8 },
      { key: 'breaches', header: '超时项次', width: 10 },
      { key: 'workOrders', header: '工单', width: 8 },
    ],
  });
  for (const x of w.figures.months) m.addRow(x);
  m.sheet.commit();
  sheets++;

  const wo = addFormSheet(wb, '工单清单', {
    title: '运维实施工单清单',
    subtitle: sub,
    landscape: true,
    columns: [
      { key: 'docNo', header: '文档编号', width: 14 },
      { key: 'applyDate', header: '申请日期', width: 12 },
      { key: 'tech', header: '技术人员', width: 12 },
      { key: 'demand', header: '单位需求', width: 26, align: 'left' },
      { key: 'content', header: '服务内容', width: 30, align: 'left' },
      { key: 'doneDate', header: '完成时间', width: 12 },
      { key: 'hours', header: '工作量（小时）', width: 10 },
      { key: 'status', header: '状态', width: 8 },
      { key: 'confirmer', header: '确认人', width: 12 },
    ],
  });
  for (const x of w.workOrders) {
    wo.addRow({ docNo: x.docNo, applyDate: x.applyDate, tech: x.technicianNames, demand: x.demand, content: x.content, doneDate: x.doneDate ?? '', hours: x.workloadHours ?? '', status: STATUS[x.status] ?? x.status, confirmer: x.confirmerName ?? '' });
  }
  wo.sheet.commit();
  sheets++;

  const ins = addFormSheet(wb, '巡检记录', {
    title: '巡检记录',
    subtitle: sub,
    columns: [
      { key: 'bizDate', header: '日期', width: 12 },
      { key: 'slot', header: '班次', width: 8 },
      { key: 'template', header: '巡检表', width: 26, align: 'left' },
      { key: 'status', header: '状态', width: 10 },
      { key: 'inspector', header: '巡检员', width: 10 },
      { key: 'late', header: '逾期', width: 8 },
      { key: 'abnormal', header: '异常项', width: 8 },
    ],
  });
  for (const x of w.runs) ins.addRow({ ...x, status: STATUS[x.status] ?? x.status, late: x.late ? '是' : '' });
  if (!w.runs.length) ins.addNote('本期无巡检记录。');
  ins.sheet.commit();
  sheets++;

  const sys = addFormSheet(wb, '系统运行状态', {
    title: '系统运行状态统计',
    subtitle: sub,
    columns: [
      { key: 'asset', header: '服务器/设备', width: 26, align: 'left' },
      { key: 'checks', header: '检测次数', width: 10 },
      { key: 'normal', header: '正常', width: 8 },
      { key: 'warning', header: '警告', width: 8 },
      { key: 'severe', header: '严重', width: 8 },
      { key: 'availabilityPct', header: '可用率（%）', width: 10 },
    ],
  });
  for (const x of w.figures.systems) sys.addRow(x);
  sys.sheet.commit();
  sheets++;

  const att = addFormSheet(wb, '考勤汇总', {
    title: '考勤汇总',
    subtitle: sub,
    columns: [
      { key: 'name', header: '姓名', width: 10 },
      { key: 'present', header: '出勤（天）', width: 10 },
      { key: 'leave', header: '请休假（天）', width: 12 },
      { key: 'late', header: '迟到（次）', width: 10 },
      { key: 'absent', header: '旷工（天）', width: 10 },
    ],
  });
  for (const x of w.figures.attendance) att.addRow(x);
  att.sheet.commit();
  sheets++;

  const pr = addFormSheet(wb, '问题单', {
    title: '问题单（咨询与系统缺陷）',
    subtitle: sub,
    landscape: true,
    columns: [
      { key: 'docNo', header: '编号', width: 14 },
      { key: 'kind', header: '类别', width: 8 },
      { key: 'severity', header: '严重程度', width: 10 },
      { key: 'status', header: '状态', width: 8 },
      { key: 'title', header: '标题', width: 30, align: 'left' },
      { key: 'openedAt', header: '提出时间', width: 18 },
      { key: 'closedAt', header: '关闭时间', width: 18 },
      { key: 'assignee', header: '处理人', width: 10 },
    ],
  });
  const sev: Record<string, string> = { minor: '微小', major: '一般', critical: '严重', fatal: '致命' };
  for (const x of w.problems) {
    pr.addRow({ docNo: x.docNo, kind: x.kind === 'defect' ? '系统缺陷' : '咨询', severity: x.severity ? (sev[x.severity] ?? x.severity) : '', status: STATUS[x.status] ?? x.status, title: x.title, openedAt: at(x.openedAt), closedAt: at(x.closedAt), assignee: x.assignee ?? '' });
  }
  pr.sheet.commit();
  sheets++;

  for (const { month, table } of w.tables) {
    const name = `${month.slice(2)} ${table.title}`;
    const t = addFormSheet(wb, name, {
      title: table.title,
      subtitle: `${month}`,
      columns: table.columns.map((c, i) => ({ key: `c${i}`, header: c, width: Math.max(8, Math.min(30, [...c].length * 2 + 2)), align: i === 0 ? 'left' : 'center' })),
    });
    for (const row of table.rows) t.addRow(Object.fromEntries(table.columns.map((_c, i) => [`c${i}`, row[i] ?? ''])));
    t.sheet.commit();
    sheets++;
  }

  if (w.documents) {
    const d = addFormSheet(wb, '文档资料', {
      title: '文档资料清单（编目）',
      subtitle: sub,
      columns: [
        { key: 'docNo', header: '编号', width: 14 },
        { key: 'title', header: '名称', width: 28, align: 'left' },
        { key: 'version', header: '版本', width: 8 },
        { key: 'control', header: '状态', width: 8 },
        { key: 'file', header: '电子文件', width: 30, align: 'left' },
      ],
    });
    const control: Record<string, string> = { controlled: '受控', uncontrolled: '非受控', void: '作废' };
    for (const x of w.documents) d.addRow({ docNo: x.docNo, title: x.title, version: x.version, control: control[x.control] ?? x.control, file: x.file?.name ?? '（未上传）' });
    d.sheet.commit();
    sheets++;
  }

  await wb.commit();
  return sheets;
}
