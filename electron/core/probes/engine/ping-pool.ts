// The `ping` package spawns the system ping, and spawning forks the calling process: 15–130 ms
// of stalled process per ping when the process is big (Electron, a test runner), measured here,
// and a worker thread does not help (the fork stalls every thread). So the pings are spawned by
// one small helper process (node, or Electron run as node) that runs the `ping` package; this
// process forks once to start it and then only exchanges JSON lines with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
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

/** The helper: argv[1] is the path of the `ping` package; one JSON request per stdin line. */
const HELPER_JS = `
'use strict';
const ping = require(process.argv[1]);
const rl = require('readline').createInterface({ input: process.stdin });
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
rl.on('line', (line) => {
  let m;
  try { m = JSON.parse(line); } catch (e) { return; }
  ping.promise.probe(m.host, m.config).then(
    (r) => out({
      id: m.id, ok: true, alive: r.alive === true,
      output: typeof r.output === 'string' && r.output !== 'unknown' ? r.output : '',
      time: typeof r.time === 'number' && isFinite(r.time) ? r.time : null,
    }),
    () => out({ id: m.id, ok: false }),
  );
});
rl.on('close', () => process.exit(0));
`;

type Pending = (r: PingReply | Error) => void;
type HelperReply = { id?: unknown; ok?: unknown; alive?: unknown; output?: unknown; time?: unknown };

const IDLE_MS = 30_000;
let helper: ChildProcess | null = null;
let helperBroken = false;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: Pending; host: string; config: PingConfig }>();

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

function onReply(line: string): void {
  let m: HelperReply;
  try {
    m = JSON.parse(line) as HelperReply;
  } catch {
    return;
  }
  if (typeof m.id !== 'number') return;
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  p.resolve(m.ok === true
    ? { alive: m.alive === true, output: typeof m.output === 'string' ? m.output : '', time: typeof m.time === 'number' ? m.time : null }
    : new Error('ping failed'));
  if (pending.size === 0) idle();
}

function startHelper(path: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', HELPER_JS, path], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    windowsHide: true,
  });
  readline.createInterface({ input: child.stdout! }).on('line', onReply);
  child.stdin!.on('error', () => undefined);
  const gone = (): void => {
    if (helper === child) helper = null;
    // Whatever was in flight is retried in this process rather than lost.
    for (const [id, p] of pending) {
      pending.delete(id);
      void inProcess(p.host, p.config).then(p.resolve);
    }
  };
  child.once('error', () => {
    helperBroken = true; // e.g. no usable runtime: stop trying
    gone();
  });
  child.once('exit', gone);
  return child;
}

function idle(): void {
  if (helper) setRef(helper, false);
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending.size === 0 && helper) {
      helper.stdin?.end(); // the helper exits when its stdin closes
      helper = null;
    }
  }, IDLE_MS);
  idleTimer.unref();
}

/** Starts the helper ahead of a sweep (optional: `probe()` starts it when needed). */
export function warmUpPing(): void {
  const path = pingPath();
  if (!path || helperBroken || helper) return;
  helper = startHelper(path);
  idle();
}

/** One `ping.promise.probe()` run by the helper process. Never rejects. */
export function probe(host: string, config: PingConfig): Promise<PingReply | Error> {
  const path = pingPath();
  if (!path || helperBroken) return inProcess(host, config);
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, { resolve, host, config });
    clearTimeout(idleTimer);
    helper ??= startHelper(path);
    setRef(helper, true);
    helper.stdin?.write(`${JSON.stringify({ id, host, config })}\n`);
  });
}
