import { describe, expect, it } from 'vitest';
import { runCheck } from './runner';
import { validateCheck } from './schema';
import type { CheckDef } from './types';
import { ByteCap, capText, redact, shQuote } from './util';

describe('bounded helpers', () => {
  it('ByteCap keeps at most cap bytes and says so', () => {
    const c = new ByteCap(10);
    expect(c.push(Buffer.from('12345'))).toBe(true);
    expect(c.push(Buffer.from('67890abc'))).toBe(false);
    expect(c.toBuffer().toString()).toBe('1234567890');
    expect(c).toMatchObject({ truncated: true, seen: 13, size: 10 });
  });
  it('capText never exceeds the cap and never splits a character', () => {
    const s = '磁'.repeat(50_000);
    const out = capText(s, 64 * 1024);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(64 * 1024);
    expect(out).toContain('已截断');
    expect(out).not.toContain('\uFFFD');
    expect(capText('short', 100)).toBe('short');
  });
  it('redact removes secrets and each long line of a key', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
    expect(redact('pw=hunter2! and b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', ['hunter2!', key])).toBe('pw=*** and ***');
  });
  it('shQuote', () => {
    expect(shQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

describe('validation', () => {
  it('accepts every kind', () => {
    const checks: CheckDef[] = [
      { kind: 'ping', host: '10.0.0.1' },
      { kind: 'tcp', host: 'db.local', port: 1433 },
      { kind: 'http', url: 'https://10.0.0.1/', expectStatus: 200, keyword: '正常' },
      {
        kind: 'ssh', host: '10.0.0.2', port: 22, username: 'ops', auth: { password: 'x' },
        items: [{ kind: 'disk' }, { kind: 'service', name: 'nginx' }, { kind: 'log', path: '/var/log/messages', pattern: 'error', fromOffset: 0 },
          { kind: 'custom', command: 'echo 1', parser: { kind: 'regex', pattern: '^1$', severeIfMatch: false } }],
      },
    ];
    for (const c of checks) expect(validateCheck(c).ok).toBe(true);
  });
  it('refuses option injection, shell in service names, bad regexes — naming fields, not values', () => {
    expect(validateCheck({ kind: 'ping', host: '-f' })).toEqual({ ok: false, fields: ['host'] });
    expect(validateCheck({ kind: 'tcp', host: 'a', port: 70000 })).toEqual({ ok: false, fields: ['port'] });
    expect(validateCheck({ kind: 'http', url: 'file:///etc/passwd' })).toEqual({ ok: false, fields: ['url'] });
    const bad = validateCheck({
      kind: 'ssh', host: 'h', port: 22, username: 'u', auth: { password: 'TopSecret' },
      items: [{ kind: 'service', name: 'x; rm -rf /' }, { kind: 'custom', command: 'x', parser: { kind: 'regex', pattern: '(', severeIfMatch: true } }],
    });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).not.toContain('TopSecret');
    expect(JSON.stringify(bad)).toContain('items.0.name');
  });
});

describe('runCheck without network', () => {
  it('an invalid check is a severe INVALID_CHECK result, no secret in it', async () => {
    const r = await runCheck({ kind: 'ssh', host: 'h', port: 0, username: 'u', auth: { password: 'TopSecret' }, items: [] } as CheckDef);
    expect(r).toMatchObject({ ok: false, level: 'severe', error: { code: 'INVALID_CHECK' } });
    expect(JSON.stringify(r)).not.toContain('TopSecret');
  });
  it('an already aborted signal gives CANCELLED without connecting', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await runCheck({ kind: 'tcp', host: '127.0.0.1', port: 9 }, { signal: ac.signal });
    expect(r).toMatchObject({ ok: false, level: 'warning', summary: '检查已取消', error: { code: 'CANCELLED' } });
  });
  it('an ssh check without a host key store is refused before connecting', async () => {
    const r = await runCheck({ kind: 'ssh', host: '127.0.0.1', port: 9, username: 'u', auth: { password: 'p' }, items: [{ kind: 'uptime' }] });
    expect(r).toMatchObject({ ok: false, level: 'severe', error: { code: 'HOST_KEY_STORE' } });
    expect(r.durationMs).toBeLessThan(1000);
  });
  it('a broken private key is an auth failure, key text never echoed', async () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nNOTAKEYNOTAKEYNOTAKEYNOTAKEY\n-----END OPENSSH PRIVATE KEY-----\n';
    const r = await runCheck(
      { kind: 'ssh', host: '127.0.0.1', port: 9, username: 'u', auth: { privateKey: key }, items: [{ kind: 'uptime' }] },
      { hostKeys: { get: () => undefined, pin: () => undefined } },
    );
    expect(r.error?.code).toBe('AUTH_FAILED');
    expect(JSON.stringify(r)).not.toContain('NOTAKEY');
  });
  it('uses the injected clock', async () => {
    const at = new Date('2026-03-01T02:00:00.000Z');
    const r = await runCheck({ kind: 'ping', host: '-x' }, { clock: () => at });
    expect(r.startedAt).toBe('2026-03-01T02:00:00.000Z');
    expect(r.finishedAt).toBe('2026-03-01T02:00:00.000Z');
  });
});
