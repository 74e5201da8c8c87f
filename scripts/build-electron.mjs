#!/usr/bin/env node
// Bundles the Electron shell with esbuild:
//   electron/main/index.ts    → dist/electron/main.cjs     (main process, with the core)
//   electron/preload/index.ts → dist/electron/preload.cjs  (sandboxed preload: CommonJS, only 'electron')
//   electron/core/packs/worker/entry.ts → dist/electron/pack-worker.cjs (the pack builder's worker
//     thread; electron/core/packs/worker/host.ts looks for it beside main.cjs)
// Production dependencies stay external (electron-builder ships them in node_modules; the
// native ones — better-sqlite3, ssh2, cpu-features — cannot be bundled at all). Files the core
// finds beside its own module at run time are copied beside the bundle:
//   electron/core/db/migrations → dist/electron/migrations
//   resources/ (without fonts/) → dist/resources
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'electron');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// Electron 45 embeds Node 24 (and Chromium for the preload): no syntax lowering needed.
const TARGET = 'node24';
const external = [
  'electron',
  'electron-updater',
  'better-sqlite3',
  'ssh2',
  'cpu-features',
  'pdfkit',
  'exceljs',
  ...Object.keys(pkg.dependencies ?? {}),
];

// The core resolves a few folders from `import.meta.url`; in a CommonJS bundle that is the bundle itself.
const IMPORT_META_URL = '__owb_import_meta_url';
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: TARGET,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

function copyDir(from, to, skip = () => false) {
  if (!fs.existsSync(from)) return 0;
  let n = 0;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) n += copyDir(src, dst, skip);
    else if (entry.isFile()) {
      fs.copyFileSync(src, dst);
      n += 1;
    }
  }
  return n;
}

const started = Date.now();
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

await build({
  ...common,
  entryPoints: [path.join(root, 'electron/main/index.ts')],
  outfile: path.join(outDir, 'main.cjs'),
  external: [...new Set(external)],
  define: { 'import.meta.url': IMPORT_META_URL },
  banner: { js: `"use strict";\nconst ${IMPORT_META_URL} = require("node:url").pathToFileURL(__filename).href;` },
});

await build({
  ...common,
  entryPoints: [path.join(root, 'electron/core/packs/worker/entry.ts')],
  outfile: path.join(outDir, 'pack-worker.cjs'),
  external: [...new Set(external)],
  define: { 'import.meta.url': IMPORT_META_URL },
  banner: { js: `"use strict";\nconst ${IMPORT_META_URL} = require("node:url").pathToFileURL(__filename).href;` },
});

await build({
  ...common,
  entryPoints: [path.join(root, 'electron/preload/index.ts')],
  outfile: path.join(outDir, 'preload.cjs'),
  external: ['electron'],
});

// A sandboxed preload can require 'electron' and nothing else: fail the build, not the app.
const preload = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
const requires = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const foreign = requires.filter((r) => r !== 'electron');
if (foreign.length > 0) {
  console.error(`preload.cjs requires ${foreign.join(', ')}: a sandboxed preload may only require 'electron'.`);
  process.exit(1);
}

const migrations = copyDir(path.join(root, 'electron/core/db/migrations'), path.join(outDir, 'migrations'));
if (!fs.existsSync(path.join(outDir, 'migrations', 'meta', '_journal.json'))) {
  console.error('electron/core/db/migrations/meta/_journal.json is missing: the app could not migrate its database.');
  process.exit(1);
}
const resources = copyDir(path.join(root, 'resources'), path.join(root, 'dist', 'resources'), (name) => name === 'fonts');

const size = (f) => `${(fs.statSync(path.join(outDir, f)).size / 1024).toFixed(0)} KB`;
console.log(
  `built dist/electron/main.cjs (${size('main.cjs')}), dist/electron/pack-worker.cjs (${size('pack-worker.cjs')}), dist/electron/preload.cjs (${size('preload.cjs')}), ` +
    `${migrations} migration files, ${resources} resource files in ${Date.now() - started} ms`,
);
