import type { workOrderChannels } from '../../../shared/contract/workorders';
import type { HandlerMap } from '../handler-types';

export const workOrderHandlers = {} satisfies HandlerMap<typeof workOrderChannels>;
