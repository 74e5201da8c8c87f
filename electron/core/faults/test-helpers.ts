import fs from 'node:fs';
import type { Channel, Input, Output } from '../../../shared/contract';
import { newId } from '../context';
import { ADMIN, adminSession, makeCore, sessionWithRoles, type TestCore } from '../test-utils';

const PASSWORD = 'S3cure!pw-x';

async function login(t: TestCore, username: string, password: string): Promise<string> {
  return ((await t.call('auth/login', { username, password })) as { token: string }).token;
}

/** A core with an admin, an engineer (王工), a manager (李经理) and an auditor, on a controllable clock. */
export interface RecordsFixture {
  t: TestCore;
  admin: string;
  eng: string;
  mgr: string;
  auditor: string;
  call<C extends Channel>(channel: C, input: Input<C>, session?: string): Promise<Output<C>>;
  /** The error code and message of a call that must fail. */
  fail<C extends Channel>(channel: C, input: Input<C>, session?: string): Promise<{ code: string; message: string; issues?: Array<{ path: string; message: string }> }>;
  /** Sets the clock and logs everyone in again (an idle session would be locked after a jump). */
  at(iso: string): Promise<void>;
  assetIds(): Promise<string[]>;
  close(): void;
}

export async function recordsFixture(start = '2026-03-02T01:00:00.000Z'): Promise<RecordsFixture> {
  const t = makeCore({ start });
  const admin = await adminSession(t);
  const eng = await sessionWithRoles(t, admin, 'wanggong', ['engineer']);
  const mgr = await sessionWithRoles(t, admin, 'lijingli', ['manager']);
  const auditor = await sessionWithRoles(t, admin, 'shenji', ['auditor']);
  await t.call('accounts/update', { id: await idOf(t, admin, 'wanggong'), displayName: '王工' }, admin);
  await t.call('accounts/update', { id: await idOf(t, admin, 'lijingli'), displayName: '李经理' }, admin);
  const f: RecordsFixture = {
    t,
    admin,
    eng,
    mgr,
    auditor,
    call: async (channel, input, session) => (await t.call(channel, input, session ?? f.eng)) as Output<typeof channel>,
    async fail(channel, input, session) {
      const r = await t.raw(channel, input, session ?? f.eng);
      if (r.ok) throw new Error(`${channel} should have failed`);
      return r.error;
    },
    async at(iso) {
      t.now.value = new Date(iso);
      f.admin = await login(t, 'admin', ADMIN.password);
      f.eng = await login(t, 'wanggong', PASSWORD);
      f.mgr = await login(t, 'lijingli', PASSWORD);
      f.auditor = await login(t, 'shenji', PASSWORD);
    },
    async assetIds() {
      const o = (await t.call('faults/options', {}, f.eng)) as Output<'faults/options'>;
      return o.assets.map((a) => a.id);
    },
    close() {
      t.close();
      fs.rmSync(t.dir, { recursive: true, force: true });
    },
  };
  return f;
}

async function idOf(t: TestCore, admin: string, username: string): Promise<string> {
  const list = (await t.call('accounts/list', {}, admin)) as Array<{ id: string; username: string }>;
  return list.find((u) => u.username === username)!.id;
}

/** A minimal valid fault. */
export function faultInput(over: Partial<Input<'faults/create'>> = {}): Input<'faults/create'> {
  return { title: '中心数据库服务器磁盘空间不足', category: 'database', severity: 'normal', description: 'D 盘剩余空间低于 5%，备份作业失败。', ...over };
}

/** A tiny real PNG (1×1): what a phone photo of the signed form is, as far as the store can tell. */
export const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/**
 * Another 1×1 PNG (a red pixel) for a second file: attachments are stored once per content, and
 * the same bytes added twice keep the name they were first added under.
 */
export const PNG_1x1_RED = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4oKAAAAKkAQHjTKctAAAAAElFTkSuQmCC', 'base64');

/** Deterministic pseudo-random numbers (mulberry32) for seeded test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED_ENGINEERS = ['王工', '赵工', '钱工', '孙工', '周工'] as const;

/**
 * Writes `n` faults straight into the database (for list, plan and speed tests): reported over
 * the `days` before `until`, every status, some late stamps, one or two assets each.
 */
export function seedFaults(sqlite: import('better-sqlite3').Database, n: number, until: string, days = 730, seed = 7): void {
  const r = rng(seed);
  const project = sqlite.prepare('SELECT id FROM projects WHERE deleted_at IS NULL LIMIT 1').get() as { id: string };
  const assetIds = (sqlite.prepare('SELECT id FROM assets WHERE project_id = ?').all(project.id) as Array<{ id: string }>).map((a) => a.id);
  const insert = sqlite.prepare(
    `INSERT INTO faults (id, created_at, updated_at, updated_by, project_id, doc_no, title, reporter_name, report_date, fault_date, category, severity,
       alert_level, description, status, reported_at, responded_at, responded_by, on_site_at, resolved_at, report_filed_at, reviewed_at, engineer_name, solved, alert_checks)
     VALUES (?, ?, ?, 'seed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')`,
  );
  const link = sqlite.prepare("INSERT OR IGNORE INTO fault_assets (id, created_at, updated_at, updated_by, fault_id, asset_id) VALUES (?, ?, ?, 'seed', ?, ?)");
  const cats = ['system', 'database', 'network', 'other_app'];
  const sevs = ['normal', 'normal', 'normal', 'serious', 'critical'];
  const statuses = ['reported', 'responded', 'on_site', 'resolved', 'report_filed', 'reviewed'];
  const untilMs = Date.parse(until);
  const plus = (iso: string, min: number) => new Date(Date.parse(iso) + min * 60_000).toISOString();
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const reportedAt = new Date(untilMs - Math.floor(r() * days * 86_400_000)).toISOString();
      const day = new Date(Date.parse(reportedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
      const stage = Math.floor(r() * statuses.length);
      const late = r() < 0.1;
      const stamps = [reportedAt];
      for (let s = 1; s <= stage; s++) stamps.push(plus(stamps[s - 1]!, late && s === 1 ? 45 : 5 + Math.floor(r() * 20)));
      const eng = SEED_ENGINEERS[Math.floor(r() * SEED_ENGINEERS.length)]!;
      const id = `seed-${String(i).padStart(6, '0')}`;
      insert.run(id, reportedAt, reportedAt, project.id, `SEED-${String(i).padStart(6, '0')}`, `故障 ${i} 号`, eng, day, day, cats[i % 4], sevs[Math.floor(r() * sevs.length)],
        1 + (i % 3), `描述 ${i}`, statuses[stage], reportedAt, stamps[1] ?? null, stamps[1] ? eng : null, stamps[2] ?? null, stamps[3] ?? null, stamps[4] ?? null, stamps[5] ?? null, eng, stage >= 3 ? 1 : 0);
      link.run(newId(), reportedAt, reportedAt, id, assetIds[i % assetIds.length]);
      if (i % 7 === 0) link.run(newId(), reportedAt, reportedAt, id, assetIds[(i + 3) % assetIds.length]);
    }
  })();
}
