import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, resolveMigrationsDir } from './open';
import { listBackups } from '../backup/service';
import { putSetting } from '../project/settings';
import { tempDir } from '../test-tmp';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function populated(dir: string): string {
  const file = path.join(dir, 'w.sqlite');
  const h = openDatabase(file);
  putSetting(h.sqlite, 'k', 1, 'x', 'y');
  // Enough pages that damage in the middle of the file is found by quick_check.
  h.sqlite.transaction(() => {
    for (let i = 0; i < 3000; i++) putSetting(h.sqlite, `key-${i}`, 'v'.repeat(200), 'x', 'y');
  })();
  h.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  h.sqlite.close();
  return file;
}

describe('openDatabase', () => {
  it('opens a new file with WAL, synchronous=FULL, foreign keys and secure_delete, and migrates', () => {
    const file = path.join(fresh(), 'w.sqlite');
    const h = openDatabase(file);
    expect(h.state).toBe('ok');
    expect(h.migrated).toBeGreaterThan(0);
    expect(h.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(h.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(h.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
    const tables = (h.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>).map((r) => r.name);
    for (const t of ['projects', 'staff', 'users', 'assets', 'probe_results', 'inspection_runs', 'faults', 'work_orders', 'problem_tickets', 'attendance_marks', 'leave_requests', 'documents', 'attachments', 'audit_log']) {
      expect(tables).toContain(t);
    }
    h.sqlite.close();
    const again = openDatabase(file);
    expect(again.migrated).toBe(0);
    again.sqlite.close();
  });

  it('detects flipped bytes, a truncated file and a file that is not SQLite; writes are refused; the file is kept', () => {
    const dir = fresh();
    const file = populated(dir);
    const size = fs.statSync(file).size;
    // 1. flipped bytes inside the b-tree pages
    const flipped = path.join(dir, 'flipped.sqlite');
    fs.copyFileSync(file, flipped);
    const fd = fs.openSync(flipped, 'r+');
    const junk = Buffer.alloc(4096, 0xa5);
    fs.writeSync(fd, junk, 0, junk.length, Math.floor(size / 2 / 4096) * 4096 + 16);
    fs.closeSync(fd);
    const a = openDatabase(flipped);
    expect(a.state).toBe('damaged');
    expect(() => putSetting(a.sqlite, 'z', 1, 'x', 'y')).toThrow();
    a.sqlite.close();
    // 2. truncated
    const truncated = path.join(dir, 'truncated.sqlite');
    fs.copyFileSync(file, truncated);
    fs.truncateSync(truncated, Math.floor(size / 3));
    const b = openDatabase(truncated);
    expect(b.state).toBe('damaged');
    expect(b.problems.join(' ')).toMatch(/truncated/);
    b.sqlite.close();
    expect(fs.statSync(truncated).size).toBe(Math.floor(size / 3));
    // 3. not SQLite at all
    const junkFile = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junkFile, Buffer.alloc(8192, 0x41));
    const c = openDatabase(junkFile);
    expect(c.state).toBe('damaged');
    c.sqlite.close();
    expect(fs.readFileSync(junkFile).equals(Buffer.alloc(8192, 0x41))).toBe(true);
  });

  it('takes a verified backup before applying pending migrations to a file with data', () => {
    const dir = fresh();
    const real = resolveMigrationsDir();
    const partial = path.join(dir, 'mig');
    fs.cpSync(real, partial, { recursive: true });
    const journalFile = path.join(partial, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, 1);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const file = path.join(dir, 'w.sqlite');
    const backups = path.join(dir, 'backups');
    const h1 = openDatabase(file, { migrationsDir: partial });
    h1.sqlite.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('k', '1', 'x', 'y')").run();
    h1.sqlite.close();
    let called = 0;
    const h2 = openDatabase(file, {
      migrationsDir: real,
      beforeMigrate: (s) => {
        called++;
        fs.mkdirSync(backups, { recursive: true });
        s.prepare('VACUUM INTO ?').run(path.join(backups, 'workbench-20260101T000000Z-pre-migration.sqlite'));
      },
    });
    expect(called).toBe(1);
    const total = (JSON.parse(fs.readFileSync(path.join(real, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
    expect(h2.migrated).toBe(total - 1);
    h2.sqlite.close();
    expect(listBackups(backups)).toHaveLength(1);
  });
});

describe('migrations', () => {
  it('agree with the schema (drizzle-kit generates nothing new)', () => {
    // drizzle-kit wants a path relative to the working directory.
    const out = path.join('.tmp', `drift-${process.pid}`, 'migrations');
    dirs.push(path.dirname(out));
    fs.cpSync(resolveMigrationsDir(), out, { recursive: true });
    const config = path.join(process.cwd(), `drizzle.drift.${process.pid}.config.ts`);
    fs.writeFileSync(config, `export default { dialect: 'sqlite', schema: './electron/core/db/schema.ts', out: ${JSON.stringify(out)} };\n`);
    try {
      const before = fs.readdirSync(out).length;
      const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config], { encoding: 'utf8', cwd: process.cwd() });
      expect(r.status).toBe(0);
      expect(`${r.stdout}${r.stderr}`).toMatch(/No schema changes/);
      expect(fs.readdirSync(out).length).toBe(before);
    } finally {
      fs.rmSync(config, { force: true });
    }
  }, 60_000);
});
