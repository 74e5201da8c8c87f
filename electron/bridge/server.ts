import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RENDERER_CSP } from '../../shared/security';
import { openCore, type Core } from '../core/api';
import { appVersion } from '../core/version';
import { startMaintenance } from '../core/maintenance';
import { mimeOf, resolveStatic } from '../core/static-files';

export { resolveStatic };

/**
 * The loopback bridge: the built renderer and the contract over HTTP on 127.0.0.1 only, with
 * a per-run token. It is how the real UI runs in a browser (`npm run web`) and in E2E tests.
 */
export interface BridgeOptions {
  dbPath: string;
  dataDir: string;
  rendererDir: string;
  port?: number;
  clock?: () => Date;
  /** The inspection scheduler (default on; E2E tests turn it off to control their rounds). */
  scheduler?: boolean;
}

export interface Bridge {
  url: string;
  origin: string;
  token: string;
  core: Core;
  close(): Promise<void>;
}

export const BRIDGE_HOST = '127.0.0.1';
const MAX_BODY = 8 * 1024 * 1024;

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function tokenOk(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

class BodyTooLarge extends Error {}

/** Large files never come in one call: they are sent in chunks through uploads/* (each < 8 MB). */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Stop reading; the caller answers 413 and then closes the connection.
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const core = openCore({ dbPath: opts.dbPath, dataDir: opts.dataDir, version: appVersion(), ...(opts.clock ? { clock: opts.clock } : {}) });
  const stopMaintenance = startMaintenance(core, { scheduler: opts.scheduler ?? true });
  const token = crypto.randomBytes(24).toString('base64url');
  const sseClients = new Set<http.ServerResponse>();
  const off = core.onEvent((e) => {
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const c of sseClients) c.write(line);
  });
  let origin = '';

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      // DNS-rebinding guard: only our own host names are served.
      const host = req.headers.host ?? '';
      if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) return send(res, 421, '{"error":"wrong host"}');
      if (url.pathname === '/api/call') {
        if (req.method !== 'POST') return send(res, 405, '{"error":"method"}');
        if (req.headers.origin && req.headers.origin !== origin && req.headers.origin !== `http://localhost:${new URL(origin).port}`) {
          return send(res, 403, '{"error":"origin"}');
        }
        const auth = req.headers.authorization?.replace(/^Bearer\s+/i, '');
        if (!tokenOk(auth, token)) return send(res, 401, JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: '浏览器模式的访问令牌无效，请使用启动时显示的地址打开。' } }));
        let env: unknown;
        try {
          env = JSON.parse(await readBody(req));
        } catch (e) {
          if (e instanceof BodyTooLarge) {
            res.setHeader('Connection', 'close');
            res.once('finish', () => req.destroy());
            return send(res, 413, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: `请求过大（超过 ${MAX_BODY / 1024 / 1024} MB）。大文件请分块上传。` } }));
          }
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求不是有效的 JSON。' } }));
        }
        const e = (env && typeof env === 'object' ? env : {}) as { channel?: unknown; input?: unknown; session?: unknown };
        const result = await core.call(
          { channel: typeof e.channel === 'string' ? e.channel : '', input: e.input, ...(typeof e.session === 'string' ? { session: e.session } : {}) },
          'bridge',
        );
        return send(res, 200, JSON.stringify(result));
      }
      if (url.pathname === '/api/events') {
        if (!tokenOk(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, '{"error":"token"}');
        securityHeaders(res);
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{"error":"method"}');
      const file = resolveStatic(opts.rendererDir, url.pathname);
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      securityHeaders(res);
      res.writeHead(200, {
        'Content-Type': mimeOf(file),
        'Content-Security-Policy': RENDERER_CSP,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: String(err) } }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, BRIDGE_HOST, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  origin = `http://${BRIDGE_HOST}:${addr.port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    core,
    close: () =>
      new Promise<void>((resolve) => {
        off();
        stopMaintenance();
        for (const c of sseClients) c.end();
        server.closeAllConnections();
        server.close(() => {
          core.close();
          resolve();
        });
      }),
  };
}
