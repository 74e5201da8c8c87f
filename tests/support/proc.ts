// Process and port helpers for the test fixtures. Processes are only ever stopped by the PID of
// a child this process started.
import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** Runs a program (no shell); rejects with its stderr on a non-zero exit. */
export async function run(cmd: string, args: string[], timeoutMs = 20_000): Promise<{ stdout: string; stderr: string }> {
  try {
    const r = await execFileP(cmd, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 });
    return { stdout: String(r.stdout), stderr: String(r.stderr) };
  } catch (e) {
    const err = e as { stderr?: unknown; message?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${String(err.stderr ?? '').trim() || err.message}`);
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `cond` until true or the time is up. */
export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Stops a child we started, by its PID: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Resolves with the first stdout line matching `re` of `child`, rejects if it exits first. */
export function waitForLine(child: ChildProcess, re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => done(new Error(`no line matching ${re} within ${timeoutMs} ms: ${buf.slice(-500)}`)), timeoutMs);
    const onData = (d: Buffer): void => {
      buf += d.toString('utf8');
      const m = re.exec(buf);
      if (m) done(null, m);
    };
    const onExit = (code: number | null): void => done(new Error(`process exited (${code}) before ${re}: ${buf.slice(-500)}`));
    const done = (err: Error | null, m?: RegExpExecArray): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m!);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
