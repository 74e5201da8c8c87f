import type { z } from 'zod';
import type { ChannelDef } from '../../shared/contract/define';
import type { CallContext } from './context';

/** A handler receives the validated input and returns (or resolves to) the channel's output. */
export type HandlerFor<D extends ChannelDef> = (ctx: CallContext, input: z.output<D['input']>) => z.input<D['output']> | Promise<z.input<D['output']>>;

export type HandlerMap<M extends Record<string, ChannelDef>> = { [K in keyof M]: HandlerFor<M[K]> };
