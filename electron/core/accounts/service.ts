import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../../shared/contract/define';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { KeepWritesError } from '../runtime';
import { getSetting } from '../project/settings';
import { hashPassword, passwordProblems, PASSWORD_MIN, verifyPassword } from './password';
import { users } from './schema';
import type { Sessions } from './sessions';

export const MAX_FAILURES = 5;
type UserRow = typeof users.$inferSelect;

export function publicUser(u: UserRow) {
  return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[] };
}
export function accountView(u: UserRow) {
  return { ...publicUser(u), disabled: u.disabled, lockedUntil: u.lockedUntil, failedCount: u.failedCount, lastLoginAt: u.lastLoginAt, staffId: u.staffId };
}

export function userCount(ctx: CallContext): number {
  return ctx.db.select({ id: users.id }).from(users).where(isNull(users.deletedAt)).all().length;
}

function checkPassword(password: string, username: string): void {
  if (passwordProblems(password, username)) throw new AppError('VALIDATION', t('auth.weakPassword', { min: PASSWORD_MIN }), [{ path: 'password', message: t('auth.weakPassword', { min: PASSWORD_MIN }) }]);
}

function byUsername(ctx: CallContext, username: string): UserRow | undefined {
  return ctx.db.select().from(users).where(and(eq(users.username, username), isNull(users.deletedAt))).get();
}

export function byId(ctx: CallContext, id: string): UserRow {
  const u = ctx.db.select().from(users).where(and(eq(users.id, id), isNull(users.deletedAt))).get();
  if (!u) throw new AppError('NOT_FOUND', t('error.notFound', { what: '账号' }));
  return u;
}

export function createUser(ctx: CallContext, input: { username: string; displayName: string; password: string; roles: Role[]; staffId?: string | null }): UserRow {
  if (byUsername(ctx, input.username)) throw new AppError('CONFLICT', t('auth.usernameTaken', { username: input.username }), [{ path: 'username', message: t('auth.usernameTaken', { username: input.username }) }]);
  checkPassword(input.password, input.username);
  const row: UserRow = {
    ...stampNew(ctx),
    username: input.username,
    displayName: input.displayName,
    passwordHash: hashPassword(input.password),
    roles: [...new Set(input.roles)],
    staffId: input.staffId ?? null,
    failedCount: 0,
    lockedUntil: null,
    disabled: false,
    passwordChangedAt: ctx.nowIso(),
    lastLoginAt: null,
  };
  ctx.db.insert(users).values(row).run();
  ctx.track('user', row.id, null, accountView(row));
  return row;
}

/** First start: creates the administrator; refused once any account exists. */
export function setupAdmin(ctx: CallContext, sessions: Sessions, input: { username: string; displayName: string; password: string }) {
  if (userCount(ctx) > 0) throw new AppError('CONFLICT', t('auth.setupDone'));
  const u = createUser(ctx, { ...input, roles: ['admin'] });
  const token = sessions.create(u.id, u.username, u.roles as Role[], ctx.now());
  return { token, user: publicUser(u), idleLockMinutes: sessions.idleLockMinutes() };
}

function localTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Login with a persistent failure counter: 5 failures lock the account for the set minutes. */
export function login(ctx: CallContext, sessions: Sessions, input: { username: string; password: string }) {
  const u = byUsername(ctx, input.username);
  const now = ctx.now();
  if (!u) {
    // Same work and answer as a wrong password, so user names cannot be probed.
    verifyPassword(input.password, 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    throw new KeepWritesError(new AppError('UNAUTHENTICATED', t('auth.badCredentials', { left: MAX_FAILURES })), { userId: null, username: input.username, roles: [] });
  }
  const actor = { userId: u.id, username: u.username, roles: u.roles as Role[] };
  if (u.disabled) throw new KeepWritesError(new AppError('FORBIDDEN', t('auth.disabled')), actor);
  if (u.lockedUntil && new Date(u.lockedUntil) > now) {
    throw new KeepWritesError(new AppError('LOCKED', t('auth.lockedOut', { until: localTime(u.lockedUntil) })), actor);
  }
  const damaged = ctx.core.dbState() === 'damaged';
  if (!verifyPassword(input.password, u.passwordHash)) {
    // A damaged file is query-only: the failure counter cannot be kept until it is restored.
    if (damaged) throw new AppError('UNAUTHENTICATED', t('auth.badCredentials', { left: MAX_FAILURES - u.failedCount - 1 }));
    const failed = (u.lockedUntil ? 0 : u.failedCount) + 1;
    const lockMinutes = getSetting(ctx.sqlite, 'security.lockoutMinutes', 30);
    const lockedUntil = failed >= MAX_FAILURES ? new Date(now.getTime() + lockMinutes * 60_000).toISOString() : null;
    ctx.db.update(users).set({ failedCount: failed, lockedUntil, ...stampUpdate(ctx) }).where(eq(users.id, u.id)).run();
    ctx.track('user', u.id, { failedCount: u.failedCount }, { failedCount: failed, lockedUntil });
    const err = lockedUntil
      ? new AppError('LOCKED', t('auth.lockedOut', { until: localTime(lockedUntil) }))
      : new AppError('UNAUTHENTICATED', t('auth.badCredentials', { left: MAX_FAILURES - failed }));
    throw new KeepWritesError(err, actor);
  }
  if (!damaged) {
    ctx.db.update(users).set({ failedCount: 0, lockedUntil: null, lastLoginAt: ctx.nowIso() }).where(eq(users.id, u.id)).run();
    ctx.track('session', u.id, null, { login: u.username });
  }
  const token = sessions.create(u.id, u.username, u.roles as Role[], now);
  return { token, user: publicUser(u), idleLockMinutes: sessions.idleLockMinutes() };
}

function adminCount(ctx: CallContext, exceptId: string): number {
  return ctx.db
    .select()
    .from(users)
    .where(isNull(users.deletedAt))
    .all()
    .filter((u) => u.id !== exceptId && !u.disabled && (u.roles as string[]).includes('admin')).length;
}

export function updateUser(ctx: CallContext, sessions: Sessions, input: { id: string; displayName?: string; roles?: Role[]; disabled?: boolean; staffId?: string | null }) {
  const u = byId(ctx, input.id);
  const losesAdmin = (input.disabled === true || (input.roles && !input.roles.includes('admin'))) && (u.roles as string[]).includes('admin');
  if (losesAdmin && adminCount(ctx, u.id) === 0) throw new AppError('CONFLICT', t('auth.lastAdmin'));
  const patch = {
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    ...(input.roles !== undefined ? { roles: [...new Set(input.roles)] } : {}),
    ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    ...(input.staffId !== undefined ? { staffId: input.staffId } : {}),
    ...stampUpdate(ctx),
  };
  ctx.db.update(users).set(patch).where(eq(users.id, u.id)).run();
  const after = byId(ctx, u.id);
  ctx.track('user', u.id, accountView(u), accountView(after));
  if (input.roles !== undefined || input.disabled) sessions.endForUser(u.id);
  return accountView(after);
}

export function resetPassword(ctx: CallContext, sessions: Sessions, input: { id: string; password: string }) {
  const u = byId(ctx, input.id);
  checkPassword(input.password, u.username);
  ctx.db.update(users).set({ passwordHash: hashPassword(input.password), failedCount: 0, lockedUntil: null, passwordChangedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(eq(users.id, u.id)).run();
  ctx.track('user', u.id, { password: 'reset' }, { password: 'reset' });
  sessions.endForUser(u.id);
  return accountView(byId(ctx, u.id));
}

export function changeOwnPassword(ctx: CallContext, input: { oldPassword: string; newPassword: string }) {
  if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED', t('error.unauthenticated'));
  const u = byId(ctx, ctx.actor.userId);
  if (!verifyPassword(input.oldPassword, u.passwordHash)) throw new AppError('VALIDATION', t('auth.wrongPassword'), [{ path: 'oldPassword', message: t('auth.wrongPassword') }]);
  checkPassword(input.newPassword, u.username);
  ctx.db.update(users).set({ passwordHash: hashPassword(input.newPassword), passwordChangedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(eq(users.id, u.id)).run();
  ctx.track('user', u.id, { password: 'changed' }, { password: 'changed' });
  return { ok: true as const };
}

export function listAccounts(ctx: CallContext) {
  return ctx.db.select().from(users).where(isNull(users.deletedAt)).orderBy(asc(users.username)).all().map(accountView);
}

export function unlockSession(ctx: CallContext, sessions: Sessions, password: string) {
  if (!ctx.session || !ctx.actor.userId) throw new AppError('UNAUTHENTICATED', t('error.unauthenticated'));
  const u = byId(ctx, ctx.actor.userId);
  if (!verifyPassword(password, u.passwordHash)) throw new AppError('UNAUTHENTICATED', t('auth.wrongPassword'));
  sessions.unlock(ctx.session, ctx.now());
  return { token: ctx.session, user: publicUser(u), idleLockMinutes: sessions.idleLockMinutes() };
}
