#!/usr/bin/env node
// `npm start`: builds the renderer and the Electron shell, obtains the Electron runtime and
// opens the app. Where the runtime cannot be had (intranet PCs, build farms without internet)
// it says so in Chinese and English — how to get it and how to use the browser mode — and exits
// 1. It contacts no host unless the user names an Electron mirror (ELECTRON_MIRROR, e.g. on the
// intranet); then the mirror is probed first (5 s) and the download is bounded
// (OWB_ELECTRON_DOWNLOAD_TIMEOUT seconds, default 600).
//
//   npm start                     build + run
//   npm start -- --no-build       run the existing dist/
//   npm start -- <electron args>  anything else is passed to Electron (e.g. --no-sandbox as root)
//
// How electron@45 finds its binary (node_modules/electron/index.js, install.js): path.txt names
// the executable inside node_modules/electron/dist; ELECTRON_OVERRIDE_DIST_PATH replaces that
// folder; otherwise install.js downloads electron-v<version>-<platform>-<arch>.zip with
// @electron/get (ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, cache root electron_config_cache), checks
// it against node_modules/electron/checksums.json and unzips it.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronAbi, inspectNodeFile } from './check-native-abi.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const PROBE_MS = 5_000;
const DOWNLOAD_S = Number(process.env.OWB_ELECTRON_DOWNLOAD_TIMEOUT) > 0 ? Number(process.env.OWB_ELECTRON_DOWNLOAD_TIMEOUT) : 600;
const GITHUB = 'https://github.com/electron/electron/releases/download/';

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const electronArgs = args.filter((a) => a !== '--no-build');

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

function fail(lines, code = 1) {
  process.stderr.write(`\n${lines.join('\n')}\n`);
  process.exit(code);
}

// --- 1. build ----------------------------------------------------------------------------
function runStep(label, cmdArgs) {
  say(`▶ ${label}`);
  const r = spawnSync(process.execPath, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail([`✖ ${label} 失败 / failed (exit ${r.status ?? r.signal}).`]);
}

if (!fs.existsSync(path.join(electronDir, 'package.json'))) {
  fail(['找不到 node_modules/electron：请先运行 npm install。', 'node_modules/electron is missing: run npm install first.']);
}
const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;

if (!noBuild) {
  runStep('构建界面 / building the renderer (vite)', [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.config.mts', '--logLevel', 'warn']);
  runStep('构建 Electron 外壳 / building the Electron shell (esbuild)', [path.join(root, 'scripts', 'build-electron.mjs')]);
}
for (const f of ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs']) {
  if (!fs.existsSync(path.join(root, f))) fail([`找不到 ${f}：请去掉 --no-build 重新运行。`, `${f} is missing: run without --no-build.`]);
}

// --- 2. the Electron runtime ---------------------------------------------------------------
const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
const arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;
const zipName = `electron-v${electronVersion}-${platform}-${arch}.zip`;

function platformExecutable() {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

function readPathTxt() {
  try {
    return fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
  } catch {
    return null;
  }
}

/** @electron/get's mirrorVar(): .npmrc (npm_config_*), package.json config, then the ELECTRON_* variable. */
function mirrorVar(name, fallback) {
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  const env = process.env;
  return (
    env[`npm_config_electron_${name.toLowerCase()}`] ||
    env[`NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`] ||
    env[`npm_config_electron_${snake}`] ||
    env[`npm_package_config_electron_${name}`] ||
    env[`npm_package_config_electron_${snake}`] ||
    env[`ELECTRON_${snake.toUpperCase()}`] ||
    fallback
  );
}

function downloadUrl() {
  const base = mirrorVar('mirror', GITHUB);
  const dir = mirrorVar('customDir', `v${electronVersion}`).replace('{{ version }}', electronVersion);
  const file = mirrorVar('customFilename', zipName);
  return `${base}${dir}/${file}`;
}

/** Where @electron/get looks for the zip: <cache root>/<sha256 of the URL's folder>/<zip>. */
function cacheRoot() {
  if (process.env.electron_config_cache) return process.env.electron_config_cache;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron', 'Cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'electron');
  return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'electron');
}

function cachedZipPath(url) {
  const u = new URL(url);
  u.hash = '';
  u.search = '';
  u.pathname = path.posix.dirname(u.pathname);
  const dir = crypto.createHash('sha256').update(u.toString()).digest('hex');
  return path.join(cacheRoot(), dir, zipName);
}

function installedExecutable() {
  const rel = readPathTxt();
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || platformExecutable());
    return fs.existsSync(exe) ? exe : null;
  }
  if (!rel) return null;
  let version = '';
  try {
    version = fs.readFileSync(path.join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
  } catch {
    return null;
  }
  const exe = path.join(electronDir, 'dist', rel);
  return version === electronVersion && fs.existsSync(exe) ? exe : null;
}

function usesProxy() {
  return Boolean(process.env.ELECTRON_GET_USE_PROXY || process.env.GLOBAL_AGENT_HTTPS_PROXY || process.env.GLOBAL_AGENT_HTTP_PROXY);
}

/** TCP connect to the mirror's host within PROBE_MS; resolves to null or a reason. */
function probe(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve(`镜像地址无效 / invalid mirror URL: ${url}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return Promise.resolve(`镜像只支持 http(s) / the mirror must be http(s): ${url}`);
  const port = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (reason) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(PROBE_MS, () => done(`连接 ${u.host} 超时 / connecting to ${u.host} timed out (${PROBE_MS / 1000} s)`));
    socket.once('connect', () => done(null));
    socket.once('error', (e) => done(`无法连接 ${u.host} / cannot reach ${u.host}: ${e.code || e.message}`));
  });
}

/** Runs electron's install.js (download or unzip from cache), bounded in time. */
function runInstall(timeoutS) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
      resolve(`下载超时 / download timed out after ${timeoutS} s (OWB_ELECTRON_DOWNLOAD_TIMEOUT)`);
    }, timeoutS * 1000);
    child.once('error', (e) => {
      clearTimeout(timer);
      resolve(e.message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve(null);
      const first = stderr.split('\n').find((l) => l.trim()) ?? `exit ${code}`;
      resolve(`install.js: ${first.trim().slice(0, 300)}`);
    });
  });
}

async function obtainElectron() {
  const ready = installedExecutable();
  if (ready) return { exe: ready };
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { reason: `ELECTRON_OVERRIDE_DIST_PATH=${process.env.ELECTRON_OVERRIDE_DIST_PATH} 中没有 / has no ${readPathTxt() || platformExecutable()}` };
  }
  const url = downloadUrl();
  const zip = cachedZipPath(url);
  if (fs.existsSync(zip)) {
    say(`▶ 从缓存解压 Electron / unpacking Electron from the cache: ${zip}`);
  } else if (!mirrorVar('mirror', '')) {
    // Offline by default: only a mirror the user named is ever contacted.
    return { reason: '未设置 ELECTRON_MIRROR，npm start 不会自行联网下载 / ELECTRON_MIRROR is not set; npm start never goes online by itself', url, zip };
  } else {
    if (!usesProxy()) {
      const unreachable = await probe(url);
      if (unreachable) return { reason: unreachable, url, zip };
    }
    say(`▶ 下载 Electron ${electronVersion} / downloading Electron: ${url}`);
  }
  const failed = await runInstall(fs.existsSync(zip) ? 120 : DOWNLOAD_S);
  if (failed) return { reason: failed, url, zip };
  const exe = installedExecutable();
  return exe ? { exe } : { reason: '安装后仍找不到可执行文件 / no executable after install', url, zip };
}

function runtimeHelp(r) {
  const url = r.url ?? downloadUrl();
  const zip = r.zip ?? cachedZipPath(url);
  const defaultZip = cachedZipPath(`${GITHUB}v${electronVersion}/${zipName}`);
  const win = process.platform === 'win32';
  const setEnv = (k, v) => (win ? `$env:${k}="${v}"; npm start        (PowerShell)` : `${k}=${v} npm start`);
  return [
    `✖ 无法获得 Electron ${electronVersion} 运行时（${platform}-${arch}）/ The Electron ${electronVersion} runtime (${platform}-${arch}) is not available.`,
    `  原因 / reason: ${r.reason}`,
    '',
    '任选一种方式获得运行时，然后重新运行 npm start / Get the runtime one of these ways, then run npm start again:',
    '',
    '  1) 内网 Electron 镜像 / an intranet Electron mirror',
    `     ${setEnv('ELECTRON_MIRROR', 'http://镜像主机/electron/')}`,
    `     会下载 / it fetches: <ELECTRON_MIRROR>v${electronVersion}/${zipName}`,
    '     （目录结构不同时用 ELECTRON_CUSTOM_DIR，例如 "{{ version }}" / other layouts: ELECTRON_CUSTOM_DIR, e.g. "{{ version }}"）',
    '',
    `  2) 把 ${zipName} 复制到 Electron 的下载缓存（离线校验 checksums.json，不联网）`,
    `     Copy ${zipName} into Electron's download cache (checked offline against checksums.json):`,
    `     ${zip}`,
    ...(zip !== defaultZip ? [`     （未设置 ELECTRON_MIRROR 时 / without ELECTRON_MIRROR: ${defaultZip}）`] : []),
    '     也可用 electron_config_cache 指定缓存根目录 / or choose the cache root with electron_config_cache:',
    `     electron_config_cache=<目录/dir> → <目录/dir>/<sha256>/${zipName}（运行本命令可显示完整路径 / rerun to see the full path）`,
    '',
    `  3) 已解压的 Electron ${electronVersion} 文件夹 / an unpacked Electron ${electronVersion} folder`,
    `     ${setEnv('ELECTRON_OVERRIDE_DIST_PATH', win ? 'D:\\electron-v' + electronVersion + '-win32-x64' : '/opt/electron-v' + electronVersion + '-' + platform + '-' + arch)}`,
    '',
    '在此之前可以使用浏览器模式（同一数据库、同一界面，仅监听 127.0.0.1）/ Meanwhile use the browser mode (same database and UI, 127.0.0.1 only):',
    '     npm run web',
  ];
}

const runtime = await obtainElectron();
if (!runtime.exe) fail(runtimeHelp(runtime));

// --- 3. native module ABI --------------------------------------------------------------------
const binding = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const wanted = electronAbi(root);
if (fs.existsSync(binding)) {
  const info = inspectNodeFile(binding);
  if (info.kind === 'abi' && info.abi !== wanted) {
    fail([
      `✖ better-sqlite3 是为 NODE_MODULE_VERSION ${info.abi}（本机 Node ${process.versions.node}）编译的，Electron ${electronVersion} 需要 ${wanted}。`,
      `  better-sqlite3 is built for NODE_MODULE_VERSION ${info.abi} (this Node ${process.versions.node}); Electron ${electronVersion} needs ${wanted}.`,
      '',
      '  为 Electron 重新编译（需要 Electron 头文件：内网镜像用 -d 指定；--nodedir= 清除 npm 的 nodedir，否则会用 Node 的头文件）/ Rebuild it for Electron',
      '  (needs the Electron headers: -d points at an intranet headers mirror; --nodedir= clears npm\'s nodedir, which would pick Node\'s headers):',
      `     npx --nodedir= @electron/rebuild -v ${electronVersion} -f -w better-sqlite3 [-d http://镜像主机/electron-headers/]`,
      '  之后 Node 端（测试、owb、npm run web）需要换回 Node 版本 / afterwards the Node side (tests, owb, npm run web) needs the Node build again:',
      '     npm rebuild better-sqlite3',
      '',
      '  在此之前可以使用浏览器模式 / Meanwhile use the browser mode:  npm run web',
    ]);
  }
}

// --- 4. launch -----------------------------------------------------------------------------
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  say('⚠ 没有图形界面（DISPLAY/WAYLAND_DISPLAY 未设置），Electron 可能无法打开窗口；可改用 npm run web。');
  say('  No display (DISPLAY/WAYLAND_DISPLAY unset): Electron may not open a window; npm run web works without one.');
}
if (process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && !electronArgs.includes('--no-sandbox')) {
  say('⚠ 以 root 运行时 Chromium 拒绝启动，除非加 --no-sandbox（会关闭沙箱，仅限测试机）：npm start -- --no-sandbox');
  say('  As root Chromium refuses to start without --no-sandbox (disables the sandbox; test machines only).');
}
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
say(`▶ 启动 / starting ${runtime.exe}`);
const child = spawn(runtime.exe, ['.', ...electronArgs], { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.once('error', (e) => fail([`✖ 无法启动 Electron / cannot start Electron: ${e.message}`, '  可改用浏览器模式 / use the browser mode instead: npm run web']));
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
