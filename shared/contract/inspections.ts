import { z } from 'zod';
import { RESULT_LEVELS } from '../levels';
import { channel, R, zDate, zEmpty, zId } from './define';
import { zFaultDraft } from './faults';

// ---------------------------------------------------------------------------------------------
// The six forms of DOMAIN.md §3 as data (resources/inspection-templates.json), the daily round
// (a run: one filled sheet per business date and slot), the manager's decision on a severe
// result, and the round's state at a glance.
// ---------------------------------------------------------------------------------------------

/** What a probe result can pre-fill: the item's aspect(s). Empty → ticked by hand. */
export const ASPECTS = ['network', 'remote', 'login', 'disk', 'log', 'app', 'data', 'cpu', 'memory'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const zAspect = z.enum(ASPECTS);

const zItemVariant = z.object({ label: z.string().min(1).max(60), aspects: z.array(zAspect), steps: z.string().max(500).optional() });

export const zItemDef = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]*$/).max(30),
  /** The form column (or group of items) the item belongs to: 网络, 系统, 应用1 … */
  column: z.string().min(1).max(40),
  label: z.string().min(1).max(60),
  aspects: z.array(zAspect),
  steps: z.string().max(500).default(''),
  /** Per asset 内容分类: another label/aspects, or null when the item does not apply. */
  variants: z.record(z.string(), zItemVariant.nullable()).optional(),
  /** Fixed items: the asset whose probes pre-fill it (by name). */
  assetName: z.string().max(100).optional(),
});
export type ItemDef = z.infer<typeof zItemDef>;

/**
 * A paper column: its heading and where its value comes from —
 * seq | asset.<field> | level:<item keys> | value:<item key> | notes | cell:<item column> |
 * weekday:<1-5> | item.<label|value|level|content|steps|result|operator|at|note> | run.bizDate.
 */
export const zColumnDef = z.object({
  key: z.string().min(1).max(30),
  header: z.string().min(1).max(40),
  width: z.number().positive().max(20).default(1),
  align: z.enum(['left', 'center', 'right']).optional(),
  group: z.string().max(40).optional(),
  value: z.string().min(1).max(80),
});
export type ColumnDef = z.infer<typeof zColumnDef>;

export const zSlotDef = z.object({
  code: z.string().regex(/^[a-z]+$/).max(10),
  label: z.string().min(1).max(10),
  /** Which of settings.inspection.exchangeCheckTimes starts this slot. */
  exchangeIndex: z.number().int().min(0).max(9),
});

export const zTemplateLayout = z.object({
  /** round: filled by the engineer; view: printed from another template's runs; report: any run as a 巡检报告. */
  kind: z.enum(['round', 'view', 'report']),
  source: z.string().optional(),
  slots: z.array(zSlotDef).optional(),
  perAsset: z.array(zItemDef).optional(),
  fixed: z.array(zItemDef).optional(),
  columns: z.array(zColumnDef).min(1),
  legend: z.string().max(200).optional(),
});
export type TemplateLayout = z.infer<typeof zTemplateLayout>;

export const CADENCES = ['daily', 'weekly', 'monthly', 'any'] as const;

export const zTemplate = z.object({
  id: zId,
  code: z.string(),
  title: z.string(),
  formKind: z.string(),
  cadence: z.enum(CADENCES),
  layout: zTemplateLayout,
});
export type Template = z.infer<typeof zTemplate>;

export const RUN_STATUSES = ['open', 'paused', 'done', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_STATUS_LABELS: Record<RunStatus, string> = { open: '进行中', paused: '已暂停（待项目负责人决定）', done: '已完成', stopped: '已中止' };

export const zLevel = z.enum(RESULT_LEVELS);
const zCounts = z.object({ normal: z.number().int(), warning: z.number().int(), severe: z.number().int() });

export const zRunSummary = z.object({
  id: zId,
  templateCode: z.string(),
  templateTitle: z.string(),
  bizDate: z.string(),
  slot: z.string(),
  slotLabel: z.string(),
  status: z.enum(RUN_STATUSES),
  inspectorName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  dueAt: z.string(),
  /** Finished after the due time, or still open past it. */
  late: z.boolean(),
  items: z.number().int(),
  filled: z.number().int(),
  counts: zCounts,
  pausedReason: z.string().nullable(),
  pausedAt: z.string().nullable(),
  /** When the manager should have decided (pausedAt + settings.inspection.severeDecisionMinutes). */
  decisionDueAt: z.string().nullable(),
  decision: z.enum(['continue', 'stop']).nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  remarks: z.string(),
});
export type RunSummary = z.infer<typeof zRunSummary>;

export const zEvidence = z.object({
  probeResultId: zId,
  checkLabel: z.string(),
  kind: z.string(),
  at: z.string(),
  level: zLevel,
  summary: z.string(),
  /** Raw output kept as evidence (bounded). */
  raw: z.string().nullable(),
});

export const zResultView = z.object({
  id: zId,
  level: zLevel,
  value: z.string(),
  note: z.string(),
  operator: z.string(),
  at: z.string(),
  fromProbe: z.boolean(),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
});
export type ResultView = z.infer<typeof zResultView>;

export const zRunItem = z.object({
  itemId: zId,
  key: z.string(),
  column: z.string(),
  label: z.string(),
  aspects: z.array(zAspect),
  steps: z.string(),
  result: zResultView.nullable(),
  evidence: zEvidence.nullable(),
});
export type RunItem = z.infer<typeof zRunItem>;

export const zRunRow = z.object({
  assetId: zId.nullable(),
  assetName: z.string(),
  ip: z.string(),
  nodeGroup: z.string(),
  items: z.array(zRunItem),
});

export const zRunDetail = z.object({ run: zRunSummary, rows: z.array(zRunRow), canDecide: z.boolean() });
export type RunDetail = z.infer<typeof zRunDetail>;

export const zSlotState = z.object({
  slot: z.string(),
  label: z.string(),
  at: z.string(),
  sweep: z
    .object({ id: z.string().nullable(), ranAt: z.string(), late: z.boolean(), counts: zCounts, status: z.string() })
    .nullable(),
  run: zRunSummary.nullable(),
});

export const zFailing = z.object({
  runId: zId,
  resultId: zId,
  assetId: zId.nullable(),
  assetName: z.string(),
  label: z.string(),
  level: zLevel,
  value: z.string(),
});

export const zToday = z.object({
  bizDate: z.string(),
  working: z.boolean(),
  dueAt: z.string(),
  slots: z.array(zSlotState),
  done: z.number().int(),
  total: z.number().int(),
  late: z.array(zRunSummary),
  failing: z.array(zFailing),
  paused: z.array(zRunSummary),
});
export type Today = z.infer<typeof zToday>;

const zRunRef = z.object({ runId: zId });

export const inspectionChannels = {
  'inspections/templates': channel({
    summary: 'The inspection templates of the project (the six forms of DOMAIN.md §3 as data).',
    access: R.recordsRead,
    mutates: false,
    input: zEmpty,
    output: z.array(zTemplate),
  }),
  'inspections/today': channel({
    summary: 'The round of a business date at a glance: exchange checks, runs done / failing / late / paused.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ date: zDate.optional() }),
    output: zToday,
  }),
  'inspections/runs': channel({
    summary: 'Inspection runs between two business dates (newest first).',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ from: zDate, to: zDate, templateCode: z.string().max(30).optional() }),
    output: z.array(zRunSummary),
  }),
  'inspections/run': channel({
    summary: 'One run: its items by asset, results, probe evidence (raw output kept).',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ id: zId }),
    output: zRunDetail,
  }),
  'inspections/start': channel({
    summary: 'Open (or return) the run of a template for a business date and slot, pre-filled from the latest probe evidence.',
    access: R.records,
    mutates: true,
    input: z.object({ templateCode: z.string().min(1).max(30), bizDate: zDate, slot: z.string().regex(/^[a-z]+$/).max(10) }),
    output: zRunDetail,
  }),
  'inspections/refill': channel({
    summary: 'Pre-fill again from the latest probe evidence (items ticked by hand are kept).',
    access: R.records,
    mutates: true,
    input: zRunRef,
    output: zRunDetail,
  }),
  'inspections/set-result': channel({
    summary: 'Record one item: 正常/警告/严重, value and note. Changing a probe’s result needs a reason. Warning/severe notify; severe pauses the run.',
    access: R.records,
    mutates: true,
    input: z.object({
      runId: zId,
      itemId: zId,
      level: zLevel,
      value: z.string().trim().max(200).default(''),
      note: z.string().trim().max(1000).default(''),
      overrideReason: z.string().trim().max(500).optional(),
    }),
    output: z.object({ run: zRunSummary, item: zRunItem, faultDraft: zFaultDraft.nullable() }),
  }),
  'inspections/complete': channel({
    summary: 'Finish a run: every item must be filled; late when after the due time.',
    access: R.records,
    mutates: true,
    input: z.object({ runId: zId, remarks: z.string().trim().max(2000).optional() }),
    output: zRunSummary,
  }),
  'inspections/decide': channel({
    summary: 'The project manager decides on a run paused by a severe result: continue or stop, with a reason.',
    access: R.manager,
    mutates: true,
    input: z.object({ runId: zId, decision: z.enum(['continue', 'stop']), reason: z.string().trim().min(1, { message: '请填写决定的理由' }).max(500) }),
    output: zRunSummary,
  }),
  'inspections/asset-history': channel({
    summary: 'Inspection results of one asset, newest first.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ assetId: zId, limit: z.number().int().min(1).max(500).default(60) }),
    output: z.array(
      z.object({ runId: zId, bizDate: z.string(), slot: z.string(), slotLabel: z.string(), templateTitle: z.string(), items: z.array(z.object({ key: z.string(), label: z.string(), level: zLevel, value: z.string() })) }),
    ),
  }),
} as const;
