// Against a real OpenSSH server on loopback: real df -P / free -b / loadavg output, host key
// pinning, key auth, bounded output.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClientKey, startSshd, type SshdFixture } from '../../../../tests/support/sshd';
import { newHostKey } from '../../../../tests/support/ssh2-server';
import { memoryHostKeyStore } from './host-keys';
import { runCheck } from './runner';
import { parseDfP } from './ssh-parse';
import { defaultThresholds, mergeThresholds } from './thresholds';
import type { SshCheck, SshItem } from './types';

const execFileP = promisify(execFile);
let sshd: SshdFixture;
type ClientKey = Awaited<ReturnType<typeof makeClientKey>>;
const PASS = '口令 passphrase 42';
let encrypted: ClientKey;
let encryptedRsa: ClientKey;
let encryptedEcdsa: ClientKey;
let logDir = '';

beforeAll(async () => {
  [encrypted, encryptedRsa, encryptedEcdsa] = await Promise.all([
    makeClientKey(PASS), makeClientKey(PASS, 'rsa'), makeClientKey(PASS, 'ecdsa'),
  ]);
  sshd = await startSshd({ extraAuthorizedKeys: [encrypted.publicKey, encryptedRsa.publicKey, encryptedEcdsa.publicKey] });
  logDir = await fs.mkdtemp(path.join(os.tmpdir(), 'owb-sshlog-'));
});
afterAll(async () => {
  await sshd?.stop();
  await Promise.all([encrypted?.cleanup(), encryptedRsa?.cleanup(), encryptedEcdsa?.cleanup()]);
  if (logDir) await fs.rm(logDir, { recursive: true, force: true });
});

const check = (items: SshItem[], extra: Partial<SshCheck> = {}): SshCheck => ({
  kind: 'ssh', host: sshd.host, port: sshd.port, username: sshd.username, auth: { privateKey: sshd.privateKey }, items, ...extra,
});

describe('ssh against real sshd', () => {
  it('reads disk, memory, load, uptime, services and custom commands from real output, in one exec', async () => {
    const store = memoryHostKeyStore();
    const t = mergeThresholds(defaultThresholds(), { loadPerCpu: { warn: 1000, severe: 2000 } }); // the CI box's load is not the test's subject
    const r = await runCheck(check([
      { kind: 'disk' }, { kind: 'memory' }, { kind: 'load' }, { kind: 'uptime' },
      { kind: 'service', name: 'sshd' }, { kind: 'service', name: 'owb-no-such-service' },
      { kind: 'custom', command: 'echo 42.5', parser: { kind: 'number', warnAbove: 40, severeAbove: 50 }, label: '队列长度' },
      { kind: 'custom', command: 'echo "state: RUNNING"', parser: { kind: 'regex', pattern: '^state: RUNNING$', severeIfMatch: false } },
      { kind: 'custom', command: 'false', parser: { kind: 'exitCode' } },
    ]), { hostKeys: store, thresholds: t, timeoutMs: 20_000 });

    expect(r.ok).toBe(true);
    expect(r.error).toBeUndefined();
    const byKey = Object.fromEntries((r.items ?? []).map((i) => [i.key, i]));
    // df -P as this machine prints it right now: same root use %.
    const { stdout } = await execFileP('df', ['-P'], { env: { ...process.env, LC_ALL: 'C' } });
    const root = parseDfP(stdout).find((m) => m.mount === '/')!;
    expect(byKey.disk!.metrics['usePct[/]']).toBe(root.usePct);
    expect(byKey.disk!.summary).toMatch(/^磁盘 \S+ 使用 \d+%/);
    expect(byKey.memory!.metrics.totalBytes).toBe(os.totalmem());
    expect(byKey.memory!.metrics.usePct).toBeGreaterThan(0);
    expect(byKey.load!.metrics.cpus).toBe(os.cpus().length);
    expect(Math.abs(Number(byKey.uptime!.metrics.seconds) - os.uptime())).toBeLessThan(10);
    expect(byKey['service:sshd']).toMatchObject({ level: 'normal', summary: '服务 sshd 运行中', metrics: { process: true } });
    expect(byKey['service:owb-no-such-service']).toMatchObject({ level: 'severe', summary: '服务 owb-no-such-service 未运行' });
    expect(byKey['custom:队列长度']).toMatchObject({ level: 'warning', summary: '队列长度 = 42.5', metrics: { value: 42.5 } });
    expect(byKey['custom:7']).toMatchObject({ level: 'normal', metrics: { matched: true } });
    expect(byKey['custom:8']).toMatchObject({ level: 'severe', metrics: { exitCode: 1 } });
    expect(r.level).toBe('severe');
    expect(r.summary).toContain('服务 owb-no-such-service 未运行');
    expect(r.metrics['service:sshd.running']).toBe(true);
    expect(r.raw).toContain('$ df -P\nFilesystem');
    expect(r.raw).toMatch(/Mem:\s+\d+/);
    expect(JSON.stringify(r)).not.toContain('PRIVATE KEY');
    // Pinned on first use, with the fingerprint ssh-keygen computes for the host key.
    expect(store.entries()).toEqual({ [`127.0.0.1:${sshd.port}`]: sshd.hostKeyFingerprint });
  });

  it('log item: new matching lines since the offset, next offset returned', async () => {
    const file = path.join(logDir, 'app.log');
    await fs.writeFile(file, 'INFO boot\nERROR db down\n');
    const store = memoryHostKeyStore();
    const item = (fromOffset: number): SshItem => ({ kind: 'log', path: file, pattern: 'ERROR|FATAL', fromOffset });
    const a = await runCheck(check([item(0)]), { hostKeys: store });
    expect(a.items?.[0]).toMatchObject({ level: 'warning', lines: ['ERROR db down'], metrics: { matches: 1, newOffset: 24 } });
    await fs.appendFile(file, 'INFO ok\nFATAL oom\n');
    const b = await runCheck(check([item(24)]), { hostKeys: store });
    expect(b.items?.[0]).toMatchObject({ lines: ['FATAL oom'], metrics: { matches: 1, fromOffset: 24, newOffset: 42 } });
    const c = await runCheck(check([item(42)]), { hostKeys: store });
    expect(c.items?.[0]).toMatchObject({ level: 'normal', lines: [], metrics: { matches: 0, newOffset: 42 } });
  });

  it('refuses a changed host key before authenticating: severe, nothing sent, pin kept', async () => {
    const other = newHostKey().fingerprint;
    const hp = `127.0.0.1:${sshd.port}`;
    const store = memoryHostKeyStore({ [hp]: other });
    const accepted = (): number => (sshd.log().match(/Accepted publickey/g) ?? []).length;
    const before = accepted();
    const logBefore = sshd.log().length;
    const r = await runCheck(check([{ kind: 'uptime' }]), { hostKeys: store });
    expect(r).toMatchObject({ ok: false, level: 'severe', summary: '主机密钥已改变', error: { code: 'HOST_KEY_CHANGED' } });
    expect(r.error?.message).toContain(sshd.hostKeyFingerprint);
    expect(store.entries()).toEqual({ [hp]: other });
    await new Promise((res) => setTimeout(res, 200)); // let sshd write its log lines
    expect(accepted()).toBe(before);
    expect(sshd.log().slice(logBefore)).not.toMatch(/publickey|authenticating user|Failed/);
    // With the right pin the same host is fine.
    const ok = await runCheck(check([{ kind: 'uptime' }]), { hostKeys: memoryHostKeyStore({ [hp]: sshd.hostKeyFingerprint }) });
    expect(ok.ok).toBe(true);
    expect(accepted()).toBe(before + 1);
  });

  it('passphrase-protected keys (ed25519, rsa, ecdsa) are decrypted off the event loop', async () => {
    const store = memoryHostKeyStore();
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    await new Promise((r) => setTimeout(r, 50)); // the histogram ignores its first sample
    const elu0 = performance.eventLoopUtilization();
    const rs = await Promise.all([encrypted, encryptedRsa, encryptedEcdsa].map((k) =>
      runCheck(check([{ kind: 'uptime' }], { auth: { privateKey: k.privateKey, passphrase: PASS } }), { hostKeys: store, timeoutMs: 30_000 })));
    const elu = performance.eventLoopUtilization(elu0);
    h.disable();
    expect(rs.map((r) => [r.ok, r.error?.code])).toEqual([[true, undefined], [true, undefined], [true, undefined]]);
    // In-thread bcrypt-pbkdf keeps the loop busy 0.3–2.5 s per key (utilization ≈ 1, one stall
    // per key); off-thread the loop mostly waits. Stalls that remain are the OS scheduler on a
    // loaded machine, hence the loose bound on the longest one.
    expect(elu.utilization).toBeLessThan(0.5);
    expect(h.max / 1e6).toBeLessThan(1000);
  });

  it('a wrong passphrase or an unknown key fails without leaking', async () => {
    const store = memoryHostKeyStore();
    const bad = await runCheck(check([{ kind: 'uptime' }], { auth: { privateKey: encrypted.privateKey, passphrase: 'wrong-pass-phrase' } }), { hostKeys: store, timeoutMs: 20_000 });
    expect(bad).toMatchObject({ ok: false, level: 'severe', error: { code: 'AUTH_FAILED' } });
    const stranger = await makeClientKey();
    try {
      const r = await runCheck(check([{ kind: 'uptime' }], { auth: { privateKey: stranger.privateKey } }), { hostKeys: store });
      expect(r).toMatchObject({ ok: false, level: 'severe', summary: 'SSH 认证失败', error: { code: 'AUTH_FAILED' } });
      const text = JSON.stringify([bad, r]);
      expect(text).not.toContain('wrong-pass-phrase');
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(stranger.privateKey.split('\n')[1]!);
    } finally {
      await stranger.cleanup();
    }
  });

  it('cuts a 100 MB output at the cap, closes the channel, keeps memory bounded', async () => {
    const store = memoryHostKeyStore();
    let peak = 0;
    const base = process.memoryUsage().rss;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const t0 = performance.now();
    const r = await runCheck(check([
      { kind: 'uptime' },
      { kind: 'custom', command: "head -c 104857600 /dev/zero | tr '\\0' x", parser: { kind: 'exitCode' }, label: 'flood' },
      { kind: 'memory' },
    ]), { hostKeys: store, outputCapBytes: 1024 * 1024, timeoutMs: 20_000 });
    const wall = performance.now() - t0;
    clearInterval(sampler);
    expect(r.truncated).toBe(true);
    expect(r).toMatchObject({ ok: false, level: 'warning', error: { code: 'TRUNCATED' } });
    expect(r.items?.map((i) => [i.key, i.ok, i.error?.code])).toEqual([
      ['uptime', true, undefined], ['custom:flood', false, 'TRUNCATED'], ['memory', false, 'TRUNCATED'],
    ]);
    expect(Buffer.byteLength(r.raw)).toBeLessThanOrEqual(64 * 1024);
    expect(wall).toBeLessThan(10_000);
    expect((peak - base) / 1024 / 1024).toBeLessThan(64);
  });

  it('ends at the timeout when a command hangs, keeping the items that finished', async () => {
    const r = await runCheck(check([{ kind: 'uptime' }, { kind: 'custom', command: 'sleep 30', parser: { kind: 'exitCode' } }]), {
      hostKeys: memoryHostKeyStore(), timeoutMs: 2500,
    });
    expect(r).toMatchObject({ ok: false, level: 'severe', summary: '检查超时', error: { code: 'TIMEOUT' } });
    expect(r.items?.[0]).toMatchObject({ key: 'uptime', ok: true });
    expect(r.items?.[1]).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(r.durationMs).toBeGreaterThanOrEqual(2400);
    expect(r.durationMs).toBeLessThan(3500);
  });
});
