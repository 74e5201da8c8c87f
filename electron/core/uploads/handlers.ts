import type { uploadChannels } from '../../../shared/contract/uploads';
import type { PolicyRows } from '../accounts/policy-types';
import type { HandlerMap } from '../handler-types';
import { appendChunk, beginUpload, discardUpload } from './service';

export const uploadHandlers: HandlerMap<typeof uploadChannels> = {
  'uploads/begin': (ctx, input) => beginUpload(ctx, input),
  'uploads/chunk': (ctx, input) => appendChunk(ctx, input),
  'uploads/discard': (ctx, input) => discardUpload(ctx, input.id),
};

/** Rows of the role × channel table (accounts/policy.test.ts): any signed-in role. */
export const uploadPolicy: PolicyRows = {
  'uploads/begin': 'aemu',
  'uploads/chunk': 'aemu',
  'uploads/discard': 'aemu',
};
