import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, resolveMigrationsDir, type Sqlite } from './open';
import { nextDocNo } from '../project/numbering';
import { getSetting, putSetting } from '../project/settings';
import { tempDir } from '../test-tmp';

/** Tables that keep their own row model: the append-only audit chain and drizzle's bookkeeping. */
const EXEMPT = new Set(['audit_log', '__drizzle_migrations']);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** The migration that added the standard columns to the last five tables. */
const TAG = '0008_standard_columns';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of the migrations folder holding only the entries before `tag`. */
function migrationsBefore(dir: string, tag: string): string {
  const real = resolveMigrationsDir();
  const partial = path.join(dir, 'mig');
  fs.cpSync(real, partial, { recursive: true });
  const journalFile = path.join(partial, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at, `${tag} in the journal`).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return partial;
}

/** Inserts a row, filling every other NOT NULL column without a default by its declared type. */
function insertRow(sqlite: Sqlite, table: string, values: Record<string, string | number | null>): void {
  const cols = sqlite.prepare(`SELECT name, type, "notnull" AS nn, dflt_value AS dflt FROM pragma_table_info(?)`).all(table) as Array<{ name: string; type: string; nn: number; dflt: string | null }>;
  const row: Record<string, string | number | null> = {};
  for (const c of cols) {
    if (c.name in values) row[c.name] = values[c.name]!;
    else if (c.nn && c.dflt === null) row[c.name] = /int|real/i.test(c.type) ? 0 : c.name.endsWith('_at') ? '2025-01-01T00:00:00.000Z' : `${table}.${c.name}`;
  }
  for (const k of Object.keys(values)) expect(cols.map((c) => c.name), `${table}.${k}`).toContain(k);
  const names = Object.keys(row);
  sqlite.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => row[n]));
}

const all = <T>(sqlite: Sqlite, sql: string, ...args: unknown[]) => sqlite.prepare(sql).all(...args) as T[];
const idMs = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

interface Std {
  id: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

describe(`migration ${TAG} on a real file with data`, () => {
  it('gives every existing row valid standard columns and keeps its data, foreign keys and natural keys', () => {
    const dir = tempDir('owb-stdcols-');
    dirs.push(dir);
    const file = path.join(dir, 'w.sqlite');
    const old = openDatabase(file, { migrationsDir: migrationsBefore(dir, TAG) });
    expect(old.state).toBe('ok');
    const s = old.sqlite;
    // The tables really are the old shape.
    for (const t of ['settings', 'host_keys', 'doc_counters', 'fault_assets', 'work_order_assets']) {
      expect(all<{ name: string }>(s, 'SELECT name FROM pragma_table_info(?)', t).map((c) => c.name), t).not.toContain('deleted_at');
    }
    const fault1At = '2025-03-04T05:06:07.089Z';
    const fault2At = '2025-06-01T10:00:00.000Z';
    const woAt = '2025-04-05T06:07:08.009Z';
    s.transaction(() => {
      insertRow(s, 'projects', { id: 'p1', code: 'P1', created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z', updated_by: 'system:seed', settings: '{}' });
      for (const a of ['a1', 'a2']) insertRow(s, 'assets', { id: a, project_id: 'p1', name: `server ${a}` });
      insertRow(s, 'faults', { id: 'f1', project_id: 'p1', doc_no: 'GZ-2025-0001', created_at: fault1At, updated_at: '2025-05-01T00:00:00.000Z', updated_by: 'wanggong' });
      insertRow(s, 'faults', { id: 'f2', project_id: 'p1', doc_no: 'GZ-2025-0002', created_at: fault2At, updated_at: fault2At, updated_by: 'wanggong' });
      insertRow(s, 'work_orders', { id: 'w1', project_id: 'p1', doc_no: 'GD-2025-0001', created_at: woAt, updated_at: woAt, updated_by: 'lijingli', technician_ids: '[]' });
      s.prepare('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)').run('security.idleLockMinutes', '15', '2025-01-02T03:04:05.678Z', 'admin');
      s.prepare('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)').run('odd', '"v"', 'not a time', 'someone');
      // Many rows of one millisecond: their ids differ only in the random bits.
      for (let i = 0; i < 500; i++) s.prepare('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)').run(`bulk-${i}`, String(i), '2025-01-03T00:00:00.000Z', 'admin');
      s.prepare('INSERT INTO host_keys (host_port, fingerprint, pinned_at, pinned_by) VALUES (?, ?, ?, ?)').run('127.0.0.1:22', 'SHA256:abc', '2025-02-03T04:05:06.789Z', 'wanggong');
      s.prepare('INSERT INTO host_keys (host_port, fingerprint, pinned_at, pinned_by) VALUES (?, ?, ?, ?)').run('127.0.0.2:2222', 'SHA256:def', '2025-02-04T00:00:00.000Z', 'system:scheduler');
      const counter = s.prepare('INSERT INTO doc_counters (project_id, kind, scope, last_seq) VALUES (?, ?, ?, ?)');
      counter.run('p1', 'fault', '2025', 12);
      counter.run('p1', 'workorder', '2025', 3);
      const fa = s.prepare('INSERT INTO fault_assets (fault_id, asset_id) VALUES (?, ?)');
      fa.run('f1', 'a1');
      fa.run('f1', 'a2');
      fa.run('f2', 'a1');
      s.prepare('INSERT INTO work_order_assets (work_order_id, asset_id) VALUES (?, ?)').run('w1', 'a2');
    })();
    const data = {
      settings: all(s, 'SELECT key, value FROM settings ORDER BY key'),
      host_keys: all(s, 'SELECT host_port, fingerprint, pinned_at, pinned_by FROM host_keys ORDER BY host_port'),
      doc_counters: all(s, 'SELECT project_id, kind, scope, last_seq FROM doc_counters ORDER BY kind'),
      fault_assets: all(s, 'SELECT fault_id, asset_id FROM fault_assets ORDER BY fault_id, asset_id'),
      work_order_assets: all(s, 'SELECT work_order_id, asset_id FROM work_order_assets ORDER BY work_order_id, asset_id'),
    };
    s.close();

    const t0 = Date.now();
    const h = openDatabase(file);
    const t1 = Date.now();
    try {
      expect(h.state).toBe('ok');
      expect(h.migrated).toBe(1);
      const n = h.sqlite;
      // Every row kept its data.
      expect(all(n, 'SELECT key, value FROM settings ORDER BY key')).toEqual(data.settings);
      expect(all(n, 'SELECT host_port, fingerprint, pinned_at, pinned_by FROM host_keys ORDER BY host_port')).toEqual(data.host_keys);
      expect(all(n, 'SELECT project_id, kind, scope, last_seq FROM doc_counters ORDER BY kind')).toEqual(data.doc_counters);
      expect(all(n, 'SELECT fault_id, asset_id FROM fault_assets ORDER BY fault_id, asset_id')).toEqual(data.fault_assets);
      expect(all(n, 'SELECT work_order_id, asset_id FROM work_order_assets ORDER BY work_order_id, asset_id')).toEqual(data.work_order_assets);

      // Valid, unique UUIDv7 ids whose timestamp is the row's best known time.
      const std = <T>(sql: string) => all<Std & T>(n, sql);
      const ids: string[] = [];
      const check = (r: Std, createdAt: string | null, by: string) => {
        expect(r.id).toMatch(UUID_V7);
        ids.push(r.id);
        expect(r.deleted_at).toBeNull();
        expect(r.updated_by).toBe(by);
        expect(r.updated_at).toBe(r.created_at);
        if (createdAt) {
          expect(r.created_at).toBe(createdAt);
          expect(idMs(r.id)).toBe(Date.parse(createdAt));
        } else {
          expect(r.created_at).toMatch(ISO);
          expect(Date.parse(r.created_at)).toBeGreaterThanOrEqual(t0 - 1000);
          expect(Date.parse(r.created_at)).toBeLessThanOrEqual(t1 + 1000);
        }
        if (!createdAt || !ISO.test(createdAt)) {
          expect(idMs(r.id)).toBeGreaterThanOrEqual(t0 - 1000);
          expect(idMs(r.id)).toBeLessThanOrEqual(t1 + 1000);
        }
      };
      const settings = std<{ key: string }>('SELECT * FROM settings ORDER BY key');
      check(settings.find((r) => r.key === 'security.idleLockMinutes')!, '2025-01-02T03:04:05.678Z', 'admin');
      for (const r of settings.filter((x) => x.key.startsWith('bulk-'))) check(r, '2025-01-03T00:00:00.000Z', 'admin');
      const odd = settings.find((r) => r.key === 'odd')!;
      expect(odd.id).toMatch(UUID_V7);
      ids.push(odd.id);
      expect([odd.created_at, odd.updated_at, odd.updated_by]).toEqual(['not a time', 'not a time', 'someone']);
      expect(idMs(odd.id)).toBeGreaterThanOrEqual(t0 - 1000); // an unreadable time: the id takes the migration time
      expect(idMs(odd.id)).toBeLessThanOrEqual(t1 + 1000);
      for (const r of std<{ pinned_at: string; pinned_by: string }>('SELECT * FROM host_keys')) check(r, r.pinned_at, r.pinned_by);
      for (const r of std('SELECT * FROM doc_counters')) check(r, null, 'system:migration');
      for (const r of std<{ fault_id: string }>('SELECT * FROM fault_assets')) check(r, r.fault_id === 'f1' ? fault1At : fault2At, 'system:migration');
      for (const r of std('SELECT * FROM work_order_assets')) check(r, woAt, 'system:migration');
      expect(ids).toHaveLength(510);
      expect(new Set(ids).size).toBe(ids.length);

      // Foreign keys still hold and are still enforced.
      expect(n.pragma('foreign_key_check')).toEqual([]);
      expect(n.pragma('foreign_keys', { simple: true })).toBe(1);
      const std5 = (id: string) => [id, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'test'];
      expect(() => n.prepare('INSERT INTO fault_assets (id, created_at, updated_at, updated_by, fault_id, asset_id) VALUES (?, ?, ?, ?, ?, ?)').run(...std5('x1'), 'no-fault', 'a1')).toThrow(/FOREIGN KEY/);
      expect(() => n.prepare('INSERT INTO work_order_assets (id, created_at, updated_at, updated_by, work_order_id, asset_id) VALUES (?, ?, ?, ?, ?, ?)').run(...std5('x2'), 'w1', 'no-asset')).toThrow(/FOREIGN KEY/);
      expect(() => n.prepare('INSERT INTO doc_counters (id, created_at, updated_at, updated_by, project_id, kind, scope, last_seq) VALUES (?, ?, ?, ?, ?, ?, ?, 1)').run(...std5('x3'), 'no-project', 'fault', '2030')).toThrow(/FOREIGN KEY/);

      // The natural keys are unique.
      const dup: Array<[string, string, unknown[]]> = [
        ['settings', 'id, created_at, updated_at, updated_by, key, value', [...std5('d1'), 'security.idleLockMinutes', '1']],
        ['host_keys', 'id, created_at, updated_at, updated_by, host_port, fingerprint, pinned_at, pinned_by', [...std5('d2'), '127.0.0.1:22', 'SHA256:zzz', 'x', 'y']],
        ['doc_counters', 'id, created_at, updated_at, updated_by, project_id, kind, scope, last_seq', [...std5('d3'), 'p1', 'fault', '2025', 1]],
        ['fault_assets', 'id, created_at, updated_at, updated_by, fault_id, asset_id', [...std5('d4'), 'f1', 'a2']],
        ['work_order_assets', 'id, created_at, updated_at, updated_by, work_order_id, asset_id', [...std5('d5'), 'w1', 'a2']],
      ];
      for (const [table, cols, args] of dup) {
        expect(() => n.prepare(`INSERT INTO ${table} (${cols}) VALUES (${args.map(() => '?').join(', ')})`).run(...args), table).toThrow(/UNIQUE constraint failed/);
      }
      // …and a different key goes in.
      n.prepare('INSERT INTO fault_assets (id, created_at, updated_at, updated_by, fault_id, asset_id) VALUES (?, ?, ?, ?, ?, ?)').run(...std5('ok1'), 'f2', 'a2');
      const indexes = all<{ name: string }>(n, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").map((r) => r.name);
      for (const ix of ['settings_key_uq', 'host_keys_host_port_uq', 'doc_counters_pk', 'fault_assets_pk', 'fault_assets_asset_idx', 'work_order_assets_pk', 'work_order_assets_asset_idx']) expect(indexes).toContain(ix);

      // The writers carry on from the migrated rows: the counter keeps its id and counts on.
      const counterId = (n.prepare("SELECT id FROM doc_counters WHERE kind = 'fault'").get() as { id: string }).id;
      expect(nextDocNo(n, 'p1', 'fault', 'GZ-{YYYY}-{SEQ:4}', '2025-07-01', { at: '2026-01-01T00:00:00.000Z', by: 'wanggong' })).toBe('GZ-2025-0013');
      expect(n.prepare("SELECT id, updated_at, updated_by FROM doc_counters WHERE kind = 'fault'").get()).toEqual({ id: counterId, updated_at: '2026-01-01T00:00:00.000Z', updated_by: 'wanggong' });
      const settingId = settings.find((r) => r.key === 'security.idleLockMinutes')!.id;
      putSetting(n, 'security.idleLockMinutes', 20, '2026-01-02T00:00:00.000Z', 'admin2');
      expect(getSetting(n, 'security.idleLockMinutes', 0)).toBe(20);
      expect(n.prepare("SELECT id, created_at, updated_at, updated_by FROM settings WHERE key = 'security.idleLockMinutes'").get()).toEqual({
        id: settingId,
        created_at: '2025-01-02T03:04:05.678Z',
        updated_at: '2026-01-02T00:00:00.000Z',
        updated_by: 'admin2',
      });
      expect(n.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      h.sqlite.close();
    }
  });
});

describe('the standard columns', () => {
  it('are on every table of a migrated database but the audit log and drizzle’s own', () => {
    const dir = tempDir('owb-stdcols-');
    dirs.push(dir);
    const h = openDatabase(path.join(dir, 'w.sqlite'));
    try {
      const tables = all<{ name: string }>(h.sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r.name);
      expect(tables.length).toBeGreaterThan(20);
      for (const x of EXEMPT) expect(tables).toContain(x);
      const missing: string[] = [];
      for (const table of tables.filter((t) => !EXEMPT.has(t))) {
        const cols = new Map(all<{ name: string; type: string; notnull: number; pk: number }>(h.sqlite, 'SELECT name, type, "notnull", pk FROM pragma_table_info(?)', table).map((c) => [c.name, c]));
        const want: Array<[string, (c: { type: string; notnull: number; pk: number }) => boolean]> = [
          ['id', (c) => c.pk === 1 && c.notnull === 1 && c.type.toLowerCase() === 'text'],
          ['created_at', (c) => c.notnull === 1],
          ['updated_at', (c) => c.notnull === 1],
          ['updated_by', (c) => c.notnull === 1],
          ['deleted_at', (c) => c.notnull === 0],
        ];
        for (const [name, ok] of want) {
          const c = cols.get(name);
          if (!c || !ok(c)) missing.push(`${table}.${name}`);
        }
        // The id is the whole primary key (a natural key is a unique index instead).
        if ([...cols.values()].filter((c) => c.pk > 0).length !== 1) missing.push(`${table}: primary key other than id`);
      }
      expect(missing).toEqual([]);
    } finally {
      h.sqlite.close();
    }
  });
});
