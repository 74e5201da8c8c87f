import { z } from 'zod';
import { zMonth } from '../../../../shared/contract/define';
import type { CallContext } from '../../context';
import { registerFormKind, type FormDocument } from '../../forms/registry';
import { monthView } from '../service';
import { attendancePdf } from './attendance.pdf';
import { attendanceXlsx } from './attendance.xlsx';
import { buildSheet } from './sheet';

/** The month's 日常工作考勤表 (合同附件6), ready to render as PDF or Excel. */
export function attendanceForm(ctx: CallContext, month: string): FormDocument {
  const sheet = buildSheet(ctx.project(), monthView(ctx, month));
  const at = ctx.now();
  return {
    baseName: sheet.title,
    pdf: () => attendancePdf(sheet, at),
    xlsx: () => attendanceXlsx(sheet, at),
  };
}

registerFormKind({
  kind: 'attendance',
  label: '日常工作考勤表',
  params: z.object({ month: zMonth }),
  usage: '--month YYYY-MM  考勤月份',
  load: (ctx, p) => attendanceForm(ctx, p.month),
});
