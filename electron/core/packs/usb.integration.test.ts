/**
 * Export to a removable drive, on real filesystems this test mounts itself (tmpfs, as root):
 * a drive with room, a 64 KB drive that is too small (refused up front, and — with the check
 * off — a real ENOSPC mid-write), a drive that goes away while writing. Never a partial pack
 * left behind. Drive listing from /proc/mounts and from recorded `fsutil` output (Windows).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Drive } from '../../../shared/contract/packs';
import { makeCore, type TestCore } from '../test-utils';
import { loadOrCreateIdentity, sealPack, verifyPack } from './crypto';
import { SAMPLE, SAMPLE_META, tempDir, writeSampleContents } from './crypto/testkit';
import { DirectReader } from './readback';
import { recordPack } from './store';
import { isRemovableDriveType, linuxDrives, parseFsutilDrives, parseProcMounts, setDriveLister, windowsDrives, exportPackTo } from './usb';
import { listFiles } from './testkit';

const isRoot = process.getuid?.() === 0;
let work: string;
let pack: string;
const mounts: string[] = [];

function mountTmpfs(name: string, size: string): string {
  const dir = path.join(work, 'media', name);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

beforeAll(async () => {
  work = tempDir('owb-usb-');
  const id = await loadOrCreateIdentity(path.join(work, 'data'), { commonName: '工作站', organization: '单位' });
  pack = path.join(work, 'packs', '月度验收资料-2024-06');
  await writeSampleContents(pack, id);
  await sealPack(pack, SAMPLE_META, id, { zipTo: `${pack}.zip` });
}, 120_000);

afterAll(() => {
  for (const m of mounts.reverse()) {
    try {
      execFileSync('umount', [m]);
    } catch {
      // already gone
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
});

/** A filesystem of its own: an ext4 image on a loop device (root), so the test can change the "drive" under the page cache. */
function mountExt4Image(name: string, size: string): { dir: string; image: string } {
  const image = path.join(work, `${name}.img`);
  execFileSync('truncate', ['-s', size, image]);
  execFileSync('mkfs.ext4', ['-q', '-F', image]);
  const dir = path.join(work, 'media', name);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-o', 'loop', image, dir]);
  mounts.push(dir);
  return { dir, image };
}

/** Where byte `offset` of `file` lies on its device, from the extent map (filefrag, FIEMAP). */
function physicalOffset(file: string, offset: number): number {
  const out = execFileSync('filefrag', ['-s', '-v', file], { encoding: 'utf8' });
  const bs = Number(/blocks of (\d+) bytes/.exec(out)?.[1]);
  const block = Math.floor(offset / bs);
  for (const m of out.matchAll(/^\s*\d+:\s+(\d+)\.\.\s*(\d+):\s+(\d+)\.\./gm)) {
    const [lo, hi, phys] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (block >= lo && block <= hi) return (phys + block - lo) * bs + (offset % bs);
  }
  throw new Error(`no extent holds byte ${offset} of ${file}:\n${out}`);
}

/** Filesystems known to take O_DIRECT (statfs magic): ext4, xfs, btrfs. */
const DIRECT_FS = new Set([0xef53, 0x58465342, 0x9123683e]);

const leftovers = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.includes('owb-tmp') || f.includes('owb-old'));

describe('drive listing', () => {
  it('parses /proc/mounts with escaped spaces and UTF-8 names', () => {
    const text = 'proc /proc proc rw 0 0\n/dev/sdb1 /media/user/KINGSTON\\040USB vfat rw,nosuid 0 0\n/dev/sdc1 /run/media/u/\\344\\270\\255 exfat ro 0 0\n';
    const m = parseProcMounts(text);
    expect(m[1]).toMatchObject({ device: '/dev/sdb1', mountPoint: '/media/user/KINGSTON USB', fsType: 'vfat' });
    expect(m[2]?.mountPoint).toBe('/run/media/u/中');
    expect(m[2]?.options).toContain('ro');
  });

  it('parses recorded fsutil output (English and Chinese Windows)', async () => {
    expect(parseFsutilDrives('Drives: C:\\ D:\\ E:\\ \r\n')).toEqual(['C:', 'D:', 'E:']);
    expect(parseFsutilDrives('驱动器: C:\\ F:\\ \r\n')).toEqual(['C:', 'F:']);
    expect(isRemovableDriveType('E: - Removable Drive\r\n')).toBe(true);
    expect(isRemovableDriveType('F: - 可移动驱动器\r\n')).toBe(true);
    expect(isRemovableDriveType('C: - Fixed Drive\r\n')).toBe(false);
    const recorded: Record<string, string> = { drives: 'Drives: C:\\ E:\\ \r\n', 'C:': 'C: - Fixed Drive\r\n', 'E:': 'E: - Removable Drive\r\n' };
    const lister = windowsDrives(async (_f, args) => recorded[args[2] ?? 'drives'] ?? recorded.drives ?? '');
    const drives = await lister.list();
    expect(drives.map((d) => d.id)).toEqual(['E:']);
  });

  it.skipIf(!isRoot)('lists a mounted drive under the roots, with its free space', async () => {
    const dir = mountTmpfs('LISTED', '2m');
    const drives = await linuxDrives({ roots: [path.join(work, 'media')] }).list();
    const d = drives.find((x) => x.mountPoint === dir);
    expect(d).toMatchObject({ fsType: 'tmpfs', label: 'LISTED' });
    expect(d?.totalBytes).toBe(2 * 1024 * 1024);
    expect(d?.freeBytes).toBeGreaterThan(1024 * 1024);
    // not under the roots → not listed
    expect((await linuxDrives({ roots: ['/nonexistent-root'] }).list()).some((x) => x.mountPoint === dir)).toBe(false);
  });
});

describe.skipIf(!isRoot)('export to a drive', () => {
  it('writes folder and zip under temp names, renames, reads back; a second export replaces the first', async () => {
    const drive = mountTmpfs('BIG', '8m');
    const progress: number[] = [];
    const r = await exportPackTo(pack, drive, { progress: (d) => progress.push(d) });
    expect(r.verified).toBe(true);
    expect(r.target).toBe(path.join(drive, '月度验收资料-2024-06'));
    expect(fs.readdirSync(drive).sort()).toEqual(['月度验收资料-2024-06', '月度验收资料-2024-06.zip']);
    expect((await verifyPack(r.target)).ok).toBe(true);
    expect((await verifyPack(`${r.target}.zip`)).ok).toBe(true);
    expect(listFiles(r.target)).toEqual(listFiles(pack));
    expect(progress.length).toBeGreaterThan(2);
    const again = await exportPackTo(pack, drive);
    expect(again.verified).toBe(true);
    expect(leftovers(drive)).toEqual([]);
  });

  it('a drive too small: refused before writing, with a clear message', async () => {
    const drive = mountTmpfs('TINY', '64k');
    await expect(exportPackTo(pack, drive)).rejects.toThrow(/移动存储设备空间不足（需要约 .+，可用 .+）/);
    expect(fs.readdirSync(drive)).toEqual([]);
  });

  it('a real ENOSPC mid-write: clear message, the partial copy removed', async () => {
    const drive = mountTmpfs('TINY2', '64k');
    const err = await exportPackTo(pack, drive, { checkSpace: false }).then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err?.message).toMatch(/^移动存储设备空间不足/);
    expect(err?.message).toContain('已删除未写完的文件');
    expect(fs.readdirSync(drive)).toEqual([]);
    expect(fs.statfsSync(drive).bfree).toBe(fs.statfsSync(drive).blocks);
  });

  it('the drive goes away while writing (ENOENT): clear message, nothing left', async () => {
    const drive = mountTmpfs('PULLED', '8m');
    let pulled = false;
    const err = await exportPackTo(pack, drive, {
      progress: () => {
        if (pulled) return;
        pulled = true;
        for (const f of fs.readdirSync(drive)) fs.rmSync(path.join(drive, f), { recursive: true, force: true });
      },
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(pulled).toBe(true);
    expect(err?.message).toMatch(/设备可能已被拔出/);
    expect(fs.readdirSync(drive)).toEqual([]);
  });

  it('through the channels: packs/drives lists it, packs/export-usb copies a recorded pack (a job)', async () => {
    const drive = mountTmpfs('CHANNEL', '8m');
    setDriveLister(linuxDrives({ roots: [path.join(work, 'media')] }));
    const t: TestCore = makeCore({ dir: tempDir('owb-usb-core-') });
    try {
      const ctx = t.core.runtime.context({ userId: null, username: 'test', roles: ['engineer'] }, null, [], new AbortController().signal, 'x');
      const row = recordPack(ctx, { kind: 'monthly', period: '2024-06', path: pack, files: 4, manifestSha256: 'a'.repeat(64) });
      const drives = (await t.call('packs/drives', {})) as Drive[];
      expect(drives.map((d) => d.mountPoint)).toContain(drive);
      const r = (await t.call('packs/export-usb', { id: row.id, drive, jobId: 'usb-1' })) as { verified: boolean; target: string };
      expect(r.verified).toBe(true);
      expect(fs.existsSync(path.join(drive, '月度验收资料-2024-06.zip'))).toBe(true);
      await expect(t.call('packs/export-usb', { id: row.id, drive: '/not/a/listed/drive', jobId: 'usb-2' })).rejects.toThrow(/找不到所选的移动存储设备/);
    } finally {
      t.close();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });
});

describe('read-back past the page cache (O_DIRECT)', () => {
  const sizes = [0, 1, 4095, 4096, 4097, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 4097];
  const bytesOf = (n: number): Buffer => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = (i * 31 + (n & 255)) & 255;
    return b;
  };

  it('on the normal disk: every size (partial last block, empty file) read directly, bytes exact', async () => {
    const dir = path.join(work, 'disk');
    fs.mkdirSync(dir, { recursive: true });
    if (!DIRECT_FS.has(fs.statfsSync(dir).type)) return expect.fail(`the test disk (statfs type 0x${fs.statfsSync(dir).type.toString(16)}) is not ext4/xfs/btrfs`);
    const r = new DirectReader();
    for (const n of sizes) {
      const f = path.join(dir, `f-${n}`);
      fs.writeFileSync(f, bytesOf(n));
      expect((await r.read(f)).equals(bytesOf(n)), `size ${n}`).toBe(true);
    }
    expect({ direct: r.direct, cached: r.cached, mode: r.mode }).toEqual({ direct: sizes.length, cached: 0, mode: 'direct' });
  });

  it.skipIf(!isRoot)('ramfs refuses O_DIRECT (EINVAL): read through the page cache, and the result says so', async () => {
    const dir = path.join(work, 'media', 'RAMFS');
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('mount', ['-t', 'ramfs', 'ramfs', dir]);
    mounts.push(dir);
    // The refusal itself, independently of the reader.
    expect(() => fs.closeSync(fs.openSync(path.join(dir, 'probe'), fs.constants.O_RDONLY | fs.constants.O_DIRECT | fs.constants.O_CREAT))).toThrow(/EINVAL/);
    const r = new DirectReader();
    for (const n of sizes) {
      const f = path.join(dir, `f-${n}`);
      fs.writeFileSync(f, bytesOf(n));
      expect((await r.read(f)).equals(bytesOf(n)), `size ${n}`).toBe(true);
    }
    expect({ direct: r.direct, cached: r.cached, mode: r.mode }).toEqual({ direct: 0, cached: sizes.length, mode: 'page-cache' });
    expect(r.reason).toMatch(/EINVAL/);

    const res = await exportPackTo(pack, dir);
    expect(res).toMatchObject({ verified: true, readBack: 'page-cache' });
    expect(res.readBackNote).toMatch(/refuses O_DIRECT/);
  });

  it.skipIf(!isRoot)('a byte changed on the drive under the page cache is caught (a cached read would not see it)', async () => {
    const { dir, image } = mountExt4Image('LOOP', '16M');
    // Clean export first: read back directly.
    const ok = await exportPackTo(pack, dir);
    expect(ok).toMatchObject({ verified: true, readBack: 'direct', readBackNote: null });

    // Again, and just before the read-back flip one byte of the scan in the image itself (the
    // "drive"), behind the filesystem's page cache which still holds the written bytes.
    const src = fs.readFileSync(path.join(pack, ...SAMPLE.scan.split('/')));
    const marker = src.subarray(150_000, 150_064);
    let flipped = false;
    let cachedStillGood = false;
    const err = await exportPackTo(pack, dir, {
      progress: (_d, _n, message) => {
        if (message !== '回读校验' || flipped) return;
        // The same bytes are also in the zip and in the older copy kept aside, so find this
        // file's own block on the drive rather than the first match in the image.
        const copy = path.join(dir, path.basename(pack), ...SAMPLE.scan.split('/'));
        const at = physicalOffset(copy, 150_000);
        const img = fs.readFileSync(image);
        expect(img.subarray(at, at + marker.length).equals(marker)).toBe(true);
        const fd = fs.openSync(image, 'r+');
        fs.writeSync(fd, Buffer.from([(img[at] ?? 0) ^ 0xff]), 0, 1, at);
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        flipped = true;
        // Through the page cache the file still reads as written: the old read-back passed here.
        cachedStillGood = fs.readFileSync(copy).equals(src);
      },
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(flipped).toBe(true);
    expect(cachedStillGood).toBe(true);
    expect(err?.message).toMatch(/^写入后回读校验失败/);
    expect(err?.message).toContain(SAMPLE.scan);
    expect(leftovers(dir)).toEqual([]);
    // The first (good) copy is back in place.
    expect((await verifyPack(path.join(dir, path.basename(pack)))).ok).toBe(true);
  });
});
