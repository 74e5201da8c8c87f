import { invoke } from '../api';
import { authStore } from '.';

/** Ends the session in the core (best effort) and returns to the login screen. */
export async function logout(): Promise<void> {
  try {
    await invoke('auth/logout', {});
  } catch {
    // the session may already be gone (restart, expiry): sign out locally anyway
  }
  authStore.signedOut();
}

/** Keeps the core's idle clock in step with a user who is working without calling the core. */
export async function heartbeat(): Promise<void> {
  try {
    await invoke('auth/me', {});
  } catch {
    // LOCKED / UNAUTHENTICATED are handled by the client's error hook
  }
}
