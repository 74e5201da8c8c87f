import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import { initI18n } from '../i18n';
import { createClient } from './client';
import { ClientError, fromAppError } from './errors';
import { TransportError, type Transport } from './transport';

beforeAll(() => {
  initI18n('zh-CN');
});

function fakeTransport(answer: (channel: string, input: unknown, session: string | undefined) => Promise<Result<unknown>>) {
  const call = vi.fn(answer);
  const t: Transport = { kind: 'bridge', call, subscribe: () => () => undefined };
  return { t, call };
}

const session = { token: 'sess' as string | undefined };
const SESSION = {
  token: 'new',
  user: { id: 'u1', username: 'admin', displayName: '管理员', roles: ['admin' as const] },
  idleLockMinutes: 10,
};

describe('client', () => {
  it('returns data on ok and attaches the session token', async () => {
    const { t, call } = fakeTransport(async () => ({ ok: true, data: SESSION }));
    const c = createClient({ transport: () => t, session: () => session.token });
    const out = await c.invoke('auth/login', { username: 'admin', password: 'x' });
    expect(out.user.displayName).toBe('管理员');
    expect(call).toHaveBeenCalledWith('auth/login', { username: 'admin', password: 'x' }, 'sess');
  });

  it('maps { ok: false } to a ClientError with the core’s code, message and issues', async () => {
    const { t } = fakeTransport(async () => ({
      ok: false,
      error: { code: 'VALIDATION', message: '密码强度不足', issues: [{ path: 'password', message: '密码强度不足' }] },
    }));
    const onError = vi.fn();
    const c = createClient({ transport: () => t, session: () => undefined, onError });
    const err = await c.invoke('auth/setup-admin', { username: 'admin', displayName: '管理员', password: 'weak' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect(err).toMatchObject({ code: 'VALIDATION', message: '密码强度不足', issues: [{ path: 'password', message: '密码强度不足' }] });
    expect(onError).toHaveBeenCalledWith(err, 'auth/setup-admin');
  });

  it('rejects invalid input before sending, with Chinese field issues', async () => {
    const { t, call } = fakeTransport(async () => ({ ok: true, data: null }));
    const c = createClient({ transport: () => t, session: () => undefined });
    const err = await c.invoke('auth/setup-admin', { username: '', displayName: '', password: '' }).catch((e: unknown) => e);
    expect(call).not.toHaveBeenCalled();
    expect(err).toBeInstanceOf(ClientError);
    const ce = err as ClientError;
    expect(ce.code).toBe('VALIDATION');
    expect(ce.issues.map((i) => i.path).sort()).toEqual(['displayName', 'password', 'username', 'username'].sort());
    expect(ce.issues.find((i) => i.path === 'displayName')?.message).toBe('此项必填');
    expect(ce.message).toMatch(/^输入有误：/);
  });

  it('words length and range issues in Chinese', () => {
    const c = createClient({ transport: () => null, session: () => undefined });
    const short = c.check('auth/setup-admin', { username: 'ab', displayName: '张三', password: 'x' });
    expect(short?.issues).toEqual([{ path: 'username', message: '至少 3 个字符' }]);
    const range = c.check('settings/update', { idleLockMinutes: 0, lockoutMinutes: 1.5, updaterUrl: '', dailyBackup: true });
    expect(range?.issues).toEqual([
      { path: 'idleLockMinutes', message: '不能小于 1' },
      { path: 'lockoutMinutes', message: '请输入整数' },
    ]);
  });

  it('turns transport failures into TRANSPORT errors with a Chinese message', async () => {
    const { t } = fakeTransport(async () => {
      throw new TransportError('network', 'Failed to fetch');
    });
    const c = createClient({ transport: () => t, session: () => undefined });
    await expect(c.invoke('app/info', {})).rejects.toMatchObject({ code: 'TRANSPORT', message: '无法连接到工作台核心：Failed to fetch' });
    const { t: t2 } = fakeTransport(async () => {
      throw new TransportError('bad-response', '<html>', 502);
    });
    const c2 = createClient({ transport: () => t2, session: () => undefined });
    await expect(c2.invoke('app/info', {})).rejects.toMatchObject({ code: 'TRANSPORT', message: expect.stringContaining('HTTP 502') });
  });

  it('fails every call when there is no transport', async () => {
    const c = createClient({ transport: () => null, session: () => undefined });
    expect(c.available).toBe(false);
    await expect(c.invoke('app/info', {})).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('keeps unknown codes from the wire as INTERNAL and drops malformed issues', () => {
    const e = fromAppError({ code: 'WHAT' as never, message: '出错了', issues: [{ path: 'a', message: 'b' }, { nope: 1 } as never] });
    expect(e.code).toBe('INTERNAL');
    expect(e.message).toBe('出错了');
    expect(e.issues).toEqual([{ path: 'a', message: 'b' }]);
  });
});
