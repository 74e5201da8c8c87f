/**
 * The documents of the annual acceptance (合同附件7): the written acceptance request (验收申请),
 * the self-acceptance report (自验报告) and the 系统健康性检查报告.
 */
import type { Project } from '../../../../shared/contract/project';
import type { MonthFigures } from '../../../../shared/contract/reports';
import { formatBizDate } from '../../../../shared/time';
import { Paper } from '../../paper/pdf';
import type { PackPdfSigner } from '../pdf/signer';
import { finishSigned, type SignedPdf } from './paper-doc';

const CN_NUM = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const cnNumber = (n: number): string => (n <= 10 ? (CN_NUM[n] ?? String(n)) : n < 20 ? `十${CN_NUM[n - 10] ?? ''}` : String(n));

export interface YearInfo {
  project: Project;
  year: number;
  from: string;
  to: string;
  /** Business date of the letter. */
  date: string;
  created: Date;
}

export async function requestLetterPdf(y: YearInfo, f: MonthFigures, attachments: readonly string[], signer: PackPdfSigner): Promise<SignedPdf> {
  const p = y.project;
  const title = `关于${p.name}项目第${cnNumber(y.year)}年度运维服务验收的申请`;
  const paper = new Paper({ info: { title, subject: '验收申请', author: p.partyB, creationDate: y.created } });
  paper.spacer(20);
  paper.title(title);
  paper.spacer(10);
  paper.paragraph(`${p.partyA}：`, { indent: false });
  paper.paragraph(
    `我公司承担的${p.name}项目（项目编号：${p.code}），合同于 ${formatBizDate(p.signedOn)} 签订。` +
      `第${cnNumber(y.year)}年度运维服务期为 ${formatBizDate(y.from)} 至 ${formatBizDate(y.to)}，现已按合同约定全部实施完成。`,
  );
  paper.paragraph(
    `服务期内，驻场团队共处理故障 ${f.faults.total} 起，完成运维实施工单 ${f.workOrders.total} 份（甲方已确认 ${f.workOrders.confirmed} 份），` +
      `受理咨询 ${f.problems.consult} 次、系统缺陷 ${f.problems.defect} 个，故障处理时限达标率 ${f.sla.compliancePct}%。` +
      `我公司已对照双方商定的验收条款完成自验，形成自验报告及系统健康性检查报告。`,
  );
  paper.paragraph(`根据合同附件7《验收标准（验收要求、验收标准和程序）要求》，特申请对本项目第${cnNumber(y.year)}年度运维服务进行验收，请予安排。`);
  paper.paragraph('特此申请。');
  paper.spacer(8);
  paper.paragraph('附件：', { indent: false });
  attachments.forEach((a, i) => paper.paragraph(`${i + 1}. ${a}`, { indent: true }));
  paper.spacer(30);
  paper.paragraph(`${p.partyB}（盖章）`, { indent: false, align: 'right' });
  paper.paragraph(formatBizDate(y.date), { indent: false, align: 'right' });
  return finishSigned(paper, signer);
}

export interface SelfCheckItem {
  label: string;
  requirement: string;
  finding: string;
  verdict: '符合' | '基本符合' | '不符合';
}

export async function selfAcceptancePdf(y: YearInfo, items: readonly SelfCheckItem[], conclusion: string, signer: PackPdfSigner): Promise<SignedPdf> {
  const p = y.project;
  const title = `${p.name}项目第${cnNumber(y.year)}年度运维服务自验报告`;
  const paper = new Paper({ info: { title, subject: '自验报告', author: p.partyB, creationDate: y.created } });
  paper.title(title, `服务期：${formatBizDate(y.from)} 至 ${formatBizDate(y.to)}`);
  paper.fieldGrid([
    [{ label: '项目名称', value: p.name, span: 2 }],
    [{ label: '项目编号', value: p.code }, { label: '自验日期', value: formatBizDate(y.date) }],
    [{ label: '采购人（甲方）', value: p.partyA }, { label: '服务方（乙方）', value: p.partyB }],
  ]);
  paper.heading('一、自验依据');
  paper.paragraph('合同附件7《验收标准（验收要求、验收标准和程序）要求》：项目按年度验收，运维实施每满一年后乙方书面提出验收申请；正式验收日期十日前，乙方对照双方商定的验收条款完成自验，并向甲方递交自验文件。');
  paper.heading('二、自验情况');
  paper.table({
    columns: [
      { key: 'no', header: '序号', width: 1 },
      { key: 'label', header: '验收项', width: 3, align: 'left' },
      { key: 'req', header: '要求', width: 5, align: 'left' },
      { key: 'finding', header: '自查情况', width: 6, align: 'left' },
      { key: 'verdict', header: '结论', width: 2 },
    ],
    rows: items.map((it, i) => ({ no: String(i + 1), label: it.label, req: it.requirement, finding: it.finding, verdict: it.verdict })),
  });
  paper.heading('三、自验结论');
  paper.paragraph(conclusion);
  paper.spacer(12);
  paper.signatureBlock([
    { label: '乙方项目负责人', name: p.settings.signatories.projectLead, withDate: true },
    { label: `${p.partyB}（盖章）`, withDate: true },
  ]);
  return finishSigned(paper, signer);
}

export interface HealthRow {
  asset: string;
  ip: string;
  os: string;
  checks: number;
  availabilityPct: number;
  warnings: number;
  severe: number;
  faults: number;
  verdict: string;
}

export async function healthReportPdf(y: YearInfo, rows: readonly HealthRow[], window: { from: string; to: string }, f: MonthFigures, signer: PackPdfSigner): Promise<SignedPdf> {
  const p = y.project;
  const title = `${p.platformName}系统健康性检查报告`;
  const paper = new Paper({ info: { title, subject: '系统健康性检查报告', author: p.partyB, creationDate: y.created } });
  paper.title(title, `第${cnNumber(y.year)}年度（${formatBizDate(y.from)} 至 ${formatBizDate(y.to)}）`);
  paper.fieldGrid([
    [{ label: '项目名称', value: p.name, span: 2 }],
    [{ label: '检查期间', value: `${formatBizDate(window.from)} 至 ${formatBizDate(window.to)}` }, { label: '报告日期', value: formatBizDate(y.date) }],
  ]);
  const poor = rows.filter((r) => r.verdict !== '良好');
  paper.heading('一、检查概况');
  paper.paragraph(
    `本次对 ${rows.length} 台服务器及设备的运行情况进行了全面检查，依据服务年度内的自动探测记录、日常巡检记录及故障记录综合评定。` +
      `全年自动探测 ${rows.reduce((s, r) => s + r.checks, 0)} 次，故障 ${f.faults.total} 起，故障处理时限达标率 ${f.sla.compliancePct}%。` +
      (poor.length ? `其中 ${poor.map((r) => r.asset).join('、')} 需重点关注。` : '所有服务器及设备运行状况良好。'),
  );
  paper.heading('二、服务器及设备健康状况');
  paper.table({
    columns: [
      { key: 'asset', header: '服务器/设备', width: 4, align: 'left' },
      { key: 'ip', header: 'IP 地址', width: 2.6 },
      { key: 'os', header: '操作系统', width: 2.8 },
      { key: 'checks', header: '检测次数', width: 1.6 },
      { key: 'avail', header: '可用率', width: 1.6 },
      { key: 'warn', header: '警告', width: 1.2 },
      { key: 'severe', header: '严重', width: 1.2 },
      { key: 'faults', header: '故障', width: 1.2 },
      { key: 'verdict', header: '评定', width: 1.6 },
    ],
    rows: rows.map((r) => ({ asset: r.asset, ip: r.ip, os: r.os, checks: String(r.checks), avail: r.checks ? `${r.availabilityPct}%` : '—', warn: String(r.warnings), severe: String(r.severe), faults: String(r.faults), verdict: r.verdict })),
  });
  paper.paragraph('评定标准：可用率 ≥ 99% 为“良好”；可用率 ≥ 95% 为“一般”；其余为“需整改”。可用率 = 非严重探测次数 / 探测次数。', { size: 9 });
  paper.heading('三、问题与建议');
  paper.paragraph(
    poor.length
      ? poor.map((r) => `${r.asset}：可用率 ${r.availabilityPct}%，严重告警 ${r.severe} 次，故障 ${r.faults} 起，建议排查硬件与系统日志，必要时更换部件或扩容。`).join('\n')
      : '各系统运行平稳，建议保持现有巡检频次，持续做好备份与安全加固。',
  );
  paper.spacer(12);
  paper.signatureBlock([
    { label: '检查人', withDate: true },
    { label: '乙方项目负责人', name: p.settings.signatories.projectLead, withDate: true },
    { label: '甲方确认', name: p.settings.signatories.clientRep, withDate: true },
  ]);
  return finishSigned(paper, signer);
}
