// Against in-process ssh2 servers: password auth, a changed host key, a 100 MB answer, a channel
// that never answers, and a port that accepts TCP but never speaks.
import { afterEach, describe, expect, it } from 'vitest';
import { startSilentServer, startSsh2Server, type SilentServer, type Ssh2ServerFixture } from '../../../../tests/support/ssh2-server';
import { memoryHostKeyStore } from './host-keys';
import { runCheck } from './runner';
import type { SshCheck, SshItem } from './types';

const open: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
});
async function server(opts: Parameters<typeof startSsh2Server>[0] = {}): Promise<Ssh2ServerFixture> {
  const s = await startSsh2Server(opts);
  open.push(s);
  return s;
}
async function silent(): Promise<SilentServer> {
  const s = await startSilentServer();
  open.push(s);
  return s;
}

const check = (s: { port: number; username?: string; password?: string }, items: SshItem[], password?: string): SshCheck => ({
  kind: 'ssh', host: '127.0.0.1', port: s.port, username: s.username ?? 'owb', auth: { password: password ?? s.password ?? 'x' }, items,
});

describe('ssh against hostile or unusual servers', () => {
  it('password auth works; the password never appears in the result', async () => {
    const s = await server();
    const r = await runCheck(check(s, [{ kind: 'uptime' }, { kind: 'custom', command: 'echo 7', parser: { kind: 'number', warnAbove: 5 } }]), {
      hostKeys: memoryHostKeyStore(),
    });
    expect(r).toMatchObject({ ok: true, level: 'warning' });
    expect(r.items?.[1]).toMatchObject({ summary: '自定义命令 2 = 7', metrics: { value: 7 } });
    expect(s.authAttempts.map((a) => a.method)).toEqual(['password']);
    expect(s.execs).toHaveLength(1); // one exec for all items
    expect(s.execs[0]).toMatch(/^env LC_ALL=C LANG=C sh -c /);
    expect(JSON.stringify(r)).not.toContain(s.password);
  });

  it('a wrong password is AUTH_FAILED, without the password in the result', async () => {
    const s = await server();
    const r = await runCheck(check(s, [{ kind: 'uptime' }], 'Wrong-Pa55word'), { hostKeys: memoryHostKeyStore() });
    expect(r).toMatchObject({ ok: false, level: 'severe', summary: 'SSH 认证失败', error: { code: 'AUTH_FAILED' } });
    expect(JSON.stringify(r)).not.toContain('Wrong-Pa55word');
    expect(s.execs).toHaveLength(0);
  });

  it('a host that comes back with another key is refused before any credential is sent', async () => {
    const store = memoryHostKeyStore();
    const first = await server();
    const ok = await runCheck(check(first, [{ kind: 'uptime' }]), { hostKeys: store });
    expect(ok.ok).toBe(true);
    const hp = `127.0.0.1:${first.port}`;
    expect(store.entries()).toEqual({ [hp]: first.hostKeyFingerprint });
    const port = first.port;
    await first.stop();
    open.splice(open.indexOf(first), 1);

    const impostor = await server({ port, password: first.password }); // same address, new host key
    expect(impostor.hostKeyFingerprint).not.toBe(first.hostKeyFingerprint);
    const r = await runCheck(check(impostor, [{ kind: 'uptime' }]), { hostKeys: store });
    expect(r).toMatchObject({ ok: false, level: 'severe', summary: '主机密钥已改变', error: { code: 'HOST_KEY_CHANGED' } });
    expect(impostor.connections).toBe(1);
    expect(impostor.authAttempts).toEqual([]); // no user-auth request at all: the password stayed home
    expect(impostor.execs).toEqual([]);
    expect(store.entries()).toEqual({ [hp]: first.hostKeyFingerprint });
    expect(JSON.stringify(r)).not.toContain(first.password);
  });

  it('a 100 MB answer is cut at the cap, the channel closed, memory bounded', async () => {
    const s = await server({ behaviour: 'flood', floodBytes: 100 * 1024 * 1024 });
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const r = await runCheck(check(s, [{ kind: 'custom', command: 'cat big', parser: { kind: 'exitCode' } }]), {
      hostKeys: memoryHostKeyStore(), outputCapBytes: 1024 * 1024, timeoutMs: 20_000,
    });
    clearInterval(sampler);
    expect(r).toMatchObject({ ok: false, truncated: true, level: 'warning', error: { code: 'TRUNCATED' } });
    expect(r.summary).toBe('输出超出上限，已截断');
    expect(Buffer.byteLength(r.raw)).toBeLessThanOrEqual(64 * 1024);
    await new Promise((res) => setTimeout(res, 300));
    // The server stopped writing soon after the cap: far from 100 MB went out.
    expect(s.flood.finished).toBe(false);
    expect(s.flood.bytesWritten).toBeLessThan(16 * 1024 * 1024);
    expect((peak - base) / 1024 / 1024).toBeLessThan(64);
  });

  it('an exec that never answers ends at the total timeout', async () => {
    const s = await server({ behaviour: 'hang' });
    const r = await runCheck(check(s, [{ kind: 'uptime' }]), { hostKeys: memoryHostKeyStore(), timeoutMs: 1500 });
    expect(r).toMatchObject({ ok: false, level: 'severe', error: { code: 'TIMEOUT' } });
    expect(r.latencyMs).not.toBeNull(); // connected and authenticated, then silence
    expect(r.durationMs).toBeGreaterThanOrEqual(1450);
    expect(r.durationMs).toBeLessThan(2300);
  });

  it('a port that accepts TCP but never speaks SSH ends at the connect timeout', async () => {
    const s = await silent();
    const t0 = performance.now();
    const r = await runCheck(check(s, [{ kind: 'uptime' }]), { hostKeys: memoryHostKeyStore(), timeoutMs: 5000, connectTimeoutMs: 1000 });
    const wall = performance.now() - t0;
    expect(r).toMatchObject({ ok: false, level: 'severe', summary: '连接超时', error: { code: 'CONNECT_TIMEOUT' } });
    expect(s.connections).toBe(1);
    expect(s.bytesReceived).toBeGreaterThan(0); // our banner went out, nothing came back
    expect(wall).toBeGreaterThanOrEqual(950);
    expect(wall).toBeLessThan(1800);
  });

  it('the same silent port with only a total budget ends at that budget', async () => {
    const s = await silent();
    const r = await runCheck(check(s, [{ kind: 'uptime' }]), { hostKeys: memoryHostKeyStore(), timeoutMs: 1200, connectTimeoutMs: 60_000 });
    expect(r.error?.code).toBe('TIMEOUT');
    expect(r.durationMs).toBeLessThan(2000);
  });
});
