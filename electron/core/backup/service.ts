import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { checkDatabase, headerProblem, type Sqlite } from '../db/open';

export type BackupReason = 'daily' | 'manual' | 'pre-migration' | 'pre-restore';

export interface BackupInfo {
  file: string;
  name: string;
  at: string;
  reason: string;
  size: number;
}

const NAME_RE = /^workbench-(\d{8})T(\d{6})Z-([a-z-]+)\.sqlite$/;

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function backupName(at: Date, reason: BackupReason): string {
  return `workbench-${stamp(at)}-${reason}.sqlite`;
}

/** Opens a backup read-only and runs integrity_check + foreign_key_check on it. */
export function verifyBackupFile(file: string): string[] {
  const hp = headerProblem(file);
  if (hp) return [hp];
  let db: Sqlite | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = checkDatabase(db, true);
    const hasProjects = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='projects'").get();
    if (!hasProjects) problems.push(t('backup.notSqlite', { detail: 'no projects table' }));
    return problems;
  } catch (e) {
    return [(e as Error).message];
  } finally {
    db?.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // directories cannot be fsynced on Windows; the rename is still atomic there
  }
}

/** Synchronous consistent copy (VACUUM INTO), used before migrations. */
export function preMigrationBackup(sqlite: Sqlite, dir: string, at: Date): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, backupName(at, 'pre-migration'));
  const tmp = `${target}.tmp`;
  fs.rmSync(tmp, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(tmp);
  fsyncFile(tmp);
  fs.renameSync(tmp, target);
  fsyncDir(dir);
  return target;
}

/**
 * Online backup (SQLite backup API) to `out` or into the backup folder; written under a temp
 * name, verified, fsynced, then renamed, so a backup file is always whole.
 */
export async function createBackup(sqlite: Sqlite, out: string, onProgress?: (done: number, total: number) => void): Promise<BackupInfo> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  fs.rmSync(tmp, { force: true });
  await sqlite.backup(tmp, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages - remainingPages, totalPages);
      return 256;
    },
  });
  const problems = verifyBackupFile(tmp);
  if (problems.length > 0) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('IO', t('backup.verifyFailed', { detail: problems.join('; ') }));
  }
  fsyncFile(tmp);
  fs.renameSync(tmp, out);
  fsyncDir(path.dirname(out));
  return describe(out);
}

function describe(file: string): BackupInfo {
  const name = path.basename(file);
  const m = NAME_RE.exec(name);
  const at = m ? `${m[1]!.slice(0, 4)}-${m[1]!.slice(4, 6)}-${m[1]!.slice(6, 8)}T${m[2]!.slice(0, 2)}:${m[2]!.slice(2, 4)}:${m[2]!.slice(4, 6)}Z` : fs.statSync(file).mtime.toISOString();
  return { file, name, at, reason: m?.[3] ?? 'external', size: fs.statSync(file).size };
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME_RE.test(n))
    .map((n) => describe(path.join(dir, n)))
    .sort((a, b) => (a.at < b.at ? 1 : -1));
}

function isoWeek(d: Date): string {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = x.getUTCDay() || 7;
  x.setUTCDate(x.getUTCDate() + 4 - day);
  const y0 = new Date(Date.UTC(x.getUTCFullYear(), 0, 1));
  const w = Math.ceil(((x.getTime() - y0.getTime()) / 86_400_000 + 1) / 7);
  return `${x.getUTCFullYear()}-W${w}`;
}

/**
 * Rotation: keep the newest backup of each of the last 7 days, 4 ISO weeks and 12 months
 * that have backups (grandfather-father-son). Returns the files to delete.
 */
export function rotationPlan(backups: BackupInfo[], keep = { daily: 7, weekly: 4, monthly: 12 }): BackupInfo[] {
  const sorted = [...backups].sort((a, b) => (a.at < b.at ? 1 : -1));
  const keepSet = new Set<string>();
  const pick = (key: (b: BackupInfo) => string, n: number) => {
    const seen = new Set<string>();
    for (const b of sorted) {
      const k = key(b);
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      keepSet.add(b.file);
    }
  };
  // Business dates in Asia/Shanghai: a backup at 23:30 local belongs to that local day.
  const local = (b: BackupInfo) => new Date(new Date(b.at).getTime() + 8 * 3_600_000);
  pick((b) => local(b).toISOString().slice(0, 10), keep.daily);
  pick((b) => isoWeek(local(b)), keep.weekly);
  pick((b) => local(b).toISOString().slice(0, 7), keep.monthly);
  return sorted.filter((b) => !keepSet.has(b.file));
}

export function rotate(dir: string): string[] {
  const drop = rotationPlan(listBackups(dir));
  for (const b of drop) fs.rmSync(b.file, { force: true });
  return drop.map((b) => b.file);
}

/** A daily backup is due when there is none yet for today's (Shanghai) date. */
export function dailyBackupDue(dir: string, now: Date): boolean {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return !listBackups(dir).some((b) => new Date(new Date(b.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10) === today);
}

/**
 * Replaces the database file by a verified backup. The current file (damaged or not) is kept
 * beside it as `<db>.replaced-<stamp>`; -wal/-shm are moved with it. The caller has closed it.
 */
export function restoreFile(from: string, dbPath: string, at: Date): { kept: string | null } {
  if (!fs.existsSync(from)) throw new AppError('NOT_FOUND', t('backup.notFound', { file: from }));
  const problems = verifyBackupFile(from);
  if (problems.length > 0) throw new AppError('VALIDATION', t('backup.notSqlite', { detail: problems.slice(0, 3).join('; ') }));
  let kept: string | null = null;
  const tmp = `${dbPath}.restore-tmp`;
  fs.copyFileSync(from, tmp);
  fsyncFile(tmp);
  if (fs.existsSync(dbPath)) {
    kept = `${dbPath}.replaced-${stamp(at)}`;
    fs.renameSync(dbPath, kept);
    for (const ext of ['-wal', '-shm']) {
      if (fs.existsSync(dbPath + ext)) fs.renameSync(dbPath + ext, kept + ext);
    }
  }
  fs.renameSync(tmp, dbPath);
  fsyncDir(path.dirname(dbPath));
  return { kept };
}
