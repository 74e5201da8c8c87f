// Hosts in network namespaces for probe tests. Each host is a namespace `owb-<hex>` joined to
// the root namespace by a veth pair carrying one 10.250.X.Y/30 (no default route, nothing else):
// traffic to the host's IP never leaves this machine. `cleanup()` deletes exactly what was made.
// With `hosts: n` the link carries the smallest block of 10.250.0.0/16 holding n host addresses
// (all inside the namespace), and `delayMs` adds delay to everything the namespace sends: netem
// where the kernel has it, else the link is a pair of TUN devices joined by a small relay process
// (python3) that holds each packet from the namespace for `delayMs` — netem's effect in userspace.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { run, stopChild, tempDir, waitForLine } from './proc';

export interface NsService {
  kind: 'http' | 'tcp';
  port: number;
  /** http: wait this long before answering; tcp: before sending the banner. */
  delayMs?: number;
  /** Address to listen on: one of the host's `ips` (default `ip`). */
  host?: string;
}

export interface NetnsHost {
  /** Namespace name (owb-…). */
  name: string;
  /** The host's address (inside the namespace). For an unreachable host nobody owns it. */
  ip: string;
  /** Every host address of the namespace (`ips[0]` is `ip`); one unless `hosts` was given. */
  ips: string[];
  /** Our side of the veth. */
  gatewayIp: string;
  vethHost: string;
  /** Starts a node process inside the namespace serving `services` on `ip`. */
  startServices(services: NsService[]): Promise<{ pid: number }>;
  /** The PID of the TUN delay relay, when the delay is made by one (no netem here). */
  relayPid: number | null;
  cleanup(): Promise<void>;
}

export interface NetnsOptions {
  /**
   * false: the namespace end of the veth has no address, so nothing answers ARP and every packet
   * to `ip` is lost (an unreachable host). Default true.
   */
  answer?: boolean;
  /** Also leave the namespace end of the link down. */
  linkDown?: boolean;
  /** Host addresses in the namespace (default 1, at most 61): the link gets a block that holds them. */
  hosts?: number;
  /** netem delay (ms) on everything the namespace sends, i.e. added to each round trip. */
  delayMs?: number;
  /** netem jitter (ms) around `delayMs`. */
  jitterMs?: number;
}

const SERVER_JS = `
'use strict';
const net = require('net');
const http = require('http');
const [host, specJson] = process.argv.slice(2);
const specs = JSON.parse(specJson);
let pending = specs.length;
const ready = () => { if (--pending === 0) process.stdout.write('READY\\n'); };
for (const s of specs) {
  const delay = s.delayMs || 0;
  const at = s.host || host;
  if (s.kind === 'http') {
    http.createServer((req, res) => {
      const t = setTimeout(() => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('owb-ns ok'); }, delay);
      res.on('close', () => clearTimeout(t));
    }).listen(s.port, at, ready);
  } else {
    net.createServer((sock) => {
      sock.on('error', () => {});
      const t = setTimeout(() => sock.end('owb-ns\\n'), delay);
      sock.on('close', () => clearTimeout(t));
    }).listen(s.port, at, ready);
  }
}
process.on('SIGTERM', () => process.exit(0));
`;

/**
 * The delaying link without netem: argv = outer TUN name, inner TUN name, delay towards the
 * namespace (ms), delay from it (ms), jitter (ms). Creates both devices (they vanish when it
 * exits), says READY, then moves packets between them, each after its delay, in order.
 */
const RELAY_PY = `
import collections, fcntl, math, os, random, select, struct, sys, time
TUNSETIFF = 0x400454ca
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
def tun(name):
    fd = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH', name.encode(), IFF_TUN | IFF_NO_PI))
    return fd
outer, inner = tun(sys.argv[1]), tun(sys.argv[2])
jitter = float(sys.argv[5]) / 1000
# fd read -> [fd written, delay, queue of (due, packet)]
route = {outer: [inner, float(sys.argv[3]) / 1000, collections.deque()], inner: [outer, float(sys.argv[4]) / 1000, collections.deque()]}
sys.stdout.write('READY\\n')
sys.stdout.flush()
poll = select.poll()
for fd in route:
    poll.register(fd, select.POLLIN)
while True:
    heads = [q[0][0] for _, _, q in route.values() if q]
    timeout = None if not heads else max(0, math.ceil((min(heads) - time.monotonic()) * 1000))
    for fd, ev in poll.poll(timeout):
        dst, delay, q = route[fd]
        for _ in range(256):
            try:
                pkt = os.read(fd, 65536)
            except BlockingIOError:
                break
            due = time.monotonic() + delay + (random.uniform(-jitter, jitter) if jitter else 0)
            q.append((max(due, q[-1][0]) if q else due, pkt))
    now = time.monotonic()
    for dst, _, q in route.values():
        while q and q[0][0] <= now:
            pkt = q.popleft()[1]
            try:
                os.write(dst, pkt)
            except OSError:
                pass  # a full queue drops the packet, like a network
`;

const scripts = new Map<string, Promise<string>>();
function scriptFile(file: string, text: string): Promise<string> {
  let p = scripts.get(file);
  if (!p) {
    p = (async () => {
      const dir = await tempDir('owb-netns-');
      const f = path.join(dir, file);
      await fs.writeFile(f, text);
      return f;
    })();
    scripts.set(file, p);
  }
  return p;
}
const serverScript = (): Promise<string> => scriptFile('ns-server.cjs', SERVER_JS);

let netem: Promise<boolean> | undefined;
/** Whether this kernel has netem (tried once, on the loopback of a throwaway namespace). */
export function netemAvailable(): Promise<boolean> {
  netem ??= (async () => {
    const ns = `owb-${randomBytes(4).toString('hex')}`;
    live.set(ns, { veth: `owb${ns.slice(4)}h`, pids: new Set() });
    try {
      await run('ip', ['netns', 'add', ns]);
      await run('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']);
      return true;
    } catch {
      return false;
    } finally {
      await run('ip', ['netns', 'del', ns]).catch(() => undefined);
      live.delete(ns);
    }
  })();
  return netem;
}

/** Leftovers to delete synchronously if the process exits without cleanup (a crashed test). */
const live = new Map<string, { veth: string; pids: Set<number> }>();
let exitHook = false;
function registerExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const [ns, r] of live) {
      for (const pid of r.pids) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
      try { execFileSync('ip', ['link', 'del', r.veth], { stdio: 'ignore' }); } catch { /* gone with the namespace */ }
      try { execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' }); } catch { /* already deleted */ }
    }
  });
}

/** Addresses in 10.250.0.0/16 already on an interface or in a route here. */
async function usedIn10250(): Promise<Set<number>> {
  const text = (await run('ip', ['-4', '-o', 'addr', 'show'])).stdout + (await run('ip', ['-4', 'route', 'show'])).stdout;
  const used = new Set<number>();
  for (const m of text.matchAll(/10\.250\.(\d+)\.(\d+)(?:\/(\d+))?/g)) {
    const base = Number(m[1]) * 256 + Number(m[2]);
    const size = m[3] !== undefined ? 2 ** (32 - Number(m[3])) : 1;
    const start = base - (base % size);
    for (let a = start; a < start + size; a++) used.add(a);
  }
  return used;
}

/** Blocks being set up by this process (not yet visible in `ip addr`). */
const claimed = new Set<number>();

/**
 * A block of 10.250.0.0/16 (/30 for one host, larger for more) not used by any address or route
 * here: the gateway is its first address, the hosts the next ones.
 */
async function freeSubnet(hosts = 1): Promise<{ gw: string; ips: string[]; prefix: number; release(): void }> {
  const prefix = 32 - Math.ceil(Math.log2(hosts + 3));
  const size = 2 ** (32 - prefix);
  const used = await usedIn10250();
  const addr = (n: number): string => `10.250.${Math.floor(n / 256)}.${n % 256}`;
  for (let i = 0; i < 400; i++) {
    const base = randomInt(0, 65536 / size) * size;
    let free = !claimed.has(base);
    for (let a = base; free && a < base + size; a++) if (used.has(a)) free = false;
    if (!free) continue;
    claimed.add(base);
    return {
      gw: addr(base + 1),
      ips: Array.from({ length: hosts }, (_, k) => addr(base + 2 + k)),
      prefix,
      release: () => claimed.delete(base),
    };
  }
  throw new Error(`no free /${prefix} in 10.250.0.0/16`);
}

export async function createNetnsHost(opts: NetnsOptions = {}): Promise<NetnsHost> {
  registerExitHook();
  const id = randomBytes(4).toString('hex');
  const name = `owb-${id}`;
  const vethHost = `owb${id}h`;
  const vethNs = `owb${id}n`;
  const hosts = Math.max(1, Math.min(61, Math.floor(opts.hosts ?? 1)));
  const { gw, ips, prefix, release } = await freeSubnet(hosts);
  const ip = ips[0]!;
  const children = new Set<ChildProcess>();
  const record = { veth: vethHost, pids: new Set<number>() };
  let madeNs = false;
  let madeVeth = false;
  let relayPid: number | null = null;

  const cleanup = async (): Promise<void> => {
    await Promise.all([...children].map((c) => stopChild(c)));
    children.clear();
    if (madeVeth) {
      await run('ip', ['link', 'del', vethHost]).catch(() => undefined); // gone already if the namespace went first
      madeVeth = false;
    }
    if (madeNs) {
      await run('ip', ['netns', 'del', name]);
      madeNs = false;
    }
    live.delete(name);
    release();
  };

  /** Starts `cmd` (its PID tracked for cleanup) and waits for its READY line. */
  const startChild = async (cmd: string, args: string[]): Promise<ChildProcess> => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(child);
    if (child.pid !== undefined) record.pids.add(child.pid);
    child.once('exit', () => {
      if (child.pid !== undefined) record.pids.delete(child.pid);
    });
    await waitForLine(child, /^READY$/m, 30_000); // node starting under heavy load: seconds
    return child;
  };

  try {
    const tunLink = !!opts.delayMs && !(await netemAvailable());
    await run('ip', ['netns', 'add', name]);
    madeNs = true;
    live.set(name, record);
    if (tunLink) {
      // The relay owns both TUN devices: they go when it is stopped.
      relayPid = (await startChild('python3', ['-c', RELAY_PY, vethHost, vethNs, '0', String(opts.delayMs), String(opts.jitterMs ?? 0)])).pid ?? null;
      madeVeth = true;
      await run('ip', ['link', 'set', vethNs, 'netns', name]);
    } else {
      await run('ip', ['link', 'add', vethHost, 'type', 'veth', 'peer', 'name', vethNs, 'netns', name]);
      madeVeth = true;
    }
    await run('ip', ['addr', 'add', `${gw}/${prefix}`, 'dev', vethHost]);
    await run('ip', ['link', 'set', vethHost, 'up']);
    await run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    if (opts.answer !== false) {
      for (const a of ips) await run('ip', ['-n', name, 'addr', 'add', `${a}/${prefix}`, 'dev', vethNs]);
    }
    if (opts.delayMs && !tunLink) {
      const jitter = opts.jitterMs ? [`${opts.jitterMs}ms`] : [];
      await run('ip', ['netns', 'exec', name, 'tc', 'qdisc', 'add', 'dev', vethNs, 'root', 'netem', 'delay', `${opts.delayMs}ms`, ...jitter]);
    }
    if (!opts.linkDown) await run('ip', ['-n', name, 'link', 'set', vethNs, 'up']);
  } catch (e) {
    await cleanup();
    throw e;
  }

  return {
    name,
    ip,
    ips,
    gatewayIp: gw,
    vethHost,
    relayPid,
    cleanup,
    startServices: async (services) => {
      const script = await serverScript();
      // `ip netns exec` execs the program: the child's PID is node's own.
      const child = await startChild('ip', ['netns', 'exec', name, process.execPath, script, ip, JSON.stringify(services)]);
      return { pid: child.pid! };
    },
  };
}

/** Namespaces and veths of ours that still exist (a test can assert none leaked). */
export async function leftovers(names: string[]): Promise<string[]> {
  const ns = (await run('ip', ['netns', 'list'])).stdout;
  const links = (await run('ip', ['-o', 'link', 'show'])).stdout;
  return names.filter((n) => ns.includes(n) || links.includes(`owb${n.slice(4)}h`));
}
