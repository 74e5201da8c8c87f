/**
 * Where updates come from — the workstation setting `updater.url`, checked before anything is
 * contacted. Allowed: nothing (the default: the app never looks for updates), an intranet
 * http(s) URL, a `file://` URL, or a local / UNC / USB folder. Folders are served to
 * electron-updater by a tiny read-only HTTP server on 127.0.0.1 (its generic provider speaks
 * http only). Plain Node: no Electron here, so the rules are tested directly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export type FeedSource = { kind: 'none' } | { kind: 'url'; url: string } | { kind: 'folder'; dir: string };
export type FeedParse = { ok: true; source: FeedSource } | { ok: false; reason: string };

export interface FeedRules {
  /** Extra host names the administrator declared intranet (`upd.example.gov.cn`, or `.example.gov.cn` for a domain). */
  extraHosts?: readonly string[];
  /** The workstation's platform (tests pass both). */
  platform?: NodeJS.Platform;
}

const MSG = {
  relative: '更新源必须是绝对路径（如 D:\\更新 或 /media/usb/更新）、file:// 地址或内网 http(s) 地址。',
  scheme: '更新源只支持内网 http(s) 地址、file:// 地址或本机/共享文件夹，不支持“{scheme}”。',
  credentials: '更新源地址中不能包含用户名或密码。',
  notIntranet: '“{host}”不是内网地址。更新源只能是内网主机（私有 IP、单名主机或管理员登记的内网域名）。',
  fileHost: '此系统不支持带主机名的 file:// 地址，请先挂载共享文件夹再填写本地路径。',
  badFileUrl: 'file:// 地址无效。',
} as const;

const INTRANET_SUFFIXES = ['.local', '.lan', '.intranet', '.internal', '.corp', '.home.arpa', '.localdomain'];

function ipv4Private(host: string): boolean {
  const p = host.split('.').map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const [a, b] = p as [number, number, number, number];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

function ipv6Private(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIPv6(h) === false) return false;
  if (h === '::1') return true;
  return /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h);
}

/** Private IPs, loopback, single-label names, reserved intranet suffixes, or administrator-declared hosts. */
export function isIntranetHost(hostname: string, extraHosts: readonly string[] = []): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (!h) return false;
  if (net.isIPv4(h)) return ipv4Private(h);
  if (h.startsWith('[') || h.includes(':')) return ipv6Private(h);
  for (const raw of extraHosts) {
    const e = raw.trim().toLowerCase();
    if (!e) continue;
    if (e.startsWith('.') ? h.endsWith(e) && h.length > e.length : h === e) return true;
  }
  if (h === 'localhost' || !h.includes('.')) return true;
  return INTRANET_SUFFIXES.some((s) => h.endsWith(s));
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? '');
}

function fromFileUrl(u: URL, platform: NodeJS.Platform): FeedParse {
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, reason: MSG.badFileUrl };
  }
  if (pathname.includes('\0')) return { ok: false, reason: MSG.badFileUrl };
  const host = u.hostname.toLowerCase();
  if (platform === 'win32') {
    if (host && host !== 'localhost') {
      return { ok: true, source: { kind: 'folder', dir: `\\\\${u.hostname}${pathname.replace(/\//g, '\\')}` } };
    }
    const local = pathname.replace(/^\/([A-Za-z]:)/, '$1').replace(/\//g, '\\');
    if (!/^[A-Za-z]:\\/.test(local)) return { ok: false, reason: MSG.badFileUrl };
    return { ok: true, source: { kind: 'folder', dir: local } };
  }
  if (host && host !== 'localhost') return { ok: false, reason: MSG.fileHost };
  return { ok: true, source: { kind: 'folder', dir: path.posix.normalize(pathname) } };
}

/** Reads the `updater.url` setting. Never contacts anything. */
export function parseFeedSetting(raw: string, rules: FeedRules = {}): FeedParse {
  const platform = rules.platform ?? process.platform;
  const s = raw.trim();
  if (!s) return { ok: true, source: { kind: 'none' } };
  if (platform === 'win32') {
    if (/^[A-Za-z]:[\\/]/.test(s)) return { ok: true, source: { kind: 'folder', dir: path.win32.normalize(s) } };
    if (/^\\\\[^\\/]+[\\/][^\\/]+/.test(s)) return { ok: true, source: { kind: 'folder', dir: path.win32.normalize(s) } };
  } else if (s.startsWith('/')) {
    return { ok: true, source: { kind: 'folder', dir: path.posix.normalize(s) } };
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, reason: MSG.relative };
  }
  if (u.protocol === 'file:') return fromFileUrl(u, platform);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: fill(MSG.scheme, { scheme: u.protocol.replace(/:$/, '') }) };
  if (u.username || u.password) return { ok: false, reason: MSG.credentials };
  if (!isIntranetHost(u.hostname, rules.extraHosts)) return { ok: false, reason: fill(MSG.notIntranet, { host: u.hostname }) };
  return { ok: true, source: { kind: 'url', url: u.href } };
}

/** True when `url` is on the same origin as the feed (the updater session lets nothing else through). */
export function sameOrigin(url: string, feedUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(feedUrl).origin;
  } catch {
    return false;
  }
}

export interface FeedServer {
  /** Base URL for the generic provider, ending in `/`. */
  url: string;
  close(): Promise<void>;
}

function contentType(name: string): string {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') return 'text/yaml; charset=utf-8';
  return 'application/octet-stream';
}

/**
 * Serves the files directly inside `dir` (latest.yml, latest-linux.yml, installers, .blockmap)
 * on 127.0.0.1 under a random path prefix. GET/HEAD only, one path segment, no traversal.
 */
export async function serveFeedFolder(dir: string): Promise<FeedServer> {
  const root = path.resolve(dir);
  const prefix = `/${crypto.randomBytes(16).toString('hex')}/`;
  let port = 0;
  const server = http.createServer((req, res) => {
    const deny = (status: number): void => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(String(status));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405);
    if (req.headers.host !== `127.0.0.1:${port}`) return deny(421);
    const rawPath = (req.url ?? '').split('?')[0] ?? '';
    if (!rawPath.startsWith(prefix)) return deny(404);
    let name: string;
    try {
      name = decodeURIComponent(rawPath.slice(prefix.length));
    } catch {
      return deny(404);
    }
    if (!name || name === '.' || name === '..' || /[/\\\0:]/.test(name)) return deny(404);
    const file = path.join(root, name);
    if (path.dirname(file) !== root) return deny(404);
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return deny(404);
      res.writeHead(200, { 'Content-Type': contentType(name), 'Content-Length': String(st.size), 'Cache-Control': 'no-store' });
      if (req.method === 'HEAD') return void res.end();
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
