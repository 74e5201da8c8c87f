// The `ping` package spawns the system ping, and spawning forks the calling process: 15–130 ms
// of stalled process per ping when the process is big (Electron, a test runner), measured here,
// and a worker thread does not help (the fork stalls every thread). So the pings are spawned by
// small helper processes (node, or Electron run as node) that run the `ping` package; this
// process forks once per helper to start them and then only exchanges JSON lines with them.
//
// Spawning a ping is itself 5–15 ms of blocked helper (fork + exec; measured on a small VM), so
// a sweep's pings are spread over one helper per CPU (at most 4), and a helper starts one ping
// per turn of its event loop: the replies of pings already finished go out between two spawns
// instead of after the whole batch (200 pings handed over at once all came back together, 7 s
// later, with one helper spawning them in one go).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import type { Socket } from 'node:net';
import readline from 'node:readline';
import ping from 'ping';

export interface PingConfig {
  timeout: number;
  deadline?: number;
  min_reply: number;
  numeric: boolean;
}

export interface PingReply {
  alive: boolean;
  /** Raw stdout of the system ping ('' if none). */
  output: string;
  /** First reply's round trip in ms, null if unknown. */
  time: number | null;
}

/**
 * The helper: argv[1] is the path of the `ping` package; one JSON request per stdin line, one
 * ping started per event-loop turn.
 */
const HELPER_JS = `
'use strict';
const ping = require(process.argv[1]);
const rl = require('readline').createInterface({ input: process.stdin });
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const queue = [];
let draining = false;
const drain = () => {
  const m = queue.shift();
  if (!m) { draining = false; return; }
  setImmediate(drain);
  ping.promise.probe(m.host, m.config).then(
    (r) => out({
      id: m.id, ok: true, alive: r.alive === true,
      output: typeof r.output === 'string' && r.output !== 'unknown' ? r.output : '',
      time: typeof r.time === 'number' && isFinite(r.time) ? r.time : null,
    }),
    () => out({ id: m.id, ok: false }),
  );
};
rl.on('line', (line) => {
  let m;
  try { m = JSON.parse(line); } catch (e) { return; }
  queue.push(m);
  if (!draining) { draining = true; setImmediate(drain); }
});
rl.on('close', () => { if (queue.length === 0) process.exit(0); else rl.removeAllListeners('close'); });
`;

type Pending = (r: PingReply | Error) => void;
type HelperReply = { id?: unknown; ok?: unknown; alive?: unknown; output?: unknown; time?: unknown };

interface Helper {
  child: ChildProcess;
  pending: Map<number, { resolve: Pending; host: string; config: PingConfig }>;
}

const IDLE_MS = 30_000;
/** os.setPriority() niceness: 10 = below normal (BELOW_NORMAL_PRIORITY_CLASS on Windows). */
const HELPER_PRIORITY = 10;
/** One helper per CPU, at most 4 (each is a small node process, ~40 MB). */
const HELPERS = Math.max(1, Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));
/**
 * Pings queued on every helper before another one is started. Starting a helper forks this
 * process (a stall of the loop, see above), so a small sweep keeps to one.
 */
const PINGS_PER_HELPER = 16;
const helpers: Helper[] = [];
let helperBroken = false;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;

let resolvedPath: string | null | undefined;
function pingPath(): string | null {
  if (resolvedPath !== undefined) return resolvedPath;
  try {
    resolvedPath = createRequire(import.meta.url).resolve('ping');
  } catch {
    resolvedPath = null; // bundled without import.meta: ping from this process
  }
  return resolvedPath;
}

async function inProcess(host: string, config: PingConfig): Promise<PingReply | Error> {
  try {
    const r = await ping.promise.probe(host, config);
    return {
      alive: r.alive === true,
      output: typeof r.output === 'string' && r.output !== 'unknown' ? r.output : '',
      time: typeof r.time === 'number' && Number.isFinite(r.time) ? r.time : null,
    };
  } catch {
    return new Error('ping failed');
  }
}

/** Keeps this process alive only while pings are pending. */
function setRef(child: ChildProcess, on: boolean): void {
  const out = child.stdout as Socket | null;
  if (on) {
    child.ref();
    out?.ref();
  } else {
    child.unref();
    out?.unref();
  }
}

function pendingCount(): number {
  return helpers.reduce((n, h) => n + h.pending.size, 0);
}

function onReply(h: Helper, line: string): void {
  let m: HelperReply;
  try {
    m = JSON.parse(line) as HelperReply;
  } catch {
    return;
  }
  if (typeof m.id !== 'number') return;
  const p = h.pending.get(m.id);
  if (!p) return;
  h.pending.delete(m.id);
  p.resolve(m.ok === true
    ? { alive: m.alive === true, output: typeof m.output === 'string' ? m.output : '', time: typeof m.time === 'number' ? m.time : null }
    : new Error('ping failed'));
  if (h.pending.size === 0) setRef(h.child, false);
  if (pendingCount() === 0) idle();
}

function startHelper(path: string): Helper {
  const child = spawn(process.execPath, ['-e', HELPER_JS, path], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    windowsHide: true,
  });
  // Below normal priority (inherited by the pings it spawns): on a busy PC the app's own
  // threads keep the CPU first; a ping mostly waits for the network, not for a core.
  if (child.pid !== undefined) {
    try {
      os.setPriority(child.pid, Math.max(HELPER_PRIORITY, os.getPriority()));
    } catch {
      // not permitted here: run at the normal priority
    }
  }
  const h: Helper = { child, pending: new Map() };
  readline.createInterface({ input: child.stdout! }).on('line', (line) => onReply(h, line));
  child.stdin!.on('error', () => undefined);
  const gone = (): void => {
    const i = helpers.indexOf(h);
    if (i >= 0) helpers.splice(i, 1);
    // Whatever was in flight is retried in this process rather than lost.
    for (const [id, p] of h.pending) {
      h.pending.delete(id);
      void inProcess(p.host, p.config).then(p.resolve);
    }
  };
  child.once('error', () => {
    helperBroken = true; // e.g. no usable runtime: stop trying
    gone();
  });
  child.once('exit', gone);
  helpers.push(h);
  setRef(child, false);
  return h;
}

function idle(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pendingCount() > 0) return;
    for (const h of helpers.splice(0)) h.child.stdin?.end(); // a helper exits when its stdin closes
  }, IDLE_MS);
  idleTimer.unref();
}

/** The helper with the fewest pings pending; another one when they all have PINGS_PER_HELPER. */
function pick(path: string): Helper {
  let best: Helper | undefined;
  for (const h of helpers) if (!best || h.pending.size < best.pending.size) best = h;
  if (!best || (best.pending.size >= PINGS_PER_HELPER && helpers.length < HELPERS)) best = startHelper(path);
  return best;
}

/**
 * Starts the helpers ahead of a sweep of `pings` pings (optional: `probe()` starts them when
 * needed): one, and one more per PINGS_PER_HELPER × 4 pings, up to one per CPU.
 */
export function warmUpPing(pings = 1): void {
  const path = pingPath();
  if (!path || helperBroken) return;
  const want = Math.min(HELPERS, 1 + Math.floor(Math.max(0, pings - 1) / (PINGS_PER_HELPER * 4)));
  while (!helperBroken && helpers.length < want) startHelper(path);
  if (pendingCount() === 0) idle();
}

/** One `ping.promise.probe()` run by a helper process. Never rejects. */
export function probe(host: string, config: PingConfig): Promise<PingReply | Error> {
  const path = pingPath();
  if (!path || helperBroken) return inProcess(host, config);
  return new Promise((resolve) => {
    const id = nextId++;
    clearTimeout(idleTimer);
    const h = pick(path);
    h.pending.set(id, { resolve, host, config });
    setRef(h.child, true);
    h.child.stdin?.write(`${JSON.stringify({ id, host, config })}\n`);
  });
}
