import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Boots the real bundle (dist/electron/main.cjs, built by scripts/build-electron.mjs) under
 * plain Node with a stand-in for the Electron runtime (which cannot be downloaded here): the
 * esbuild output, the core's migrations and resources beside the bundle, the startup order and
 * one IPC round trip through the real core on a fresh database.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const FAKE_ELECTRON = String.raw`
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const report = { order: [], paths: {}, windows: [], privileged: null, handles: [], results: {} };
const app = new EventEmitter();
Object.assign(app, {
  isPackaged: false,
  getAppPath: () => process.env.FAKE_APP_PATH,
  getVersion: () => '9.9.9',
  getName: () => 'owb',
  enableSandbox: () => report.order.push('enableSandbox'),
  setAppUserModelId: () => {},
  setPath: (k, v) => { report.paths[k] = v; report.order.push('setPath:' + k); },
  getPath: (k) => report.paths[k],
  requestSingleInstanceLock: () => { report.order.push('lock'); return true; },
  whenReady: () => { report.order.push('whenReady'); return Promise.resolve(); },
  isReady: () => true,
  quit: () => {}, exit: (c) => { report.exit = c; },
});
const handlers = {};
let protocolHandler = null;
const ses = {
  setPermissionRequestHandler: () => report.order.push('deny-permissions'),
  setPermissionCheckHandler: () => {}, setDevicePermissionHandler: () => {},
  webRequest: { onBeforeRequest: (l) => { report.requestFilter = [l.length]; report.order.push('filter-requests'); ses.filter = l; } },
};
class BrowserWindow extends EventEmitter {
  constructor(o) {
    super();
    report.windows.push(o);
    this.webContents = Object.assign(new EventEmitter(), { isDestroyed: () => false, getURL: () => 'app://workbench/index.html', send: () => {} });
    BrowserWindow.all.push(this);
  }
  loadURL(u) {
    report.loaded = u;
    setTimeout(async () => {
      const trusted = { senderFrame: { url: 'app://workbench/index.html', origin: 'app://workbench', parent: null } };
      const evil = { senderFrame: { url: 'https://evil.example/', origin: 'https://evil.example', parent: null } };
      report.results.info = await handlers['owb:invoke'](trusted, { channel: 'app/info', input: {} });
      report.results.unknown = await handlers['owb:invoke'](trusted, { channel: 'no/such', input: {} });
      report.results.evil = await handlers['owb:invoke'](evil, { channel: 'app/info', input: {} });
      // A pack built through IPC: the core hands the heavy part to dist/electron/pack-worker.cjs.
      const invoke = (channel, input, session) => handlers['owb:invoke'](trusted, session ? { channel, input, session } : { channel, input });
      const admin = await invoke('auth/setup-admin', { username: 'zhangwei', displayName: '张伟', password: 'Ops#2024secure' });
      await invoke('accounts/create', { username: 'liming', displayName: '李明', password: 'Eng#2024secure', roles: ['engineer'] }, admin.data.token);
      const eng = await invoke('auth/login', { username: 'liming', password: 'Eng#2024secure' });
      const lag = { worst: 0, last: performance.now() };
      const beat = setInterval(() => { const now = performance.now(); lag.worst = Math.max(lag.worst, now - lag.last); lag.last = now; }, 10);
      report.results.pack = await invoke('packs/build', { target: { kind: 'monthly', month: '2026-10' }, jobId: 'bundle-pack' }, eng.data.token);
      clearInterval(beat);
      report.results.packLagMs = lag.worst;
      const idx = await protocolHandler(new Request('app://workbench/index.html'));
      report.results.index = { status: idx.status, csp: idx.headers.get('content-security-policy'), type: idx.headers.get('content-type') };
      report.results.traversal = (await protocolHandler(new Request('app://workbench/%2e%2e/%2e%2e/package.json'))).status;
      const cancel = [];
      ses.filter({ url: 'https://evil.example/x.js' }, (r) => cancel.push(r.cancel));
      ses.filter({ url: 'app://workbench/assets/x.js' }, (r) => cancel.push(r.cancel));
      report.results.cancel = cancel;
      app.emit('will-quit');
      process.stdout.write('REPORT ' + JSON.stringify(report) + '\n');
      process.exit(0);
    }, 10);
    return Promise.resolve();
  }
  static getAllWindows() { return BrowserWindow.all; }
}
BrowserWindow.all = [];
const fake = {
  app, BrowserWindow,
  ipcMain: { handle: (ch, fn) => { handlers[ch] = fn; report.handles.push(ch); report.order.push('ipc:' + ch); }, removeHandler: () => {} },
  protocol: {
    registerSchemesAsPrivileged: (s) => { report.privileged = s; report.order.push('registerSchemesAsPrivileged'); },
    handle: (s, h) => { protocolHandler = h; report.order.push('protocol.handle:' + s); },
  },
  session: { defaultSession: ses, fromPartition: () => ses },
  dialog: { showErrorBox: (t, c) => { report.errorBox = t + ': ' + c; }, showMessageBox: async () => ({ response: 0 }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
  shell: { openExternal: async () => {}, openPath: async () => '' },
  Menu: { setApplicationMenu: () => report.order.push('menu'), buildFromTemplate: (t) => t },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? fake : load.call(this, request, ...rest); };
`;

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-bundle-'));
  fs.writeFileSync(path.join(tmp, 'fake-electron.cjs'), FAKE_ELECTRON);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { cwd: root, stdio: 'pipe' });
  if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.mts'], { cwd: root, stdio: 'pipe' });
  }
}, 320_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Report {
  order: string[];
  paths: Record<string, string>;
  windows: Array<{ webPreferences: Record<string, unknown> }>;
  privileged: unknown;
  handles: string[];
  loaded: string;
  errorBox?: string;
  results: {
    info: { ok: boolean; data: { version: string; dbPath: string; dbState: string } };
    unknown: { ok: boolean; error: { code: string } };
    evil: { ok: boolean; error: { code: string } };
    index: { status: number; csp: string; type: string };
    traversal: number;
    cancel: boolean[];
    pack: { ok: boolean; data?: { name: string; files: number; pdfs: number }; error?: { message: string } };
    packLagMs: number;
  };
}

describe('the built main bundle', () => {
  it('starts against a stand-in Electron, serves real IPC calls from the core and builds a pack in the bundled worker', () => {
    const dataDir = path.join(tmp, 'data');
    const run = spawnSync(process.execPath, ['-r', path.join(tmp, 'fake-electron.cjs'), path.join(root, 'dist', 'electron', 'main.cjs')], {
      cwd: tmp,
      env: { ...process.env, OWB_DATA_DIR: dataDir, FAKE_APP_PATH: root },
      encoding: 'utf8',
      timeout: 150_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('REPORT '));
    expect(line, run.stderr).toBeDefined();
    const report = JSON.parse(line?.slice('REPORT '.length) ?? '{}') as Report;
    expect(report.errorBox).toBeUndefined();

    // Before ready: privileged scheme, sandbox for all, data dir; then the lock; then ready.
    const at = (s: string) => report.order.indexOf(s);
    expect(at('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(at('registerSchemesAsPrivileged')).toBeLessThan(at('whenReady'));
    expect(at('enableSandbox')).toBeLessThan(at('whenReady'));
    expect(at('setPath:userData')).toBeLessThan(at('lock'));
    expect(at('protocol.handle:app')).toBeGreaterThan(at('whenReady'));
    expect(at('filter-requests')).toBeLessThan(at('ipc:owb:invoke'));
    expect(report.paths.userData).toBe(dataDir);
    expect(report.paths.sessionData).toBe(path.join(dataDir, 'chromium'));
    expect(report.handles.sort()).toEqual(['owb:invoke', 'owb:print-form', 'owb:print-pack', 'owb:printers']);

    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: path.join(root, 'dist', 'electron', 'preload.cjs') });
    expect(report.loaded).toBe('app://workbench/index.html');

    // The core opened <userData>/workbench.sqlite (migrations and resources found beside the bundle).
    expect(report.results.info).toMatchObject({ ok: true, data: { version: '9.9.9', dbPath: path.join(dataDir, 'workbench.sqlite'), dbState: 'ok' } });
    expect(fs.existsSync(path.join(dataDir, 'workbench.sqlite'))).toBe(true);
    expect(report.results.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(report.results.evil).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(report.results.index.status).toBe(200);
    expect(report.results.index.type).toBe('text/html; charset=utf-8');
    expect(report.results.index.csp).toContain("script-src 'self'");
    expect(report.results.traversal).toBe(404);
    expect(report.results.cancel).toEqual([true, false]);

    // The pack was assembled by the bundled worker thread and sealed into the data folder.
    expect(fs.existsSync(path.join(root, 'dist', 'electron', 'pack-worker.cjs'))).toBe(true);
    expect(report.results.pack, JSON.stringify(report.results.pack)).toMatchObject({ ok: true, data: { name: '月度验收资料-2026-10' } });
    expect(report.results.pack.data?.pdfs).toBeGreaterThan(1);
    expect(fs.existsSync(path.join(dataDir, 'packs', '月度验收资料-2026-10', 'manifest.json'))).toBe(true);
    expect(report.results.packLagMs).toBeLessThan(500);
  });

  it('keeps the preload a single CommonJS file that requires only electron', () => {
    const preload = fs.readFileSync(path.join(root, 'dist', 'electron', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toContain('exposeInMainWorld');
  });
});
