import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIntranetHost, parseFeedSetting, sameOrigin, serveFeedFolder, type FeedServer } from './update-feed';

describe('updater.url setting', () => {
  it('empty means: never look for updates', () => {
    expect(parseFeedSetting('')).toEqual({ ok: true, source: { kind: 'none' } });
    expect(parseFeedSetting('   ')).toEqual({ ok: true, source: { kind: 'none' } });
  });

  it.each([
    'http://192.168.10.5/owb/',
    'https://10.1.2.3:8443/updates/',
    'http://172.20.0.9/u/',
    'http://127.0.0.1:8080/',
    'http://[fd12:3456::1]/u/',
    'http://updatesrv/owb/',
    'https://owb.it.local/u/',
    'http://files.corp/owb/',
  ])('accepts the intranet URL %s', (url) => {
    const r = parseFeedSetting(url, { platform: 'linux' });
    expect(r).toEqual({ ok: true, source: { kind: 'url', url: new URL(url).href } });
  });

  it.each([
    ['a public host', 'https://evil.example/owb/'],
    ['a public IP', 'http://8.8.8.8/owb/'],
    ['a look-alike private range', 'http://172.32.0.1/'],
    ['credentials in the URL', 'http://admin:secret@192.168.1.2/owb/'],
    ['ftp', 'ftp://192.168.1.2/owb/'],
    ['smb', 'smb://fileserver/share/owb'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/plain,latest.yml'],
    ['a relative path', 'updates/owb'],
    ['a bare word', 'owb-updates'],
  ])('rejects %s', (_name, raw) => {
    const r = parseFeedSetting(raw, { platform: 'linux' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts a public-looking host only when the administrator declared it intranet', () => {
    expect(parseFeedSetting('https://upd.xz.gov.cn/owb/', { platform: 'linux' }).ok).toBe(false);
    expect(parseFeedSetting('https://upd.xz.gov.cn/owb/', { platform: 'linux', extraHosts: ['upd.xz.gov.cn'] }).ok).toBe(true);
    expect(parseFeedSetting('https://upd.xz.gov.cn/owb/', { platform: 'linux', extraHosts: ['.xz.gov.cn'] }).ok).toBe(true);
    expect(parseFeedSetting('https://xz.gov.cn.evil.example/', { platform: 'linux', extraHosts: ['.xz.gov.cn'] }).ok).toBe(false);
    expect(isIntranetHost('evilxz.gov.cn', ['.xz.gov.cn'])).toBe(false);
  });

  it('reads folders and file:// URLs on Linux (USB sticks, mounted shares)', () => {
    expect(parseFeedSetting('/media/usb/owb-updates', { platform: 'linux' })).toEqual({ ok: true, source: { kind: 'folder', dir: '/media/usb/owb-updates' } });
    expect(parseFeedSetting('file:///mnt/share/owb/', { platform: 'linux' })).toEqual({ ok: true, source: { kind: 'folder', dir: '/mnt/share/owb/' } });
    expect(parseFeedSetting('file:///media/%E6%9B%B4%E6%96%B0', { platform: 'linux' })).toEqual({ ok: true, source: { kind: 'folder', dir: '/media/更新' } });
    expect(parseFeedSetting('file://fileserver/share/owb', { platform: 'linux' }).ok).toBe(false);
    expect(parseFeedSetting('D:\\owb', { platform: 'linux' }).ok).toBe(false);
  });

  it('reads drive folders, UNC shares and file:// URLs on Windows', () => {
    expect(parseFeedSetting('D:\\更新\\owb', { platform: 'win32' })).toEqual({ ok: true, source: { kind: 'folder', dir: 'D:\\更新\\owb' } });
    expect(parseFeedSetting('E:/owb', { platform: 'win32' })).toEqual({ ok: true, source: { kind: 'folder', dir: 'E:\\owb' } });
    expect(parseFeedSetting('\\\\fileserver\\share\\owb', { platform: 'win32' })).toEqual({ ok: true, source: { kind: 'folder', dir: '\\\\fileserver\\share\\owb' } });
    expect(parseFeedSetting('file://fileserver/share/owb', { platform: 'win32' })).toEqual({ ok: true, source: { kind: 'folder', dir: '\\\\fileserver\\share\\owb' } });
    expect(parseFeedSetting('file:///D:/owb', { platform: 'win32' })).toEqual({ ok: true, source: { kind: 'folder', dir: 'D:\\owb' } });
    expect(parseFeedSetting('/media/usb', { platform: 'win32' }).ok).toBe(false);
  });

  it('sameOrigin pins the updater session to the feed', () => {
    expect(sameOrigin('http://192.168.1.2/owb/latest.yml?noCache=1', 'http://192.168.1.2/owb/')).toBe(true);
    expect(sameOrigin('http://192.168.1.2:8080/owb/latest.yml', 'http://192.168.1.2/owb/')).toBe(false);
    expect(sameOrigin('https://evil.example/x', 'http://192.168.1.2/owb/')).toBe(false);
    expect(sameOrigin('garbage', 'http://192.168.1.2/owb/')).toBe(false);
  });
});

describe('folder feed served on loopback', () => {
  let base: string;
  let feedDir: string;
  let server: FeedServer;

  function get(url: string, method = 'GET', host?: string): Promise<{ status: number; body: string; type: string | undefined }> {
    return new Promise((resolve, reject) => {
      const u = new URL(url);
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: host ? { Host: host } : {} }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  beforeAll(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-feed-'));
    feedDir = path.join(base, 'feed');
    fs.mkdirSync(path.join(feedDir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(feedDir, 'latest.yml'), 'version: 0.2.0\n');
    fs.writeFileSync(path.join(feedDir, 'onsite-ops-workbench-0.2.0-setup.exe'), 'MZ installer');
    fs.writeFileSync(path.join(feedDir, 'sub', 'x.txt'), 'nested');
    fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
    server = await serveFeedFolder(feedDir);
  });

  afterAll(async () => {
    await server.close();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 under a random prefix and serves the feed files', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/$/);
    const yml = await get(`${server.url}latest.yml?noCache=1`);
    expect(yml).toMatchObject({ status: 200, body: 'version: 0.2.0\n', type: 'text/yaml; charset=utf-8' });
    const exe = await get(`${server.url}onsite-ops-workbench-0.2.0-setup.exe`);
    expect(exe.status).toBe(200);
    expect(exe.type).toBe('application/octet-stream');
    expect((await get(`${server.url}latest.yml`, 'HEAD')).body).toBe('');
  });

  it.each(['../secret.txt', '%2e%2e/secret.txt', '%2e%2e%2fsecret.txt', '..%5csecret.txt', 'sub/x.txt', 'sub%2fx.txt', 'sub', 'missing.yml', '', '%'])(
    'refuses %s',
    async (rest) => {
      const res = await get(`${server.url}${rest}`);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('SECRET');
    },
  );

  it('refuses requests without the prefix, other methods and foreign Host headers', async () => {
    const origin = new URL(server.url).origin;
    expect((await get(`${origin}/latest.yml`)).status).toBe(404);
    expect((await get(`${server.url}latest.yml`, 'POST')).status).toBe(405);
    expect((await get(`${server.url}latest.yml`, 'GET', 'evil.example')).status).toBe(421);
  });
});
