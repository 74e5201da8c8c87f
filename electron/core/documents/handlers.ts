import type { documentChannels } from '../../../shared/contract/documents';
import type { HandlerMap } from '../handler-types';

export const documentHandlers = {} satisfies HandlerMap<typeof documentChannels>;
