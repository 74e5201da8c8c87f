import { describe, expect, it } from 'vitest';
import { ClientError } from '../api/errors';
import { createAuthStore } from './store';

const session = { token: 't', user: { id: 'u', username: 'admin', displayName: '管理员', roles: ['admin' as const] }, idleLockMinutes: 10 };
const expired = () => '登录已失效，请重新登录。';

describe('auth store', () => {
  it('locks on LOCKED from an ordinary channel', () => {
    const s = createAuthStore();
    s.signedIn(session);
    s.onCallError(new ClientError('LOCKED', '会话已锁定'), 'dashboard/summary', expired);
    expect(s.get().locked).toBe(true);
    s.unlocked(session);
    expect(s.get().locked).toBe(false);
  });

  it('signs out with a notice on UNAUTHENTICATED', () => {
    const s = createAuthStore();
    s.signedIn(session);
    s.onCallError(new ClientError('UNAUTHENTICATED', '请先登录。'), 'settings/get', expired);
    expect(s.get()).toEqual({ session: null, locked: false, notice: '登录已失效，请重新登录。' });
  });

  it('ignores failures of the credential channels (a wrong unlock password keeps the session)', () => {
    const s = createAuthStore();
    s.signedIn(session);
    s.lock();
    s.onCallError(new ClientError('UNAUTHENTICATED', '密码错误。'), 'auth/unlock', expired);
    expect(s.get().session).toEqual(session);
    expect(s.get().locked).toBe(true);
  });

  it('does not lock without a session, and notifies subscribers', () => {
    const s = createAuthStore();
    let n = 0;
    s.subscribe(() => n++);
    s.lock();
    expect(s.get().locked).toBe(false);
    s.signedIn(session);
    s.setIdleLockMinutes(3);
    expect(s.get().session?.idleLockMinutes).toBe(3);
    expect(n).toBe(2);
  });
});
