import type { workOrderChannels } from '../../../shared/contract/workorders';
import type { HandlerMap } from '../handler-types';
import { confirmWorkOrder, createWorkOrder, deleteWorkOrder, finishWorkOrder, getWorkOrder, listWorkOrders, startWorkOrder, updateWorkOrder } from './service';
import './forms';

export const workOrderHandlers = {
  'workorders/list': (ctx, input) => listWorkOrders(ctx, input),
  'workorders/get': (ctx, input) => getWorkOrder(ctx, input.id),
  'workorders/create': (ctx, input) => createWorkOrder(ctx, input),
  'workorders/update': (ctx, input) => updateWorkOrder(ctx, input),
  'workorders/start': (ctx, input) => startWorkOrder(ctx, input),
  'workorders/finish': (ctx, input) => finishWorkOrder(ctx, input),
  'workorders/confirm': (ctx, input) => confirmWorkOrder(ctx, input),
  'workorders/delete': (ctx, input) => deleteWorkOrder(ctx, input),
} satisfies HandlerMap<typeof workOrderChannels>;
