import type { reportChannels } from '../../../shared/contract/reports';
import type { HandlerMap } from '../handler-types';

export const reportHandlers = {} satisfies HandlerMap<typeof reportChannels>;
