import type { probeChannels } from '../../../shared/contract/probes';
import type { HandlerMap } from '../handler-types';
import { addDefaultChecks, deleteCheck, listChecks, saveCheck } from './checks';
import { forgetHostKey, listHostKeys } from './host-keys';
import { history, listSweeps, resultDetail, trend } from './results';
import { runProbeSweep } from './sweep';

export const probeHandlers = {
  'probes/checks': (ctx, input) => listChecks(ctx, input.assetId),
  'probes/check-save': (ctx, input) => saveCheck(ctx, input),
  'probes/check-delete': (ctx, input) => deleteCheck(ctx, input.id),
  'probes/add-defaults': (ctx, input) => addDefaultChecks(ctx, input.assetId),
  'probes/sweep': (ctx, input) => runProbeSweep(ctx, { assetId: input.assetId, trigger: ctx.session === null ? 'cli' : 'manual' }),
  'probes/sweeps': (ctx, input) => listSweeps(ctx, input.limit),
  'probes/history': (ctx, input) => history(ctx, input),
  'probes/result': (ctx, input) => resultDetail(ctx, input.id),
  'probes/trend': (ctx, input) => trend(ctx, input),
  'probes/host-keys': (ctx) => listHostKeys(ctx),
  'probes/host-key-forget': (ctx, input) => forgetHostKey(ctx, input.hostPort),
} satisfies HandlerMap<typeof probeChannels>;
