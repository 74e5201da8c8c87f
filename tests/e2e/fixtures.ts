import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';
import type { Channel, Input, Output } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { LoginPage } from './pages/LoginPage';
import { ShellPage } from './pages/ShellPage';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = path.join(repoRoot, 'dist/renderer');
const DB_FILE_NAME = 'workbench.sqlite';

/** The administrator every test that needs one creates (there are no default accounts). */
export const ADMIN = { username: 'zhangwei', displayName: '张伟', password: 'Ops#2024secure' } as const;

/** Whom a test signs in as: the login and the name the header then shows. */
export interface Person {
  username: string;
  displayName: string;
  password: string;
}

/** An account the administrator creates (accounts/create). */
export type Account = Input<'accounts/create'>;

/** A running loopback bridge on a fresh data dir. */
export interface Workbench {
  /** The address with `#token=…`, as printed by `npm run web`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  dbPath: string;
  /** How it was started: in this process (`startBridge`) or as a child (`tsx serve.ts`). */
  mode: 'in-process' | 'child';
  close(): Promise<void>;
}

/** Calls the contract over HTTP exactly like the renderer does (token + optional session). */
export interface Api {
  call<C extends Channel>(channel: C, input: Input<C>, session?: string): Promise<Result<Output<C>>>;
  /** Like call, but fails the test unless ok; returns the data. */
  ok<C extends Channel>(channel: C, input: Input<C>, session?: string): Promise<Output<C>>;
  /** auth/login as `who`: the session token (fails the test unless it signs in). */
  login(who: Pick<Person, 'username' | 'password'>): Promise<string>;
}

function assertBuilt(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (npm run test:e2e does it) before the E2E tests.');
  }
}

interface StartBridgeModule {
  startBridge(opts: { dbPath: string; dataDir: string; rendererDir: string; port?: number; scheduler?: boolean }): Promise<{ url: string; origin: string; token: string; close(): Promise<void> }>;
}

async function startInProcess(dataDir: string, dbPath: string): Promise<Workbench> {
  const mod = (await import('../../electron/bridge/server')) as StartBridgeModule;
  const b = await mod.startBridge({ dbPath, dataDir, rendererDir: RENDERER_DIR, port: 0, scheduler: false });
  return { url: b.url, origin: b.origin, token: b.token, dataDir, dbPath, mode: 'in-process', close: () => b.close() };
}

/** `tsx electron/bridge/serve.ts --data-dir DIR --port 0 --json`: one JSON line on stdout. */
async function startChild(dataDir: string, dbPath: string): Promise<Workbench> {
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  const child: ChildProcess = spawn(tsx, ['electron/bridge/serve.ts', '--db', dbPath, '--port', '0', '--json', '--no-scheduler'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OWB_DATA_DIR: dataDir },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`bridge did not start in 30 s: ${stderr}`)), 30_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bridge exited with ${code}: ${stderr}`));
    });
  });
  const info = JSON.parse(line) as { url: string; origin: string; token: string };
  return {
    ...info,
    dataDir,
    dbPath,
    mode: 'child',
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Set once importing the core into the test worker failed: later tests go straight to a child. */
let inProcessFailed = false;

/**
 * Starts the bridge on a fresh temp data dir: in this process by default, or as a child process
 * when OWB_E2E_BRIDGE=child (or when importing the core here fails).
 */
export async function startWorkbench(existingDataDir?: string): Promise<Workbench> {
  assertBuilt();
  const dataDir = existingDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'owb-e2e-'));
  const dbPath = path.join(dataDir, DB_FILE_NAME);
  let wb: Workbench;
  if (process.env.OWB_E2E_BRIDGE === 'child' || inProcessFailed) {
    wb = await startChild(dataDir, dbPath);
  } else {
    try {
      wb = await startInProcess(dataDir, dbPath);
    } catch (e) {
      if (process.env.OWB_E2E_BRIDGE === 'in-process') throw e;
      inProcessFailed = true;
      process.stderr.write(`[e2e] in-process bridge failed (${e instanceof Error ? e.message : String(e)}); using a child process from now on\n`);
      wb = await startChild(dataDir, dbPath);
    }
  }
  // Closing twice (a test that restarts the bridge, then the fixture) is harmless.
  let closing: Promise<void> | null = null;
  const close = wb.close;
  return { ...wb, close: () => (closing ??= close()) };
}

export function apiFor(wb: Pick<Workbench, 'origin' | 'token'>): Api {
  async function call<C extends Channel>(channel: C, input: Input<C>, session?: string): Promise<Result<Output<C>>> {
    const res = await fetch(`${wb.origin}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${wb.token}` },
      body: JSON.stringify(session ? { channel, input, session } : { channel, input }),
    });
    return (await res.json()) as Result<Output<C>>;
  }
  async function ok<C extends Channel>(channel: C, input: Input<C>, session?: string): Promise<Output<C>> {
    const r = await call(channel, input, session);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
    return r.data;
  }
  return {
    call,
    ok,
    login: async (who) => (await ok('auth/login', { username: who.username, password: who.password })).token,
  };
}

/**
 * Console output that is not a bug of ours: Chromium reports that `frame-ancestors` is ignored
 * in a <meta> CSP (the same policy is also sent as a header, where it applies).
 */
const EXPECTED_CONSOLE = [/frame-ancestors.*ignored when delivered via a <meta> element/i];

interface Fixtures {
  workbench: Workbench;
  api: Api;
  /** Console errors and uncaught page errors seen during the test (checked empty at the end). */
  consoleErrors: string[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the object pattern
  workbench: async ({}, use) => {
    const wb = await startWorkbench();
    try {
      await use(wb);
    } finally {
      await wb.close();
      fs.rmSync(wb.dataDir, { recursive: true, force: true });
    }
  },
  api: async ({ workbench }, use) => {
    await use(apiFor(workbench));
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const onConsole = (m: ConsoleMessage) => {
        if ((m.type() === 'error' || m.type() === 'warning') && !EXPECTED_CONSOLE.some((re) => re.test(m.text()))) errors.push(`${m.type()}: ${m.text()} (${m.location().url})`);
      };
      page.on('console', onConsole);
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors/warnings in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Where the tests leave screenshots to look at (outside Playwright's cleaned output dir). */
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results/screenshots');

/** Saves a full-page screenshot as test-results/screenshots/<name>.png (mouse moved away first). */
export async function snap(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.mouse.move(1, 1);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * Creates the administrator through the contract (for tests that are not about setup), then the
 * given accounts with the administrator's session. Returns the administrator's sign-in.
 */
export async function setupAdmin(api: Api, ...accounts: Account[]): Promise<Output<'auth/setup-admin'>> {
  const admin = await api.ok('auth/setup-admin', { ...ADMIN });
  for (const a of accounts) await api.ok('accounts/create', a, admin.token);
  return admin;
}

/** Adds on-site staff to the attendance sheet, in this order (staff/save, as a 驻场工程师). */
export async function addStaff(api: Api, session: string, ...names: string[]): Promise<void> {
  for (const [sort, name] of names.entries()) await api.ok('staff/save', { name, title: '驻场工程师', phone: null, onSite: true, isManager: false, sort }, session);
}

/** Opens the workbench, signs in as `who` from the login screen and waits for the shell. */
export async function signIn(page: Page, wb: Pick<Workbench, 'url'>, who: Person): Promise<ShellPage> {
  await page.goto(wb.url);
  await new LoginPage(page).login(who.username, who.password);
  const shell = new ShellPage(page);
  await shell.expectSignedIn(who.displayName);
  return shell;
}

/**
 * First start through the contract, then signing in from the login screen: the administrator
 * creates `as` (when given) and `accounts`; `as`, or else the administrator, signs in.
 */
export async function setupAndSignIn(page: Page, wb: Pick<Workbench, 'url'>, api: Api, opts: { as?: Account; accounts?: Account[] } = {}): Promise<{ shell: ShellPage; admin: string }> {
  const { token } = await setupAdmin(api, ...(opts.as ? [opts.as] : []), ...(opts.accounts ?? []));
  return { shell: await signIn(page, wb, opts.as ?? ADMIN), admin: token };
}
