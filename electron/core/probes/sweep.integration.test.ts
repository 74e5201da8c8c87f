/**
 * Sweeps on real parts: OpenSSH on loopback (key login), ssh2's server (password login, a
 * changed host key), real HTTP servers, and hosts in network namespaces this test creates (an
 * unreachable one, a slow one). Never any address but 127.0.0.0/8 and those namespaces.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent, Output } from '../../../shared/contract';
import { startHttpServer, KEYWORD, type HttpFixture } from '../../../tests/support/http';
import { createNetnsHost, type NetnsHost } from '../../../tests/support/netns';
import { startSshd, type SshdFixture } from '../../../tests/support/sshd';
import { newHostKey, startSsh2Server, type Ssh2ServerFixture } from '../../../tests/support/ssh2-server';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../test-utils';
import { cpuPressure } from '../../../tests/support/cpu';

let t: TestCore;
let eng: string;
let mgr: string;
let sshd: SshdFixture;
let web: HttpFixture;
let pwServer: Ssh2ServerFixture;
let unreachable: NetnsHost;
let slow: NetnsHost;
const events: CoreEvent[] = [];
const outputs: unknown[] = [];

async function call<T>(channel: string, input: unknown, session = eng): Promise<T> {
  const r = await t.raw(channel, input, session);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  outputs.push(r.data);
  return r.data as T;
}

async function asset(name: string, ip: string, credentialId: string | null = null): Promise<Output<'assets/save'>> {
  return call<Output<'assets/save'>>('assets/save', { name, nodeGroup: '测试', ip, os: 'Debian 12', systemShort: 'T', model: '', purpose: '测试', location: '本机', category: '应用服务器', contentCategory: '应用', owner: '', note: '', sort: 900, credentialId });
}

beforeAll(async () => {
  [sshd, web, pwServer, unreachable, slow] = await Promise.all([
    startSshd(),
    startHttpServer(),
    startSsh2Server(),
    createNetnsHost({ answer: false }),
    createNetnsHost(),
  ]);
  await slow.startServices([
    { kind: 'http', port: 8080, delayMs: 600 },
    { kind: 'tcp', port: 1521, delayMs: 0 },
  ]);
  // Real time: the sessions must not lock while the sweeps run.
  t = makeCore({ start: new Date().toISOString() });
  const admin = await adminSession(t);
  eng = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
  mgr = await sessionWithRoles(t, admin, 'mgr1', ['manager']);
  t.core.onEvent((e) => events.push(e));
}, 120_000);

afterAll(async () => {
  t?.close();
  await Promise.all([sshd?.stop(), web?.close(), pwServer?.stop(), unreachable?.cleanup(), slow?.cleanup()]);
  if (t) fs.rmSync(t.dir, { recursive: true, force: true });
});

describe('probe sweeps on real parts', () => {
  let keyAsset: Output<'assets/save'>;
  let pwAsset: Output<'assets/save'>;

  it('measures loopback servers, namespace hosts and a real sshd; stores results with evidence; pins the host key', async () => {
    const keyCred = await call<Output<'assets/credential-save'>>('assets/credential-save', { label: 'sshd 密钥', kind: 'private_key', username: sshd.username, secret: sshd.privateKey });
    const pwCred = await call<Output<'assets/credential-save'>>('assets/credential-save', { label: 'ssh2 口令', kind: 'password', username: pwServer.username, secret: pwServer.password });
    keyAsset = await asset('本机 OpenSSH', '127.0.0.1', keyCred.id);
    pwAsset = await asset('本机 ssh2', '127.0.0.1', pwCred.id);
    const down = await asset('不可达主机', unreachable.ip);
    const slowHost = await asset('慢速主机', slow.ip);
    const add = (assetId: string, label: string, config: unknown) => call<Output<'probes/check-save'>>('probes/check-save', { assetId, label, config });
    await add(keyAsset.id, 'ping', { kind: 'ping' });
    await add(keyAsset.id, 'SSH 端口', { kind: 'tcp', port: sshd.port });
    await add(keyAsset.id, 'SSH 巡检', { kind: 'ssh', port: sshd.port, items: [{ kind: 'disk' }, { kind: 'memory' }, { kind: 'load' }, { kind: 'uptime' }] });
    await add(keyAsset.id, '网站', { kind: 'http', url: web.url('/'), keyword: KEYWORD });
    await add(keyAsset.id, '网站 500', { kind: 'http', url: web.url('/status/500') });
    await add(pwAsset.id, 'SSH 巡检', { kind: 'ssh', port: pwServer.port, items: [{ kind: 'disk' }, { kind: 'memory' }] });
    await add(down.id, 'ping', { kind: 'ping' });
    await add(down.id, 'SSH 端口', { kind: 'tcp', port: 22 });
    await add(slowHost.id, '网站', { kind: 'http', url: `http://${slow.ip}:8080/` });
    await add(slowHost.id, '数据库端口', { kind: 'tcp', port: 1521 });
    expect(await t.raw('probes/check-save', { assetId: down.id, label: 'x', config: { kind: 'ssh', port: 22, items: [{ kind: 'service', name: 'bad name;rm' }] } }, eng)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    // Event-loop lag: the same measure idle first (this machine is shared: CPU contention shows
    // in both), then during the sweep. A sweep that blocked the loop would stand out.
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 1500));
    idle.disable();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const t0 = performance.now();
    const progress: number[] = [];
    const off = t.core.onEvent((e) => {
      if (e.type === 'progress') progress.push(e.done);
    });
    const sweep = await call<Output<'probes/sweep'>>('probes/sweep', { jobId: 'sweep-1' });
    off();
    lag.disable();
    const wall = performance.now() - t0;
    expect(sweep).toMatchObject({ status: 'done', total: 10, done: 10 });
    expect(progress.at(-1)).toBe(10);
    // the unreachable host costs one timeout, in parallel with the rest
    expect(wall).toBeLessThan(15_000);
    const p99 = lag.percentile(99) / 1e6;
    const idleP99 = idle.percentile(99) / 1e6;
    process.stderr.write(`event-loop lag p99: sweep ${p99.toFixed(1)} ms, idle ${idleP99.toFixed(1)} ms, wall ${wall.toFixed(0)} ms\n`);
    // On a machine with CPU to spare the sweep barely shows (measured p99 10–60 ms). When other
    // jobs keep every CPU busy (Linux PSI "some" > 50 %), this process waits for a CPU whatever
    // it runs (the sshd and shells it exercises compete too: 121 ms at PSI 95 %), so only a
    // gross stall is asserted there (a sync ping spawn or an fsync per result costs 0.3–1 s).
    const pressure = cpuPressure();
    const starved = pressure !== null && pressure > 50;
    process.stderr.write(`CPU pressure (PSI some avg10) ${pressure ?? 'n/a'} %\n`);
    expect(p99).toBeLessThan(starved ? 400 : Math.max(100, 2 * idleP99 + 50));

    const by = (assetId: string, label: string) => sweep.results.find((r) => r.assetId === assetId && r.checkLabel === label)!;
    expect(by(keyAsset.id, 'ping')).toMatchObject({ level: 'normal' });
    expect(by(keyAsset.id, 'SSH 端口')).toMatchObject({ level: 'normal' });
    expect(by(keyAsset.id, '网站')).toMatchObject({ level: 'normal' });
    expect(by(keyAsset.id, '网站 500')).toMatchObject({ level: 'severe', summary: expect.stringContaining('HTTP 状态 500') });
    expect(by(down.id, 'ping')).toMatchObject({ level: 'severe', summary: expect.stringContaining('不可达') });
    expect(by(down.id, 'SSH 端口').level).toBe('severe');
    expect(by(slowHost.id, '网站').level).toBe('normal');
    expect(by(slowHost.id, '数据库端口').level).toBe('normal');
    const ssh = by(keyAsset.id, 'SSH 巡检');
    expect(['normal', 'warning', 'severe']).toContain(ssh.level);
    const detail = await call<Output<'probes/result'>>('probes/result', { id: ssh.id });
    expect(detail.raw).toMatch(/df -P|Filesystem|Capacity/);
    const parts = (detail.metrics?.parts ?? []) as Array<{ aspect: string; value?: number }>;
    expect(parts.map((p) => p.aspect)).toEqual(['login', 'disk', 'memory', 'cpu', 'login']);
    expect(typeof parts.find((p) => p.aspect === 'disk')?.value).toBe('number');
    expect(by(pwAsset.id, 'SSH 巡检').level).not.toBe('severe');

    const keys = await call<Output<'probes/host-keys'>>('probes/host-keys', {});
    expect(keys.find((k) => k.hostPort === `127.0.0.1:${sshd.port}`)?.fingerprint).toBe(sshd.hostKeyFingerprint);
    expect(keys.find((k) => k.hostPort === `127.0.0.1:${pwServer.port}`)?.fingerprint).toBe(pwServer.hostKeyFingerprint);

    // a notification for what went wrong, with the asset names
    const n = events.find((e) => e.type === 'notify');
    expect(n).toMatchObject({ type: 'notify', level: 'severe', body: expect.stringContaining('不可达主机') });
    // …and the pre-filled fault report of one of the severe results
    const faultId = n?.type === 'notify' ? decodeURIComponent(n.fault?.replace('#/faults/new/probe/', '') ?? '') : '';
    expect(sweep.results.find((r) => r.id === faultId)?.level).toBe('severe');

    // history and trend
    const hist = await call<Output<'probes/history'>>('probes/history', { assetId: keyAsset.id, limit: 50 });
    expect(hist.length).toBe(5);
    const trend = await call<Output<'probes/trend'>>('probes/trend', { assetId: keyAsset.id, metric: 'disk', days: 2 });
    expect(trend.series.length).toBeGreaterThan(0);
    expect(trend.series[0]!.points[0]!.value).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('refuses a changed SSH host key until the manager forgets the pin', async () => {
    const port = pwServer.port;
    await pwServer.stop();
    const other = newHostKey();
    pwServer = await startSsh2Server({ port, hostKey: other.privateKey });
    const s1 = await call<Output<'probes/sweep'>>('probes/sweep', { assetId: pwAsset.id });
    expect(s1.results[0]).toMatchObject({ level: 'severe', summary: expect.stringContaining('主机密钥已改变') });
    expect(await t.raw('probes/host-key-forget', { hostPort: `127.0.0.1:${port}` }, eng)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await call('probes/host-key-forget', { hostPort: `127.0.0.1:${port}` }, mgr);
    const s2 = await call<Output<'probes/sweep'>>('probes/sweep', { assetId: pwAsset.id });
    expect(s2.results[0]!.level).not.toBe('severe');
    const keys = await call<Output<'probes/host-keys'>>('probes/host-keys', {});
    expect(keys.find((k) => k.hostPort === `127.0.0.1:${port}`)?.fingerprint).toBe(other.fingerprint);
  }, 30_000);

  it('cancels a sweep at once with jobs/cancel', async () => {
    const a = await asset('很多慢检查', slow.ip);
    for (let i = 0; i < 6; i++) await call('probes/check-save', { assetId: a.id, label: `慢网页 ${i}`, config: { kind: 'http', url: `http://${slow.ip}:8080/?n=${i}`, timeoutMs: 20_000 } });
    await call('probes/check-save', { assetId: a.id, label: '黑洞', config: { kind: 'tcp', host: unreachable.ip, port: 80, timeoutMs: 20_000 } });
    const t0 = performance.now();
    const job = t.raw('probes/sweep', { assetId: a.id, jobId: 'cancel-me' }, eng);
    await new Promise((r) => setTimeout(r, 200));
    expect(await t.raw('jobs/cancel', { jobId: 'cancel-me' }, eng)).toMatchObject({ ok: true, data: { cancelled: true } });
    const r = await job;
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(r).toMatchObject({ ok: true, data: { status: 'cancelled' } });
    const sweeps = await call<Output<'probes/sweeps'>>('probes/sweeps', { limit: 1 });
    expect(sweeps[0]).toMatchObject({ status: 'cancelled' });
  }, 30_000);

  it('never lets a secret out: channel outputs, raw evidence, audit rows', async () => {
    const json = JSON.stringify(outputs);
    const secrets = [pwServer.password, sshd.privateKey.split('\n')[1]!];
    for (const s of secrets) expect(json).not.toContain(s);
    const db = new Database(t.dbPath, { readonly: true });
    const raw = db.prepare('SELECT raw, metrics, summary FROM probe_results').all();
    const audit = db.prepare('SELECT before, after FROM audit_log').all();
    db.close();
    for (const s of secrets) {
      expect(JSON.stringify(raw)).not.toContain(s);
      expect(JSON.stringify(audit)).not.toContain(s);
    }
  });
});

