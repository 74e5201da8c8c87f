/**
 * Registers the inspection forms with the form registry (`forms/export`, `owb export form`):
 * daily-inspection (日常巡检表), system-status (中心系统运行状态), weekly-inspection (中心设备巡检表),
 * software-inspection (软件巡检列表), ops-check (运维检查表), inspection-report (巡检报告).
 * Imported by ../handlers.ts.
 */
import { z } from 'zod';
import { zDate, zId, zMonth } from '../../../../shared/contract/define';
import type { CallContext } from '../../context';
import { registerFormKind, type FormDocument } from '../../forms/registry';
import { actorInfo } from '../service';
import { dailyInspectionModel, inspectionReportModel, monthVolume, opsCheckModel, softwareInspectionModel, systemStatusModel, weeklyInspectionModel, type FormModel } from './model';
import { renderPdf, renderXlsx } from './render';

function doc(ctx: CallContext, m: FormModel | { models: FormModel[]; baseName: string }): FormDocument {
  const at = ctx.now();
  const who = actorInfo(ctx).name;
  const creator = ctx.project().partyB;
  const body = 'models' in m ? m.models : m;
  return { baseName: m.baseName, pdf: () => renderPdf(body, at, who), xlsx: () => renderXlsx(body, at, creator) };
}

const zSlot = z.enum(['am', 'pm'], { message: '时段应为 am（上午）或 pm（下午）' }).optional();
/** One round (--date [--slot]) or a month's rounds as one volume (--month, what packs print). */
const dateSlotOrMonth = z
  .object({ date: zDate.optional(), slot: zSlot, month: zMonth.optional() })
  .refine((p) => (p.date === undefined) !== (p.month === undefined), { message: '请给出 --date（某次巡检）或 --month（整月合订）其中之一' });

function perRound(code: 'daily' | 'system-status', one: (ctx: CallContext, date: string, slot?: string) => FormModel) {
  return (ctx: CallContext, p: z.infer<typeof dateSlotOrMonth>): FormDocument =>
    doc(ctx, p.month ? monthVolume(ctx, code, p.month, one) : one(ctx, p.date!, p.slot));
}

registerFormKind({
  kind: 'daily-inspection',
  label: '日常巡检表',
  params: dateSlotOrMonth,
  usage: '--date YYYY-MM-DD [--slot am|pm]  巡检日期与时段（默认当日最后一次）；或 --month YYYY-MM 整月合订',
  load: perRound('daily', dailyInspectionModel),
});

registerFormKind({
  kind: 'system-status',
  label: '中心系统运行状态',
  params: dateSlotOrMonth,
  usage: '--date YYYY-MM-DD [--slot am|pm]  由当日巡检生成；或 --month YYYY-MM 整月合订',
  load: perRound('system-status', systemStatusModel),
});

registerFormKind({
  kind: 'weekly-inspection',
  label: '中心设备巡检表（巡检周报）',
  params: z.object({ date: zDate }),
  usage: '--date YYYY-MM-DD  该日所在周（周一至周五）',
  load: (ctx, p) => doc(ctx, weeklyInspectionModel(ctx, p.date)),
});

registerFormKind({
  kind: 'software-inspection',
  label: '软件巡检列表',
  params: z.object({ date: zDate, slot: z.string().regex(/^[a-z]+$/).max(10).optional() }),
  usage: '--date YYYY-MM-DD  软件巡检日期',
  load: (ctx, p) => doc(ctx, softwareInspectionModel(ctx, p.date, p.slot)),
});

registerFormKind({
  kind: 'ops-check',
  label: '运维检查表',
  params: z.object({ date: zDate, slot: z.string().regex(/^[a-z]+$/).max(10).optional() }),
  usage: '--date YYYY-MM-DD  运维检查日期（每月一次）',
  load: (ctx, p) => doc(ctx, opsCheckModel(ctx, p.date, p.slot)),
});

registerFormKind({
  kind: 'inspection-report',
  label: '巡检报告',
  params: z.object({ run: zId.optional(), date: zDate.optional(), slot: z.string().regex(/^[a-z]+$/).max(10).optional(), template: z.string().max(30).optional() }),
  usage: '--run 巡检记录ID 或 --date YYYY-MM-DD [--slot am|pm] [--template daily|software|ops-check]',
  load: (ctx, p) => doc(ctx, inspectionReportModel(ctx, p)),
});
