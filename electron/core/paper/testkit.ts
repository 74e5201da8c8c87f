/**
 * Sample documents for the paper kit's tests, benchmarks and visual checks: a fault report
 * using every widget, an attendance month grid, and long tables.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../test-tmp';
import { checks, Paper, type TableColumn } from './pdf';

const exec = promisify(execFile);

/** Runs a tool (pdftotext, pdffonts, soffice …) and returns its stdout. */
export async function run(cmd: string, args: readonly string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await exec(cmd, [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** Writes bytes to a fresh temp folder and returns the file path. */
export function tempFile(name: string, bytes: Buffer | string): string {
  const file = path.join(tempDir('owb-paper-'), name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Text of a PDF (pdftotext -layout), one string per page. */
export async function pdfPages(file: string): Promise<string[]> {
  const out = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  return out.split('\f').slice(0, -1);
}

/** Text without any white space (pdftotext spacing varies with layout). */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Fixed creation date: the same input gives the same bytes. */
export const SAMPLE_DATE = new Date('2024-03-15T08:00:00Z');

export const FAULT_KINDS = ['系统故障', '数据库系统故障', '网络设备故障', '其它应用软件系统故障'];

const DESCRIPTION =
  '09:42 监控发现中心数据库服务器（10.32.1.15）表空间 CREDIT_DATA 使用率达到 98%，数据归集任务 “部门数据入库” 连续三次失败，' +
  '信用网站查询响应超过 30 秒。值班工程师立即电话报告项目负责人，并于 09:55 到达机房现场。';

const SOLUTION = '扩展表空间数据文件 2 个（各 32 GB），清理 2023 年以前的临时归集表；重跑失败的归集任务并核对入库记录数，与前置机日志一致。';

/** Every label and value the sample form prints (what pdftotext must find). */
export const SAMPLE_TEXTS = [
  '文档编号：GZ-2024-0315-01',
  '徐州市公共信用信息综合平台故障报告单',
  '项目编号：JSZC-320300-XZCG-G2023-0060',
  '报告人',
  '张伟',
  '报告日期',
  '2024 年 3 月 15 日',
  '故障日期',
  '2024-03-15 09:42',
  '故障所属',
  ...FAULT_KINDS,
  '故障描述',
  '表空间 CREDIT_DATA 使用率达到 98%',
  '处理情况',
  '已解决',
  '未解决',
  '解决方案',
  '扩展表空间数据文件 2 个',
  '审核人',
  '李娜',
  '一、原因分析',
  '归档日志未按计划清理',
  '中心设备巡检表（节选）',
  '设备运行是否正常',
  '服务器名称',
  '周一',
  '周五',
  '中心数据库服务器',
  '10.32.1.15',
  '运行状态',
  '正常',
  '2024 年 3 月故障统计',
  '一般',
  '特别严重',
  '服务确认人（签字）',
  '审核人（签字）',
];

export function buildSampleForm(): Paper {
  const paper = new Paper({
    info: { title: '故障报告单 GZ-2024-0315-01', author: '张伟', subject: '故障报告单', creationDate: SAMPLE_DATE },
  });
  paper.docNumber('GZ-2024-0315-01');
  paper.title('徐州市公共信用信息综合平台故障报告单', '项目编号：JSZC-320300-XZCG-G2023-0060');
  paper.fieldGrid([
    [
      { label: '报告人', value: '张伟' },
      { label: '报告日期', value: '2024 年 3 月 15 日' },
    ],
    [
      { label: '故障日期', value: '2024-03-15 09:42' },
      { label: '故障级别', value: checks(['一般', '严重', '特别严重'], '严重') },
    ],
    [{ label: '故障所属', value: checks(FAULT_KINDS, '数据库系统故障') }],
    [{ label: '故障描述', value: DESCRIPTION, minLines: 3 }],
    { section: '处理情况' },
    [{ label: '处理结果', value: checks(['已解决', '未解决'], '已解决') }],
    [{ label: '解决方案', value: SOLUTION, minLines: 3 }],
    [
      { label: '审核人', value: '李娜' },
      { label: '审核日期', value: '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日' },
    ],
  ]);
  paper.heading('一、原因分析');
  paper.paragraph('数据库归档日志未按计划清理，且表空间自动扩展上限设置过低；三月份部门集中报送，增量数据较上月增长 42%，导致表空间耗尽。');
  paper.heading('中心设备巡检表（节选）', 2);
  paper.table({
    columns: [
      { key: 'name', header: '服务器名称', width: 3.2, align: 'left' },
      { key: 'ip', header: 'IP地址', width: 2.4 },
      ...['周一', '周二', '周三', '周四', '周五'].map((d, i) => ({ key: `d${i}`, header: d, width: 1 })),
      { key: 'note', header: '备注', width: 2.6, align: 'left' as const },
    ],
    headerGroups: [{ span: 2 }, { header: '设备运行是否正常', span: 5 }, { span: 1 }],
    rows: [
      { name: '中心数据库服务器', ip: '10.32.1.15', d0: '√', d1: '√', d2: '×', d3: '√', d4: '√', note: '周三表空间告警，已处理' },
      { name: '采集数据库服务器', ip: '10.32.1.16', d0: '√', d1: '√', d2: '√', d3: '√', d4: '√' },
      { name: '主题库和产品服务数据库服务器', ip: '10.32.1.17', d0: '√', d1: '√', d2: '√', d3: '√', d4: '√' },
    ],
    greyColumns: ['d4'],
  });
  paper.legend(
    [
      { label: '正常', symbol: '√' },
      { label: '不正常', symbol: '×' },
    ],
    '运行状态',
  );
  paper.barChart({
    title: '2024 年 3 月故障统计',
    categories: FAULT_KINDS,
    series: [
      { name: '一般', values: [3, 2, 1, 4] },
      { name: '严重', values: [1, 1, 0, 0] },
      { name: '特别严重', values: [0, 0, 0, 1] },
    ],
    unit: '次',
  });
  paper.signatureBlock([
    { label: '服务确认人（签字）', withDate: true },
    { label: '审核人（签字）', withDate: true },
  ]);
  return paper;
}

export const DAY_KEYS = Array.from({ length: 31 }, (_x, i) => `d${i + 1}`);

/** 考勤表 for a 29-day February: 31 day columns, days 30 and 31 greyed. */
export function buildMonthGrid(people = 6): Paper {
  const paper = new Paper({ layout: 'landscape', margins: { left: 28, right: 28 }, info: { title: '2024年2月日常工作考勤表', creationDate: SAMPLE_DATE } });
  paper.title('2024年2月日常工作考勤表');
  paper.fieldLine([{ label: '单位（盖章）', value: '南京莱斯信息技术股份有限公司', width: 2 }, { label: '项目', value: '徐州市公共信用信息系统平台运维' , width: 2 }]);
  const columns: TableColumn[] = [
    { key: 'name', header: '姓名', width: 2.4 },
    ...DAY_KEYS.map((k, i) => ({ key: k, header: String(i + 1), width: 1 })),
    { key: 'sign', header: '本人签字', width: 2.4 },
  ];
  const names = ['张伟', '李娜', '王强', '刘洋', '陈静', '赵磊', '孙悦', '周杰'];
  const rows = Array.from({ length: people }, (_x, p) => {
    const row: Record<string, string> = { name: names[p % names.length] ?? '某某' };
    for (let d = 1; d <= 29; d++) row[`d${d}`] = d % 7 === 3 || d % 7 === 4 ? '' : p === 1 && d === 12 ? '○' : '√';
    return row;
  });
  paper.table({ columns, rows, greyColumns: ['d30', 'd31'], blankRows: 2 });
  paper.legend(
    [
      { label: '出勤', symbol: '√' },
      { label: '加班', symbol: '◆' },
      { label: '迟到/早退', symbol: '×' },
      { label: '出差', symbol: '△' },
      { label: '学习培训', symbol: '□' },
      { label: '休假', symbol: '☆' },
      { label: '事假', symbol: '○' },
      { label: '病假', symbol: '+' },
      { label: '旷工', symbol: '●' },
    ],
    '考勤标记',
  );
  paper.paragraph('备注：每月结束后的3日内提交。', { indent: false, size: 9 });
  return paper;
}

export const LONG_COLUMNS: TableColumn[] = [
  { key: 'no', header: '序号', width: 0.8 },
  { key: 'name', header: '服务器名称', width: 3, align: 'left' },
  { key: 'place', header: '所在位置', width: 1.6 },
  { key: 'ip', header: 'IP地址', width: 2 },
  { key: 'os', header: '操作系统', width: 2.2 },
  { key: 'kind', header: '内容分类', width: 1.4 },
  { key: 'app', header: '应用系统是否正常', width: 1.5 },
  { key: 'sys', header: '操作系统是否正常', width: 1.5 },
  { key: 'disk', header: '操作系统空间情况', width: 1.8 },
  { key: 'note', header: '备注', width: 2, align: 'left' },
];

/** 日常巡检表 rows (one per server). */
export function inspectionRows(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_x, i) => ({
    no: String(i + 1),
    name: `部门前置机 ${String(i + 1).padStart(3, '0')}`,
    place: '市政务云机房',
    ip: `10.33.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    os: i % 2 ? 'Windows Server 2016' : 'CentOS 7.9',
    kind: '前置机',
    app: '正常',
    sys: i % 17 === 5 ? '警告' : '正常',
    disk: `已用 ${(i * 7) % 90}%`,
    note: i % 13 === 0 ? 'MQ 队列积压，已清理' : '',
  }));
}

export function buildLongTable(rows: number, creationDate = SAMPLE_DATE): Paper {
  const paper = new Paper({ info: { title: '日常巡检表', creationDate } });
  paper.title('徐州市公共信用信息综合管理服务平台数据仓库和服务平台应用系统日常巡检表');
  paper.table({ columns: LONG_COLUMNS, rows: inspectionRows(rows) });
  return paper;
}
