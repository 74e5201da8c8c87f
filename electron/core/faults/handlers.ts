import type { faultChannels } from '../../../shared/contract/faults';
import type { HandlerMap } from '../handler-types';

export const faultHandlers = {} satisfies HandlerMap<typeof faultChannels>;
