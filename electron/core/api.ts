import os from 'node:os';
import type { z } from 'zod';
import { contract, isChannel, type CallEnvelope, type Channel, type CoreEvent } from '../../shared/contract';
import type { ChannelDef, Role } from '../../shared/contract/define';
import { ROLES } from '../../shared/contract/define';
import { AppError, type Result } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { appendAudit, auditJson } from './audit/service';
import { newId, type Actor, type CallContext, type TrackedChange } from './context';
import { handlers } from './handlers';
import { Runtime, type CoreOptions } from './runtime';

export type { CoreOptions } from './runtime';
export type Face = 'ipc' | 'bridge' | 'cli';

export interface Core {
  call(env: CallEnvelope, face: Face): Promise<Result<unknown>>;
  onEvent(listener: (e: CoreEvent) => void): () => void;
  close(): void;
  /** For the faces that own files directly (CLI, tests). */
  readonly runtime: Runtime;
}

/** Channels a locked (idle) session may still call. */
const WHILE_LOCKED = new Set<string>(['auth/unlock', 'auth/logout', 'app/info']);

function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/SQLITE_CORRUPT|SQLITE_NOTADB|malformed/i.test(msg)) return new AppError('DB_DAMAGED', t('error.dbDamaged'));
  if (/attempt to write a readonly database|query_only/i.test(msg)) return new AppError('DB_DAMAGED', t('error.dbDamaged'));
  if (process.env.OWB_DEBUG) console.error(e);
  return new AppError('INTERNAL', t('error.internal', { detail: msg.slice(0, 300) }));
}

export function validationError(err: z.ZodError): AppError {
  const issues = err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const detail = issues
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path}：${i.message}` : i.message))
    .join('；');
  return new AppError('VALIDATION', t('error.validation', { detail }), issues);
}

function allowed(def: ChannelDef, roles: readonly Role[]): boolean {
  if (def.access === 'public') return true;
  return def.access.some((r) => roles.includes(r));
}

export function cliActor(): Actor {
  let user = 'local';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (containers): keep 'local'
  }
  return { userId: null, username: `cli:${user}`, roles: ROLES };
}

/**
 * Opens the core on a database file. Every face calls `call(envelope, face)`: the channel is
 * checked, the caller authenticated and authorised, the input validated, and the handler run
 * — mutations in one transaction with one audit row. It never throws: errors come back as
 * `{ ok: false, error }` with a Chinese message.
 */
export function openCore(opts: CoreOptions): Core {
  const rt = new Runtime(opts);

  async function call(env: CallEnvelope, face: Face): Promise<Result<unknown>> {
    const channel = env && typeof env === 'object' && typeof env.channel === 'string' ? env.channel : '';
    if (!isChannel(channel)) {
      return { ok: false, error: new AppError('UNKNOWN_CHANNEL', t('error.unknownChannel', { channel: channel.slice(0, 80) })).toJSON() };
    }
    const def = contract[channel] as ChannelDef;
    let actor: Actor;
    try {
      actor = face === 'cli' ? cliActor() : rt.sessions.actorFor(env.session, channel, def, WHILE_LOCKED, rt.now());
    } catch (e) {
      return { ok: false, error: toAppError(e).toJSON() };
    }
    if (!allowed(def, actor.roles)) {
      const err = new AppError('FORBIDDEN', t('error.forbidden', { channel }));
      rt.auditStandalone(actor, face, channel, null, 'denied', err.code);
      return { ok: false, error: err.toJSON() };
    }
    const parsed = def.input.safeParse(env.input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toJSON() };
    if (def.mutates && rt.dbState() === 'damaged' && !rt.allowedWhenDamaged(channel)) {
      return { ok: false, error: new AppError('DB_DAMAGED', t('error.dbDamaged')).toJSON() };
    }
    const changes: TrackedChange[] = [];
    const ac = new AbortController();
    const jobId = (parsed.data as { jobId?: string } | undefined)?.jobId ?? newId();
    const ctx: CallContext = rt.context(actor, env.session ?? null, changes, ac.signal, jobId);
    const handler = handlers[channel as Channel] as (c: CallContext, i: unknown) => unknown;
    try {
      let out: unknown;
      if (def.job) {
        rt.jobs.set(jobId, ac);
        try {
          out = await handler(ctx, parsed.data);
        } finally {
          rt.jobs.delete(jobId);
        }
        if (def.mutates) rt.auditStandalone(actor, face, channel, changes, 'ok', null);
      } else if (def.mutates && rt.dbState() === 'damaged') {
        // Only the few channels allowed on a damaged file get here; they must not write.
        out = handler(ctx, parsed.data);
      } else if (def.mutates) {
        out = rt.inTransaction(actor, face, channel, changes, () => handler(ctx, parsed.data));
      } else {
        out = handler(ctx, parsed.data);
        if (out instanceof Promise) out = await out;
      }
      const checked = def.output.safeParse(out);
      if (!checked.success) {
        throw new AppError('INTERNAL', t('error.internal', { detail: `output of ${channel}: ${checked.error.issues[0]?.message ?? ''}` }));
      }
      return { ok: true, data: checked.data };
    } catch (e) {
      const err = ac.signal.aborted ? new AppError('CANCELLED', t('error.cancelled')) : toAppError(e);
      if (def.job && def.mutates) rt.auditStandalone(actor, face, channel, changes, 'error', err.code);
      return { ok: false, error: err.toJSON() };
    }
  }

  return {
    call,
    onEvent: (l) => rt.events.on(l),
    close: () => rt.close(),
    runtime: rt,
  };
}

export { appendAudit, auditJson };
