import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/security';
import { startBridge, type Bridge } from './server';

/**
 * The browser bridge on real sockets: loopback only, the per-run token, the DNS-rebinding
 * (Host) and cross-site (Origin) guards, and the static files under the renderer CSP.
 * Only 127.0.0.0/8 is ever contacted.
 */
let dir: string;
let bridge: Bridge;
let port: number;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: opts.host ?? '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function call(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request({
    method: 'POST',
    path: '/api/call',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}`, Host: `127.0.0.1:${port}`, ...headers },
    body: JSON.stringify({ channel, input }),
  });
}

function connects(host: string, p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port: p });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-bridge-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>工作台</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  bridge = await startBridge({ dbPath: path.join(dir, 'data', 'owb.db'), dataDir: path.join(dir, 'data'), rendererDir, scheduler: false });
  port = Number(new URL(bridge.origin).port);
});

afterAll(async () => {
  await bridge?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bridge', () => {
  it('listens on 127.0.0.1 only: another loopback address and IPv6 ::1 are refused', async () => {
    expect(new URL(bridge.origin).hostname).toBe('127.0.0.1');
    expect(await connects('127.0.0.1', port)).toBe(true);
    // A socket bound to 0.0.0.0 (or ::) would accept these too.
    expect(await connects('127.0.0.2', port)).toBe(false);
    expect(await connects('::1', port)).toBe(false);
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('answers a contract call with the run token', async () => {
    const r = await call('app/info', {});
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; data: { needsSetup: boolean } };
    expect(body.ok).toBe(true);
    expect(body.data.needsSetup).toBe(true);
  });

  it('refuses a missing or wrong token in Chinese', async () => {
    const none = await request({ method: 'POST', path: '/api/call', headers: { Host: `127.0.0.1:${port}` }, body: '{"channel":"app/info","input":{}}' });
    expect(none.status).toBe(401);
    expect(none.body).toContain('访问令牌无效');
    const wrong = await call('app/info', {}, { Authorization: `Bearer ${'x'.repeat(bridge.token.length)}` });
    expect(wrong.status).toBe(401);
    const events = await request({ path: '/api/events?token=nope', headers: { Host: `127.0.0.1:${port}` } });
    expect(events.status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (cross-site)', async () => {
    const rebound = await call('app/info', {}, { Host: `evil.example:${port}` });
    expect(rebound.status).toBe(421);
    const page = await request({ path: '/', headers: { Host: `attacker.test:${port}` } });
    expect(page.status).toBe(421);
    const cross = await call('app/info', {}, { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const ok = await call('app/info', {}, { Origin: bridge.origin });
    expect(ok.status).toBe(200);
  });

  it('rejects bad bodies and unknown channels with typed Chinese errors, changing nothing', async () => {
    const bad = await request({
      method: 'POST',
      path: '/api/call',
      headers: { Authorization: `Bearer ${bridge.token}`, Host: `127.0.0.1:${port}` },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = JSON.parse((await call('no/such', {})).body) as { ok: boolean; error: { code: string; message: string } };
    expect(unknown.ok).toBe(false);
    expect(unknown.error.message).toMatch(/[\u4e00-\u9fff]/);
    const invalid = JSON.parse((await call('auth/setup-admin', { username: 3 })).body) as { ok: boolean; error: { code: string } };
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const info = JSON.parse((await call('app/info', {})).body) as { data: { needsSetup: boolean } };
    expect(info.data.needsSetup).toBe(true);
    const get = await request({ path: '/api/call', headers: { Host: `127.0.0.1:${port}` } });
    expect(get.status).toBe(405);
  });

  it('serves the renderer under the CSP and nothing outside it', async () => {
    const index = await request({ path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.body).toContain('工作台');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await request({ path: p, headers: { Host: `127.0.0.1:${port}` } });
      expect(r.body, p).not.toContain('outside the renderer');
    }
  });
});

describe('bridge body cap', () => {
  it('a body over 8 MB is refused with 413 and a Chinese hint to upload in chunks', async () => {
    const big = JSON.stringify({ channel: 'uploads/chunk', input: { id: '0'.repeat(32), offset: 0, dataBase64: 'A'.repeat(9 * 1024 * 1024) } });
    const r = await request({
      method: 'POST',
      path: '/api/call',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}`, Host: `127.0.0.1:${port}` },
      body: big,
    }).catch((e: NodeJS.ErrnoException) => ({ status: -1, headers: {}, body: e.code ?? String(e) }));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('分块上传') } });
    // The bridge still answers afterwards.
    expect((await call('app/info', {})).status).toBe(200);
  });
});
