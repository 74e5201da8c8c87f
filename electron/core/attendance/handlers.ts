import type { attendanceChannels } from '../../../shared/contract/attendance';
import { renderForm } from '../forms/registry';
import type { HandlerMap } from '../handler-types';
import './forms';
import { setDay } from './calendar';
import { cancelLeave, decideLeave, listLeave, requestLeave } from './leave';
import { acceptSuggestions, setMarks } from './marks';
import { closeMonth, reopenMonth } from './month-close';
import { monthView, suggestions } from './service';

export const attendanceHandlers = {
  'attendance/month': (ctx, input) => monthView(ctx, input.month),
  'attendance/set-marks': (ctx, input) => setMarks(ctx, input.month, input.cells),
  'attendance/suggestions': (ctx, input) => suggestions(ctx, input.month),
  'attendance/accept-suggestions': (ctx, input) => acceptSuggestions(ctx, input.month, input.items),
  'attendance/set-day': (ctx, input) => setDay(ctx, input),
  'attendance/close': (ctx, input) => closeMonth(ctx, input.month),
  'attendance/reopen': (ctx, input) => reopenMonth(ctx, input.month, input.reason),
  'attendance/export': async (ctx, input) => {
    const f = await renderForm(ctx, 'attendance', { month: input.month }, input.format);
    return { fileName: f.fileName, mime: f.mime, dataBase64: f.bytes.toString('base64') };
  },
  'attendance/leave-list': (ctx, input) => listLeave(ctx, input),
  'attendance/leave-request': (ctx, input) => requestLeave(ctx, input),
  'attendance/leave-decide': (ctx, input) => decideLeave(ctx, input),
  'attendance/leave-cancel': (ctx, input) => cancelLeave(ctx, input.id),
} satisfies HandlerMap<typeof attendanceChannels>;
