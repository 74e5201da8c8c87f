#!/usr/bin/env node
// Checks the native modules of a packaged app before it is shipped:
//
//   node scripts/check-native-abi.mjs <unpacked app dir> [--abi N] [--arch x64|arm64|ia32|loong64] [--bytes] [--json]
//
// <unpacked app dir> is electron-builder's release/win-unpacked, release/linux-unpacked,
// release/linux-arm64-unpacked (or the `resources` folder inside one). Every `.node` file under it
// is inspected, and the header of resources/app.asar is read for `.node` files packed inside the
// archive (a native module cannot be loaded from inside app.asar: it must be in asarUnpack).
//
// A module built against Node's C++ ABI exports `node_register_module_v<NODE_MODULE_VERSION>`;
// it must equal the ABI of the Electron it runs in: Electron 45 embeds Node 24 with
// NODE_MODULE_VERSION 150 (node_modules/electron/abi_version; node-abi: 45.0.0-alpha.1 → 150),
// while this machine's Node 20 is 115. N-API modules (napi_register_module_v1) work with any.
// Symbols are read with `nm -D --defined-only`, or — when nm is missing (Windows build
// machines) or with --bytes — by searching the file's bytes for the symbol names (ELF dynstr,
// PE export table). --arch also checks the machine type in the ELF/PE header.
//
// Fails (exit 1) when better_sqlite3.node is missing or not built for the expected ABI, when any
// ABI-specific module has another ABI, when an architecture differs, or when a `.node` file
// is packed inside app.asar. Exit 2: usage error. Also used by scripts/start.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ELECTRON_45_ABI = 150;
const REQUIRED = 'better_sqlite3.node';

/** The NODE_MODULE_VERSION of the Electron in node_modules (falls back to Electron 45's). */
export function electronAbi(root = path.resolve(here, '..')) {
  try {
    const v = Number(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
    if (Number.isInteger(v) && v > 0) return v;
  } catch {
    // no electron package: use the pinned version's ABI
  }
  return ELECTRON_45_ABI;
}

/** Every `.node` file under dir (symlinks not followed). */
export function findNodeFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.node')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Every app.asar under dir (normally one, in resources/). */
export function findAsars(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isFile() && e.name.endsWith('.asar')) out.push(p);
      else if (e.isDirectory() && !e.name.endsWith('.asar.unpacked') && e.name !== 'node_modules') walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The `.node` entries of an asar header: { path, unpacked }. */
export function asarNodeEntries(asarPath) {
  const fd = fs.openSync(asarPath, 'r');
  let json;
  try {
    const sizeBuf = Buffer.alloc(8);
    if (fs.readSync(fd, sizeBuf, 0, 8, 0) !== 8) throw new Error('truncated asar');
    const headerSize = sizeBuf.readUInt32LE(4);
    const headerBuf = Buffer.alloc(headerSize);
    if (fs.readSync(fd, headerBuf, 0, headerSize, 8) !== headerSize) throw new Error('truncated asar header');
    const strLen = headerBuf.readUInt32LE(4);
    json = JSON.parse(headerBuf.subarray(8, 8 + strLen).toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
  const out = [];
  const walk = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const p = prefix ? `${prefix}/${name}` : name;
      if (entry && typeof entry === 'object' && entry.files) walk(entry, p);
      else if (name.endsWith('.node')) out.push({ path: p, unpacked: entry?.unpacked === true });
    }
  };
  walk(json, '');
  return out;
}

const ELF_MACHINES = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64', 0x102: 'loong64', 0x08: 'mips', 0xf3: 'riscv64' };
const PE_MACHINES = { 0x14c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x1c4: 'arm' };

/** Binary format and CPU architecture from the file header. */
export function binaryHeader(buf) {
  if (buf.length >= 20 && buf.readUInt32BE(0) === 0x7f454c46) {
    const little = buf[5] === 1;
    const machine = little ? buf.readUInt16LE(18) : buf.readUInt16BE(18);
    return { format: 'elf', arch: ELF_MACHINES[machine] ?? `elf-machine-0x${machine.toString(16)}` };
  }
  if (buf.length >= 0x40 && buf[0] === 0x4d && buf[1] === 0x5a) {
    const pe = buf.readUInt32LE(0x3c);
    if (pe + 6 <= buf.length && buf.readUInt32BE(pe) === 0x50450000) {
      const machine = buf.readUInt16LE(pe + 4);
      return { format: 'pe', arch: PE_MACHINES[machine] ?? `pe-machine-0x${machine.toString(16)}` };
    }
  }
  const magic = buf.length >= 4 ? buf.readUInt32LE(0) : 0;
  if ([0xfeedfacf, 0xfeedface, 0xcafebabe, 0xbebafeca].includes(magic)) return { format: 'macho', arch: 'unknown' };
  return { format: 'unknown', arch: 'unknown' };
}

function classify(text) {
  const abi = /node_register_module_v(\d+)/.exec(text);
  if (abi) return { kind: 'abi', abi: Number(abi[1]) };
  if (/napi_register_module_v\d+|napi_module_register|node_api_module_get_api_version_v\d+/.test(text)) return { kind: 'napi' };
  if (/node_module_register/.test(text)) return { kind: 'legacy' };
  return { kind: 'unknown' };
}

let nmAvailable;
function hasNm() {
  if (nmAvailable === undefined) {
    const r = spawnSync('nm', ['--version'], { stdio: 'ignore' });
    nmAvailable = !r.error && r.status === 0;
  }
  return nmAvailable;
}

/** Symbols of one `.node` file via nm (ELF) or a byte search (PE, Mach-O, or no nm). */
export function inspectNodeFile(file, { forceBytes = false } = {}) {
  const buf = fs.readFileSync(file);
  const header = binaryHeader(buf);
  if (!forceBytes && header.format === 'elf' && hasNm()) {
    const defined = spawnSync('nm', ['-D', '--defined-only', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const all = spawnSync('nm', ['-D', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (!defined.error && defined.status === 0) {
      const mine = defined.stdout.split('\n').filter((l) => /(node_register_module_v|napi_register_module_v)/.test(l)).join('\n');
      const imports = all.status === 0 ? all.stdout.split('\n').filter((l) => /\sU\s/.test(l)).join('\n') : '';
      const c = classify(mine);
      if (c.kind !== 'unknown') return { ...header, ...c, via: 'nm' };
      return { ...header, ...classify(imports), via: 'nm' };
    }
  }
  // Symbol names are plain ASCII in ELF .dynstr and in the PE export/import tables.
  return { ...header, ...classify(buf.toString('latin1')), via: 'bytes' };
}

/** Runs every check; returns { ok, expectedAbi, modules, problems, warnings }. */
export function checkApp(dir, { abi = electronAbi(), arch = null, forceBytes = false } = {}) {
  const problems = [];
  const warnings = [];
  const modules = findNodeFiles(dir).map((file) => ({ file: path.relative(dir, file) || path.basename(file), ...inspectNodeFile(file, { forceBytes }) }));

  for (const asar of findAsars(dir)) {
    let entries;
    try {
      entries = asarNodeEntries(asar);
    } catch (e) {
      problems.push(`cannot read ${path.relative(dir, asar)}: ${e.message}`);
      continue;
    }
    for (const e of entries) {
      if (!e.unpacked) {
        problems.push(`${path.relative(dir, asar)}:${e.path} is packed inside the archive — a native module must be unpacked (electron-builder asarUnpack) / 原生模块被打进了 app.asar，必须解包（asarUnpack）`);
      } else {
        const unpacked = path.join(`${asar}.unpacked`, ...e.path.split('/'));
        if (!fs.existsSync(unpacked)) problems.push(`${path.relative(dir, unpacked)} is listed as unpacked in the archive but missing / 解包文件缺失`);
      }
    }
  }

  const required = modules.filter((m) => path.basename(m.file) === REQUIRED);
  if (required.length === 0) {
    problems.push(`${REQUIRED} not found under ${dir} — the database cannot open / 找不到 ${REQUIRED}，程序无法打开数据库`);
  }
  for (const m of modules) {
    if (m.kind === 'abi' && m.abi !== abi) {
      problems.push(
        `${m.file} is built for NODE_MODULE_VERSION ${m.abi}, the app needs ${abi} (Electron ${abi === ELECTRON_45_ABI ? '45' : '?'}) — ` +
          `rebuild with \`npx @electron/rebuild -v 45.5.0 -f\` / 原生模块 ABI 为 ${m.abi}，程序需要 ${abi}，请用 @electron/rebuild 重新编译`,
      );
    } else if (path.basename(m.file) === REQUIRED && m.kind !== 'abi') {
      problems.push(`${m.file}: no node_register_module_v<N> symbol found (${m.kind}) — not a better-sqlite3 build we know / 无法识别此 better-sqlite3 的 ABI`);
    } else if (m.kind === 'legacy' || m.kind === 'unknown') {
      warnings.push(`${m.file}: ${m.kind === 'legacy' ? 'registers through node_module_register (ABI not readable from symbols)' : 'no Node registration symbol found'} — make sure it was rebuilt for Electron`);
    }
    if (arch && m.arch !== arch) problems.push(`${m.file} is a ${m.format} ${m.arch} binary, the target is ${arch} / 架构不符`);
    if (/[/\\]obj(\.target)?[/\\]/.test(m.file)) warnings.push(`${m.file}: intermediate build output is packaged — exclude build/Release/obj*/** in electron-builder.yml`);
  }
  return { ok: problems.length === 0, expectedAbi: abi, arch, modules, problems, warnings };
}

function usage(msg) {
  if (msg) console.error(msg);
  console.error('usage: node scripts/check-native-abi.mjs <unpacked app dir> [--abi N] [--arch x64|arm64|ia32|loong64] [--bytes] [--json]');
  process.exit(2);
}

function main(argv) {
  let dir = null;
  let abi = electronAbi();
  let arch = null;
  let json = false;
  let forceBytes = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--abi') {
      abi = Number(argv[++i]);
      if (!Number.isInteger(abi) || abi <= 0) usage('--abi needs a positive integer (e.g. 150 for Electron 45, 115 for Node 20)');
    } else if (a === '--arch') {
      arch = argv[++i] ?? null;
      if (!arch) usage('--arch needs a value');
    } else if (a === '--json') json = true;
    else if (a === '--bytes') forceBytes = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (dir === null) dir = a;
    else usage('only one directory');
  }
  if (!dir) usage('missing <unpacked app dir>');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) usage(`not a directory: ${dir}`);
  const result = checkApp(path.resolve(dir), { abi, arch, forceBytes });
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const m of result.modules) {
      const what = m.kind === 'abi' ? `NODE_MODULE_VERSION ${m.abi}` : m.kind === 'napi' ? 'N-API (any ABI)' : m.kind;
      console.log(`  ${m.file}  [${m.format} ${m.arch}, ${what}, via ${m.via}]`);
    }
    for (const w of result.warnings) console.log(`WARN  ${w}`);
    for (const p of result.problems) console.error(`FAIL  ${p}`);
    console.log(
      result.ok
        ? `OK: native modules match NODE_MODULE_VERSION ${abi}${arch ? ` and ${arch}` : ''} / 原生模块检查通过`
        : `FAILED: ${result.problems.length} problem(s); expected NODE_MODULE_VERSION ${abi}${arch ? `, ${arch}` : ''} / 原生模块检查未通过`,
    );
  }
  process.exit(result.ok ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
