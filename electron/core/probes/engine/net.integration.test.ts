// ping / tcp / http / ssh against hosts in network namespaces this test creates (10.250.x.y on
// its own veths) and against loopback. Unreachable hosts must be severe within the budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetnsHost, leftovers, type NetnsHost } from '../../../../tests/support/netns';
import { freePort } from '../../../../tests/support/proc';
import { memoryHostKeyStore } from './host-keys';
import { runCheck } from './runner';

let up: NetnsHost;
let silent: NetnsHost;
let down: NetnsHost;
const made: string[] = [];

beforeAll(async () => {
  [up, silent, down] = await Promise.all([
    createNetnsHost(), createNetnsHost({ answer: false }), createNetnsHost({ answer: false, linkDown: true }),
  ]);
  made.push(up.name, silent.name, down.name);
  await up.startServices([{ kind: 'http', port: 8080 }, { kind: 'tcp', port: 2222 }, { kind: 'http', port: 8081, delayMs: 700 }]);
});
afterAll(async () => {
  await Promise.all([up, silent, down].map((h) => h?.cleanup()));
  expect(await leftovers(made)).toEqual([]);
});

describe('reachable hosts', () => {
  it('ping loopback and a namespace host: alive, parsed from the real output', async () => {
    for (const host of ['127.0.0.1', up.ip]) {
      const r = await runCheck({ kind: 'ping', host });
      expect(r).toMatchObject({ ok: true, level: 'normal', metrics: { alive: true, sent: 1, received: 1, lossPct: 0 } });
      expect(r.raw).toContain(`PING ${host}`);
      expect(r.latencyMs).toBeGreaterThan(0);
      expect(r.summary).toMatch(/^可达，延迟 /);
    }
  });

  it('tcp: open port normal, closed port refused (an RST from the namespace)', async () => {
    const open = await runCheck({ kind: 'tcp', host: up.ip, port: 2222 });
    expect(open).toMatchObject({ ok: true, level: 'normal', summary: expect.stringMatching(/^端口 2222 可连接/) });
    const closed = await runCheck({ kind: 'tcp', host: up.ip, port: 2223 });
    expect(closed).toMatchObject({ ok: false, level: 'severe', error: { code: 'REFUSED' } });
    const lo = await runCheck({ kind: 'tcp', host: '127.0.0.1', port: await freePort() });
    expect(lo.error?.code).toBe('REFUSED');
  });

  it('http in a namespace, and a slow one', async () => {
    const fast = await runCheck({ kind: 'http', url: `http://${up.ip}:8080/`, keyword: 'owb-ns ok' });
    expect(fast).toMatchObject({ ok: true, level: 'normal', metrics: { status: 200, keywordFound: true } });
    const slow = await runCheck({ kind: 'http', url: `http://${up.ip}:8081/` });
    expect(slow.ok).toBe(true);
    expect(slow.latencyMs).toBeGreaterThanOrEqual(690);
    const tooSlow = await runCheck({ kind: 'http', url: `http://${up.ip}:8081/`, timeoutMs: 300 });
    expect(tooSlow).toMatchObject({ ok: false, level: 'severe', error: { code: 'TIMEOUT' } });
    expect(tooSlow.durationMs).toBeLessThan(800);
  });
});

describe('unreachable hosts are severe within the budget', () => {
  it('ping: nobody answers ARP / link down', async () => {
    for (const h of [silent, down]) {
      const r = await runCheck({ kind: 'ping', host: h.ip, timeoutMs: 1500 });
      expect(r).toMatchObject({ ok: false, level: 'severe', summary: '主机不可达', error: { code: 'UNREACHABLE' }, metrics: { alive: false } });
      expect(r.durationMs).toBeLessThan(1700);
    }
  });

  it('a fresh unreachable host: the connect timeout ends the check', async () => {
    const fresh = await createNetnsHost({ answer: false });
    made.push(fresh.name);
    try {
      const r = await runCheck({ kind: 'tcp', host: fresh.ip, port: 22, timeoutMs: 5000, connectTimeoutMs: 1000 });
      expect(r).toMatchObject({ ok: false, level: 'severe', summary: '连接超时', error: { code: 'CONNECT_TIMEOUT' } });
      expect(r.durationMs).toBeGreaterThanOrEqual(950);
      expect(r.durationMs).toBeLessThan(1600);
    } finally {
      await fresh.cleanup();
    }
  });

  it('tcp, http and ssh: severe within the budget, not a hang', async () => {
    const store = memoryHostKeyStore();
    const rs = await Promise.all([
      runCheck({ kind: 'tcp', host: silent.ip, port: 22, timeoutMs: 1500, connectTimeoutMs: 1000 }),
      runCheck({ kind: 'http', url: `http://${silent.ip}/`, timeoutMs: 1500, connectTimeoutMs: 1000 }),
      runCheck({ kind: 'ssh', host: down.ip, port: 22, username: 'root', auth: { password: 'Never-Sent-1' }, items: [{ kind: 'uptime' }], timeoutMs: 1500, connectTimeoutMs: 1000 }, { hostKeys: store }),
      runCheck({ kind: 'tcp', host: silent.ip, port: 22, timeoutMs: 800 }), // connect budget defaults to the total
    ]);
    for (const r of rs) {
      expect(r.ok).toBe(false);
      expect(r.level).toBe('severe');
      // While the kernel still tries ARP the connect times out; once the neighbour entry has
      // failed (e.g. after the ping above) it answers EHOSTUNREACH at once. Both are severe.
      expect(['CONNECT_TIMEOUT', 'TIMEOUT', 'UNREACHABLE']).toContain(r.error?.code);
    }
    expect(rs.slice(0, 3).every((r) => r.durationMs < 1600)).toBe(true);
    expect(rs[3]!.durationMs).toBeLessThan(1100);
    expect(store.entries()).toEqual({});
  });
});
