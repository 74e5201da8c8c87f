import { z } from 'zod';
import { channel, R, zId } from './define';
import { PERSON_MAX, zAssetRef, zAt, zLongText, zLongTextRequired, zPaging, zPerson, zRealDate, zScanRef, zTitle } from './faults';

/** 运维实施工单 (合同附件5): draft → in_progress → done → confirmed (the client's representative signs). */
export const WORK_ORDER_STATUSES = ['draft', 'in_progress', 'done', 'confirmed'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = { draft: '草稿', in_progress: '实施中', done: '已完成', confirmed: '已确认' };

/** 工作量 in hours (half hours allowed). */
export const zWorkload = z
  .number({ message: '工作量应为数字（小时）' })
  .positive({ message: '工作量应大于 0' })
  .max(1000, { message: '工作量最多 1000 小时' })
  .refine((h) => Number.isInteger(h * 2), { message: '工作量以 0.5 小时为单位' });

const zTechnician = zPerson('技术人员').refine((s) => !/[、,，]/.test(s), { message: '技术人员姓名中不能有顿号或逗号（每人一项）' });

export const zWorkOrderRow = z.object({
  id: zId,
  docNo: z.string(),
  siteName: z.string(),
  applyDate: z.string(),
  company: z.string(),
  technicians: z.array(z.string()),
  demand: z.string(),
  doneDate: z.string().nullable(),
  workloadHours: z.number().nullable(),
  status: z.enum(WORK_ORDER_STATUSES),
  confirmerName: z.string().nullable(),
  faultId: z.string().nullable(),
  faultDocNo: z.string().nullable(),
});
export type WorkOrderRow = z.infer<typeof zWorkOrderRow>;

export const zWorkOrder = zWorkOrderRow.extend({
  technicianIds: z.array(z.string()),
  content: z.string(),
  standard: z.string(),
  confirmedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  assets: z.array(zAssetRef),
  signedScans: z.array(zScanRef),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type WorkOrder = z.infer<typeof zWorkOrder>;

const fields = {
  siteName: zTitle('驻点单位'),
  applyDate: zRealDate,
  company: zTitle('服务公司'),
  technicians: z.array(zTechnician).min(1, { message: '请填写技术人员' }).max(10, { message: '技术人员最多 10 人' }),
  technicianIds: z.array(zId).max(10),
  demand: zLongTextRequired('单位需求'),
  content: zLongTextRequired('服务内容'),
  standard: zLongText('实施标准'),
  faultId: zId.nullable(),
  assetIds: z.array(zId).max(50, { message: '关联资产最多 50 个' }),
};

export const zWorkOrderCreate = z.object({
  ...fields,
  siteName: fields.siteName.optional(),
  applyDate: fields.applyDate.optional(),
  company: fields.company.optional(),
  technicianIds: fields.technicianIds.default([]),
  standard: fields.standard.default(''),
  faultId: fields.faultId.optional(),
  assetIds: fields.assetIds.default([]),
});
export type WorkOrderCreate = z.input<typeof zWorkOrderCreate>;

export const workOrderChannels = {
  'workorders/list': channel({
    summary: 'Work orders, newest first, filtered (status, dates, technician, asset, fault) and paged on the server.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({
      ...zPaging,
      status: z.array(z.enum(WORK_ORDER_STATUSES)).max(WORK_ORDER_STATUSES.length).optional(),
      from: zRealDate.optional(),
      to: zRealDate.optional(),
      technician: z.string().trim().min(1).max(PERSON_MAX).optional(),
      assetId: zId.optional(),
      faultId: zId.optional(),
      q: z.string().trim().max(100).optional(),
    }),
    /** totalHours: the 工作量 of every matching work order (all pages), for the month's workload. */
    output: z.object({ rows: z.array(zWorkOrderRow), total: z.number().int(), totalHours: z.number(), page: z.number().int(), pageSize: z.number().int() }),
  }),
  'workorders/get': channel({ summary: 'One work order with its assets and signed scans.', access: R.recordsRead, mutates: false, input: z.object({ id: zId }), output: zWorkOrder }),
  'workorders/create': channel({ summary: 'New work order (numbered 文档编号), as a draft.', access: R.records, mutates: true, input: zWorkOrderCreate, output: zWorkOrder }),
  'workorders/update': channel({
    summary: 'Edit the fields of the form (until it is confirmed).',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId, ...fields, doneDate: zRealDate.nullable(), workloadHours: zWorkload.nullable() }).partial().required({ id: true }),
    output: zWorkOrder,
  }),
  'workorders/start': channel({ summary: 'draft → in_progress.', access: R.records, mutates: true, input: z.object({ id: zId, at: zAt.optional() }), output: zWorkOrder }),
  'workorders/finish': channel({
    summary: 'in_progress → done with 完成时间 and 工作量.',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId, doneDate: zRealDate, workloadHours: zWorkload, at: zAt.optional() }),
    output: zWorkOrder,
  }),
  'workorders/delete': channel({
    summary: 'Delete a draft created by mistake (kept in the audit, its number never reused).',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId, reason: z.string().trim().max(500).optional() }),
    output: z.object({ id: zId, docNo: z.string() }),
  }),
  'workorders/confirm': channel({
    summary: 'done → confirmed: the client’s representative signed (服务确认人); needs the signed scan attached.',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId, confirmerName: zPerson('服务确认人'), confirmedAt: zAt.optional() }),
    output: zWorkOrder,
  }),
} as const;
