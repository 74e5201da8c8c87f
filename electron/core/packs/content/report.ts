/**
 * The 运维月报 (and, over a service year, the 年度运维总结): service summary, system running
 * statistics, typical faults, fault statistics and SLA compliance with charts, work done,
 * platform statistic tables, attendance, improvement suggestions, signatures.
 */
import type { Project } from '../../../../shared/contract/project';
import type { MonthFigures, StatTable } from '../../../../shared/contract/reports';
import { formatBizDate, formatMonth } from '../../../../shared/time';
import { formTitle } from '../../forms/model';
import { Paper } from '../../paper/pdf';
import type { PackPdfSigner } from '../pdf/signer';
import { finishSigned, type SignedPdf } from './paper-doc';

export interface ReportInput {
  project: Project;
  /** 2024年6月 or 第1年度（2023年9月—2024年8月）. */
  periodLabel: string;
  kind: 'monthly' | 'annual';
  figures: MonthFigures;
  text: { summary: string; typicalFaults: string; suggestions: string };
  tables: readonly StatTable[];
  /** Business date printed as 编制日期. */
  date: string;
  author: string;
  docNo: string;
}

const n = (v: number): string => String(v);

export function drawReport(paper: Paper, r: ReportInput): void {
  const f = r.figures;
  const p = r.project;
  const title = r.kind === 'monthly' ? formTitle(p, 'monthlyReport', '{平台名称}运维月报') : `${p.platformName}年度运维总结报告`;
  paper.docNumber(r.docNo);
  paper.title(title, `报告期：${r.periodLabel}（${formatBizDate(f.from)} 至 ${formatBizDate(f.to)}）`);
  paper.fieldGrid([
    [{ label: '项目名称', value: p.name, span: 2 }],
    [{ label: '项目编号', value: p.code }, { label: '编制日期', value: formatBizDate(r.date) }],
    [{ label: '采购人（甲方）', value: p.partyA }, { label: '服务方（乙方）', value: p.partyB }],
  ]);

  let sec = 0;
  const heading = (text: string): void => paper.heading(`${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][sec++] ?? String(sec)}、${text}`);

  heading('服务总结');
  paper.paragraph(r.text.summary);
  paper.table({
    columns: [
      { key: 'k', header: '项目', width: 3 },
      { key: 'v', header: '数量', width: 2 },
      { key: 'k2', header: '项目', width: 3 },
      { key: 'v2', header: '数量', width: 2 },
    ],
    rows: [
      { k: '故障（起）', v: n(f.faults.total), k2: '其中已解决', v2: n(f.faults.solved) },
      { k: '运维实施工单（份）', v: n(f.workOrders.total), k2: '甲方已确认', v2: n(f.workOrders.confirmed) },
      { k: '工作量（小时）', v: n(f.workOrders.hours), k2: '未完成工单', v2: n(f.workOrders.open) },
      { k: '咨询（次）', v: n(f.problems.consult), k2: '系统缺陷（个）', v2: n(f.problems.defect) },
      { k: '巡检（次）', v: n(f.inspections.runs), k2: '巡检异常项', v2: n(f.inspections.abnormal) },
    ],
  });

  heading('系统运行状态统计');
  const probed = f.systems.filter((s) => s.checks > 0);
  paper.paragraph(
    probed.length
      ? `本期对 ${f.systems.length} 台服务器及设备进行自动探测 ${probed.reduce((s, x) => s + x.checks, 0)} 次，` +
          `正常 ${probed.reduce((s, x) => s + x.normal, 0)} 次、警告 ${probed.reduce((s, x) => s + x.warning, 0)} 次、严重 ${probed.reduce((s, x) => s + x.severe, 0)} 次；` +
          `完成巡检 ${f.inspections.done} 次（逾期 ${f.inspections.late} 次）。`
      : '本期无自动探测记录。',
  );
  paper.table({
    columns: [
      { key: 'asset', header: '服务器/设备', width: 5, align: 'left' },
      { key: 'checks', header: '检测次数', width: 2 },
      { key: 'normal', header: '正常', width: 2 },
      { key: 'warning', header: '警告', width: 2 },
      { key: 'severe', header: '严重', width: 2 },
      { key: 'avail', header: '可用率', width: 2 },
    ],
    rows: f.systems.map((s) => ({ asset: s.asset, checks: n(s.checks), normal: n(s.normal), warning: n(s.warning), severe: n(s.severe), avail: s.checks ? `${s.availabilityPct}%` : '—' })),
  });

  heading('典型故障处理');
  paper.paragraph(r.text.typicalFaults);

  heading('故障统计与分析');
  paper.paragraph(
    `本期共发生故障 ${f.faults.total} 起，其中${f.faults.bySeverity.map((s) => `${s.label} ${s.count} 起`).join('、')}。` +
      `按合同时限（响应 ≤ ${p.settings.sla.responseMinutes} 分钟、到场 ≤ ${p.settings.sla.onSiteMinutes / 60} 小时、解决按故障级别、书面报告 ≤ ${p.settings.sla.reportMinutes / 60} 小时）统计，` +
      `无超时故障占比（时限达标率）为 ${f.sla.compliancePct}%，超时 ${f.sla.breaches} 项次（涉及 ${f.sla.breachedFaults} 起故障）。`,
  );
  if (f.faults.total > 0) {
    paper.barChart({ title: '故障分类统计', categories: f.faults.byCategory.map((c) => c.label), series: [{ name: '故障数', values: f.faults.byCategory.map((c) => c.count) }], unit: '起', plotHeight: 110 });
    paper.barChart({
      title: 'SLA 时限达标情况',
      categories: f.sla.byClock.map((c) => c.label),
      series: [
        { name: '按时', values: f.sla.byClock.map((c) => c.met) },
        { name: '超时', values: f.sla.byClock.map((c) => c.breached) },
      ],
      unit: '项次',
      plotHeight: 110,
    });
  }
  if (r.kind === 'annual' && f.months.length > 1) {
    paper.barChart({
      title: '各月故障与超时',
      categories: f.months.map((m) => `${Number(m.month.slice(5))}月`),
      series: [
        { name: '故障', values: f.months.map((m) => m.faults) },
        { name: '超时项次', values: f.months.map((m) => m.breaches) },
        { name: '工单', values: f.months.map((m) => m.workOrders) },
      ],
      unit: '数量',
      plotHeight: 120,
    });
  }
  paper.table({
    columns: [
      { key: 'clock', header: '时限', width: 3 },
      { key: 'met', header: '按时', width: 2 },
      { key: 'breached', header: '超时', width: 2 },
      { key: 'rate', header: '按时率', width: 2 },
    ],
    rows: f.sla.byClock.map((c) => ({ clock: c.label, met: n(c.met), breached: n(c.breached), rate: c.met + c.breached ? `${Math.round((c.met / (c.met + c.breached)) * 1000) / 10}%` : '—' })),
  });
  if (f.sla.byEngineer.length) {
    paper.table({
      columns: [
        { key: 'e', header: '负责工程师', width: 3 },
        { key: 'f', header: '故障数', width: 2 },
        { key: 'b', header: '超时项次', width: 2 },
      ],
      rows: f.sla.byEngineer.map((e) => ({ e: e.engineer, f: n(e.faults), b: n(e.breaches) })),
    });
  }

  if (r.tables.length) {
    heading('平台数据统计');
    for (const t of r.tables) {
      paper.heading(t.title, 2);
      paper.table({
        columns: t.columns.map((c, i) => ({ key: `c${i}`, header: c, align: i === 0 ? 'left' : 'center' })),
        rows: t.rows.map((row) => Object.fromEntries(t.columns.map((_c, i) => [`c${i}`, String(row[i] ?? '')]))),
      });
    }
  }

  heading('人员考勤');
  paper.table({
    columns: [
      { key: 'name', header: '姓名', width: 3 },
      { key: 'present', header: '出勤（天）', width: 2 },
      { key: 'leave', header: '请休假（天）', width: 2 },
      { key: 'late', header: '迟到（次）', width: 2 },
      { key: 'absent', header: '旷工（天）', width: 2 },
    ],
    rows: f.attendance.map((a) => ({ name: a.name, present: n(a.present), leave: n(a.leave), late: n(a.late), absent: n(a.absent) })),
  });

  heading('改进建议');
  paper.paragraph(r.text.suggestions);

  paper.spacer(12);
  paper.signatureBlock([
    { label: '编制人', name: r.author, withDate: true },
    { label: '项目负责人', name: p.settings.signatories.projectLead, withDate: true },
    { label: '甲方确认', name: p.settings.signatories.clientRep, withDate: true },
  ]);
}

export async function reportPdf(r: ReportInput, signer: PackPdfSigner, created: Date): Promise<SignedPdf> {
  const paper = new Paper({ info: { title: `${r.project.platformName}运维${r.kind === 'monthly' ? '月报' : '年度总结'} ${r.periodLabel}`, subject: r.kind === 'monthly' ? '运维月报' : '年度运维总结', author: r.project.partyB, creationDate: created } });
  drawReport(paper, r);
  return finishSigned(paper, signer);
}

export const monthLabel = formatMonth;
