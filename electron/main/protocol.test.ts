import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { APP_SCHEME_PRIVILEGES, createAppHandler, installAppProtocol, mimeOf, registerAppScheme, resolveAppFile } = await import('./protocol');
const { RENDERER_CSP } = await import('../../shared/security');

let base: string;
let rendererDir: string;
const INDEX = '<!doctype html><title>驻场运维工作台</title>';

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-protocol-'));
  rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(rendererDir, 'assets', '图 标.svg'), '<svg/>');
  // Secrets beside the renderer folder the handler must never reach.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  fs.mkdirSync(path.join(base, 'renderer-evil'));
  fs.writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppHandler(rendererDir)({ url, method });

describe('app:// scheme registration', () => {
  it('is standard and secure, without CSP bypass or service workers', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => registered.push(...s) });
    expect(registered).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeFalsy();
  });

  it('installs the handler for the app scheme', () => {
    const handle = vi.fn();
    installAppProtocol({ handle }, rendererDir);
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});

describe('path traversal', () => {
  const TRICKS = [
    'app://workbench/../../etc/passwd',
    'app://workbench/%2e%2e/%2e%2e/etc/passwd',
    'app://workbench/%2E%2E/secret.txt',
    'app://workbench/..%2fsecret.txt',
    'app://workbench/..%2F..%2Fetc%2Fpasswd',
    'app://workbench/assets/..%2f..%2fsecret.txt',
    'app://workbench/..%5csecret.txt',
    'app://workbench/assets%2f..%2f..%2fsecret.txt',
    'app://workbench/%2e%2e%2fsecret.txt',
    'app://workbench/.%2e/secret.txt',
    'app://workbench/%252e%252e/secret.txt',
    'app://workbench/C:%5cWindows%5cwin.ini',
    'app://workbench/index.html%00.js',
    'app://workbench/%',
    'app://workbench/../renderer-evil/x.js',
    'app://workbench/%2e%2e/renderer-evil/x.js',
  ];

  it.each(TRICKS)('refuses %s', async (url) => {
    const file = resolveAppFile(rendererDir, url);
    if (file !== null) expect(file.startsWith(rendererDir + path.sep)).toBe(true);
    const res = await get(url);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('evil');
    expect(body).not.toContain('root:');
  });

  it.each(['app://evil/index.html', 'app://workbench.evil/index.html', 'app://workbench@evil/index.html', 'app://workbench:8080/index.html', 'https://workbench/index.html'])(
    'refuses another host or scheme: %s',
    async (url) => {
      expect(resolveAppFile(rendererDir, url)).toBeNull();
      expect((await get(url)).status).toBe(404);
    },
  );
});

describe('serving the renderer', () => {
  it('serves index.html with the renderer CSP and the HTML type', async () => {
    for (const url of ['app://workbench/', 'app://workbench/index.html', 'app://workbench/index.html#/faults', 'app://workbench/index.html?x=1']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('serves assets with their MIME type, including encoded names', async () => {
    const js = await get('app://workbench/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    const css = await get('app://workbench/assets/index-abc.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await get(`app://workbench/assets/${encodeURIComponent('图 标.svg')}`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(mimeOf('x.woff2')).toBe('font/woff2');
    expect(mimeOf('x.unknown')).toBe('application/octet-stream');
  });

  it('answers 404 for unknown files and folders, 405 for other methods, HEAD without a body', async () => {
    expect((await get('app://workbench/nope.js')).status).toBe(404);
    expect((await get('app://workbench/assets')).status).toBe(404);
    expect((await get('app://workbench/assets/')).status).toBe(404);
    expect((await get('app://workbench/index.html', 'POST')).status).toBe(405);
    const head = await get('app://workbench/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expect(await head.text()).toBe('');
  });
});
