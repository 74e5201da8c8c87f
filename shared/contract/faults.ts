import { z } from 'zod';
import { ALERT_LEVEL_NUMBERS } from '../alerts';
import { CLOCK_KIND_LABELS, CLOCK_KINDS, CLOCK_STATES, computeSla, SEVERITIES, SEVERITY_LABELS, STAMP_FIELDS, STAMP_LABELS, type SlaResult, type SlaSettings } from '../sla';
import { channel, R, zDate, zId, zMonth } from './define';
import { formChannels } from './forms';

// ---------------------------------------------------------------------------------------------
// Field schemas shared by the fault, work order and problem ticket channels (the paper forms'
// limits). Long texts hold up to LONG_TEXT_MAX characters — a page and more of the 故障报告单 —
// and anything longer is refused with a clear message, never cut.
// ---------------------------------------------------------------------------------------------
export const LONG_TEXT_MAX = 10_000;
export const TITLE_MAX = 200;
export const PERSON_MAX = 50;

/** A business date that exists in the calendar (2026-02-30 is refused). */
export const zRealDate = zDate.refine((d) => {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d;
}, { message: '日期不存在' });

export const zLongText = (label: string) =>
  z.string().max(LONG_TEXT_MAX, { message: `${label}最多 ${LONG_TEXT_MAX} 个字，请精简或将详细材料作为附件上传` });
export const zLongTextRequired = (label: string) => zLongText(label).trim().min(1, { message: `请填写${label}` });
export const zTitle = (label: string) =>
  z.string().trim().min(1, { message: `请填写${label}` }).max(TITLE_MAX, { message: `${label}最多 ${TITLE_MAX} 个字` });
export const zPerson = (label: string) =>
  z.string().trim().min(1, { message: `请填写${label}` }).max(PERSON_MAX, { message: `${label}最多 ${PERSON_MAX} 个字` });

/** An instant with an offset (stored as UTC ISO-8601). */
export const zAt = z.iso.datetime({ offset: true, message: '时间格式无效，应为 ISO-8601（含时区）' });

export const zPaging = {
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
};

// The paper form schemas live with the forms channel; re-exported for the features that import them from here.
export { FORM_FORMATS, zFormFile, zFormFormat, type FormFile } from './forms';

export const zAssetRef = z.object({ id: zId, name: z.string(), ip: z.string() });
/** An attached file as a record shows it: the file (id), its link (linkId) and the name it was attached under. */
export const zScanRef = z.object({ id: zId, linkId: zId, name: z.string(), addedAt: z.string() });

// ---------------------------------------------------------------------------------------------
// 故障报告单 (DOMAIN.md §4)
// ---------------------------------------------------------------------------------------------
/** 故障所属, in the order printed on the paper form. */
export const FAULT_CATEGORIES = ['system', 'database', 'network', 'other_app'] as const;
export type FaultCategory = (typeof FAULT_CATEGORIES)[number];
export const FAULT_CATEGORY_LABELS: Record<FaultCategory, string> = {
  system: '系统故障',
  database: '数据库系统故障',
  network: '网络设备故障',
  other_app: '其它应用软件系统故障',
};
/** 一般 / 严重 / 特别严重 (the SLA's severities, shared/sla.ts). */
export const FAULT_SEVERITIES = SEVERITIES;
export type FaultSeverity = (typeof FAULT_SEVERITIES)[number];
export const FAULT_SEVERITY_LABELS = SEVERITY_LABELS;

export const FAULT_STATUSES = ['reported', 'responded', 'on_site', 'resolved', 'report_filed', 'reviewed'] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];
export const FAULT_STATUS_LABELS: Record<FaultStatus, string> = {
  reported: '已报告',
  responded: '已响应',
  on_site: '已到场',
  resolved: '已解决',
  report_filed: '已提交报告',
  reviewed: '已审核',
};

/** The steps after the report, in order; each one stamps who and when. */
export const FAULT_STEPS = ['respond', 'on_site', 'resolve', 'file_report'] as const;
export type FaultStep = (typeof FAULT_STEPS)[number];
/** The stamp fields, in lifecycle order (shared/sla.ts). */
export const FAULT_STAMPS = STAMP_FIELDS;
export type FaultStampField = (typeof FAULT_STAMPS)[number];
export const FAULT_STAMP_LABELS = STAMP_LABELS;

export const ALERT_LEVELS = ALERT_LEVEL_NUMBERS;
export const zAlertLevel = z.union([z.literal(1), z.literal(2), z.literal(3)], { message: '预警级别应为一级、二级或三级' });

/**
 * SLA as the lists show it. A clock's state is shared/sla.ts' own (pending: not due yet or not
 * started — deadline null; met_late: done after its deadline). The fault's bucket sums them up:
 * breached (any clock late, done or not) > due_soon > on_track (open, in time) > met (all done in time).
 */
export const SLA_BUCKETS = ['breached', 'due_soon', 'on_track', 'met'] as const;
export type SlaBucket = (typeof SLA_BUCKETS)[number];
export const SLA_BUCKET_LABELS: Record<SlaBucket, string> = { breached: '已超时', due_soon: '即将超时', on_track: '计时中', met: '按时完成' };
export const SLA_CLOCKS = CLOCK_KINDS;
export type SlaClockKey = (typeof SLA_CLOCKS)[number];
export const SLA_CLOCK_LABELS = CLOCK_KIND_LABELS;

export const zSlaView = z.object({
  bucket: z.enum(SLA_BUCKETS),
  nextDeadline: z.string().nullable(),
  breached: z.boolean(),
  clocks: z.array(
    z.object({
      key: z.enum(SLA_CLOCKS),
      deadline: z.string().nullable(),
      doneAt: z.string().nullable(),
      state: z.enum(CLOCK_STATES),
    }),
  ),
});
export type SlaView = z.infer<typeof zSlaView>;

/** The fault's SLA bucket from the shared function's result (one mapping for core and UI). */
export function slaBucket(r: SlaResult): SlaBucket {
  if (r.breached) return 'breached';
  if (r.clocks.some((c) => c.state === 'due_soon')) return 'due_soon';
  if (r.clocks.some((c) => c.deadline !== null && c.stampedAt === null)) return 'on_track';
  return 'met';
}

/** Stamps of a fault as the SLA function takes them. */
export interface SlaStampsOf {
  severity: FaultSeverity;
  reportedAt: string;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  reportFiledAt: string | null;
}

/** computeSla (shared/sla.ts) on a fault, mapped to the view the lists, forms and UI show. */
export function slaViewOf(f: SlaStampsOf, settings: SlaSettings, now: Date): SlaView {
  const r = computeSla(f, settings, now);
  return {
    bucket: slaBucket(r),
    nextDeadline: r.nextDeadline,
    breached: r.breached,
    clocks: r.clocks.map((c) => ({ key: c.kind, deadline: c.deadline, doneAt: c.stampedAt, state: c.state })),
  };
}

const zCategory = z.enum(FAULT_CATEGORIES, { message: '故障所属应为：系统故障、数据库系统故障、网络设备故障或其它应用软件系统故障' });
const zSeverity = z.enum(FAULT_SEVERITIES, { message: '故障级别应为：一般、严重或特别严重' });

export const zFaultRow = z.object({
  id: zId,
  docNo: z.string(),
  title: z.string(),
  category: z.enum(FAULT_CATEGORIES),
  severity: z.enum(FAULT_SEVERITIES),
  alertLevel: z.number().int(),
  status: z.enum(FAULT_STATUSES),
  solved: z.boolean(),
  reporterName: z.string(),
  engineerName: z.string().nullable(),
  reportDate: z.string(),
  faultDate: z.string(),
  reportedAt: z.string(),
  respondedAt: z.string().nullable(),
  onSiteAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  reportFiledAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  sla: zSlaView,
});
export type FaultRow = z.infer<typeof zFaultRow>;

export const zStampHistory = z.object({
  id: zId,
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
  by: z.string(),
});

/** One required action of the fault's alert level (shared/alerts.ts alertChecklist). */
export const zAlertCheckItem = z.object({
  key: z.string(),
  label: z.string(),
  /** Who to notify, how and by when, in Chinese. */
  detail: z.string(),
  notify: z.array(z.string()),
  condition: z.string().nullable(),
  dueAt: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  /** Done by a fault stamp (not ticked by hand). */
  auto: z.boolean(),
  overdue: z.boolean(),
  doneLate: z.boolean(),
});

export const zFault = zFaultRow.extend({
  reporterId: z.string().nullable(),
  description: z.string(),
  solution: z.string(),
  causeAnalysis: z.string(),
  handlingProcess: z.string(),
  preventiveMeasures: z.string(),
  source: z.enum(['manual', 'inspection', 'probe']),
  sourceRef: z.string().nullable(),
  respondedBy: z.string().nullable(),
  onSiteBy: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  reportFiledBy: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  assets: z.array(zAssetRef),
  history: z.array(zStampHistory),
  alertLevelLabel: z.string(),
  alertChecklist: z.array(zAlertCheckItem),
  workOrders: z.array(z.object({ id: zId, docNo: z.string(), status: z.string() })),
  /** The client's signed copy (attachments with role signed_scan): 已确认 when present. */
  signedScans: z.array(zScanRef),
  /** Other files of the report (screenshots, logs, photos): printed as 附件 on the form. */
  attachments: z.array(zScanRef),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Fault = z.infer<typeof zFault>;

/** The editable fields of the 故障报告单 (stamps have their own channels). */
const faultFields = {
  title: zTitle('故障标题'),
  category: zCategory,
  severity: zSeverity,
  alertLevel: zAlertLevel,
  description: zLongTextRequired('故障描述'),
  faultDate: zRealDate,
  reportDate: zRealDate,
  reporterName: zPerson('报告人'),
  reporterId: zId.nullable(),
  engineerName: zPerson('负责工程师').nullable(),
  solved: z.boolean(),
  solution: zLongText('解决方案'),
  causeAnalysis: zLongText('原因分析'),
  handlingProcess: zLongText('处理过程'),
  preventiveMeasures: zLongText('防范措施'),
  assetIds: z.array(zId).max(50, { message: '关联资产最多 50 个' }),
};

export const zFaultCreate = z.object({
  ...faultFields,
  reportDate: zRealDate.optional(),
  reporterName: zPerson('报告人').optional(),
  reporterId: zId.nullable().optional(),
  engineerName: zPerson('负责工程师').nullable().optional(),
  solved: z.boolean().optional(),
  solution: zLongText('解决方案').optional(),
  causeAnalysis: zLongText('原因分析').optional(),
  handlingProcess: zLongText('处理过程').optional(),
  preventiveMeasures: zLongText('防范措施').optional(),
  assetIds: faultFields.assetIds.default([]),
  faultDate: zRealDate.optional(),
  alertLevel: zAlertLevel.default(1),
  /** When the fault became known (the clocks start here); default now, never in the future. */
  reportedAt: zAt.optional(),
  source: z.enum(['manual', 'inspection', 'probe']).default('manual'),
  sourceRef: z.string().max(64).nullable().optional(),
});
export type FaultCreate = z.input<typeof zFaultCreate>;

/** What prefillFaultFrom returns: a create input to show in the form, not saved yet. */
export const zFaultDraft = z.object({
  title: z.string(),
  category: z.enum(FAULT_CATEGORIES),
  severity: z.enum(FAULT_SEVERITIES),
  alertLevel: z.number().int(),
  description: z.string(),
  faultDate: z.string(),
  reportedAt: z.string(),
  assetIds: z.array(zId),
  source: z.enum(['manual', 'inspection', 'probe']),
  sourceRef: z.string().nullable(),
});
export type FaultDraft = z.infer<typeof zFaultDraft>;

export const FAULT_SORTS = ['reported_desc', 'reported_asc'] as const;

export const zFaultListInput = z.object({
  ...zPaging,
  status: z.array(z.enum(FAULT_STATUSES)).max(FAULT_STATUSES.length).optional(),
  /** Shortcut: open = not yet resolved; closed = resolved or later. */
  open: z.boolean().optional(),
  severity: zSeverity.optional(),
  category: zCategory.optional(),
  slaState: z.enum(SLA_BUCKETS).optional(),
  /** Report business dates (inclusive). */
  from: zRealDate.optional(),
  to: zRealDate.optional(),
  assetId: zId.optional(),
  engineer: z.string().trim().min(1).max(PERSON_MAX).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(FAULT_SORTS).default('reported_desc'),
});

export const faultChannels = {
  'faults/list': channel({
    summary: 'Faults, newest first, filtered (status, severity, SLA state, dates, asset, engineer) and paged on the server.',
    access: R.recordsRead,
    mutates: false,
    input: zFaultListInput,
    output: z.object({ rows: z.array(zFaultRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  }),
  'faults/get': channel({
    summary: 'One fault with its stamps, history, alert checklist, assets, work orders and signed scans.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ id: zId }),
    output: zFault,
  }),
  'faults/options': channel({
    summary: 'What the fault and work order forms offer: assets, team members, the current user’s name.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({}).strict(),
    output: z.object({
      assets: z.array(zAssetRef),
      staff: z.array(z.object({ id: zId, name: z.string(), title: z.string() })),
      me: z.string(),
      reviewer: z.string(),
      siteName: z.string(),
      company: z.string(),
      clientRep: z.string(),
    }),
  }),
  'faults/prefill': channel({
    summary: 'A new fault pre-filled from a severe probe result or inspection item (not saved).',
    access: R.records,
    mutates: false,
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('probe'), resultId: zId }),
      z.object({ kind: z.literal('inspection'), resultId: zId }),
    ]),
    output: zFaultDraft,
  }),
  'faults/create': channel({
    summary: 'Report a fault: numbered (文档编号), clocks start at reportedAt.',
    access: R.records,
    mutates: true,
    input: zFaultCreate,
    output: zFault,
  }),
  'faults/update': channel({
    summary: 'Edit the fields of the 故障报告单 (a changed severity needs a reason: it moves the resolution deadline).',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId, ...faultFields, severityReason: z.string().trim().max(500).optional() }).partial().required({ id: true }),
    output: zFault,
  }),
  'faults/stamp': channel({
    summary: 'Next lifecycle step (respond, on site, resolve, file the written report): who and when (default now).',
    access: R.records,
    mutates: true,
    input: z.object({
      id: zId,
      step: z.enum(FAULT_STEPS),
      /** Default now; an earlier time is a backfill and is kept in the history with the reason. */
      at: zAt.optional(),
      by: zPerson('执行人').optional(),
      reason: z.string().trim().max(500).optional(),
      /** Fields filled at this step (resolve: 解决方案; file_report: 原因分析, 处理过程, 防范措施). */
      patch: z
        .object({
          solved: z.boolean(),
          solution: zLongText('解决方案'),
          causeAnalysis: zLongText('原因分析'),
          handlingProcess: zLongText('处理过程'),
          preventiveMeasures: zLongText('防范措施'),
          engineerName: zPerson('负责工程师'),
        })
        .partial()
        .optional(),
    }),
    output: zFault,
  }),
  'faults/edit-stamp': channel({
    summary: 'Correct a stamp: the original value and the reason are kept in the history.',
    access: R.records,
    mutates: true,
    input: z.object({
      id: zId,
      field: z.enum(FAULT_STAMPS),
      at: zAt,
      reason: z.string().trim().min(2, { message: '请填写修改原因' }).max(500),
    }),
    output: zFault,
  }),
  'faults/review': channel({
    summary: 'The project manager reviews the filed report (审核人).',
    access: R.manager,
    mutates: true,
    input: z.object({ id: zId, at: zAt.optional(), reviewerName: zPerson('审核人').optional(), reason: z.string().trim().max(500).optional() }),
    output: zFault,
  }),
  'faults/check-alert': channel({
    summary: 'Tick (or untick) a required action of the fault’s alert level.',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId, item: z.string().min(1).max(64), done: z.boolean() }),
    output: zFault,
  }),
  'faults/delete': channel({
    summary: 'Delete a fault reported by mistake (manager, with a reason; not once reviewed): kept in the audit, its number never reused.',
    access: R.manager,
    mutates: true,
    input: z.object({ id: zId, reason: z.string().trim().min(2, { message: '请填写删除原因' }).max(500) }),
    output: z.object({ id: zId, docNo: z.string() }),
  }),
  'faults/stats': channel({
    summary: 'Faults and SLA breaches per month and per engineer.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ from: zMonth, to: zMonth }),
    output: z.object({
      months: z.array(z.object({ month: z.string(), faults: z.number().int(), breaches: z.number().int(), breachedFaults: z.number().int(), byClock: z.record(z.string(), z.number().int()) })),
      engineers: z.array(z.object({ engineer: z.string(), faults: z.number().int(), breaches: z.number().int(), breachedFaults: z.number().int() })),
      totals: z.object({ faults: z.number().int(), breaches: z.number().int(), breachedFaults: z.number().int() }),
    }),
  }),
  /** forms/export (shared/contract/forms.ts) comes with this feature, which brought the form registry. */
  ...formChannels,
} as const;
