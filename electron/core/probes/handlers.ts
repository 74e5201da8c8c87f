import type { probeChannels } from '../../../shared/contract/probes';
import type { HandlerMap } from '../handler-types';

export const probeHandlers = {} satisfies HandlerMap<typeof probeChannels>;
