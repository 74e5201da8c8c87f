// HTTP(S) probe: status, keyword, timing, and for https the certificate's days left and trust.
// Self-signed certificates are still measured (rejectUnauthorized: false); trust is reported.
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import tls from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { classifyHttp } from './classify';
import type { TlsInfo } from './measurements';
import { codeOfSocketError, osCode, probeError } from './messages';
import type { RunnerOutcome } from './runner';
import type { HttpCheck, ProbeErrorCode, Thresholds } from './types';
import { ByteCap, type CheckScope } from './util';

const DAY_MS = 86_400_000;

/** `url` without user info, for display. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(无效地址)';
  }
}

/** Charset of a response: Content-Type first, then a <meta> in the first 2 KB, else utf-8. */
export function sniffCharset(contentType: string | undefined, head: Buffer): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '');
  if (fromHeader?.[1]) return fromHeader[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head.subarray(0, 2048).toString('latin1'));
  return meta?.[1]?.toLowerCase() ?? 'utf-8';
}

export function decodeBody(body: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function tlsInfo(sock: TLSSocket, now: Date): TlsInfo | null {
  const cert = sock.getPeerCertificate();
  if (!cert || !cert.valid_to) return null;
  const validTo = new Date(cert.valid_to);
  const name = (o: object | undefined): string =>
    o ? Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ') : '';
  return {
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / DAY_MS),
    validTo: validTo.toISOString(),
    trusted: sock.authorized,
    authorizationError: sock.authorizationError ? String(sock.authorizationError) : null,
    subject: name(cert.subject),
    issuer: name(cert.issuer),
  };
}

function headerText(res: IncomingMessage): string {
  const lines = [`HTTP/${res.httpVersion} ${res.statusCode ?? 0} ${res.statusMessage ?? ''}`];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const k = res.rawHeaders[i] ?? '';
    const secret = /^(set-cookie|authorization|proxy-authorization)$/i.test(k);
    lines.push(`${k}: ${secret ? '***' : res.rawHeaders[i + 1] ?? ''}`);
  }
  return lines.join('\n');
}

export interface HttpRunContext {
  thresholds: Thresholds;
  now: () => Date;
  bodyCapBytes: number;
}

export function runHttp(check: HttpCheck, scope: CheckScope, ctx: HttpRunContext): Promise<RunnerOutcome> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(check.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    } catch {
      resolve({ latencyMs: null, raw: '', error: probeError('INVALID_CHECK', '地址必须以 http:// 或 https:// 开头') });
      return;
    }
    const isHttps = url.protocol === 'https:';
    const t0 = performance.now();
    let ttfbMs = 0;
    let tlsMeta: TlsInfo | null = null;
    let res: IncomingMessage | undefined;
    const body = new ByteCap(ctx.bodyCapBytes);
    let settled = false;

    const rawText = (): string => {
      const parts: string[] = [];
      if (tlsMeta) {
        parts.push(`TLS: subject=${tlsMeta.subject}; issuer=${tlsMeta.issuer}; notAfter=${tlsMeta.validTo}; ` +
          `trusted=${tlsMeta.trusted}${tlsMeta.authorizationError ? ` (${tlsMeta.authorizationError})` : ''}`);
      }
      if (res) {
        parts.push(headerText(res), '');
        const buf = body.toBuffer();
        parts.push(decodeBody(buf, sniffCharset(res.headers['content-type'], buf)));
      }
      return parts.join('\n');
    };

    const finishError = (code: ProbeErrorCode, detail?: string): void => {
      if (settled) return;
      settled = true;
      unsubscribe();
      req.destroy();
      resolve({ latencyMs: null, raw: rawText(), truncated: body.truncated, error: probeError(code, detail) });
    };

    const finishOk = (): void => {
      if (settled || !res) return;
      settled = true;
      unsubscribe();
      const totalMs = performance.now() - t0;
      req.destroy();
      const buf = body.toBuffer();
      const text = decodeBody(buf, sniffCharset(res.headers['content-type'], buf));
      const keywordFound = check.keyword !== undefined && check.keyword !== '' ? text.includes(check.keyword) : null;
      const verdict = classifyHttp({
        status: res.statusCode ?? 0, ttfbMs, totalMs, bodyBytes: body.seen, bodyTruncated: body.truncated, keywordFound, tls: tlsMeta,
      }, check, ctx.thresholds);
      resolve({ latencyMs: totalMs, raw: rawText(), verdict });
    };

    scope.beginConnect();
    const mod = isHttps ? https : http;
    const req = mod.request(url, {
      method: 'GET',
      agent: false,
      headers: { 'User-Agent': 'owb-probe/1', Accept: '*/*', Connection: 'close' },
      ...(isHttps ? { rejectUnauthorized: false, ca: check.ca ? [...tls.rootCertificates, check.ca] : undefined } : {}),
    });
    const unsubscribe = scope.onStop(() => finishError(scope.stopCode() ?? 'TIMEOUT'));

    req.on('socket', (sock) => {
      sock.once('connect', () => scope.connected());
      if (isHttps) sock.once('secureConnect', () => { tlsMeta = tlsInfo(sock as TLSSocket, ctx.now()); });
    });
    req.on('response', (r) => {
      res = r;
      ttfbMs = performance.now() - t0;
      r.on('data', (chunk: Buffer) => {
        if (!body.push(chunk)) finishOk(); // enough read: judge what we have, close the socket
      });
      r.once('end', finishOk);
      r.once('error', (err) => finishError(codeOfSocketError(err) === 'INTERNAL' ? 'HTTP' : codeOfSocketError(err), osCode(err)));
    });
    req.on('error', (err) => {
      const oc = osCode(err) ?? '';
      let code = codeOfSocketError(err);
      if (oc.startsWith('HPE_')) code = 'HTTP';
      else if (code === 'INTERNAL') code = isHttps && !res ? 'TLS' : 'HTTP';
      finishError(code, oc || undefined);
    });
    req.end();
  });
}
