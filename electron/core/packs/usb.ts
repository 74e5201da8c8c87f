/**
 * Export of a pack to a removable drive (U 盘). Writing is all-or-nothing: the folder and the
 * zip are copied under temp names, every file fsynced, renamed into place, then read back and
 * checked against the signed manifest (every digest, both signatures) and the zip against the
 * source's SHA-256. A full disk or a pulled drive gives a clear Chinese message and the temp
 * copies are removed; a failed read-back removes the new copy and puts any older one back.
 *
 * Drives are listed by a DriveLister: Linux reads /proc/mounts (mounts under /media,
 * /run/media, /mnt); Windows asks `fsutil fsinfo drives` / `fsutil fsinfo drivetype X:`
 * (parsed from recorded output in the tests: no Windows machine here).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Drive } from '../../../shared/contract/packs';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { fsyncDir, walkFiles, type WalkedFile } from './crypto/fsutil';
import { verifyPack } from './crypto';
import { DirectReader, type ReadBackMode } from './readback';

export interface DriveLister {
  list(): Promise<Drive[]>;
}

// ---- Linux -----------------------------------------------------------------------------------

export interface MountEntry {
  device: string;
  mountPoint: string;
  fsType: string;
  options: string[];
}

/** /proc/mounts lines; spaces and other characters in paths come as octal escapes (\040). */
export function parseProcMounts(text: string): MountEntry[] {
  const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const [device = '', mp = '', fsType = '', opts = ''] = f;
    out.push({ device: unescape(device), mountPoint: Buffer.from(unescape(mp), 'latin1').toString('utf8'), fsType, options: opts.split(',') });
  }
  return out;
}

const PSEUDO_FS = new Set(['proc', 'sysfs', 'devtmpfs', 'devpts', 'cgroup', 'cgroup2', 'securityfs', 'debugfs', 'tracefs', 'configfs', 'fusectl', 'mqueue', 'hugetlbfs', 'pstore', 'bpf', 'autofs', 'binfmt_misc', 'overlay', 'nsfs', 'rpc_pipefs']);

export const LINUX_DRIVE_ROOTS = ['/media', '/run/media', '/mnt'] as const;

async function spaceOf(dir: string): Promise<{ free: number; total: number }> {
  try {
    const s = await fsp.statfs(dir);
    return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
  } catch {
    return { free: 0, total: 0 };
  }
}

/** Removable media as desktop Linux mounts them: under /media, /run/media or /mnt, writable. */
export function linuxDrives(opts: { procMounts?: string; roots?: readonly string[] } = {}): DriveLister {
  const roots = (opts.roots ?? LINUX_DRIVE_ROOTS).map((r) => path.resolve(r));
  return {
    async list() {
      const text = await fsp.readFile(opts.procMounts ?? '/proc/mounts', 'utf8').catch(() => '');
      const drives: Drive[] = [];
      for (const m of parseProcMounts(text)) {
        if (PSEUDO_FS.has(m.fsType)) continue;
        if (!roots.some((r) => m.mountPoint === r || m.mountPoint.startsWith(`${r}/`))) continue;
        if (m.options.includes('ro')) continue;
        const space = await spaceOf(m.mountPoint);
        drives.push({ id: m.mountPoint, label: path.basename(m.mountPoint) || m.mountPoint, mountPoint: m.mountPoint, fsType: m.fsType, freeBytes: space.free, totalBytes: space.total });
      }
      return drives.sort((a, b) => a.mountPoint.localeCompare(b.mountPoint));
    },
  };
}

// ---- Windows ---------------------------------------------------------------------------------

/** `fsutil fsinfo drives` → ['C:', 'D:', 'E:'] (English or Chinese Windows). */
export function parseFsutilDrives(output: string): string[] {
  return [...new Set([...output.matchAll(/\b([A-Za-z]):\\/g)].map((m) => `${(m[1] ?? '').toUpperCase()}:`))];
}

/** `fsutil fsinfo drivetype E:` → true for a removable drive ("E: - Removable Drive" / "E: - 可移动驱动器"). */
export function isRemovableDriveType(output: string): boolean {
  return /Removable|可移动/i.test(output);
}

export type Exec = (file: string, args: readonly string[]) => Promise<string>;

const execText: Exec = async (file, args) => {
  const r = await promisify(execFile)(file, [...args], { windowsHide: true, timeout: 10_000, encoding: 'buffer' });
  const out = r.stdout as Buffer;
  // Chinese Windows consoles print GBK.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch {
    return new TextDecoder('gbk').decode(out);
  }
};

export function windowsDrives(exec: Exec = execText): DriveLister {
  return {
    async list() {
      const letters = parseFsutilDrives(await exec('fsutil', ['fsinfo', 'drives']));
      const drives: Drive[] = [];
      for (const letter of letters) {
        if (!isRemovableDriveType(await exec('fsutil', ['fsinfo', 'drivetype', letter]))) continue;
        const root = `${letter}\\`;
        const space = await spaceOf(root);
        drives.push({ id: letter, label: letter, mountPoint: root, fsType: '', freeBytes: space.free, totalBytes: space.total });
      }
      return drives;
    },
  };
}

let lister: DriveLister = process.platform === 'win32' ? windowsDrives() : linuxDrives();

/** The lister the app uses (tests point it at their own mounts). */
export function setDriveLister(l: DriveLister): void {
  lister = l;
}
export function listDrives(): Promise<Drive[]> {
  return lister.list();
}

// ---- the copy --------------------------------------------------------------------------------

export interface ExportResult {
  target: string;
  files: number;
  bytes: number;
  verified: boolean;
  /**
   * How the read-back read the drive: 'direct' (O_DIRECT, past the page cache: the bytes came
   * from the drive), 'page-cache' (the filesystem or system refuses O_DIRECT), or 'mixed'.
   */
  readBack: ReadBackMode;
  /** Why some files were read through the page cache (null when all were read directly). */
  readBackNote: string | null;
}

export interface ExportOptions {
  signal?: AbortSignal;
  progress?: (done: number, total: number, message: string) => void;
  /** Refuse before writing when the drive reports too little free space (default true). */
  checkSpace?: boolean;
}

function code(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
}

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const GONE = new Set(['EIO', 'ENOENT', 'ENODEV', 'ENXIO', 'EBADF', 'ENOTDIR', 'ESTALE', 'ENOTCONN']);

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function userError(e: unknown, need: number, free: number): AppError {
  const c = code(e);
  if (FULL.has(c)) return new AppError('IO', t('pack.diskFull', { need: mb(need), free: mb(free) }));
  if (c === 'EROFS' || c === 'EACCES' || c === 'EPERM') return new AppError('IO', t('pack.driveReadOnly'));
  if (GONE.has(c)) return new AppError('IO', t('pack.drivePulled', { detail: `${c} ${e instanceof Error ? e.message : ''}`.trim() }));
  if (e instanceof AppError) return e;
  return new AppError('IO', t('pack.drivePulled', { detail: e instanceof Error ? e.message : String(e) }));
}

async function copyFileSynced(src: string, dst: string, onBytes: (n: number) => void, signal?: AbortSignal): Promise<void> {
  const fh = await fsp.open(dst, 'wx', 0o644);
  try {
    for await (const chunk of createReadStream(src, { highWaterMark: 1024 * 1024 })) {
      if (signal?.aborted) throw new AppError('CANCELLED', t('error.cancelled'));
      const b = chunk as Buffer;
      let off = 0;
      while (off < b.length) {
        const { bytesWritten } = await fh.write(b, off, b.length - off);
        off += bytesWritten;
      }
      onBytes(b.length);
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function sha256File(file: string, reader?: DirectReader): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of reader ? reader.open(file) : createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function exists(p: string): Promise<boolean> {
  return fsp.lstat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Copies `folder` and `${folder}.zip` to `mountPoint`. Throws AppError (Chinese message) on a
 * full or pulled drive, a read-only drive or a failed read-back; never leaves a partial pack.
 */
export async function exportPackTo(folder: string, mountPoint: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const name = path.basename(folder);
  const zip = `${folder}.zip`;
  const walked = await walkFiles(folder);
  const zipSize = (await fsp.stat(zip)).size;
  const files: WalkedFile[] = walked.files;
  const need = files.reduce((s, f) => s + f.size, 0) + zipSize;
  const space = await spaceOf(mountPoint);
  // A little slack per file for directory entries and block rounding.
  const estimate = need + files.length * 4096;
  if ((opts.checkSpace ?? true) && space.total > 0 && estimate > space.free) throw new AppError('IO', t('pack.diskFull', { need: mb(estimate), free: mb(space.free) }));

  const tag = randomBytes(6).toString('hex');
  const tmpDir = path.join(mountPoint, `.${name}.owb-tmp-${tag}`);
  const tmpZip = path.join(mountPoint, `.${name}.zip.owb-tmp-${tag}`);
  const finalDir = path.join(mountPoint, name);
  const finalZip = path.join(mountPoint, `${name}.zip`);
  const oldDir = path.join(mountPoint, `.${name}.owb-old-${tag}`);
  const oldZip = path.join(mountPoint, `.${name}.zip.owb-old-${tag}`);
  let done = 0;
  const tick = (n: number): void => {
    done += n;
    opts.progress?.(done, need, '写入移动存储设备');
  };
  const cleanTemp = async (): Promise<void> => {
    await fsp.rm(tmpDir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
    await fsp.rm(tmpZip, { force: true }).catch(() => undefined);
  };

  // 1. Write under temp names.
  try {
    await fsp.mkdir(tmpDir);
    const dirs = new Set<string>([tmpDir]);
    for (const f of files) {
      const dst = path.join(tmpDir, ...f.path.split('/'));
      const d = path.dirname(dst);
      if (!dirs.has(d)) {
        await fsp.mkdir(d, { recursive: true });
        dirs.add(d);
      }
      await copyFileSynced(f.abs, dst, tick, opts.signal);
    }
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) await fsyncDir(d);
    await copyFileSynced(zip, tmpZip, tick, opts.signal);
    await fsyncDir(mountPoint);
  } catch (e) {
    await cleanTemp();
    if (e instanceof AppError && e.code === 'CANCELLED') throw e;
    throw userError(e, need, space.free);
  }

  // 2. Into place (an older copy of the same pack is kept aside until the new one checks out).
  const hadDir = await exists(finalDir);
  const hadZip = await exists(finalZip);
  const restoreOld = async (): Promise<void> => {
    await fsp.rm(finalDir, { recursive: true, force: true }).catch(() => undefined);
    await fsp.rm(finalZip, { force: true }).catch(() => undefined);
    if (hadDir) await fsp.rename(oldDir, finalDir).catch(() => undefined);
    if (hadZip) await fsp.rename(oldZip, finalZip).catch(() => undefined);
  };
  try {
    if (hadDir) await fsp.rename(finalDir, oldDir);
    if (hadZip) await fsp.rename(finalZip, oldZip);
    await fsp.rename(tmpDir, finalDir);
    await fsp.rename(tmpZip, finalZip);
    await fsyncDir(mountPoint);
  } catch (e) {
    await cleanTemp();
    await restoreOld();
    throw userError(e, need, space.free);
  }

  // 3. Read back (from the drive, past the page cache where possible: readback.ts) and check
  // every digest and both signatures.
  opts.progress?.(need, need, '回读校验');
  let problem: string | null = null;
  const reader = new DirectReader();
  try {
    const r = await verifyPack(finalDir, { open: reader.open });
    if (!r.ok) problem = r.problems.map((p) => p.message).slice(0, 3).join('；');
    else {
      const [a, b] = await Promise.all([sha256File(zip), sha256File(finalZip, reader)]);
      if (a !== b) problem = `${name}.zip 与原文件不一致`;
    }
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  if (problem !== null) {
    await restoreOld();
    throw new AppError('IO', t('pack.readBackFailed', { detail: problem }));
  }
  await fsp.rm(oldDir, { recursive: true, force: true }).catch(() => undefined);
  await fsp.rm(oldZip, { force: true }).catch(() => undefined);
  return { target: finalDir, files: files.length + 1, bytes: need, verified: true, readBack: reader.mode, readBackNote: reader.reason };
}
