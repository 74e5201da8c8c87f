import { contract, type Channel, type CoreEvent, type Input, type Output } from '../../shared/contract';
import { i18next } from '../i18n';
import { ClientError, fromAppError, toClientError, validationError, zodIssues } from './errors';
import type { Transport } from './transport';

export { ClientError } from './errors';

export interface ClientOptions {
  /** The transport, resolved lazily (null: none available → every call fails with TRANSPORT). */
  transport: () => Transport | null;
  /** The current login session token, if any (from the auth store). */
  session: () => string | undefined;
  /** Sees every failed call (after it is mapped), e.g. to lock the screen on LOCKED. */
  onError?: (error: ClientError, channel: Channel) => void;
}

export interface Client {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Checks an input against the channel's schema without sending it. */
  check<C extends Channel>(channel: C, input: Input<C>): ClientError | null;
  subscribe(listener: (event: CoreEvent) => void): () => void;
  readonly available: boolean;
}

export function createClient(opts: ClientOptions): Client {
  let cached: Transport | null | undefined;
  const transport = (): Transport | null => {
    if (cached === undefined) cached = opts.transport();
    return cached;
  };

  function check<C extends Channel>(channel: C, input: Input<C>): ClientError | null {
    const parsed = contract[channel].input.safeParse(input, { reportInput: true });
    return parsed.success ? null : validationError(zodIssues(parsed.error, input));
  }

  async function invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
    let error: ClientError;
    try {
      // Same schema as the core: a bad form fails here, with field issues, before sending.
      const invalid = check(channel, input);
      if (invalid) throw invalid;
      const t = transport();
      if (!t) throw new ClientError('TRANSPORT', i18next.t('app.noTransport'));
      const result = await t.call(channel, input, opts.session());
      if (result.ok) return result.data as Output<C>;
      error = fromAppError(result.error);
    } catch (e) {
      error = toClientError(e);
    }
    opts.onError?.(error, channel);
    throw error;
  }

  return {
    invoke,
    check,
    subscribe(listener) {
      const t = transport();
      return t ? t.subscribe(listener) : () => undefined;
    },
    get available() {
      return transport() !== null;
    },
  };
}
