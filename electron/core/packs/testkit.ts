/** Test support for the packs tests (not a test file itself). */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemo } from '../demo/generate';
import { makeCore, type TestCore } from '../test-utils';

export const DEMO_UNTIL = '2024-08-31';
export const DEMO_SEED = 'packs-test';
/** After service year 1 (2023-09-01..2024-08-31) and its acceptance. */
export const AFTER_YEAR_1 = '2024-09-05T02:00:00.000Z';

/**
 * A one-year demo database (service year 1), generated once per machine and test run into the
 * temp folder (a few seconds of CPU), then copied for each test file.
 */
export function demoCore(prefix: string, start = AFTER_YEAR_1): TestCore {
  const cache = path.join(os.tmpdir(), `owb-packs-demo-${DEMO_SEED}-${DEMO_UNTIL}-v3`);
  if (!fs.existsSync(path.join(cache, 'workbench.sqlite'))) {
    const tmp = `${cache}.tmp-${randomBytes(4).toString('hex')}`;
    fs.mkdirSync(tmp, { recursive: true });
    generateDemo({ dbPath: path.join(tmp, 'workbench.sqlite'), dataDir: tmp, years: 1, until: DEMO_UNTIL, seed: DEMO_SEED });
    try {
      fs.renameSync(tmp, cache);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another worker won the race
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of fs.readdirSync(cache)) if (f.startsWith('workbench.sqlite')) fs.copyFileSync(path.join(cache, f), path.join(dir, f));
  return makeCore({ dir, start });
}

export interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `owb …` (bin/owb.mjs) as a child process; never throws. */
export function owb(args: string[], opts: { timeoutMs?: number } = {}): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/owb.mjs', ...args], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Files of a folder, posix relative paths, sorted. */
export function listFiles(dir: string, pre = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${pre}${e.name}/`) : [`${pre}${e.name}`]))
    .sort();
}

/** A small JPEG-looking scan (header + random body + EOI). */
export function fakeJpeg(kb = 40): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(kb * 1024), Buffer.from([0xff, 0xd9])]);
}
