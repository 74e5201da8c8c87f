import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, adminSession, makeCore, sessionWithRoles, tableCounts, type TestCore } from './test-utils';

const cores: TestCore[] = [];
function core(start?: string): TestCore {
  const t = makeCore(start ? { start } : {});
  cores.push(t);
  return t;
}
afterEach(() => {
  for (const t of cores.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});

describe('the core dispatcher', () => {
  it('seeds the default project from resources on a new database', async () => {
    const t = core();
    const info = (await t.call('app/info', {})) as { needsSetup: boolean; projectName: string; dbState: string };
    expect(info).toMatchObject({ needsSetup: true, projectName: '徐州市公共信用信息系统平台运维', dbState: 'ok' });
  });

  it('refuses an unknown channel and invalid input with Chinese messages, changing nothing', async () => {
    const t = core();
    const token = await adminSession(t);
    const before = tableCounts(t.dbPath);
    const unknown = await t.raw('files/read', { path: '/etc/passwd' }, token);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const bad = await t.raw('accounts/create', { username: 'x', displayName: '', password: 1, roles: ['root'] }, token);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect(bad.error.message).toMatch(/输入有误/);
      expect(bad.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['username', 'displayName', 'password', 'roles.0']));
    }
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('requires a login for non-public channels and checks roles', async () => {
    const t = core();
    expect(await t.raw('dashboard/summary', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const admin = await adminSession(t);
    const auditor = await sessionWithRoles(t, admin, 'auditor1', ['auditor']);
    const engineer = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
    expect(await t.raw('audit/list', {}, engineer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.raw('accounts/list', {}, engineer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.raw('dashboard/summary', {}, auditor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.raw('audit/list', {}, auditor)).toMatchObject({ ok: true });
    expect(await t.raw('dashboard/summary', {}, engineer)).toMatchObject({ ok: true });
    // the denied attempts are in the audit log
    const log = (await t.call('audit/list', { outcome: 'denied' }, auditor)) as { rows: Array<{ channel: string; username: string }> };
    expect(log.rows.map((r) => `${r.username}:${r.channel}`)).toEqual(expect.arrayContaining(['eng1:audit/list', 'eng1:accounts/list', 'auditor1:dashboard/summary']));
  });

  it('creates the admin once, with no default password and complexity enforced', async () => {
    const t = core();
    const weak = await t.raw('auth/setup-admin', { ...ADMIN, password: 'password' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!weak.ok) expect(weak.error.message).toMatch(/密码强度不足/);
    const withName = await t.raw('auth/setup-admin', { ...ADMIN, password: 'Admin!2026x' });
    expect(withName.ok).toBe(false);
    await adminSession(t);
    expect(await t.raw('auth/setup-admin', { ...ADMIN, username: 'other' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(((await t.call('app/info', {})) as { needsSetup: boolean }).needsSetup).toBe(false);
  });

  it('locks an account after 5 failures, and the lock survives a restart', async () => {
    const t = core();
    await adminSession(t);
    for (let i = 1; i <= 4; i++) {
      const r = await t.raw('auth/login', { username: 'admin', password: 'wrong' });
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      if (!r.ok) expect(r.error.message).toContain(`还可尝试 ${5 - i} 次`);
    }
    expect(await t.raw('auth/login', { username: 'admin', password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    t.reopen();
    const r = await t.raw('auth/login', { username: 'admin', password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    t.now.value = new Date(t.now.value.getTime() + 31 * 60_000);
    expect(await t.raw('auth/login', { username: 'admin', password: ADMIN.password })).toMatchObject({ ok: true });
    // failed logins are audited
    const counts = tableCounts(t.dbPath);
    expect(counts.audit_log).toBeGreaterThanOrEqual(7);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const t = core();
    await adminSession(t);
    const a = await t.raw('auth/login', { username: 'nobody', password: 'x' });
    const b = await t.raw('auth/login', { username: 'admin', password: 'x' });
    expect(a.ok || b.ok).toBe(false);
    if (!a.ok && !b.ok) expect(a.error.code).toBe(b.error.code);
  });

  it('locks an idle session; only unlock works until then', async () => {
    const t = core();
    const token = await adminSession(t);
    t.now.value = new Date(t.now.value.getTime() + 11 * 60_000);
    expect(await t.raw('accounts/list', {}, token)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await t.raw('auth/unlock', { password: 'nope' }, token)).toMatchObject({ ok: false });
    expect(await t.raw('auth/unlock', { password: ADMIN.password }, token)).toMatchObject({ ok: true });
    expect(await t.raw('accounts/list', {}, token)).toMatchObject({ ok: true });
  });

  it('writes exactly one audit row per mutating call, in the same transaction', async () => {
    const t = core();
    const token = await adminSession(t);
    const n0 = tableCounts(t.dbPath).audit_log!;
    await t.call('staff/save', { name: '张三', title: '巡检员', phone: null, onSite: true, isManager: false, sort: 1 }, token);
    expect(tableCounts(t.dbPath).audit_log).toBe(n0 + 1);
    await t.call('staff/list', {}, token);
    expect(tableCounts(t.dbPath).audit_log).toBe(n0 + 1);
    const bad = await t.raw('staff/save', { id: 'missing', name: '李四', title: '巡检员', phone: null, onSite: true, isManager: false, sort: 2 }, token);
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const counts = tableCounts(t.dbPath);
    expect(counts.audit_log).toBe(n0 + 2);
    expect(counts.staff).toBe(1);
  });

  it('keeps the contract facts as editable data', async () => {
    const t = core();
    const token = await adminSession(t);
    const p = (await t.call('project/get', {}, token)) as { id: string; settings: { sla: { responseMinutes: number } } } & Record<string, unknown>;
    expect(p.settings.sla.responseMinutes).toBe(30);
    const { id: _id, ...rest } = p;
    const next = { ...rest, settings: { ...p.settings, sla: { ...p.settings.sla, responseMinutes: 20 } } };
    await t.call('project/update', next as never, token);
    const p2 = (await t.call('project/get', {}, token)) as { settings: { sla: { responseMinutes: number } } };
    expect(p2.settings.sla.responseMinutes).toBe(20);
  });
});
