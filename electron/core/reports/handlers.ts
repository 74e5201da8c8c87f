import type { reportChannels } from '../../../shared/contract/reports';
import type { HandlerMap } from '../handler-types';
import { getMonthlyReport, listMonthlyReports, saveMonthlyReport } from './service';

export const reportHandlers = {
  'reports/monthly-get': (ctx, input) => getMonthlyReport(ctx, input.month),
  'reports/monthly-save': (ctx, input) => saveMonthlyReport(ctx, input),
  'reports/monthly-list': (ctx, input) => listMonthlyReports(ctx, input.from <= input.to ? input.from : input.to, input.from <= input.to ? input.to : input.from),
} satisfies HandlerMap<typeof reportChannels>;
