/**
 * `app://workbench/` serves the built renderer (dist/renderer) — never file://. The scheme is
 * registered as privileged (standard, secure) before the app is ready; the handler refuses any
 * path that leaves the renderer folder and sends the renderer CSP with every answer.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, RENDERER_CSP } from '../../shared/security';

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // standard: real origin, relative URLs and module scripts; secure: a secure context like https.
  // No bypassCSP, no service workers, no CORS from other origins.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request URL to a file inside `rendererDir`, or null. Each path segment is decoded on
 * its own and refused when it is `.`/`..` or hides a separator, NUL or drive colon (`%2e%2e`,
 * `%2f`, `%5c`, `C:`); the result must still lie inside the folder.
 */
export function resolveAppFile(rendererDir: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port || url.username || url.password) return null;
  const segments: string[] = [];
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '.' || seg === '..' || /[/\\\0:]/.test(seg)) return null;
    segments.push(seg);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rendererDir);
  const full = path.resolve(root, ...segments);
  if (!full.startsWith(root + path.sep)) return null;
  return full;
}

const COMMON_HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-cache',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The `protocol.handle` handler. Plain fetch types: runs under Node in tests, with real files. */
export function createAppHandler(rendererDir: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return plain(404, 'Not Found');
    let body: Buffer;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return plain(404, 'Not Found');
      body = await fs.readFile(file);
    } catch {
      return plain(404, 'Not Found');
    }
    const headers = { ...COMMON_HEADERS, 'Content-Type': mimeOf(file), 'Content-Length': String(body.length) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Installs the handler on a session's protocol (after ready). */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppHandler(rendererDir));
}
