import type { assetChannels } from '../../../shared/contract/assets';
import type { HandlerMap } from '../handler-types';

export const assetHandlers = {} satisfies HandlerMap<typeof assetChannels>;
