import { and, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Project } from '../../../../shared/contract/project';
import type { WorkOrder } from '../../../../shared/contract/workorders';
import { AppError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import type { CallContext } from '../../context';
import { formTitle, paperDate, type FormModel } from '../../forms/model';
import { renderPdf, renderXlsx } from '../../forms/render';
import type { FormDocument } from '../../forms/registry';
import { workOrderView } from '../service';
import { workOrders } from '../schema';

/** 工作量 as printed: 2.5 小时. */
export function workloadText(hours: number | null): string {
  return hours === null ? '' : `${hours} 小时`;
}

/** The 运维实施工单 (合同附件5) as a form model: the paper form's fields in its order, then the signatures. */
export function workOrderFormModel(project: Project, w: WorkOrder): FormModel {
  const title = formTitle(project, 'workorder', '{平台名称}运维实施工单');
  return {
    title,
    docNo: w.docNo,
    info: { title: `${title} ${w.docNo}`, author: w.technicians.join('、'), subject: '运维实施工单' },
    sheetName: w.docNo,
    blocks: [
      {
        kind: 'grid',
        rows: [
          [
            { label: '驻点单位', value: w.siteName },
            { label: '申请日期', value: paperDate(w.applyDate) },
          ],
          [
            { label: '服务公司', value: w.company },
            { label: '技术人员', value: w.technicians.join('、') },
          ],
          [{ label: '单位需求', value: w.demand, minLines: 3 }],
          [{ label: '服务内容', value: w.content, minLines: 5 }],
          [{ label: '实施标准', value: w.standard, minLines: 2 }],
          [
            { label: '完成时间', value: paperDate(w.doneDate) },
            { label: '工作量', value: workloadText(w.workloadHours) },
          ],
          [
            { label: '关联故障', value: w.faultDocNo ?? '无' },
            { label: '关联资产', value: w.assets.map((a) => a.name).join('、') || '无' },
          ],
          [{ label: '服务确认人', value: `驻点单位业务代表确认（签字）：${w.confirmerName ?? ''}`, minLines: 3 }],
        ],
      },
    ],
    signatures: [
      { label: '技术人员（签字）', withDate: true },
      { label: '驻点单位业务代表（签字）', withDate: true },
    ],
  };
}

function findWorkOrder(ctx: CallContext, idOrDocNo: string) {
  const row = ctx.db
    .select()
    .from(workOrders)
    .where(and(or(eq(workOrders.id, idOrDocNo), eq(workOrders.docNo, idOrDocNo)), eq(workOrders.projectId, ctx.project().id), isNull(workOrders.deletedAt)))
    .get();
  if (!row) throw new AppError('NOT_FOUND', t('workorder.notFound'));
  return row;
}

export const workOrderFormParams = z.object({ id: z.string().trim().min(1, { message: '请指定工单（--id 编号或文档编号）' }).max(64) });

export function loadWorkOrderForm(ctx: CallContext, params: z.output<typeof workOrderFormParams>): FormDocument {
  const order = workOrderView(ctx, findWorkOrder(ctx, params.id));
  const model = workOrderFormModel(ctx.project(), order);
  const created = ctx.now();
  return { baseName: `运维实施工单-${order.docNo}`, pdf: () => renderPdf(model, created), xlsx: () => renderXlsx(model, created) };
}
