import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export interface OpenDbResult {
  sqlite: Sqlite;
  db: Db;
  /** 'damaged': checks failed; the file is opened query-only (writes refused). */
  state: 'ok' | 'damaged';
  problems: string[];
  /** Migrations applied by this open (0 when up to date). */
  migrated: number;
}

export interface OpenDbOptions {
  migrationsDir?: string;
  /** Called with the path of a fresh file before pending migrations run on a non-empty db. */
  beforeMigrate?: (sqlite: Sqlite) => void;
  readonly?: boolean;
}

/** Where drizzle-kit's migrations live: next to this file in source, copied beside the bundle. */
export function resolveMigrationsDir(explicit?: string): string {
  const candidates = [
    explicit,
    process.env.OWB_MIGRATIONS_DIR,
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  ].filter((c): c is string => typeof c === 'string' && c.length > 0);
  for (const c of candidates) {
    if (fs.existsSync(path.join(c, 'meta', '_journal.json'))) return c;
  }
  throw new Error(`migrations folder not found (tried ${candidates.join(', ')})`);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Reads the first 100 bytes: a file that is not SQLite is damaged, not "empty". */
export function headerProblem(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  const size = fs.statSync(file).size;
  if (size === 0) return null;
  if (size < 100) return 'truncated header';
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    fs.readSync(fd, buf, 0, 100, 0);
    if (!buf.subarray(0, 16).equals(SQLITE_HEADER)) return 'not a SQLite file';
    const pageSize = buf.readUInt16BE(16) === 1 ? 65536 : buf.readUInt16BE(16);
    const pages = buf.readUInt32BE(28);
    // The in-header page count is valid when the change counters match (SQLite ≥ 3.7.0).
    if (buf.readUInt32BE(24) === buf.readUInt32BE(92) && pages > 0 && size < pageSize * pages) {
      return `truncated: ${size} bytes < ${pages} pages × ${pageSize}`;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

export function applyPragmas(sqlite: Sqlite, readonly = false): void {
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Reads through a memory map and a larger page cache: the start-up quick_check and
  // foreign_key_check of a 3-year file (~100 MiB) take half the time (300+150 → 120+85 ms).
  // Writes still go through the journal (SQLite maps read-only unless built otherwise).
  sqlite.pragma('mmap_size = 536870912');
  sqlite.pragma('cache_size = -65536');
}

/** quick_check + foreign_key_check; returns human-readable problems (empty when fine). */
export function checkDatabase(sqlite: Sqlite, full = false): string[] {
  const problems: string[] = [];
  const rows = sqlite.pragma(full ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>;
  for (const r of rows) {
    const v = Object.values(r)[0];
    if (v !== 'ok') problems.push(String(v));
  }
  const fk = sqlite.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const f of fk.slice(0, 20)) problems.push(`foreign key: ${f.table} row ${f.rowid} → ${f.parent}`);
  return problems;
}

function pendingMigrations(sqlite: Sqlite, dir: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const has = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!has) return journal.entries.length;
  const row = sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return journal.entries.length - row.n;
}

function isEmpty(sqlite: Sqlite): boolean {
  const row = sqlite.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type='table'").get() as { n: number };
  return row.n === 0;
}

/**
 * Opens the workstation database safely: header check, WAL, synchronous=FULL, foreign keys,
 * secure_delete, quick_check and foreign_key_check, then migrations (after a backup when
 * the file already holds data). A damaged file is opened query-only and reported, never
 * modified: the caller offers a restore and keeps the damaged file.
 */
export function openDatabase(file: string, opts: OpenDbOptions = {}): OpenDbResult {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const problems: string[] = [];
  const hp = headerProblem(file);
  if (hp) problems.push(hp);
  let sqlite: Sqlite;
  try {
    sqlite = new Database(file, { readonly: opts.readonly === true || problems.length > 0, fileMustExist: problems.length > 0 });
  } catch (e) {
    throw new Error(`cannot open database ${file}: ${(e as Error).message}`);
  }
  try {
    applyPragmas(sqlite, opts.readonly === true || problems.length > 0);
    if (problems.length === 0) problems.push(...checkDatabase(sqlite));
  } catch (e) {
    problems.push((e as Error).message);
  }
  const db = drizzle(sqlite, { schema });
  if (problems.length > 0) {
    try {
      sqlite.pragma('query_only = ON');
    } catch {
      // a file that is not SQLite at all refuses even this; every statement will fail anyway
    }
    return { sqlite, db, state: 'damaged', problems, migrated: 0 };
  }
  let migrated = 0;
  if (!opts.readonly) {
    const dir = resolveMigrationsDir(opts.migrationsDir);
    migrated = pendingMigrations(sqlite, dir);
    if (migrated > 0) {
      if (!isEmpty(sqlite)) opts.beforeMigrate?.(sqlite);
      migrate(db, { migrationsFolder: dir });
    }
  }
  return { sqlite, db, state: 'ok', problems: [], migrated };
}
