/**
 * The engine's HostKeyStore on the host_keys table: an SSH host key is pinned the first time a
 * host answers, and a changed key is refused by the engine (HOST_KEY_CHANGED) until the project
 * manager forgets the pin (probes/host-key-forget). Forgetting is a soft delete (deleted_at);
 * the next first use revives the row with the new key.
 */
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { newId, stampUpdate, type CallContext } from '../context';
import { hostKeys } from '../assets/schema';
import type { HostKeyStore } from './engine';
import type { SweepWriter } from './writer';

/**
 * Pins a key unless a live pin exists: a second first use (two checks on one host) keeps the
 * first; a forgotten pin (deleted_at set) is revived with the new key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- both the typed workbench db and the sweep writer's untyped one
export function pinHostKey(db: BaseSQLiteDatabase<'sync', any, any>, hostPort: string, fingerprint: string, at: string, by: string): void {
  db.insert(hostKeys)
    .values({ id: newId(), createdAt: at, updatedAt: at, updatedBy: by, deletedAt: null, hostPort, fingerprint, pinnedAt: at, pinnedBy: by })
    .onConflictDoUpdate({
      target: hostKeys.hostPort,
      set: { fingerprint, pinnedAt: at, pinnedBy: by, updatedAt: at, updatedBy: by, deletedAt: null },
      setWhere: isNotNull(hostKeys.deletedAt),
    })
    .run();
}

export function dbHostKeyStore(ctx: Pick<CallContext, 'db' | 'nowIso' | 'actor'>, writer?: Pick<SweepWriter, 'pin'>): HostKeyStore {
  return {
    get: (hostPort) =>
      ctx.db.select({ fp: hostKeys.fingerprint }).from(hostKeys).where(and(eq(hostKeys.hostPort, hostPort), isNull(hostKeys.deletedAt))).get()?.fp,
    pin: (hostPort, fingerprint) => {
      if (writer) {
        writer.pin(hostPort, fingerprint, ctx.nowIso(), ctx.actor.username);
        return;
      }
      pinHostKey(ctx.db, hostPort, fingerprint, ctx.nowIso(), ctx.actor.username);
    },
  };
}

export function listHostKeys(ctx: Pick<CallContext, 'db'>) {
  return ctx.db
    .select({ hostPort: hostKeys.hostPort, fingerprint: hostKeys.fingerprint, pinnedAt: hostKeys.pinnedAt, pinnedBy: hostKeys.pinnedBy })
    .from(hostKeys)
    .where(isNull(hostKeys.deletedAt))
    .orderBy(asc(hostKeys.hostPort))
    .all();
}

export function forgetHostKey(ctx: CallContext, hostPort: string): { hostPort: string } {
  const live = and(eq(hostKeys.hostPort, hostPort), isNull(hostKeys.deletedAt));
  const before = ctx.db.select().from(hostKeys).where(live).get();
  if (before) {
    ctx.db.update(hostKeys).set({ deletedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(live).run();
    ctx.track('host_key', hostPort, before, null);
  }
  return { hostPort };
}
