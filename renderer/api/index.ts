import { useEffect, useRef } from 'react';
import type { CoreEvent } from '../../shared/contract';
import { authStore } from '../auth';
import { i18next } from '../i18n';
import { createClient } from './client';
import { browserEnv, selectTransport } from './transport';

export { ClientError } from './errors';
export type { Client } from './client';

/** The app's client: transport chosen from the environment, session from the auth store. */
export const client = createClient({
  transport: () => selectTransport(browserEnv()),
  session: () => authStore.token(),
  onError: (error, channel) => authStore.onCallError(error, channel, () => i18next.t('session.expired')),
});

export const invoke = client.invoke;

/** Calls `listener` for every core event while the component is mounted. */
export function useCoreEvents(listener: (event: CoreEvent) => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => client.subscribe((e) => ref.current(e)), []);
}
