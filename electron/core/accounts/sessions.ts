import crypto from 'node:crypto';
import type { ChannelDef, Role } from '../../../shared/contract/define';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { Actor } from '../context';
import type { OpenDbResult } from '../db/open';
import { getSetting } from '../project/settings';

interface SessionState {
  userId: string;
  username: string;
  roles: Role[];
  lastSeen: number;
  locked: boolean;
}

const PUBLIC_ACTOR: Actor = { userId: null, username: 'anonymous', roles: [] };

/** In-memory login sessions (a restart logs everyone out). Idle sessions lock. */
export class Sessions {
  private map = new Map<string, SessionState>();
  constructor(private readonly handle: () => OpenDbResult) {}

  idleLockMinutes(): number {
    const h = this.handle();
    if (h.state !== 'ok') return 10;
    return getSetting(h.sqlite, 'security.idleLockMinutes', 10);
  }

  create(userId: string, username: string, roles: Role[], now: Date): string {
    const token = crypto.randomBytes(32).toString('base64url');
    this.map.set(token, { userId, username, roles, lastSeen: now.getTime(), locked: false });
    return token;
  }

  get(token: string | undefined | null): SessionState | undefined {
    return token ? this.map.get(token) : undefined;
  }

  end(token: string | null): void {
    if (token) this.map.delete(token);
  }

  /** Ends every session of a user (disabled, roles changed, password reset). */
  endForUser(userId: string): void {
    for (const [k, s] of this.map) if (s.userId === userId) this.map.delete(k);
  }

  unlock(token: string, now: Date): void {
    const s = this.map.get(token);
    if (s) {
      s.locked = false;
      s.lastSeen = now.getTime();
    }
  }

  /** Resolves the caller; throws UNAUTHENTICATED / LOCKED. Public channels accept anyone. */
  actorFor(token: string | undefined, channel: string, def: ChannelDef, whileLocked: Set<string>, now: Date): Actor {
    const s = this.get(token);
    if (!s) {
      if (def.access === 'public') return PUBLIC_ACTOR;
      throw new AppError('UNAUTHENTICATED', t('error.unauthenticated'));
    }
    const idleMs = this.idleLockMinutes() * 60_000;
    if (!s.locked && now.getTime() - s.lastSeen > idleMs) s.locked = true;
    if (s.locked && !whileLocked.has(channel)) throw new AppError('LOCKED', t('error.locked'));
    if (!s.locked) s.lastSeen = now.getTime();
    return { userId: s.userId, username: s.username, roles: s.roles };
  }
}
