// Against real HTTP and HTTPS servers on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/proc';
import { GBK_KEYWORD, KEYWORD, startHttpServer, startHttpsServer, type HttpFixture, type HttpsFixture } from '../../../../tests/support/http';
import { runCheck } from './runner';
import { defaultThresholds, mergeThresholds } from './thresholds';

const DAY = 86_400_000;
let web: HttpFixture;
let tls10: HttpsFixture;
let tls3: HttpsFixture;
let tls400: HttpsFixture;

beforeAll(async () => {
  [web, tls10, tls3, tls400] = await Promise.all([
    startHttpServer({ dripIntervalMs: 100 }), startHttpsServer({ days: 10 }), startHttpsServer({ days: 3 }), startHttpsServer({ days: 400 }),
  ]);
});
afterAll(async () => {
  await Promise.all([web, tls10, tls3, tls400].map((s) => s?.close()));
});

describe('http', () => {
  it('200 with the keyword is normal', async () => {
    const r = await runCheck({ kind: 'http', url: web.url('/'), keyword: KEYWORD });
    expect(r).toMatchObject({ ok: true, level: 'normal', metrics: { status: 200, keywordFound: true, statusOk: true } });
    expect(r.summary).toMatch(/^HTTP 200（.+ms）$/);
    expect(r.raw).toContain('HTTP/1.1 200 OK');
    expect(r.raw).toContain(KEYWORD);
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it('a missing keyword or a wrong status is severe', async () => {
    const kw = await runCheck({ kind: 'http', url: web.url('/'), keyword: '系统维护中' });
    expect(kw).toMatchObject({ ok: true, level: 'severe', summary: '页面未包含关键字「系统维护中」' });
    const st = await runCheck({ kind: 'http', url: web.url('/status/503') });
    expect(st).toMatchObject({ level: 'severe', summary: 'HTTP 状态 503，期望 2xx/3xx', metrics: { status: 503 } });
    const expected = await runCheck({ kind: 'http', url: web.url('/status/404'), expectStatus: 404 });
    expect(expected.level).toBe('normal');
    const redirect = await runCheck({ kind: 'http', url: web.url('/status/302'), expectStatus: 200 });
    expect(redirect.level).toBe('severe');
  });

  it('finds a keyword in a GBK page', async () => {
    const r = await runCheck({ kind: 'http', url: web.url('/gbk'), keyword: GBK_KEYWORD });
    expect(r).toMatchObject({ level: 'normal', metrics: { keywordFound: true } });
    expect(r.raw).toContain(GBK_KEYWORD);
  });

  it('a slow answer warns past the configured time', async () => {
    const t = mergeThresholds(defaultThresholds(), { http: { slowWarnMs: 300 } });
    const r = await runCheck({ kind: 'http', url: web.url('/slow/600') }, { thresholds: t });
    expect(r.level).toBe('warning');
    expect(r.summary).toMatch(/^响应慢（\d+ ms）$/);
    expect(r.latencyMs).toBeGreaterThanOrEqual(590);
  });

  it('a server dripping bytes forever ends at the timeout', async () => {
    const before = web.dripBytes;
    const r = await runCheck({ kind: 'http', url: web.url('/drip'), timeoutMs: 1200 });
    expect(r).toMatchObject({ ok: false, level: 'severe', summary: '检查超时', error: { code: 'TIMEOUT' } });
    expect(web.dripBytes - before).toBeGreaterThan(3); // it was answering, slowly
    expect(r.raw).toContain('HTTP/1.1 200 OK'); // evidence of what came before the cut
    expect(r.durationMs).toBeGreaterThanOrEqual(1150);
    expect(r.durationMs).toBeLessThan(1800);
    await new Promise((res) => setTimeout(res, 300));
    const after = web.dripBytes;
    await new Promise((res) => setTimeout(res, 300));
    expect(web.dripBytes).toBe(after); // the connection is closed: nothing drips any more
  });

  it('a 50 MB body is read only up to the cap', async () => {
    const base = process.memoryUsage().rss;
    const r = await runCheck({ kind: 'http', url: web.url(`/big/${50 * 1024 * 1024}`), keyword: 'zzz' }, { outputCapBytes: 512 * 1024 });
    expect(r).toMatchObject({ ok: true, level: 'severe', metrics: { bodyTruncated: true, keywordFound: false } });
    expect(Number(r.metrics.bodyBytes)).toBeLessThan(8 * 1024 * 1024);
    expect(Buffer.byteLength(r.raw)).toBeLessThanOrEqual(64 * 1024);
    expect((process.memoryUsage().rss - base) / 1024 / 1024).toBeLessThan(64);
  });

  it('a closed port is REFUSED, severe', async () => {
    const port = await freePort();
    const r = await runCheck({ kind: 'http', url: `http://127.0.0.1:${port}/` });
    expect(r).toMatchObject({ ok: false, level: 'severe', summary: '连接被拒绝', error: { code: 'REFUSED' } });
  });

  it('credentials in the URL are not echoed', async () => {
    const r = await runCheck({ kind: 'http', url: web.url('/').replace('http://', 'http://ops:Url-Secret-9@') });
    expect(r.ok).toBe(true);
    expect(r.target).toBe(web.url('/'));
    expect(JSON.stringify(r)).not.toContain('Url-Secret-9');
  });
});

describe('https certificates', () => {
  it('self-signed, 10 days left: measured, not trusted, warning', async () => {
    const clock = (): Date => new Date(tls10.notAfter.getTime() - 10 * DAY);
    const r = await runCheck({ kind: 'http', url: tls10.url('/'), keyword: KEYWORD }, { clock });
    expect(r).toMatchObject({
      ok: true, level: 'warning',
      metrics: { status: 200, certDaysLeft: 10, certTrusted: false, certError: 'DEPTH_ZERO_SELF_SIGNED_CERT', certValidTo: tls10.notAfter.toISOString() },
    });
    expect(r.summary).toBe('证书剩余 10 天；证书不受信任');
    expect(r.raw).toContain('CN=127.0.0.1');
  });

  it('days left follow the real clock too', async () => {
    const r = await runCheck({ kind: 'http', url: tls10.url('/') });
    expect([9, 10]).toContain(r.metrics.certDaysLeft);
  });

  it('3 days left is severe', async () => {
    const r = await runCheck({ kind: 'http', url: tls3.url('/') });
    expect(r.level).toBe('severe');
    expect(r.summary).toMatch(/^证书剩余 [23] 天；证书不受信任$/);
  });

  it('trusted through the office CA: 400 days is normal', async () => {
    const r = await runCheck({ kind: 'http', url: tls400.url('/'), ca: tls400.certPem });
    expect(r).toMatchObject({ level: 'normal', metrics: { certTrusted: true } });
    expect(r.summary).toMatch(/^HTTP 200（.+），证书剩余 (399|400) 天$/);
    const other = await runCheck({ kind: 'http', url: tls400.url('/'), ca: tls10.certPem });
    expect(other.metrics.certTrusted).toBe(false);
  });

  it('speaking https to a plain http port is a TLS error', async () => {
    const r = await runCheck({ kind: 'http', url: web.url('/').replace('http://', 'https://') });
    expect(r).toMatchObject({ ok: false, level: 'severe', error: { code: 'TLS' } });
  });
});
