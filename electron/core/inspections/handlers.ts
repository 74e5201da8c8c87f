import type { inspectionChannels } from '../../../shared/contract/inspections';
import type { HandlerMap } from '../handler-types';

export const inspectionHandlers = {} satisfies HandlerMap<typeof inspectionChannels>;
