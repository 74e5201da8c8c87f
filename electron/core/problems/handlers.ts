import type { problemChannels } from '../../../shared/contract/problems';
import type { HandlerMap } from '../handler-types';
import { createProblem, getProblem, listProblems, transitionProblem } from './service';

export const problemHandlers = {
  'problems/list': (ctx, input) => listProblems(ctx, input),
  'problems/get': (ctx, input) => getProblem(ctx, input.id),
  'problems/create': (ctx, input) => createProblem(ctx, input),
  'problems/transition': (ctx, input) => transitionProblem(ctx, input),
} satisfies HandlerMap<typeof problemChannels>;
