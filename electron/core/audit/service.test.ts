import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { tempDir } from '../test-tmp';
import { appendAudit, verifyAuditChain, type AuditEntry } from './service';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function entry(i: number, at: string): AuditEntry {
  return { at, userId: 'u1', username: 'eng', face: 'cli', channel: 'faults/create', entity: 'fault', entityId: `f${i}`, before: null, after: JSON.stringify({ i }), outcome: 'ok', errorCode: null };
}

function withRows(n: number, at = new Date().toISOString()) {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'w.sqlite');
  const h = openDatabase(file);
  h.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) appendAudit(h.sqlite, entry(i, at));
  })();
  return { file, sqlite: h.sqlite };
}

describe('audit log', () => {
  it('chains every row to the previous one and verifies', () => {
    const { sqlite } = withRows(20);
    expect(verifyAuditChain(sqlite)).toEqual({ ok: true, rows: 20, firstBroken: null });
    sqlite.close();
  });

  it('refuses UPDATE and the DELETE of rows younger than 180 days', () => {
    const { sqlite } = withRows(3);
    expect(() => sqlite.prepare("UPDATE audit_log SET username = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/180 days/);
    sqlite.close();
  });

  it('lets the trigger delete rows older than 180 days, but verify flags a start cut without a purge record', () => {
    const dir = tempDir();
    dirs.push(dir);
    const h = openDatabase(path.join(dir, 'w.sqlite'));
    h.sqlite.transaction(() => {
      for (let i = 0; i < 5; i++) appendAudit(h.sqlite, entry(i, '2020-01-01T00:00:00.000Z'));
      for (let i = 5; i < 8; i++) appendAudit(h.sqlite, entry(i, new Date().toISOString()));
    })();
    expect(h.sqlite.prepare("DELETE FROM audit_log WHERE at < '2021-01-01'").run().changes).toBe(5);
    // The links of the rest hold, but nothing records where the chain was cut: `owb audit purge` does.
    expect(verifyAuditChain(h.sqlite)).toMatchObject({ ok: false, rows: 3, firstBroken: { seq: 6, reason: 'anchor' } });
    h.sqlite.close();
  });

  it('draws the purge line at 180 days: 179 days old is kept, 181 days old may go', () => {
    const dir = tempDir();
    dirs.push(dir);
    const h = openDatabase(path.join(dir, 'w.sqlite'));
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    h.sqlite.transaction(() => {
      appendAudit(h.sqlite, entry(0, daysAgo(181)));
      appendAudit(h.sqlite, entry(1, daysAgo(179)));
      appendAudit(h.sqlite, entry(2, daysAgo(1)));
    })();
    expect(() => h.sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/180 days/);
    expect(() => h.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/180 days/);
    expect(h.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 3 });
    expect(h.sqlite.prepare('DELETE FROM audit_log WHERE seq = 1').run().changes).toBe(1);
    expect(verifyAuditChain(h.sqlite)).toMatchObject({ ok: false, rows: 2, firstBroken: { seq: 2, reason: 'anchor' } });
    h.sqlite.close();
  });

  it('names the first row an attacker edited (even with the trigger dropped), via the CLI too', () => {
    const { file, sqlite } = withRows(10);
    sqlite.close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET after = '{\"i\":999}' WHERE seq = 4").run();
    raw.prepare("UPDATE audit_log SET username = 'mallory' WHERE seq = 7").run();
    expect(verifyAuditChain(raw)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'hash' } });
    raw.close();
    const cli = spawnSync(process.execPath, ['bin/owb.mjs', 'audit', 'verify', '--db', file], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('第 4 条');
  });

  it('detects a deleted row in the middle as a broken link', () => {
    const { file, sqlite } = withRows(6);
    sqlite.close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_young_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(verifyAuditChain(raw)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'link' } });
    raw.close();
  });
});
