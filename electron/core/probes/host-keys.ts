/**
 * The engine's HostKeyStore on the host_keys table: an SSH host key is pinned the first time a
 * host answers, and a changed key is refused by the engine (HOST_KEY_CHANGED) until the project
 * manager forgets the pin (probes/host-key-forget).
 */
import { asc, eq } from 'drizzle-orm';
import type { CallContext } from '../context';
import { hostKeys } from '../assets/schema';
import type { HostKeyStore } from './engine';
import type { SweepWriter } from './writer';

export function dbHostKeyStore(ctx: Pick<CallContext, 'db' | 'nowIso' | 'actor'>, writer?: Pick<SweepWriter, 'pin'>): HostKeyStore {
  return {
    get: (hostPort) => ctx.db.select({ fp: hostKeys.fingerprint }).from(hostKeys).where(eq(hostKeys.hostPort, hostPort)).get()?.fp,
    pin: (hostPort, fingerprint) => {
      if (writer) {
        writer.pin(hostPort, fingerprint, ctx.nowIso(), ctx.actor.username);
        return;
      }
      // Never replace a pin here: a second first use (two checks on one host) keeps the first.
      ctx.db.insert(hostKeys).values({ hostPort, fingerprint, pinnedAt: ctx.nowIso(), pinnedBy: ctx.actor.username }).onConflictDoNothing().run();
    },
  };
}

export function listHostKeys(ctx: Pick<CallContext, 'db'>) {
  return ctx.db.select().from(hostKeys).orderBy(asc(hostKeys.hostPort)).all();
}

export function forgetHostKey(ctx: CallContext, hostPort: string): { hostPort: string } {
  const before = ctx.db.select().from(hostKeys).where(eq(hostKeys.hostPort, hostPort)).get();
  if (before) {
    ctx.db.delete(hostKeys).where(eq(hostKeys.hostPort, hostPort)).run();
    ctx.track('host_key', hostPort, before, null);
  }
  return { hostPort };
}
