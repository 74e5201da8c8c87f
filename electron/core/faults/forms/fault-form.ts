import { or, and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { FAULT_CATEGORIES, FAULT_CATEGORY_LABELS, FAULT_SEVERITIES, FAULT_SEVERITY_LABELS, type Fault } from '../../../../shared/contract/faults';
import { CLOCK_STATE_LABELS } from '../../../../shared/sla';
import type { Project } from '../../../../shared/contract/project';
import { formatBizDateTime, toBizDate } from '../../../../shared/time';
import { AppError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import type { CallContext } from '../../context';
import { checks } from '../../paper/pdf';
import { formTitle, paperDate, type FormModel } from '../../forms/model';
import { renderPdf, renderXlsx } from '../../forms/render';
import type { FormDocument } from '../../forms/registry';
import { faultView } from '../repo';
import { faults } from '../schema';

const STEP_ROWS = [
  { label: '故障报告', at: 'reportedAt', by: 'reporterName', clock: null },
  { label: '响应', at: 'respondedAt', by: 'respondedBy', clock: 'response' },
  { label: '到场', at: 'onSiteAt', by: 'onSiteBy', clock: 'onsite' },
  { label: '解决', at: 'resolvedAt', by: 'resolvedBy', clock: 'resolve' },
  { label: '提交书面报告', at: 'reportFiledAt', by: 'reportFiledBy', clock: 'report' },
  { label: '审核', at: 'reviewedAt', by: 'reviewerName', clock: null },
] as const;

const at = (iso: string | null) => (iso ? formatBizDateTime(iso) : '');

/** The 故障报告单 as a form model (DOMAIN.md §4): every field of the paper form, then the 合同 §4.2 report and the SLA record. */
export function faultFormModel(project: Project, f: Fault): FormModel {
  const title = formTitle(project, 'fault', '故障报告单');
  const clockOf = (key: string | null) => (key ? f.sla.clocks.find((c) => c.key === key) : undefined);
  return {
    title,
    subtitle: `项目名称：${project.name}`,
    docNo: f.docNo,
    info: { title: `${title} ${f.docNo}`, author: f.reporterName, subject: title },
    sheetName: f.docNo,
    blocks: [
      {
        kind: 'grid',
        rows: [
          [
            { label: '报告人', value: f.reporterName },
            { label: '报告日期', value: paperDate(f.reportDate) },
          ],
          [
            { label: '故障日期', value: paperDate(f.faultDate) },
            { label: '故障级别', value: checks(FAULT_SEVERITIES.map((s) => FAULT_SEVERITY_LABELS[s]), FAULT_SEVERITY_LABELS[f.severity]) },
          ],
          [{ label: '故障所属', value: checks(FAULT_CATEGORIES.map((c) => FAULT_CATEGORY_LABELS[c]), FAULT_CATEGORY_LABELS[f.category]) }],
          [{ label: '故障名称', value: f.title }],
          [{ label: '故障描述', value: f.description, minLines: 4 }],
          [
            { label: '关联资产', value: f.assets.map((a) => `${a.name}（${a.ip}）`).join('、') || '无' },
            { label: '预警级别', value: f.alertLevelLabel },
          ],
          { section: '处理情况' },
          [{ label: '处理结果', value: checks(['已解决', '未解决'], f.solved ? '已解决' : '未解决') }],
          [{ label: '解决方案', value: f.solution, minLines: 3 }],
          [{ label: '原因分析', value: f.causeAnalysis, minLines: 2 }],
          [{ label: '处理过程', value: f.handlingProcess, minLines: 2 }],
          [{ label: '防范措施', value: f.preventiveMeasures, minLines: 2 }],
          [{ label: '附件', value: f.attachments.map((a) => a.name).join('、') || '无' }],
          [
            { label: '审核人', value: f.reviewerName ?? '' },
            { label: '审核日期', value: paperDate(f.reviewedAt ? toBizDate(f.reviewedAt) : null) },
          ],
        ],
      },
      {
        kind: 'table',
        heading: '处理时限记录',
        columns: [
          { key: 'step', header: '环节', width: 1 },
          { key: 'at', header: '时间（执行人）', width: 2.2 },
          { key: 'state', header: '是否按时', width: 1 },
          { key: 'deadline', header: '时限（截止时间）', width: 2.2 },
        ],
        rows: STEP_ROWS.map((s) => {
          const c = clockOf(s.clock);
          const when = f[s.at];
          const by = f[s.by];
          return {
            step: s.label,
            at: when ? `${at(when)}${by ? `（${by}）` : ''}` : '',
            deadline: c?.deadline ? at(c.deadline) : '',
            state: c && c.deadline ? CLOCK_STATE_LABELS[c.state] : '',
          };
        }),
      },
    ],
    signatures: [
      { label: '报告人（签字）', withDate: true },
      { label: '审核人（签字）', withDate: true },
    ],
  };
}

/** The fault by id or by 文档编号 (the CLI accepts either). */
function findFault(ctx: CallContext, idOrDocNo: string) {
  const row = ctx.db
    .select()
    .from(faults)
    .where(and(or(eq(faults.id, idOrDocNo), eq(faults.docNo, idOrDocNo)), eq(faults.projectId, ctx.project().id), isNull(faults.deletedAt)))
    .get();
  if (!row) throw new AppError('NOT_FOUND', t('fault.notFound'));
  return row;
}

export const faultFormParams = z.object({ id: z.string().trim().min(1, { message: '请指定故障（--id 编号或文档编号）' }).max(64) });

export function loadFaultForm(ctx: CallContext, params: z.output<typeof faultFormParams>): FormDocument {
  const fault = faultView(ctx, findFault(ctx, params.id));
  const model = faultFormModel(ctx.project(), fault);
  const created = ctx.now();
  return {
    baseName: `${model.title}-${fault.docNo}`,
    pdf: () => renderPdf(model, created),
    xlsx: () => renderXlsx(model, created),
  };
}
