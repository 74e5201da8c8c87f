/**
 * Bench of the probe engine at site scale: 200 targets, each with a ping, a TCP connect and an
 * HTTP check, and 20 SSH hosts (real OpenSSH, disk/memory/load/uptime items), spread over 20
 * network namespaces made here, each with its own delay (20–77 ms added to every round trip:
 * netem, or where the kernel has no netem — this machine — the netns fixture's TUN relay). Every address is inside a namespace this bench creates (10.250.0.0/16 blocks that no
 * interface or route here uses); all of it is deleted at the end, also on error or Ctrl-C.
 *
 * The plan is in asset order like a real site (each SSH host's checks next to its ping/TCP/HTTP)
 * and runs through the production engine with the production sweep defaults (SWEEP_DEFAULTS).
 *
 * Figures: wall of the parallel sweep against its slowest check (goal ≤ 1.3), speed-up over the
 * same plan run one check at a time (goal ≥ 20×), event-loop lag p99 and max during the
 * parallel sweep (goal < 50 ms) and the loop's own stalls (lag minus waiting for a CPU, see
 * loop-lag.ts). The 20 sshd and their shells, the namespace servers and the system pings all
 * run on this machine's cores, next to the sweep; on site they are other machines.
 *
 * The simulated servers (sshd, the namespace servers) run at nice 19 and the engine's ping
 * helpers at nice 10 (production): the engine's loop gets a core first, as it would on site where
 * the servers are other machines. The delay relays (the wire) keep the normal priority. The
 * process tree's CPU is split into servers, relays and the workstation (engine, ping helpers,
 * pings) so the part that is ours is seen apart.
 *
 * Measured quiet (2026-11-29, load 2–6, no other jobs): wall 4.5 s against 61 s sequential
 * (13.6×), wall ÷ slowest 2.34, lag p99 50–57 ms, own stalls p99 5–6 ms. One parallel sweep is
 * ~8.3 s of CPU on 2 cores (92 % busy): servers ~3.5 s, relays ~0.45 s, workstation ~4.3 s, of
 * which the engine ~0.8 s and the 200 system pings ~3.4 s (a spawned process costs ~7–18 ms of
 * CPU on this VM, in the spawner and the ping together). So the sweep is CPU-bound here: it
 * cannot end much under ~4 s, while the slowest check alone (an SSH check) takes ~0.6–0.9 s.
 * Before the priorities (same machine, quiet): wall 5.0–5.4 s, lag p99 144–219 ms.
 * Under heavy load (other jobs, PSI > 95 %) at concurrency 128, tens of pings end as TIMEOUT: a
 * ping's budget runs from the request, also while it waits in its helper's queue. Counting it
 * from the spawn was tried and dropped: a dead host's ping then lasts queue wait + its own
 * deadline, past the check's budget. The default pool (32) is the safer one.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SWEEP_DEFAULTS } from '../electron/core/probes/sweep';
import { memoryHostKeyStore } from '../electron/core/probes/engine/host-keys';
import { runSweep } from '../electron/core/probes/engine/sweep';
import type { CheckDef, CheckResult, HostKeyStore } from '../electron/core/probes/engine/types';
import { cpuPressure } from '../tests/support/cpu';
import { createNetnsHost, type NetnsHost, type NsService } from '../tests/support/netns';
import { startSshd, type SshdFixture } from '../tests/support/sshd';
import { round, type Figure, type Suite } from './harness';
import { med, startLoopLag, type LoopLag } from './loop-lag';

const NAMESPACES = 20;
const PER_NS = 10;
const PARALLEL_RUNS = 3;
/** A wider pool, run alternately with the default one (same load), to show what the default costs. */
const WIDE_CONCURRENCY = 128;
const TCP_PORTS = [1433, 1521, 3306, 3389];
/**
 * The simulated servers run at the lowest CPU priority. On site they are other machines; here
 * they share this machine's 2 cores with the workstation's own work (engine, pings), and at
 * equal priority they took the CPU from the engine's event loop (lag p99 150–220 ms quiet,
 * almost all of it waiting for a core). They still compete with each other and with the sweep.
 * The delay relays (the "wire") keep the normal priority.
 */
const SERVER_NICE = 19;
/** Server-side think time of the HTTP endpoints, by address index (ms). */
const HTTP_DELAYS = [0, 0, 20, 50, 100];

export interface Site {
  hosts: NetnsHost[];
  sshds: SshdFixture[];
  /** The simulated servers (sshd, the namespace's HTTP/TCP server): lowest CPU priority. */
  serverPids: number[];
  /** The TUN delay relays (the "wire"), when there is no netem. */
  relayPids: number[];
  checks: CheckDef[];
  delays: number[];
}

interface Run {
  wall: number;
  /** Per kind: median and max duration (ms). */
  byKind: Record<string, [number, number]>;
  /** Whole machine's busy CPU time during the sweep (ms, all cores; null off Linux). */
  machineCpuMs: number | null;
  /**
   * CPU time of this process and every process under it (ping helpers and pings, sshd and its
   * sessions, namespace servers, delay relays) during the sweep (ms; null off Linux).
   */
  treeCpuMs: number | null;
  /** The part of treeCpuMs spent by the simulated servers (sshd + sessions + shells, HTTP/TCP servers). */
  serversCpuMs: number | null;
  /** The part of treeCpuMs spent by the delay relays. */
  relaysCpuMs: number | null;
  slowest: number;
  slowestId: string;
  failed: string[];
  lag: LoopLag;
  cpuMs: number;
  pressure: number | null;
  load: number;
}

/** 20–77 ms, varied from one namespace to the next. */
function delayOf(i: number): number {
  return 20 + ((i * 7) % 20) * 3;
}

async function inBatches<T>(n: number, batch: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += batch) out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, k) => fn(i + k)))));
  return out;
}

export async function buildSite(site: Site): Promise<void> {
  site.delays = Array.from({ length: NAMESPACES }, (_, i) => delayOf(i));
  // Made a few at a time; each one is pushed as soon as it exists, so teardown finds it.
  await inBatches(NAMESPACES, 5, async (i) => {
    const h = await createNetnsHost({ hosts: PER_NS, delayMs: site.delays[i]! });
    site.hosts[i] = h;
    const services: NsService[] = h.ips.flatMap((ip, j) => [
      { kind: 'http' as const, port: 80, host: ip, delayMs: HTTP_DELAYS[j % HTTP_DELAYS.length]! },
      ...(j === 0 ? [] : [{ kind: 'tcp' as const, port: TCP_PORTS[j % TCP_PORTS.length]!, host: ip }]),
    ]);
    if (h.relayPid !== null) site.relayPids.push(h.relayPid);
    const server = await h.startServices(services);
    site.sshds[i] = await startSshd({ netns: h.name, listenAddress: h.ip });
    for (const pid of [server.pid, site.sshds[i].pid]) {
      site.serverPids.push(pid);
      os.setPriority(pid, SERVER_NICE); // sshd's sessions and shells inherit it
    }
  });
  for (let i = 0; i < NAMESPACES; i++) {
    const h = site.hosts[i]!;
    const sshd = site.sshds[i]!;
    h.ips.forEach((ip, j) => {
      const id = `ns${i}-h${j}`;
      site.checks.push({ id: `${id}-ping`, kind: 'ping', host: ip });
      site.checks.push({ id: `${id}-tcp`, kind: 'tcp', host: ip, port: j === 0 ? 22 : TCP_PORTS[j % TCP_PORTS.length]! });
      site.checks.push({ id: `${id}-http`, kind: 'http', url: `http://${ip}/`, keyword: 'owb-ns ok' });
      if (j === 0) {
        site.checks.push({
          id: `${id}-ssh`, kind: 'ssh', host: ip, port: sshd.port, username: sshd.username, auth: { privateKey: sshd.privateKey },
          items: [{ kind: 'disk' }, { kind: 'memory' }, { kind: 'load' }, { kind: 'uptime' }],
        });
      }
    });
  }
}

export async function teardown(site: Site): Promise<void> {
  await Promise.allSettled(site.sshds.filter(Boolean).map((s) => s.stop()));
  await Promise.allSettled(site.hosts.filter(Boolean).map((h) => h.cleanup()));
}

/** Busy jiffies of the whole machine (all CPUs), from /proc/stat, in ms. */
function machineBusyMs(): number | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = f.reduce((a, b) => a + b, 0) - (f[3] ?? 0) - (f[4] ?? 0);
    return (busy * 1000) / 100;
  } catch {
    return null;
  }
}

/** CPU ms (own + reaped children) of the processes `roots` and all their descendants, from /proc. */
function treeCpuMs(roots: number[] = [process.pid]): number | null {
  try {
    const procs = new Map<number, { ppid: number; ticks: number }>();
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        // after the name: state ppid … utime(14) stime(15) cutime(16) cstime(17), 1-based in stat
        procs.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
      } catch {
        // gone meanwhile
      }
    }
    const kids = new Map<number, number[]>();
    for (const [pid, p] of procs) kids.set(p.ppid, [...(kids.get(p.ppid) ?? []), pid]);
    let ticks = 0;
    const stack = [...roots];
    while (stack.length) {
      const pid = stack.pop()!;
      ticks += procs.get(pid)?.ticks ?? 0;
      stack.push(...(kids.get(pid) ?? []));
    }
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}

function byKindOf(checks: CheckDef[], results: CheckResult[]): Record<string, [number, number]> {
  const groups = new Map<string, number[]>();
  results.forEach((r, i) => {
    const k = checks[i]!.kind;
    groups.set(k, [...(groups.get(k) ?? []), r.durationMs]);
  });
  return Object.fromEntries([...groups].map(([k, xs]) => [k, [med(xs), Math.max(...xs)]]));
}

function slowestOf(results: CheckResult[]): { ms: number; id: string } {
  let best = { ms: -1, id: '' };
  for (const r of results) if (r.durationMs > best.ms) best = { ms: r.durationMs, id: r.id ?? '' };
  return best;
}

export async function sweep(checks: CheckDef[], hostKeys: HostKeyStore, concurrency: number, site?: Pick<Site, 'serverPids' | 'relayPids'>): Promise<Run> {
  const serverPids = site?.serverPids ?? [];
  const relayPids = site?.relayPids ?? [];
  const load = os.loadavg()[0]!;
  const pressure = cpuPressure();
  const tree0 = treeCpuMs();
  const servers0 = treeCpuMs(serverPids);
  const relays0 = treeCpuMs(relayPids);
  const lag = startLoopLag();
  await new Promise((r) => setTimeout(r, 30));
  const cpu0 = process.cpuUsage();
  const busy0 = machineBusyMs();
  const t0 = performance.now();
  const results = await runSweep(checks, { hostKeys, concurrency, timeoutMs: SWEEP_DEFAULTS.timeoutMs, rawCapBytes: SWEEP_DEFAULTS.rawCapBytes });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const busy1 = machineBusyMs();
  const s = slowestOf(results);
  const l = lag.stop();
  const tree1 = treeCpuMs();
  const servers1 = treeCpuMs(serverPids);
  const relays1 = treeCpuMs(relayPids);
  return {
    wall, byKind: byKindOf(checks, results), machineCpuMs: busy0 !== null && busy1 !== null ? busy1 - busy0 : null,
    treeCpuMs: tree0 !== null && tree1 !== null ? tree1 - tree0 : null,
    serversCpuMs: serverPids.length && servers0 !== null && servers1 !== null ? servers1 - servers0 : null,
    relaysCpuMs: relayPids.length && relays0 !== null && relays1 !== null ? relays1 - relays0 : null, slowest: s.ms, slowestId: s.id, lag: l, cpuMs: (cpu.user + cpu.system) / 1000, pressure, load,
    failed: results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.error?.code ?? '?'}`),
  };
}

export function describeRun(tag: string, r: Run): string {
  return `  ${tag}: wall ${r.wall.toFixed(0)} ms, slowest ${r.slowest} ms (${r.slowestId}), lag p99 ${r.lag.lagP99.toFixed(1)} max ${r.lag.lagMax.toFixed(1)}, ` +
    `own p99 ${r.lag.ownP99?.toFixed(1) ?? '-'} max ${r.lag.ownMax?.toFixed(1) ?? '-'}, run-queue wait ${r.lag.runQueueWaitMs?.toFixed(0) ?? '-'} ms, ` +
    `cpu ${r.cpuMs.toFixed(0)} ms (process tree ${r.treeCpuMs?.toFixed(0) ?? '-'} ms of which servers ${r.serversCpuMs?.toFixed(0) ?? '-'} ms, relays ${r.relaysCpuMs?.toFixed(0) ?? '-'} ms, machine ${r.machineCpuMs?.toFixed(0) ?? '-'} ms), load ${r.load.toFixed(2)}, PSI ${r.pressure ?? '-'} %, failed ${r.failed.length}${r.failed.length ? ` (${r.failed.slice(0, 5).join(', ')})` : ''}\n` +
    `    by kind (median/max ms): ${Object.entries(r.byKind).map(([k, [m, x]]) => `${k} ${m}/${x}`).join(', ')}\n`;
}

function treeFigures(S: string, runs: Run[]): Figure[] {
  const tree = runs.map((r) => r.treeCpuMs).filter((x): x is number => x !== null);
  const machine = runs.map((r) => r.machineCpuMs).filter((x): x is number => x !== null);
  if (!tree.length || !machine.length) return [];
  const cores = os.cpus().length;
  return [{
    suite: S, name: 'CPU of the sweep\'s whole process tree (engine, pings, sshd + shells, servers, relays)', value: round(med(tree), 0), unit: 'ms',
    note: `machine busy ${round(med(machine), 0)} ms of ${round(med(runs.map((r) => r.wall)) * cores, 0)} ms (${cores} cores × wall): the rest is other jobs`,
  }, ...servers(S, runs)];
}

function servers(S: string, runs: Run[]): Figure[] {
  const xs = runs.map((r) => r.serversCpuMs).filter((x): x is number => x !== null);
  if (!xs.length) return [];
  const relays = med(runs.map((r) => r.relaysCpuMs ?? 0));
  const own = med(runs.map((r) => (r.treeCpuMs ?? 0) - (r.serversCpuMs ?? 0) - (r.relaysCpuMs ?? 0)));
  return [
    { suite: S, name: 'of which the simulated servers (sshd, sessions and shells, HTTP/TCP servers)', value: round(med(xs), 0), unit: 'ms', note: `nice ${SERVER_NICE}; on site other machines` },
    { suite: S, name: 'of which the delay relays (the simulated wire)', value: round(relays, 0), unit: 'ms' },
    { suite: S, name: 'of which the workstation (engine, ping helpers and their pings)', value: round(own, 0), unit: 'ms' },
  ];
}

export const probesScaleSuite: Suite = {
  name: 'probes-scale',
  async run() {
    const site: Site = { hosts: [], sshds: [], serverPids: [], relayPids: [], checks: [], delays: [] };
    // Ctrl-C / kill: tear down first (the fixtures' exit hooks are the backstop), then leave.
    let stopping = false;
    const onSignal = (sig: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${sig}: deleting the namespaces and stopping sshd…\n`);
      const bail = setTimeout(() => process.exit(130), 15_000);
      void teardown(site).finally(() => {
        clearTimeout(bail);
        process.exit(130);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const t0 = performance.now();
      await buildSite(site);
      process.stderr.write(`  site: ${NAMESPACES} namespaces × ${PER_NS} addresses, ${site.checks.length} checks, built in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      const hostKeys = memoryHostKeyStore();
      // Warm-up (not measured): host keys pinned, ARP entries, the ping helper, module code.
      const warm = await sweep(site.checks, hostKeys, SWEEP_DEFAULTS.concurrency, site);
      process.stderr.write(describeRun('warm-up', warm));
      const runs: Run[] = [];
      const wide: Run[] = [];
      for (let i = 0; i < PARALLEL_RUNS; i++) {
        runs.push(await sweep(site.checks, hostKeys, SWEEP_DEFAULTS.concurrency, site));
        process.stderr.write(describeRun(`parallel ${i + 1}`, runs[i]!));
        wide.push(await sweep(site.checks, hostKeys, WIDE_CONCURRENCY, site));
        process.stderr.write(describeRun(`parallel ${i + 1}, concurrency ${WIDE_CONCURRENCY}`, wide[i]!));
      }
      const seq = await sweep(site.checks, hostKeys, 1, site);
      process.stderr.write(describeRun('sequential', seq));

      const wall = med(runs.map((r) => r.wall));
      const ratio = med(runs.map((r) => r.wall / r.slowest));
      const speedup = seq.wall / wall;
      const lagP99 = med(runs.map((r) => r.lag.lagP99));
      const own = runs.map((r) => r.lag.ownP99).filter((x): x is number => x !== null);
      const failed = Math.max(seq.failed.length, ...runs.map((r) => r.failed.length), ...wide.map((r) => r.failed.length));
      const S = 'probes-scale';
      const loadNote = `load ${runs.map((r) => r.load.toFixed(1)).join('/')}, PSI ${runs.map((r) => r.pressure ?? '-').join('/')} % at start`;
      const figures: Figure[] = [
        { suite: S, name: `sweep ${site.checks.length} checks (${NAMESPACES * PER_NS} targets × ping/TCP/HTTP + ${NAMESPACES} SSH), delay 20–77 ms: wall (median of ${PARALLEL_RUNS})`, value: round(wall, 0), unit: 'ms', note: `concurrency ${SWEEP_DEFAULTS.concurrency}; ${loadNote}` },
        { suite: S, name: 'slowest single check (median)', value: round(med(runs.map((r) => r.slowest)), 0), unit: 'ms', note: runs.map((r) => r.slowestId).join(', ') },
        { suite: S, name: 'sweep wall / its slowest check', value: round(ratio, 2), unit: '×', goal: '≤ 1.3', pass: ratio <= 1.3 },
        { suite: S, name: `same sweep at concurrency ${WIDE_CONCURRENCY}: wall (median)`, value: round(med(wide.map((r) => r.wall)), 0), unit: 'ms', note: 'run alternately with the default-concurrency sweeps' },
        { suite: S, name: `same sweep at concurrency ${WIDE_CONCURRENCY}: wall / its slowest check`, value: round(med(wide.map((r) => r.wall / r.slowest)), 2), unit: '×', goal: '≤ 1.3', pass: med(wide.map((r) => r.wall / r.slowest)) <= 1.3 },
        { suite: S, name: 'sequential sweep (concurrency 1) wall', value: round(seq.wall, 0), unit: 'ms', note: 'the whole plan, run once' },
        { suite: S, name: 'speed-up over the sequential sweep', value: round(speedup, 1), unit: '×', goal: '≥ 20', pass: speedup >= 20 },
        { suite: S, name: 'event-loop lag p99 during the sweep', value: round(lagP99, 1), unit: 'ms', goal: '< 50', pass: lagP99 < 50, note: '20 sshd + shells, namespace servers and pings share the cores here' },
        { suite: S, name: 'event-loop lag max during the sweep', value: round(med(runs.map((r) => r.lag.lagMax)), 1), unit: 'ms' },
        ...(own.length ? [{ suite: S, name: 'loop stall p99 minus waiting for a CPU (own blocking)', value: round(med(own), 1), unit: 'ms', goal: '< 50', pass: med(own) < 50 }] : []),
        { suite: S, name: 'process CPU per parallel sweep', value: round(med(runs.map((r) => r.cpuMs)), 0), unit: 'ms' },
        ...treeFigures(S, runs),
        { suite: S, name: 'checks failed (should be 0)', value: failed, unit: '', goal: '= 0', pass: failed === 0 },
      ];
      return figures;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (!stopping) await teardown(site);
      const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
      const leaked = site.hosts.filter((h) => h && left.includes(h.name));
      if (leaked.length) process.stderr.write(`  warning: namespaces left: ${leaked.map((h) => h.name).join(' ')}\n`);
    }
  },
};
