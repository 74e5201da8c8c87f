import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

/**
 * `npm start` where the Electron runtime is missing (as on this farm and on intranet PCs): it
 * must say how to get it and point to the browser mode — and contact no host unless the user
 * named a mirror. Runs a copy of the script in a scratch project so the real node_modules and
 * dist/ are not touched.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-start-'));
  fs.mkdirSync(path.join(root, 'scripts'));
  for (const f of ['start.mjs', 'check-native-abi.mjs']) fs.copyFileSync(path.join(here, f), path.join(root, 'scripts', f));
  fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  fs.mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
  fs.mkdirSync(path.join(root, 'dist', 'electron'), { recursive: true });
  for (const f of ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs']) fs.writeFileSync(path.join(root, f), '');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ELECTRON_|npm_config_electron|electron_config)/i.test(k)));
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--no-build'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...clean, electron_config_cache: path.join(root, 'cache'), ...env },
  });
}

it('without a runtime or a mirror it goes nowhere, explains how to get one and names the browser mode', () => {
  const r = start({});
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('未设置 ELECTRON_MIRROR');
  expect(r.stderr).toContain('npm run web');
  expect(r.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  expect(r.stderr).toContain(path.join(root, 'cache'));
  expect(r.stdout).not.toContain('下载');
});

it('an unreachable mirror named by the user is reported, not waited on', async () => {
  // A loopback port with nothing listening.
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const t0 = Date.now();
  const r = start({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/electron/` });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`无法连接 127.0.0.1:${port}`);
  expect(Date.now() - t0).toBeLessThan(30_000);
});

it('an unpacked runtime folder that lacks the executable is named', () => {
  const r = start({ ELECTRON_OVERRIDE_DIST_PATH: path.join(root, 'nothing-here') });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH=');
});
