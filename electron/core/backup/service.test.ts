import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, adminSession, makeCore, tableCounts, type TestCore } from '../test-utils';
import { backupName, dailyBackupDue, listBackups, rotationPlan, type BackupInfo } from './service';

const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});

function info(at: string): BackupInfo {
  return { file: `/b/${at}`, name: at, at, reason: 'daily', size: 1 };
}

describe('backup rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly', () => {
    const all: BackupInfo[] = [];
    const start = Date.parse('2025-01-01T02:00:00Z');
    for (let d = 0; d < 500; d++) all.push(info(new Date(start + d * 86_400_000).toISOString()));
    const drop = new Set(rotationPlan(all).map((b) => b.file));
    const kept = all.filter((b) => !drop.has(b.file)).map((b) => b.at.slice(0, 10)).sort().reverse();
    // the newest 7 days are all kept
    expect(kept.slice(0, 7)).toEqual(['2026-05-15', '2026-05-14', '2026-05-13', '2026-05-12', '2026-05-11', '2026-05-10', '2026-05-09']);
    // one per month back 12 months at most; never more than 7 + 4 + 12
    expect(kept.length).toBeLessThanOrEqual(23);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    const months = new Set(kept.map((k) => k.slice(0, 7)));
    expect(months.size).toBe(12);
  });

  it('knows when the daily backup is due (Shanghai date)', () => {
    const t = makeCore();
    cores.push(t);
    const dir = path.join(t.dir, 'backups');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, backupName(new Date('2026-03-01T17:00:00Z'), 'daily')), '');
    // 2026-03-01T17:00Z is 2026-03-02 01:00 in Shanghai
    expect(dailyBackupDue(dir, new Date('2026-03-02T03:00:00Z'))).toBe(false);
    expect(dailyBackupDue(dir, new Date('2026-03-02T16:30:00Z'))).toBe(true);
  });
});

describe('daily backup', () => {
  it('takes one verified backup per Shanghai day and rotates', async () => {
    const t = makeCore();
    cores.push(t);
    await adminSession(t);
    const first = await t.core.runtime.dailyBackup();
    expect(first).toMatch(/-daily\.sqlite$/);
    expect(await t.core.runtime.dailyBackup()).toBeNull();
    t.now.value = new Date(t.now.value.getTime() + 24 * 3_600_000);
    expect(await t.core.runtime.dailyBackup()).not.toBeNull();
    expect(listBackups(path.join(t.dir, 'backups')).filter((b) => b.reason === 'daily')).toHaveLength(2);
  });
});

describe('backup and restore', () => {
  it('on a damaged file: the admin can still log in (nothing written) and restore', async () => {
    const t = makeCore();
    cores.push(t);
    const token = await adminSession(t);
    const b = (await t.call('backup/create', {}, token)) as { name: string };
    t.close();
    // flip bytes in the middle of the file
    const size = fs.statSync(t.dbPath).size;
    const fd = fs.openSync(t.dbPath, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096 + 100);
    fs.closeSync(fd);
    t.reopen();
    expect(((await t.call('app/info', {})) as { dbState: string }).dbState).toBe('damaged');
    const login = await t.raw('auth/login', { username: 'admin', password: ADMIN.password });
    expect(login.ok).toBe(true);
    const session = login.ok ? (login.data as { token: string }).token : '';
    expect(await t.raw('staff/save', { name: '王五', title: '巡检员', phone: null, onSite: true, isManager: false, sort: 1 }, session)).toMatchObject({ ok: false, error: { code: 'DB_DAMAGED' } });
    const r = await t.raw('backup/restore', { name: b.name }, session);
    expect(r).toMatchObject({ ok: true });
    expect(((await t.call('app/info', {})) as { dbState: string }).dbState).toBe('ok');
    expect(fs.readdirSync(t.dir).some((n) => n.includes('.replaced-'))).toBe(true);
  });

  it('backs up from the UI channel, restores it, and keeps the replaced file', async () => {
    const t = makeCore();
    cores.push(t);
    const token = await adminSession(t);
    await t.call('staff/save', { name: '张三', title: '巡检员', phone: null, onSite: true, isManager: false, sort: 1 }, token);
    const b = (await t.call('backup/create', {}, token)) as { name: string };
    await t.call('staff/save', { name: '李四', title: '巡检员', phone: null, onSite: true, isManager: false, sort: 2 }, token);
    expect(tableCounts(t.dbPath).staff).toBe(2);
    const r = (await t.call('backup/restore', { name: b.name }, token)) as { kept: string | null };
    expect(r.kept).toMatch(/replaced-/);
    expect(fs.existsSync(path.join(t.dir, r.kept!))).toBe(true);
    expect(tableCounts(t.dbPath).staff).toBe(1);
    // a pre-restore backup of the state we left is there too
    expect(listBackups(path.join(t.dir, 'backups')).map((x) => x.reason)).toEqual(expect.arrayContaining(['manual', 'pre-restore']));
    // restore is refused for a name outside the list
    const bad = await t.raw('backup/restore', { name: '../../etc/passwd' }, token);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('works from the CLI: backup, check, restore; damaged files are detected', async () => {
    const t = makeCore();
    cores.push(t);
    await adminSession(t);
    t.close();
    const out = path.join(t.dir, 'copy.sqlite');
    const owb = (...args: string[]) => spawnSync(process.execPath, ['bin/owb.mjs', ...args], { encoding: 'utf8' });
    expect(owb('backup', '--db', t.dbPath, '--out', out).status).toBe(0);
    expect(owb('check', '--db', out).status).toBe(0);
    // damage the live file, check fails, restore from the copy
    fs.truncateSync(t.dbPath, 4096 * 3);
    const check = owb('check', '--db', t.dbPath);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/损坏|未通过/);
    const restore = owb('restore', '--from', out, '--db', t.dbPath);
    expect(restore.status).toBe(0);
    expect(owb('check', '--db', t.dbPath).status).toBe(0);
    expect(fs.readdirSync(t.dir).some((n) => n.includes('.replaced-'))).toBe(true);
    // a junk "backup" is refused and changes nothing
    const junk = path.join(t.dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database');
    const before = fs.readFileSync(t.dbPath);
    expect(owb('restore', '--from', junk, '--db', t.dbPath).status).toBe(1);
    expect(fs.readFileSync(t.dbPath).equals(before)).toBe(true);
    t.core = makeCore({ dir: t.dir }).core;
    expect((await t.raw('auth/login', { username: 'admin', password: ADMIN.password })).ok).toBe(true);
  });
});
