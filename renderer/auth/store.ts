import type { Channel } from '../../shared/contract';
import type { User } from '../../shared/contract/app';
import type { ClientError } from '../api/errors';

export interface Session {
  token: string;
  user: User;
  idleLockMinutes: number;
}

export interface AuthState {
  session: Session | null;
  /** The screen is locked (idle, by the lock button, or the core answered LOCKED). */
  locked: boolean;
  /** Why the user is back at the login screen (e.g. the session expired). */
  notice: string | null;
}

/** Channels whose failures are about the credentials typed in, not about the session. */
const CREDENTIAL_CHANNELS = new Set<Channel>(['auth/login', 'auth/setup-admin', 'auth/unlock', 'auth/logout']);

type Listener = () => void;

/**
 * The login session, kept in memory only (never in storage): a reload asks for the password
 * again. A tiny external store read with `useSyncExternalStore`.
 */
export function createAuthStore(initial: AuthState = { session: null, locked: false, notice: null }) {
  let state = initial;
  const listeners = new Set<Listener>();
  const set = (next: Partial<AuthState>) => {
    state = { ...state, ...next };
    for (const l of [...listeners]) l();
  };
  return {
    get: (): AuthState => state,
    subscribe(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    token: (): string | undefined => state.session?.token,
    signedIn(session: Session): void {
      set({ session, locked: false, notice: null });
    },
    signedOut(notice: string | null = null): void {
      set({ session: null, locked: false, notice });
    },
    lock(): void {
      if (state.session && !state.locked) set({ locked: true });
    },
    unlocked(session: Session): void {
      set({ session, locked: false });
    },
    setIdleLockMinutes(minutes: number): void {
      if (state.session) set({ session: { ...state.session, idleLockMinutes: minutes } });
    },
    /** Reacts to a failed call: LOCKED locks the screen, UNAUTHENTICATED ends the session. */
    onCallError(error: ClientError, channel: Channel, expiredNotice: () => string): void {
      if (!state.session || CREDENTIAL_CHANNELS.has(channel)) return;
      if (error.code === 'LOCKED') set({ locked: true });
      else if (error.code === 'UNAUTHENTICATED') set({ session: null, locked: false, notice: expiredNotice() });
    },
  };
}

export type AuthStore = ReturnType<typeof createAuthStore>;
