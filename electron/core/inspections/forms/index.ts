/**
 * Registers the inspection forms with the form registry (`forms/export`, `owb export form`):
 * daily-inspection (日常巡检表), system-status (中心系统运行状态), weekly-inspection (中心设备巡检表),
 * software-inspection (软件巡检列表), inspection-report (巡检报告). Imported by ../handlers.ts.
 */
import { z } from 'zod';
import { zDate, zId } from '../../../../shared/contract/define';
import type { CallContext } from '../../context';
import { registerFormKind, type FormDocument } from '../../forms/registry';
import { actorInfo } from '../service';
import { dailyInspectionModel, inspectionReportModel, softwareInspectionModel, systemStatusModel, weeklyInspectionModel, type FormModel } from './model';
import { renderPdf, renderXlsx } from './render';

function doc(ctx: CallContext, m: FormModel): FormDocument {
  const at = ctx.now();
  const who = actorInfo(ctx).name;
  const creator = ctx.project().partyB;
  return { baseName: m.baseName, pdf: () => renderPdf(m, at, who), xlsx: () => renderXlsx(m, at, creator) };
}

const zSlot = z.enum(['am', 'pm'], { message: '时段应为 am（上午）或 pm（下午）' }).optional();
const dateSlot = z.object({ date: zDate, slot: zSlot });

registerFormKind({
  kind: 'daily-inspection',
  label: '日常巡检表',
  params: dateSlot,
  usage: '--date YYYY-MM-DD [--slot am|pm]  巡检日期与时段（默认当日最后一次）',
  load: (ctx, p) => doc(ctx, dailyInspectionModel(ctx, p.date, p.slot)),
});

registerFormKind({
  kind: 'system-status',
  label: '中心系统运行状态',
  params: dateSlot,
  usage: '--date YYYY-MM-DD [--slot am|pm]  由当日巡检生成',
  load: (ctx, p) => doc(ctx, systemStatusModel(ctx, p.date, p.slot)),
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
  kind: 'inspection-report',
  label: '巡检报告',
  params: z.object({ run: zId.optional(), date: zDate.optional(), slot: z.string().regex(/^[a-z]+$/).max(10).optional(), template: z.string().max(30).optional() }),
  usage: '--run 巡检记录ID 或 --date YYYY-MM-DD [--slot am|pm] [--template daily|software|ops-check]',
  load: (ctx, p) => doc(ctx, inspectionReportModel(ctx, p)),
});
