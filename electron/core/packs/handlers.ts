import type { packChannels } from '../../../shared/contract/packs';
import type { HandlerMap } from '../handler-types';

export const packHandlers = {} satisfies HandlerMap<typeof packChannels>;
