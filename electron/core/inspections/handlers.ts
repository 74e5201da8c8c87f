import type { inspectionChannels } from '../../../shared/contract/inspections';
import './forms';
import type { HandlerMap } from '../handler-types';
import { assetHistory, listRuns, todayView } from './lists';
import { getRun } from './run-view';
import { completeRun, decideRun, refillRun, setResult, startRun } from './service';
import { listTemplates } from './templates';

export const inspectionHandlers = {
  'inspections/templates': (ctx) => listTemplates(ctx),
  'inspections/today': (ctx, input) => todayView(ctx, input.date),
  'inspections/runs': (ctx, input) => listRuns(ctx, input),
  'inspections/run': (ctx, input) => getRun(ctx, input.id),
  'inspections/start': (ctx, input) => startRun(ctx, input),
  'inspections/refill': (ctx, input) => refillRun(ctx, input.runId),
  'inspections/set-result': (ctx, input) => setResult(ctx, input),
  'inspections/complete': (ctx, input) => completeRun(ctx, input),
  'inspections/decide': (ctx, input) => decideRun(ctx, input),
  'inspections/asset-history': (ctx, input) => assetHistory(ctx, input),
} satisfies HandlerMap<typeof inspectionChannels>;
