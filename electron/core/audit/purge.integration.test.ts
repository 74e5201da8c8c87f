/**
 * `owb audit purge` on real SQLite files through the real CLI entry (bin/owb.mjs): dry run,
 * the 180-day line, a purge that keeps the chain verifiable, and a broken chain refused.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, toBizDate } from '../../../shared/time';
import { openDatabase } from '../db/open';
import { tempDir } from '../test-tmp';
import { planAuditPurge, purgeAudit } from './purge';
import { appendAudit, verifyAuditChain, type AuditEntry } from './service';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();

function entry(i: number, at: string): AuditEntry {
  return { at, userId: 'u1', username: 'eng', face: 'cli', channel: 'faults/create', entity: 'fault', entityId: `f${i}`, before: null, after: JSON.stringify({ i }), outcome: 'ok', errorCode: null };
}

/** A database whose audit log holds rows of the given ages (days), in that order. */
function dbWith(ages: number[]): string {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'w.sqlite');
  const h = openDatabase(file);
  h.sqlite.transaction(() => ages.forEach((a, i) => appendAudit(h.sqlite, entry(i, daysAgo(a)))))();
  h.sqlite.close();
  return file;
}

interface Row {
  seq: number;
  channel: string;
  username: string;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

function rows(file: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT seq, channel, username, before, after, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq').all() as Row[];
  } finally {
    db.close();
  }
}

function owb(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/owb.mjs', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const backupsOf = (file: string) => {
  const dir = path.join(path.dirname(file), 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.sqlite')) : [];
};

// 4 rows ~400 days old, 3 rows ~300 days old, 2 rows from last week.
const AGES = [400, 400, 399, 398, 300, 300, 299, 10, 5];

describe('owb audit purge', { timeout: 300_000 }, () => {
  it('without --yes only counts: nothing is deleted, no backup taken', () => {
    const file = dbWith(AGES);
    const before = rows(file);
    const r = owb(['audit', 'purge', '--db', file, '--before', toBizDate(daysAgo(350))]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('将清除');
    expect(r.stderr).toMatch(/之前的审计记录 4 条，保留 5 条/);
    expect(r.stderr).toContain('--yes');
    expect(rows(file)).toEqual(before);
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
  });

  it('refuses a date that reaches into the last 180 days (exit 2), even with --yes; the last allowed date is accepted', () => {
    const file = dbWith(AGES);
    const before = rows(file);
    // Computed here from the rule, not by the code under test: rows before Shanghai midnight of
    // `before` go, so `before` may be at most the business date of now − 180 days.
    const latest = toBizDate(new Date(Date.now() - 180 * DAY));
    for (const d of [addDays(latest, 1), toBizDate(daysAgo(100)), toBizDate(new Date())]) {
      const r = owb(['audit', 'purge', '--db', file, '--before', d, '--yes']);
      expect(r.code, d).toBe(2);
      expect(r.stderr).toContain('须保留 180 天');
      expect(r.stderr).toContain(`最晚可为 ${latest}`);
      expect(r.stderr).toContain('未删除任何记录');
    }
    const bad = owb(['audit', 'purge', '--db', file, '--before', '2024-02-30', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('YYYY-MM-DD');
    const missing = owb(['audit', 'purge', '--db', file, '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--before');
    expect(rows(file)).toEqual(before);
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
    const ok = owb(['audit', 'purge', '--db', file, '--before', latest]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/之前的审计记录 7 条，保留 2 条/);
  });

  it('purges exactly the old rows, records itself with the anchor hash, and verify passes; a second purge chains on', () => {
    const file = dbWith(AGES);
    const before = rows(file);
    const r = owb(['audit', 'purge', '--db', file, '--before', toBizDate(daysAgo(350)), '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/已清除 \S+之前的审计记录 4 条/);
    const after = rows(file);
    // Rows 5..9 untouched, then one purge row chained to the last of them.
    expect(after.slice(0, 5)).toEqual(before.slice(4));
    expect(after).toHaveLength(6);
    const purge = after[5]!;
    expect(purge.channel).toBe('audit/purge');
    expect(purge.username).toMatch(/^cli:/);
    expect(purge.prevHash).toBe(before[8]!.hash);
    const note = JSON.parse(purge.after ?? '{}') as Record<string, unknown>;
    expect(note).toMatchObject({ purgedBefore: toBizDate(daysAgo(350)), deleted: 4, anchorHash: before[3]!.hash });
    expect(JSON.parse(purge.before ?? '{}')).toEqual({ rows: 4, firstSeq: 1, lastSeq: 4 });
    expect(after[0]!.prevHash).toBe(before[3]!.hash);
    const v = owb(['audit', 'verify', '--db', file]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr).toContain('共 6 条');
    // A verified backup of the state before the purge was taken.
    const backups = backupsOf(file);
    expect(backups).toHaveLength(1);
    expect(note.backup).toBe(backups[0]);
    expect(rows(path.join(path.dirname(file), 'backups', backups[0]!))).toEqual(before);

    const latest = toBizDate(new Date(Date.now() - 180 * DAY));
    const r2 = owb(['audit', 'purge', '--db', file, '--before', latest, '--yes']);
    expect(r2.code, r2.stderr).toBe(0);
    const after2 = rows(file);
    expect(after2.map((x) => x.seq)).toEqual([8, 9, 10, 11]);
    expect(JSON.parse(after2[3]!.after ?? '{}')).toMatchObject({ deleted: 3, anchorHash: before[6]!.hash });
    const v2 = owb(['audit', 'verify', '--db', file]);
    expect(v2.code, v2.stderr).toBe(0);
    const none = owb(['audit', 'purge', '--db', file, '--before', latest, '--yes']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stderr).toContain('没有可清除的审计记录');
    expect(rows(file)).toEqual(after2);
  });

  it('refuses to purge a chain that is already broken (an edited row, or rows cut without a record)', () => {
    const file = dbWith(AGES);
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET after = '{\"i\":999}' WHERE seq = 8").run();
    raw.close();
    const edited = rows(file);
    const r = owb(['audit', 'purge', '--db', file, '--before', toBizDate(daysAgo(350)), '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 8 条');
    expect(r.stderr).toContain('拒绝清除');
    expect(rows(file)).toEqual(edited);
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);

    // Old rows deleted behind the tool's back (the trigger allows it): the cut start is unrecorded.
    const cut = dbWith(AGES);
    const db = new Database(cut);
    expect(db.prepare('DELETE FROM audit_log WHERE seq <= 2').run().changes).toBe(2);
    db.close();
    const v = owb(['audit', 'verify', '--db', cut]);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('第 3 条');
    const r2 = owb(['audit', 'purge', '--db', cut, '--before', toBizDate(daysAgo(350)), '--yes']);
    expect(r2.code).toBe(1);
    expect(rows(cut)).toHaveLength(7);
  });

  it('cuts only the leading run of old rows: an old row after a younger one (clock set back) is kept', () => {
    const dir = tempDir();
    dirs.push(dir);
    const h = openDatabase(path.join(dir, 'w.sqlite'));
    h.sqlite.transaction(() => [400, 390, 10, 400, 5].forEach((a, i) => appendAudit(h.sqlite, entry(i, daysAgo(a)))))();
    const date = toBizDate(daysAgo(350));
    expect(planAuditPurge(h.sqlite, date, new Date())).toMatchObject({ ok: true, rows: 2, keptOld: 1, firstSeq: 1, lastSeq: 2 });
    const { result } = purgeAudit(h.sqlite, date, new Date(), { userId: null, username: 'tester', face: 'cli' });
    expect(result).toMatchObject({ deleted: 2, remaining: 4 });
    expect(verifyAuditChain(h.sqlite)).toEqual({ ok: true, rows: 4, firstBroken: null });
    expect(h.sqlite.prepare('SELECT seq FROM audit_log ORDER BY seq').all()).toEqual([{ seq: 3 }, { seq: 4 }, { seq: 5 }, { seq: 6 }]);
    h.sqlite.close();
  });
});
