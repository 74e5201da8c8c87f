import { useSyncExternalStore } from 'react';
import { createAuthStore, type AuthState } from './store';

export type { AuthState, Session } from './store';

/** The app's one auth store. */
export const authStore = createAuthStore();

export function useAuth(): AuthState {
  return useSyncExternalStore(authStore.subscribe, authStore.get, authStore.get);
}
