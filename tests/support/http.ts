// Real HTTP and HTTPS servers on 127.0.0.1 for probe tests.
//   /                 200, UTF-8 page containing KEYWORD
//   /status/<code>    that status
//   /slow/<ms>        200 after <ms>
//   /drip             headers, then one byte every `dripIntervalMs` forever
//   /big/<bytes>      a body of that size
//   /gbk              a GBK page (Content-Type charset=gbk) containing GBK_KEYWORD
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import path from 'node:path';
import { run, tempDir } from './proc';

export const KEYWORD = '信用平台运行正常';
export const GBK_KEYWORD = '信用平台运行正常';
/** `<html><body>信用平台运行正常</body></html>` in GBK. */
const GBK_PAGE = Buffer.from([
  0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0x3c, 0x62, 0x6f, 0x64, 0x79, 0x3e, 0xd0, 0xc5, 0xd3, 0xc3, 0xc6, 0xbd, 0xcc, 0xa8, 0xd4,
  0xcb, 0xd0, 0xd0, 0xd5, 0xfd, 0xb3, 0xa3, 0x3c, 0x2f, 0x62, 0x6f, 0x64, 0x79, 0x3e, 0x3c, 0x2f, 0x68, 0x74, 0x6d, 0x6c, 0x3e,
]);

export interface HttpFixture {
  host: '127.0.0.1';
  port: number;
  /** `http(s)://127.0.0.1:port` + path. */
  url(p?: string): string;
  requests: number;
  /** Requests being answered now, and the most at once (to check a client's concurrency). */
  inFlight: number;
  maxInFlight: number;
  /** Bytes written by /drip so far (all connections). */
  dripBytes: number;
  close(): Promise<void>;
}

export interface HttpsFixture extends HttpFixture {
  certPem: string;
  /** The certificate's notAfter, as openssl reports it. */
  notAfter: Date;
}

export interface ServerOptions {
  dripIntervalMs?: number;
}

function handler(fx: HttpFixture, opts: ServerOptions): http.RequestListener {
  return (req, res) => {
    fx.requests++;
    fx.inFlight++;
    fx.maxInFlight = Math.max(fx.maxInFlight, fx.inFlight);
    res.once('close', () => { fx.inFlight--; });
    const url = req.url ?? '/';
    let m: RegExpExecArray | null;
    if (url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<html><body><h1>${KEYWORD}</h1></body></html>`);
    } else if ((m = /^\/status\/(\d{3})$/.exec(url))) {
      res.writeHead(Number(m[1]), { 'Content-Type': 'text/plain' });
      res.end(`status ${m[1]}`);
    } else if ((m = /^\/slow\/(\d+)$/.exec(url))) {
      const t = setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('slow ok');
      }, Number(m[1]));
      res.on('close', () => clearTimeout(t));
    } else if (url === '/drip') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const t = setInterval(() => {
        fx.dripBytes++;
        res.write('.');
      }, opts.dripIntervalMs ?? 100);
      res.on('close', () => clearInterval(t));
    } else if ((m = /^\/big\/(\d+)$/.exec(url))) {
      const total = Number(m[1]);
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(total) });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < total) {
          const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
          sent += part.length;
          if (!res.write(part)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => { sent = total; });
      pump();
    } else if (url === '/gbk') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=gbk' });
      res.end(GBK_PAGE);
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  };
}

async function listen(server: http.Server, fx: HttpFixture, scheme: 'http' | 'https'): Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  fx.port = typeof addr === 'object' && addr ? addr.port : 0;
  fx.url = (p = '/') => `${scheme}://127.0.0.1:${fx.port}${p}`;
  fx.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
}

function blankFixture(): HttpFixture {
  return {
    host: '127.0.0.1', port: 0, url: () => '', requests: 0, inFlight: 0, maxInFlight: 0, dripBytes: 0, close: async () => undefined,
  };
}

export async function startHttpServer(opts: ServerOptions = {}): Promise<HttpFixture> {
  const fx = blankFixture();
  await listen(http.createServer(handler(fx, opts)), fx, 'http');
  return fx;
}

/** A self-signed certificate for 127.0.0.1 (SAN IP) valid for `days` from now. */
export async function makeSelfSignedCert(days: number): Promise<{ keyPem: string; certPem: string; notAfter: Date }> {
  const dir = await tempDir('owb-cert-');
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(days),
      '-subj', '/CN=127.0.0.1/O=OWB Test', '-addext', 'subjectAltName=IP:127.0.0.1',
    ]);
    const { stdout } = await run('openssl', ['x509', '-noout', '-enddate', '-in', cert]);
    const notAfter = new Date(stdout.replace(/^notAfter=/, '').trim());
    return { keyPem: await fs.readFile(key, 'utf8'), certPem: await fs.readFile(cert, 'utf8'), notAfter };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function startHttpsServer(opts: ServerOptions & { days: number }): Promise<HttpsFixture> {
  const { keyPem, certPem, notAfter } = await makeSelfSignedCert(opts.days);
  const fx: HttpsFixture = { ...blankFixture(), certPem, notAfter };
  await listen(https.createServer({ key: keyPem, cert: certPem }, handler(fx, opts)), fx, 'https');
  return fx;
}
