/** Hostile zips: traversal, absolute and duplicate names, bombs, lies about sizes, legacy names. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackReadError } from './errors';
import { loadOrCreateIdentity } from './identity';
import { sealPack } from './seal';
import { SAMPLE_META, craftZip, tempDir, type CraftEntry } from './testkit';
import { verifyPack, type VerifyOptions } from './verify';

let work: string;
let packFiles: CraftEntry[];

beforeAll(async () => {
  work = tempDir('owb-zipsafety-');
  const id = await loadOrCreateIdentity(path.join(work, 'data'), { commonName: 'ws', organization: 'org' });
  const pack = path.join(work, 'pack');
  fs.mkdirSync(path.join(pack, '月报'), { recursive: true });
  fs.writeFileSync(path.join(pack, '月报', 'a.txt'), 'A');
  fs.writeFileSync(path.join(pack, 'b.txt'), 'B'.repeat(1000));
  await sealPack(pack, SAMPLE_META, id);
  const walk = (d: string, pre = ''): CraftEntry[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(d, e.name), `${pre}${e.name}/`) : [{ name: `${pre}${e.name}`, data: fs.readFileSync(path.join(d, e.name)) }],
    );
  packFiles = walk(pack);
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let n = 0;
function zipOf(entries: CraftEntry[]): string {
  const f = path.join(work, `z${++n}.zip`);
  fs.writeFileSync(f, craftZip(entries));
  return f;
}

async function problems(entries: CraftEntry[], opts?: VerifyOptions): Promise<string[]> {
  const r = await verifyPack(zipOf(entries), opts);
  return r.problems.map((p) => `${p.kind}:${p.path ?? ''}`).sort();
}

async function readError(entries: CraftEntry[], opts?: VerifyOptions): Promise<string> {
  try {
    await verifyPack(zipOf(entries), opts);
  } catch (err) {
    expect(err).toBeInstanceOf(PackReadError);
    return `${(err as PackReadError).reason}: ${(err as PackReadError).message}`;
  }
  return 'no error';
}

describe('verifyPack on hostile zips', () => {
  it('a faithful crafted copy of the pack verifies (the harness itself is sound)', async () => {
    expect(await problems(packFiles)).toEqual([]);
  });

  it('rejects traversal, absolute, backslash, dot-segment and duplicate names, naming each, reading nothing of them', async () => {
    const hostile: CraftEntry[] = [
      { name: '../evil.txt', data: Buffer.from('x') },
      { name: '月报/../../evil2.txt', data: Buffer.from('x') },
      { name: '/etc/cron.d/evil', data: Buffer.from('x') },
      { name: 'C:/Windows/evil.dll', data: Buffer.from('x') },
      { name: 'a\\..\\evil.txt', data: Buffer.from('x') },
      { name: './b.txt', data: Buffer.from('x') },
      { name: 'b.txt', data: Buffer.from('a second b.txt') },
    ];
    expect(await problems([...packFiles, ...hostile])).toEqual([
      'unreadable:../evil.txt',
      'unreadable:./b.txt',
      'unreadable:/etc/cron.d/evil',
      'unreadable:C:/Windows/evil.dll',
      'unreadable:a\\..\\evil.txt',
      'unreadable:b.txt',
      'unreadable:月报/../../evil2.txt',
    ]);
    expect(fs.existsSync(path.join(work, 'evil.txt'))).toBe(false);
  });

  it('refuses overlapping entries (zip bomb), too many entries, too much data once inflated', async () => {
    const bomb = [...packFiles, { name: 'x1.bin', data: Buffer.alloc(1000) }];
    bomb.push({ name: 'x2.bin', data: Buffer.alloc(0), sameDataAs: bomb.length - 1 }, { name: 'x3.bin', data: Buffer.alloc(0), sameDataAs: bomb.length - 1 });
    expect(await readError(bomb)).toMatch(/^zip_limits: 压缩包中的条目相互重叠/);
    expect(await readError(packFiles, { limits: { maxEntries: 3 } })).toMatch(/^zip_limits: 压缩包条目过多/);
    expect(await readError(packFiles, { limits: { maxTotalBytes: 2000 } })).toMatch(/^zip_limits: 压缩包解压后总大小超过上限/);
  });

  it('a member over the size limit or lying about its size is named, not read', async () => {
    expect(await problems(packFiles, { limits: { maxEntryBytes: 500, maxManifestBytes: 1e6 } })).toContain('unreadable:b.txt');
    // Deflated and declared small (the classic bomb): yauzl stops at the declared size.
    const lying = packFiles.map((e) => (e.name === 'b.txt' ? { ...e, deflate: true, declaredSize: 10 } : e));
    expect(await problems(lying)).toEqual(['unreadable:b.txt']);
    // Stored with sizes that contradict each other: the directory itself is bad.
    const broken = packFiles.map((e) => (e.name === 'b.txt' ? { ...e, declaredSize: 10 } : e));
    expect(await readError(broken)).toMatch(/^zip_invalid/);
  });

  it('decodes legacy GBK names (zips from Chinese Windows tools) and flags encrypted members', async () => {
    const gbk = Buffer.from('b2b9b3e42e747874', 'hex'); // 补充.txt in GBK
    expect(await problems([...packFiles, { name: gbk, data: Buffer.from('x'), flags: 0 }])).toEqual(['extra:补充.txt']);
    expect(await problems([...packFiles, { name: 'secret.txt', data: Buffer.from('x'), flags: 0x801, deflate: true }])).toEqual(['unreadable:secret.txt']);
  });

  it('a zip without manifest.json is a pack with a problem, not a crash', async () => {
    const r = await verifyPack(zipOf([{ name: 'x.txt', data: Buffer.from('x') }]));
    expect(r.ok).toBe(false);
    expect(r.manifest).toBeNull();
    expect(r.problems.map((p) => p.message)).toEqual(['验收包中找不到清单文件 manifest.json，无法校验']);
  });
});
