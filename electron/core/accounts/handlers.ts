import type { HandlerMap } from '../handler-types';
import type { appChannels } from '../../../shared/contract/app';
import type { adminChannels } from '../../../shared/contract/admin';
import { changeOwnPassword, createUser, accountView, listAccounts, login, publicUser, resetPassword, byId, setupAdmin, unlockSession, updateUser, userCount } from './service';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';

export const authHandlers = {
  'auth/setup-admin': (ctx, input) => setupAdmin(ctx, ctx.core.sessions, input),
  'auth/login': (ctx, input) => login(ctx, ctx.core.sessions, input),
  'auth/logout': (ctx) => {
    ctx.core.sessions.end(ctx.session);
    return { ok: true as const };
  },
  'auth/unlock': (ctx, input) => unlockSession(ctx, ctx.core.sessions, input.password),
  'auth/me': (ctx) => {
    if (!ctx.actor.userId) throw new AppError('UNAUTHENTICATED', t('error.unauthenticated'));
    return publicUser(byId(ctx, ctx.actor.userId));
  },
} satisfies HandlerMap<Pick<typeof appChannels, 'auth/setup-admin' | 'auth/login' | 'auth/logout' | 'auth/unlock' | 'auth/me'>>;

export const accountHandlers = {
  'accounts/list': (ctx) => listAccounts(ctx),
  'accounts/create': (ctx, input) => accountView(createUser(ctx, input)),
  'accounts/update': (ctx, input) => updateUser(ctx, ctx.core.sessions, input),
  'accounts/reset-password': (ctx, input) => resetPassword(ctx, ctx.core.sessions, input),
  'accounts/change-password': (ctx, input) => changeOwnPassword(ctx, input),
} satisfies HandlerMap<Pick<typeof adminChannels, 'accounts/list' | 'accounts/create' | 'accounts/update' | 'accounts/reset-password' | 'accounts/change-password'>>;

export { userCount };
