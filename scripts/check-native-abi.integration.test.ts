import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * scripts/check-native-abi.mjs on this machine's real better-sqlite3 build (Node 20: ABI 115),
 * laid out like electron-builder's linux-unpacked folder: it must fail for Electron 45's ABI
 * (150) and pass when told to expect 115 — with nm and, nm missing, by byte search.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'scripts', 'check-native-abi.mjs');
const realBinding = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const BINDING_IN_ASAR = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

let tmp: string;

/** An asar archive with only a header (electron's Pickle layout), listing the given files. */
function writeAsar(file: string, entries: Array<{ path: string; unpacked: boolean }>): void {
  const top: { files: Record<string, unknown> } = { files: {} };
  for (const e of entries) {
    const parts = e.path.split('/');
    let node = top;
    for (const dir of parts.slice(0, -1)) {
      node.files[dir] ??= { files: {} };
      node = node.files[dir] as typeof top;
    }
    node.files[parts.at(-1) ?? ''] = e.unpacked ? { size: 1, unpacked: true } : { size: 1, offset: '0' };
  }
  const json = Buffer.from(JSON.stringify(top));
  const padded = Math.ceil(json.length / 4) * 4;
  const header = Buffer.alloc(8 + padded);
  header.writeUInt32LE(4 + padded, 0);
  header.writeUInt32LE(json.length, 4);
  json.copy(header, 8);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(4, 0);
  size.writeUInt32LE(header.length, 4);
  fs.writeFileSync(file, Buffer.concat([size, header, Buffer.from('x')]));
}

/** A linux-unpacked look-alike with the given better_sqlite3.node. */
function makeApp(name: string, binding: Buffer | null, opts: { packedInAsar?: boolean } = {}): string {
  const app = path.join(tmp, name);
  const resources = path.join(app, 'resources');
  fs.mkdirSync(path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release'), { recursive: true });
  if (binding && !opts.packedInAsar) fs.writeFileSync(path.join(resources, 'app.asar.unpacked', ...BINDING_IN_ASAR.split('/')), binding);
  writeAsar(path.join(resources, 'app.asar'), binding ? [{ path: BINDING_IN_ASAR, unpacked: !opts.packedInAsar }] : []);
  fs.writeFileSync(path.join(app, 'onsite-ops-workbench'), '#!/bin/sh\n');
  return app;
}

/** A minimal PE (Windows DLL) header whose export table names node_register_module_v<abi>. */
function fakePe(abi: number, machine = 0x8664): Buffer {
  const buf = Buffer.alloc(512);
  buf.write('MZ', 0, 'latin1');
  buf.writeUInt32LE(0x80, 0x3c);
  buf.write('PE\0\0', 0x80, 'latin1');
  buf.writeUInt16LE(machine, 0x84);
  buf.write(`better_sqlite3.node\0node_register_module_v${abi}\0`, 0x120, 'latin1');
  return buf;
}

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-abi-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('check-native-abi on the Node 20 build of better-sqlite3', () => {
  it('the fixture is what we think: a Node 20 (ABI 115) build', () => {
    expect(fs.existsSync(realBinding)).toBe(true);
    expect(process.versions.modules).toBe('115');
  });

  it('fails for Electron 45 (ABI 150, the default) and names both ABIs', () => {
    const app = makeApp('node20', fs.readFileSync(realBinding));
    const r = run([app]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('NODE_MODULE_VERSION 115');
    expect(r.out).toMatch(/needs 150/);
    expect(r.out).toContain('FAILED');
  });

  it('passes when told to expect 115 (and the architecture of this machine)', () => {
    const app = makeApp('node20-ok', fs.readFileSync(realBinding));
    const r = run([app, '--abi', '115', '--arch', process.arch]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('OK');
  });

  it('gives the same answers by byte search when nm is missing', () => {
    const app = makeApp('no-nm', fs.readFileSync(realBinding));
    const noNm = { ...process.env, PATH: path.join(tmp, 'empty-bin') };
    const fail = run([app], noNm);
    expect(fail.status).toBe(1);
    expect(fail.out).toContain('via bytes');
    const pass = run([app, '--abi', '115'], noNm);
    expect(pass.status, pass.out).toBe(0);
    expect(run([app, '--bytes', '--abi', '115']).status).toBe(0);
  });

  it('reports JSON for scripts', () => {
    const app = makeApp('json', fs.readFileSync(realBinding));
    const r = spawnSync(process.execPath, [script, app, '--json'], { encoding: 'utf8' });
    const result = JSON.parse(r.stdout) as { ok: boolean; expectedAbi: number; modules: Array<{ kind: string; abi: number; format: string }> };
    expect(r.status).toBe(1);
    expect(result).toMatchObject({ ok: false, expectedAbi: 150 });
    expect(result.modules).toEqual([expect.objectContaining({ kind: 'abi', abi: 115, format: 'elf' })]);
  });
});

describe('check-native-abi on other layouts', () => {
  it('fails when better_sqlite3.node is missing', () => {
    const r = run([makeApp('missing', null)]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('better_sqlite3.node not found');
  });

  it('fails when the binding is packed inside app.asar', () => {
    const r = run([makeApp('packed', fs.readFileSync(realBinding), { packedInAsar: true }), '--abi', '115']);
    expect(r.status).toBe(1);
    expect(r.out).toContain('packed inside the archive');
  });

  it('fails on an architecture mismatch (an x64 binding in an arm64 package)', () => {
    const r = run([makeApp('arch', fs.readFileSync(realBinding)), '--abi', '115', '--arch', process.arch === 'arm64' ? 'x64' : 'arm64']);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/the target is (arm64|x64)/);
  });

  it('reads Windows (PE) bindings by their export names', () => {
    const app = makeApp('win', fakePe(150));
    expect(run([app, '--arch', 'x64']).status).toBe(0);
    const wrong = run([app, '--abi', '115']);
    expect(wrong.status).toBe(1);
    expect(wrong.out).toContain('pe x64');
    expect(run([makeApp('win-arm', fakePe(150, 0xaa64)), '--arch', 'x64']).status).toBe(1);
  });

  it('exits 2 on usage errors', () => {
    expect(run([]).status).toBe(2);
    expect(run([path.join(tmp, 'nope')]).status).toBe(2);
    expect(run([tmp, '--abi', 'x']).status).toBe(2);
  });
});
