import type { formChannels } from '../../../shared/contract/forms';
import type { HandlerMap } from '../handler-types';
import { exportForm } from './registry';

/** forms/export: any registered form kind, PDF or Excel. Wired in with the faults feature's handlers. */
export const formHandlers = {
  'forms/export': (ctx, input) => exportForm(ctx, input),
} satisfies HandlerMap<typeof formChannels>;
