/** Deterministic zip of a pack folder (yazl): same folder → same bytes, on any machine. */
import { createWriteStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { PackBuildError } from './errors';
import { MANIFEST_FILE, isOsMetadataPath, unsafePathReason } from './format';
import { fsyncDir, fsyncFile, tempNameFor, walkFiles } from './fsutil';
import { msg } from './messages';

/** Already compressed formats: stored, not deflated again. */
const STORED = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.zip', '.gz', '.7z', '.rar', '.xlsx', '.docx', '.pptx', '.mp4']);
const TEMP_FILE = /(^|\/)\.[^/]*\.tmp-[0-9a-f]{12}$/;

export interface ZipOptions {
  /** Timestamp written for every entry. Default: the manifest's createdAt, else 2000-01-01. */
  mtime?: Date;
}

export interface ZipResult {
  path: string;
  entries: number;
  bytes: number;
}

/**
 * Zips every file of `folder` (the pack root becomes the zip root) into `outZip`: entries in
 * UTF-8 byte order of their paths, one fixed DOS timestamp (Asia/Shanghai wall time, no
 * extended timestamps), mode 0644, UTF-8 names. Written to a temp name, fsynced, renamed.
 */
export async function zipFolder(folder: string, outZip: string, opts: ZipOptions = {}): Promise<ZipResult> {
  const root = path.resolve(folder);
  const out = path.resolve(outZip);
  const rel = path.relative(root, out);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) throw new PackBuildError(msg.buildUnsafeName(outZip, '压缩包不能放在验收包文件夹内'));
  const st = await fsp.stat(root).catch(() => null);
  if (!st?.isDirectory()) throw new PackBuildError(msg.buildNoFolder(folder));

  const walked = await walkFiles(root);
  const firstSpecial = walked.special[0];
  if (firstSpecial !== undefined) throw new PackBuildError(msg.buildSymlink(firstSpecial));
  const files = walked.files.filter((f) => !isOsMetadataPath(f.path) && !TEMP_FILE.test(f.path));
  for (const f of files) {
    const why = unsafePathReason(f.path);
    if (why) throw new PackBuildError(msg.buildUnsafeName(f.path, why));
  }

  const when = dosLocalDate(opts.mtime ?? (await manifestTime(root)) ?? new Date(Date.UTC(2000, 0, 1)));
  const zip = new ZipFile();
  for (const f of files) {
    zip.addFile(f.abs, f.path, {
      mtime: when,
      mode: 0o100644,
      compress: !STORED.has(path.extname(f.path).toLowerCase()),
      forceDosTimestamp: true,
    });
  }
  zip.end();

  await fsp.mkdir(path.dirname(out), { recursive: true });
  const tmp = tempNameFor(out);
  try {
    await pipeline(zip.outputStream, createWriteStream(tmp, { flags: 'wx', mode: 0o644 }));
    await fsyncFile(tmp);
    await fsp.rename(tmp, out);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(path.dirname(out));
  const size = (await fsp.stat(out)).size;
  return { path: out, entries: files.length, bytes: size };
}

async function manifestTime(root: string): Promise<Date | null> {
  try {
    const raw: unknown = JSON.parse(await fsp.readFile(path.join(root, MANIFEST_FILE), 'utf8'));
    const at = raw && typeof raw === 'object' ? (raw as { createdAt?: unknown }).createdAt : undefined;
    if (typeof at !== 'string') return null;
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? null : d;
  } catch {
    return null;
  }
}

/**
 * yazl encodes a Date with its local-time getters, so the bytes would depend on the
 * machine's time zone. Build a local Date whose getters return the Asia/Shanghai wall time.
 */
function dosLocalDate(instant: Date): Date {
  const shanghai = new Date(instant.getTime() + 8 * 3600 * 1000);
  return new Date(
    shanghai.getUTCFullYear(),
    shanghai.getUTCMonth(),
    shanghai.getUTCDate(),
    shanghai.getUTCHours(),
    shanghai.getUTCMinutes(),
    shanghai.getUTCSeconds(),
  );
}
