import type { appChannels } from '../../../shared/contract/app';
import type { HandlerMap } from '../handler-types';
import { userCount } from '../accounts/service';
import { dashboardSummary } from './service';

export const appHandlers = {
  'app/info': (ctx) => {
    const damaged = ctx.core.dbState() === 'damaged';
    let projectName = '';
    let needsSetup = false;
    if (!damaged) {
      projectName = ctx.project().name;
      needsSetup = userCount(ctx) === 0;
    }
    return { version: ctx.version, dbPath: ctx.core.dbPath, needsSetup, projectName, dbState: ctx.core.dbState() };
  },
  'dashboard/summary': (ctx) => dashboardSummary(ctx),
  'jobs/cancel': (ctx, input) => {
    const ac = ctx.core.jobs.get(input.jobId);
    if (!ac) return { cancelled: false };
    ac.abort();
    return { cancelled: true };
  },
} satisfies HandlerMap<Pick<typeof appChannels, 'app/info' | 'dashboard/summary' | 'jobs/cancel'>>;
