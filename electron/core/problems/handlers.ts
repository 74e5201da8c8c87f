import type { problemChannels } from '../../../shared/contract/problems';
import type { HandlerMap } from '../handler-types';

export const problemHandlers = {} satisfies HandlerMap<typeof problemChannels>;
