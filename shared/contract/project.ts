import { z } from 'zod';
import { channel, R, zDate, zEmpty, zId } from './define';
import { zMarkTypes } from './attendance';

const zHm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const zMonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const zMinutes = z.number().int().min(1).max(60 * 24 * 30);

/** Contract facts kept as data in the project record (never constants in code). */
export const zProjectSettings = z.object({
  sla: z.object({
    responseMinutes: zMinutes,
    onSiteMinutes: zMinutes,
    resolveMinutesBySeverity: z.object({ normal: zMinutes, serious: zMinutes, critical: zMinutes }),
    reportMinutes: zMinutes,
    dueSoonMinutes: zMinutes,
  }),
  /** Document number rule per kind, e.g. fault → GZ-{YYYY}-{SEQ:4}. */
  numbering: z.record(z.string(), z.string().min(1).max(60)),
  /** Form titles per form kind (故障报告单, 运维实施工单, 日常巡检表…). */
  formTitles: z.record(z.string(), z.string().min(1).max(120)),
  serviceYears: z.object({ firstYearStart: zDate, count: z.number().int().min(1).max(10) }),
  acceptanceSchedule: z.array(z.object({ key: z.string(), label: z.string(), from: zMonthDay, to: zMonthDay })),
  officeHours: z.object({ start: zHm, end: zHm }),
  inspection: z.object({
    dueTime: zHm,
    exchangeCheckTimes: z.array(zHm),
    notifyAheadMinutes: zMinutes,
    severeDecisionMinutes: zMinutes,
  }),
  thresholds: z.object({
    diskWarnPct: z.number().min(1).max(100),
    diskSeverePct: z.number().min(1).max(100),
    memWarnPct: z.number().min(1).max(100),
    memSeverePct: z.number().min(1).max(100),
    certWarnDays: z.number().int().min(0).max(3650),
    certSevereDays: z.number().int().min(0).max(3650),
  }),
  attendance: z.object({
    sheetDueDays: z.number().int().min(0).max(31),
    lateLimitPerMonth: z.number().int().min(0).max(31),
    lateAbsentMinutes: z.number().int().min(1).max(600),
    leaveNoticeDays: z.number().int().min(0).max(30),
  }),
  /** The attendance legend (code, label, printed symbol, typing key); absent → shared/attendance/marks.ts defaults. */
  attendanceMarks: zMarkTypes.optional(),
  qualityTargets: z.object({ timelyRatePct: z.number(), satisfactionPct: z.number() }),
  /** Responsible people named on forms (审核人, 项目负责人, 甲方代表). */
  signatories: z.object({ reviewer: z.string(), projectLead: z.string(), clientRep: z.string() }),
  /** Copies printed of each form of a pack (the contract: 一式三份). */
  printCopies: z.number().int().min(1).max(99).default(3),
});
export type ProjectSettings = z.infer<typeof zProjectSettings>;

export const zProject = z.object({
  id: zId,
  code: z.string().min(1).max(80),
  name: z.string().min(1).max(200),
  platformName: z.string().min(1).max(200),
  partyA: z.string().min(1).max(200),
  partyB: z.string().min(1).max(200),
  signedOn: zDate,
  serviceStart: zDate,
  serviceEnd: zDate,
  settings: zProjectSettings,
});
export type Project = z.infer<typeof zProject>;

export const projectChannels = {
  'project/get': channel({
    summary: 'The active project (contract facts).',
    access: R.anyone,
    mutates: false,
    input: zEmpty,
    output: zProject,
  }),
  'project/update': channel({
    summary: 'Edit the contract facts of the active project (设置).',
    access: R.admin,
    mutates: true,
    input: zProject.omit({ id: true }),
    output: zProject,
  }),
} as const;
