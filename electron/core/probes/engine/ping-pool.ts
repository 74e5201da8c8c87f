// The `ping` package spawns the system ping. Spawning forks this whole process: 15–130 ms of
// blocked event loop per ping in a big process (Electron, a test runner). So pings are spawned
// from one worker thread; the main loop only exchanges messages with it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
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

const WORKER_JS = `
'use strict';
const { parentPort, workerData } = require('worker_threads');
const ping = require(workerData.pingPath);
parentPort.on('message', (m) => {
  ping.promise.probe(m.host, m.config).then(
    (r) => parentPort.postMessage({
      id: m.id, ok: true, alive: r.alive === true,
      output: typeof r.output === 'string' && r.output !== 'unknown' ? r.output : '',
      time: typeof r.time === 'number' && isFinite(r.time) ? r.time : null,
    }),
    () => parentPort.postMessage({ id: m.id, ok: false }),
  );
});
`;

type Pending = (r: PingReply | Error) => void;
type WorkerReply = { id: number; ok: boolean; alive?: boolean; output?: string; time?: number | null };

const IDLE_MS = 30_000;
let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function pingPath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('ping');
  } catch {
    return null; // bundled without import.meta: ping from this thread
  }
}

function failAll(err: Error): void {
  for (const p of pending.values()) p(err);
  pending.clear();
}

function getWorker(path: string): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_JS, { eval: true, workerData: { pingPath: path } });
  w.on('message', (m: WorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    p(m.ok ? { alive: m.alive === true, output: m.output ?? '', time: m.time ?? null } : new Error('ping failed'));
    if (pending.size === 0) idle();
  });
  w.on('error', () => undefined);
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('ping worker exited'));
  });
  worker = w;
  return w;
}

function idle(): void {
  worker?.unref(); // never keeps the process alive
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending.size === 0 && worker) void worker.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

async function inThread(host: string, config: PingConfig): Promise<PingReply | Error> {
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

/** One `ping.promise.probe()`, run in the ping worker. Never rejects. */
export function probe(host: string, config: PingConfig): Promise<PingReply | Error> {
  const path = pingPath();
  if (!path) return inThread(host, config);
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    clearTimeout(idleTimer);
    const w = getWorker(path);
    w.ref();
    w.postMessage({ id, host, config });
  });
}
