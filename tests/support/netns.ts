// Hosts in network namespaces for probe tests. Each host is a namespace `owb-<hex>` joined to
// the root namespace by a veth pair carrying one 10.250.X.Y/30 (no default route, nothing else):
// traffic to the host's IP never leaves this machine. `cleanup()` deletes exactly what was made.
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
}

export interface NetnsHost {
  /** Namespace name (owb-…). */
  name: string;
  /** The host's address (inside the namespace). For an unreachable host nobody owns it. */
  ip: string;
  /** Our side of the veth. */
  gatewayIp: string;
  vethHost: string;
  /** Starts a node process inside the namespace serving `services` on `ip`. */
  startServices(services: NsService[]): Promise<{ pid: number }>;
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
  if (s.kind === 'http') {
    http.createServer((req, res) => {
      const t = setTimeout(() => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('owb-ns ok'); }, delay);
      res.on('close', () => clearTimeout(t));
    }).listen(s.port, host, ready);
  } else {
    net.createServer((sock) => {
      sock.on('error', () => {});
      const t = setTimeout(() => sock.end('owb-ns\\n'), delay);
      sock.on('close', () => clearTimeout(t));
    }).listen(s.port, host, ready);
  }
}
process.on('SIGTERM', () => process.exit(0));
`;

let scriptPath: Promise<string> | undefined;
function serverScript(): Promise<string> {
  scriptPath ??= (async () => {
    const dir = await tempDir('owb-netns-');
    const p = path.join(dir, 'ns-server.cjs');
    await fs.writeFile(p, SERVER_JS);
    return p;
  })();
  return scriptPath;
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

/** A /30 in 10.250.0.0/16 not used by any address or route here. */
async function freeSubnet(): Promise<{ gw: string; ip: string }> {
  const used = (await run('ip', ['-4', '-o', 'addr', 'show'])).stdout + (await run('ip', ['-4', 'route', 'show'])).stdout;
  for (let i = 0; i < 200; i++) {
    const x = randomInt(0, 256);
    const y = randomInt(0, 64) * 4;
    const net = `10.250.${x}.${y}`;
    if (used.includes(`10.250.${x}.${y + 1}`) || used.includes(`10.250.${x}.${y + 2}`) || used.includes(`${net}/30`)) continue;
    return { gw: `10.250.${x}.${y + 1}`, ip: `10.250.${x}.${y + 2}` };
  }
  throw new Error('no free 10.250.x.y/30');
}

export async function createNetnsHost(opts: NetnsOptions = {}): Promise<NetnsHost> {
  registerExitHook();
  const id = randomBytes(4).toString('hex');
  const name = `owb-${id}`;
  const vethHost = `owb${id}h`;
  const vethNs = `owb${id}n`;
  const { gw, ip } = await freeSubnet();
  const children = new Set<ChildProcess>();
  const record = { veth: vethHost, pids: new Set<number>() };
  let madeNs = false;
  let madeVeth = false;

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
  };

  try {
    await run('ip', ['netns', 'add', name]);
    madeNs = true;
    live.set(name, record);
    await run('ip', ['link', 'add', vethHost, 'type', 'veth', 'peer', 'name', vethNs, 'netns', name]);
    madeVeth = true;
    await run('ip', ['addr', 'add', `${gw}/30`, 'dev', vethHost]);
    await run('ip', ['link', 'set', vethHost, 'up']);
    await run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    if (opts.answer !== false) await run('ip', ['-n', name, 'addr', 'add', `${ip}/30`, 'dev', vethNs]);
    if (!opts.linkDown) await run('ip', ['-n', name, 'link', 'set', vethNs, 'up']);
  } catch (e) {
    await cleanup();
    throw e;
  }

  return {
    name,
    ip,
    gatewayIp: gw,
    vethHost,
    cleanup,
    startServices: async (services) => {
      const script = await serverScript();
      // `ip netns exec` execs the program: the child's PID is node's own.
      const child = spawn('ip', ['netns', 'exec', name, process.execPath, script, ip, JSON.stringify(services)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.add(child);
      if (child.pid !== undefined) record.pids.add(child.pid);
      child.once('exit', () => {
        if (child.pid !== undefined) record.pids.delete(child.pid);
      });
      await waitForLine(child, /^READY$/m, 10_000);
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
