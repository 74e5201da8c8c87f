import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** fsync a directory so a rename inside it is durable (not supported on Windows: ignored). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot open/fsync a directory; the rename is still atomic there.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Name of a temp file beside `file` (same directory, so rename is atomic). */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(6).toString('hex')}`);
}

/**
 * Writes `data` to `file` atomically: a new temp file in the same folder (created with
 * `mode`, never following an existing name), fsync, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string, mode = 0o644): Promise<void> {
  const tmp = tempNameFor(file);
  const fh = await fsp.open(tmp, 'wx', mode);
  try {
    try {
      await fh.chmod(mode); // the umask may have removed bits; never adds any beyond `mode`
    } catch {
      // chmod is best effort on Windows
    }
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(path.dirname(file));
}

/** fsync an existing file by path. */
export async function fsyncFile(file: string): Promise<void> {
  const fh = await fsp.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export interface WalkedFile {
  /** Posix path relative to the root. */
  path: string;
  abs: string;
  size: number;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Symlinks, sockets, devices... (posix relative paths): never followed. */
  special: string[];
}

/** Lists regular files under `root` recursively (lstat: symlinks are reported, not followed). */
export async function walkFiles(root: string): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const special: string[] = [];
  async function visit(absDir: string, relDir: string): Promise<void> {
    const dirents = await fsp.readdir(absDir, { withFileTypes: true });
    for (const d of dirents) {
      const abs = path.join(absDir, d.name);
      const rel = relDir === '' ? d.name : `${relDir}/${d.name}`;
      if (d.isDirectory()) await visit(abs, rel);
      else if (d.isFile()) {
        const st = await fsp.lstat(abs);
        files.push({ path: rel, abs, size: st.size });
      } else special.push(rel);
    }
  }
  await visit(root, '');
  files.sort((a, b) => comparePaths(a.path, b.path));
  special.sort(comparePaths);
  return { files, special };
}

/** Deterministic order: by UTF-8 bytes (locale independent, the order `LC_ALL=C sort` gives). */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
