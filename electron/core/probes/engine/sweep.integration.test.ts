// runSweep over 40 mixed targets: namespace hosts (some slow, some unreachable), a real sshd and
// HTTP servers on loopback. Wall time vs the slowest check, event-loop lag, order, progress,
// concurrency bound, cancellation.
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpFixture } from '../../../../tests/support/http';
import { createNetnsHost, leftovers, type NetnsHost } from '../../../../tests/support/netns';
import { startSshd, type SshdFixture } from '../../../../tests/support/sshd';
import { memoryHostKeyStore } from './host-keys';
import { runCheck } from './runner';
import { runSweep } from './sweep';
import type { CheckDef, CheckResult, SweepProgress } from './types';

let hosts: NetnsHost[] = [];
let dead: NetnsHost[] = [];
let baselineDead: NetnsHost;
let sshd: SshdFixture;
let web: HttpFixture;
const made: string[] = [];
const UNREACHABLE_BUDGET_MS = 1500;

beforeAll(async () => {
  [hosts, dead, baselineDead, sshd, web] = await Promise.all([
    Promise.all(Array.from({ length: 6 }, () => createNetnsHost())),
    Promise.all([createNetnsHost({ answer: false }), createNetnsHost({ answer: false })]),
    createNetnsHost({ answer: false }),
    startSshd(),
    startHttpServer({ dripIntervalMs: 100 }),
  ]);
  made.push(...hosts.map((h) => h.name), ...dead.map((h) => h.name), baselineDead.name);
  await Promise.all(hosts.map((h, i) => h.startServices([{ kind: 'http', port: 8080, delayMs: i * 100 }, { kind: 'tcp', port: 2222 }])));
}, 120_000);

afterAll(async () => {
  await Promise.all([...hosts, ...dead, baselineDead].map((h) => h?.cleanup()));
  await Promise.all([sshd?.stop(), web?.close()]);
  expect(await leftovers(made)).toEqual([]);
});

/** Linux PSI: % of the last 10 s some task waited for a CPU (null where unavailable). */
async function cpuPressure(): Promise<number | null> {
  try {
    const m = /some avg10=([\d.]+)/.exec(await fs.readFile('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function sshCheck(id: string, extra: Partial<CheckDef> = {}): CheckDef {
  return {
    id, kind: 'ssh', host: sshd.host, port: sshd.port, username: sshd.username, auth: { privateKey: sshd.privateKey },
    items: [{ kind: 'disk' }, { kind: 'memory' }, { kind: 'load' }, { kind: 'uptime' }], ...extra,
  } as CheckDef;
}

function fortyChecks(): CheckDef[] {
  const checks: CheckDef[] = [];
  hosts.forEach((h, i) => {
    checks.push({ id: `ns${i}-ping`, kind: 'ping', host: h.ip });
    checks.push({ id: `ns${i}-tcp`, kind: 'tcp', host: h.ip, port: 2222 });
    checks.push({ id: `ns${i}-http`, kind: 'http', url: `http://${h.ip}:8080/`, keyword: 'owb-ns ok' });
  });
  dead.forEach((h, i) => {
    checks.push({ id: `dead${i}-ping`, kind: 'ping', host: h.ip, timeoutMs: UNREACHABLE_BUDGET_MS });
    checks.push({ id: `dead${i}-tcp`, kind: 'tcp', host: h.ip, port: 22, timeoutMs: UNREACHABLE_BUDGET_MS, connectTimeoutMs: UNREACHABLE_BUDGET_MS });
  });
  for (let i = 0; i < 8; i++) checks.push(sshCheck(`ssh${i}`));
  for (const [i, p] of ['/', '/slow/300', '/gbk', '/status/500', '/', '/slow/100'].entries()) {
    checks.push({ id: `web${i}`, kind: 'http', url: web.url(p) });
  }
  for (let i = 0; i < 4; i++) checks.push({ id: `lo-tcp${i}`, kind: 'tcp', host: '127.0.0.1', port: sshd.port });
  return checks;
}

describe('runSweep', () => {
  it('40 mixed targets: input order, progress, levels, wall ≈ slowest check, low event-loop lag', async () => {
    const hostKeys = memoryHostKeyStore();
    expect((await runCheck({ kind: 'ping', host: hosts[0]!.ip })).ok).toBe(true); // starts the ping helper
    // The slowest kinds of check, alone: a TCP connect to a host that never answers, ssh, ping.
    const solo = await runCheck({ kind: 'tcp', host: baselineDead.ip, port: 22, timeoutMs: UNREACHABLE_BUDGET_MS, connectTimeoutMs: UNREACHABLE_BUDGET_MS });
    const soloSsh = await runCheck(sshCheck('solo'), { hostKeys });
    const soloPing = await runCheck({ kind: 'ping', host: baselineDead.ip, timeoutMs: UNREACHABLE_BUDGET_MS });
    expect(soloPing.error?.code).toBe('UNREACHABLE');
    const slowestSolo = Math.max(solo.durationMs, soloSsh.durationMs, soloPing.durationMs);

    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 1000));
    idle.disable();

    const checks = fortyChecks();
    expect(checks).toHaveLength(40);
    const progress: SweepProgress[] = [];
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    await new Promise((r) => setTimeout(r, 50)); // the histogram ignores its first sample
    const stalls = ownStallMonitor();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const results = await runSweep(checks, { hostKeys, timeoutMs: 10_000, onProgress: (p) => progress.push(p) });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const own = stalls.stop();
    h.disable();
    const pressure = await cpuPressure();

    expect(results.map((r) => r.id)).toEqual(checks.map((c) => c.id));
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === 40)).toBe(true);
    expect(new Set(progress.map((p) => p.last.index)).size).toBe(40);
    expect(progress.every((p) => p.last.result === results[p.last.index])).toBe(true);

    const byId = new Map<string, CheckResult>(results.map((r) => [r.id ?? '', r]));
    for (let i = 0; i < hosts.length; i++) {
      expect(byId.get(`ns${i}-ping`)).toMatchObject({ ok: true, metrics: { alive: true } });
      expect(byId.get(`ns${i}-tcp`)?.ok).toBe(true);
      expect(byId.get(`ns${i}-http`)).toMatchObject({ ok: true, level: 'normal', metrics: { keywordFound: true } });
      expect(byId.get(`ns${i}-http`)!.latencyMs!).toBeGreaterThanOrEqual(i * 100 - 5);
    }
    const starved = pressure !== null && pressure > 50;
    for (const id of ['dead0-ping', 'dead0-tcp', 'dead1-ping', 'dead1-tcp']) {
      expect(byId.get(id)).toMatchObject({ ok: false, level: 'severe' });
      expect(byId.get(id)!.durationMs).toBeLessThan(UNREACHABLE_BUDGET_MS + 300);
    }
    for (let i = 0; i < 8; i++) expect(byId.get(`ssh${i}`)).toMatchObject({ ok: true, items: expect.any(Array) });
    expect(byId.get('web3')).toMatchObject({ ok: true, level: 'severe', metrics: { status: 500 } });
    expect(Object.keys(hostKeys.entries())).toEqual([`127.0.0.1:${sshd.port}`]);

    const slowestInSweep = Math.max(...results.map((r) => r.durationMs));
    const ratio = wall / slowestSolo;
    const lagP99 = h.percentile(99) / 1e6;
    const lagMax = h.max / 1e6;
    console.info(
      `[sweep] 40 checks: wall ${Math.round(wall)} ms; slowest solo ${slowestSolo} ms (tcp unreachable ${solo.durationMs}, ssh ${soloSsh.durationMs}); ` +
      `slowest in sweep ${slowestInSweep} ms; wall/slowest-solo ${ratio.toFixed(2)}, wall/slowest-in-sweep ${(wall / slowestInSweep).toFixed(2)}; ` +
      `event-loop lag p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${lagP99.toFixed(1)} max ${lagMax.toFixed(1)} ms ` +
      `(idle p99 ${(idle.percentile(99) / 1e6).toFixed(1)} max ${(idle.max / 1e6).toFixed(1)} ms); ` +
      `own stalls (minus run-queue wait) p99 ${own?.p99.toFixed(1) ?? 'n/a'} max ${own?.max.toFixed(1) ?? 'n/a'} ms; ` +
      `process CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms; CPU pressure (PSI some avg10) ${pressure ?? 'n/a'} %`,
    );
    // No queueing behind slow checks: the sweep ends right after its slowest check.
    expect(wall / slowestInSweep).toBeLessThan(1.3);
    // The engine's own work for 40 checks is small (a blocking bug, e.g. in-thread bcrypt, costs seconds).
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2000);
    // Against the slowest check run alone, and event-loop lag: strict on a machine with CPU to
    // spare. When other jobs keep every CPU busy (PSI > 50 %), this process waits for a CPU for
    // hundreds of ms regardless of what it runs (the local sshd/bash/ping it exercises compete
    // too), so only gross stalls are asserted there.
    expect(ratio).toBeLessThan(starved ? 2.5 : 1.3);
    // Event-loop lag, measured (session 2): the non-ssh checks alone keep p99 at 6–19 ms; the 8
    // ssh sessions cost ~13 ms of this process's CPU each (kex, auth, channel) and their 8 local
    // sshd + bash children compete for the same 2 cores, which puts p99 at 120–145 ms, max 250–
    // 290 ms here. Remote servers do not share the workstation's CPU, so the bench figure is the
    // one to improve (an ssh worker thread); this bound catches any real stall (a sync spawn or
    // in-thread bcrypt blocks for 0.5–several s).
    expect(lagP99).toBeLessThan(starved ? 600 : 300);
    expect(lagMax).toBeLessThan(starved ? 1500 : 600);
    // What the engine answers for, strict on any machine: each stall of the loop minus the time
    // the main thread sat runnable waiting for a CPU (schedstat). Measured at PSI 70–90 %: stalls
    // of 100–360 ms held only 8–23 ms of main-thread time; own p99 here 35–47 ms at PSI 53–92 %
    // (bench: 27 ms). Pings spawned from this process (the code before the ping helper): own p99
    // 276 ms in the bench, and this test fails earlier (dead-host durations). A sync spawn, an
    // fsync per result or in-thread key decryption (0.3–1.5 s) is own time and fails this.
    if (own) expect(own.p99).toBeLessThan(80);
  }, 60_000);

  it('the stall monitor sees a loop blocked by the process itself (a sync spawn)', async () => {
    const stalls = ownStallMonitor();
    const { execFileSync } = await import('node:child_process');
    for (let i = 0; i < 6; i++) {
      const until = performance.now() + 80;
      while (performance.now() < until) { /* busy, as in-thread crypto would be */ }
      execFileSync('sleep', ['0.08']); // blocked in a syscall, as a sync spawn or fsync would be
      await new Promise((r) => setTimeout(r, 20));
    }
    const own = stalls.stop();
    if (own) expect(own.max).toBeGreaterThan(150);
  }, 60_000);

  it('never has more than `concurrency` checks in flight', async () => {
    web.maxInFlight = 0;
    const checks: CheckDef[] = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, kind: 'http', url: web.url('/slow/400') }));
    const t0 = performance.now();
    const rs = await runSweep(checks, { concurrency: 4 });
    const wall = performance.now() - t0;
    expect(rs.every((r) => r.ok)).toBe(true);
    expect(web.maxInFlight).toBe(4);
    expect(wall).toBeGreaterThanOrEqual(3 * 400 - 20);
    expect(wall).toBeLessThan(3 * 400 + 1200);
  });

  it('cancel: in-flight checks stop at once, queued ones never start', async () => {
    // A host never pinged before: the kernel has no failed neighbour entry for it yet, so its
    // ping stays in flight (an earlier failure would make it fail fast and free a slot).
    const silent = await createNetnsHost({ answer: false });
    made.push(silent.name);
    dead.push(silent);
    const before = web.requests;
    const checks: CheckDef[] = [
      ...Array.from({ length: 6 }, (_, i): CheckDef => ({ id: `drip${i}`, kind: 'http', url: web.url('/drip') })),
      ...Array.from({ length: 6 }, (_, i): CheckDef => ({ id: `slow${i}`, kind: 'http', url: web.url('/slow/8000') })),
      sshCheck('ssh-sleep', { items: [{ kind: 'custom', command: 'sleep 30', parser: { kind: 'exitCode' } }] } as Partial<CheckDef>),
      { id: 'dead-ping', kind: 'ping', host: silent.ip, timeoutMs: 5000 },
      ...Array.from({ length: 8 }, (_, i): CheckDef => ({ id: `queued${i}`, kind: 'http', url: web.url('/') })),
    ];
    const ac = new AbortController();
    const progress: number[] = [];
    setTimeout(() => ac.abort(), 600);
    const t0 = performance.now();
    const rs = await runSweep(checks, {
      concurrency: 14, timeoutMs: 20_000, signal: ac.signal, hostKeys: memoryHostKeyStore(), onProgress: (p) => progress.push(p.done),
    });
    const wall = performance.now() - t0;
    expect(wall).toBeGreaterThanOrEqual(590);
    expect(wall).toBeLessThan(600 + 300);
    expect(rs).toHaveLength(checks.length);
    expect(rs.map((r) => r.id)).toEqual(checks.map((c) => c.id));
    expect(rs.filter((r) => !(r.error?.code === 'CANCELLED' && r.level === 'warning' && r.summary === '检查已取消')).map((r) => `${r.id}:${r.error?.code ?? 'ok'}:${r.summary}`)).toEqual([]);
    expect(progress).toHaveLength(checks.length);
    expect(web.requests - before).toBe(12); // the 8 queued checks never reached the server
    await new Promise((r) => setTimeout(r, 300));
    expect(web.inFlight).toBe(0); // every connection was closed
  }, 30_000);
});

/**
 * Stalls of the event loop that are the process's own: gaps between 2 ms ticks minus the main
 * thread's run-queue wait inside each (Linux schedstat). Null where schedstat is unavailable.
 */
function ownStallMonitor(): { stop(): { p99: number; max: number } | null } {
  const read = (): number | null => {
    try {
      const wait = Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(' ')[1]);
      return Number.isFinite(wait) ? wait : null;
    } catch {
      return null;
    }
  };
  const own: number[] = [];
  let lastAt = performance.now();
  let lastWait = read();
  const tick = setInterval(() => {
    const now = performance.now();
    const wait = read();
    if (wait !== null && lastWait !== null) own.push(Math.max(0, now - lastAt - (wait - lastWait) / 1e6));
    lastAt = now;
    lastWait = wait;
  }, 2);
  return {
    stop() {
      clearInterval(tick);
      if (own.length === 0) return null;
      own.sort((a, b) => a - b);
      return { p99: own[Math.min(own.length - 1, Math.floor(own.length * 0.99))]!, max: own.at(-1)! };
    },
  };
}
