import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../api';
import { staff } from '../accounts/schema';
import { tempDir } from '../test-tmp';
import { demoInspections } from './inspections';
import { generateDemo } from './generate';
import { Rng } from './random';
import { isWorkingDay } from '../../../shared/attendance/calendar';

const dir = tempDir('owb-demo-insp-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A short demo history, then its inspection runs (as generateDemo will call it). */
function make(name: string, seed: string) {
  const d = path.join(dir, name);
  const file = path.join(d, 'workbench.sqlite');
  generateDemo({ dbPath: file, dataDir: d, years: 1, until: '2025-03-14', seed, inspections: false });
  const core = openCore({ dbPath: file, dataDir: d, version: 'demo', seed: false, clock: () => new Date('2025-03-14T09:30:00Z') });
  const { db, sqlite } = core.runtime;
  const project = core.runtime.project();
  const people = db.select().from(staff).all();
  const rng = new Rng(`${seed}:inspections`);
  const days: string[] = [];
  for (let t = Date.parse('2025-01-01T00:00:00Z'); t <= Date.parse('2025-03-14T00:00:00Z'); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  const stamp = (ms: number) => ({ id: rng.id(ms), createdAt: new Date(ms).toISOString(), updatedAt: new Date(ms).toISOString(), updatedBy: 'system:demo', deletedAt: null });
  const summary = sqlite.transaction(() =>
    demoInspections(db, sqlite, rng, { project, days, stamp, inspectors: people.filter((p) => !p.isManager).map((p) => ({ id: p.id, name: p.name })), managerName: people.find((p) => p.isManager)!.name }),
  )();
  const working = days.filter((x) => isWorkingDay(x));
  return { core, summary, working: working.length, firstOfMonth: [...new Map(working.map((x) => [x.slice(0, 7), x])).keys()].map((m) => working.find((x) => x.startsWith(m))!) };
}

describe('demo inspection runs', () => {
  const { core, summary, working, firstOfMonth } = make('a', 's1');
  afterAll(() => core.close());
  const call = async (channel: string, input: unknown) => {
    const r = await core.call({ channel, input }, 'cli');
    if (!r.ok) throw new Error(r.error.message);
    return r.data as never;
  };

  it('writes AM and PM runs on working days, mostly 正常 with some 警告 and 严重, linked to the probe evidence', async () => {
    // 2025-01-01 … 03-14 by the statutory calendar (New Year, Spring Festival, its 调休 weekend days)
    expect(working).toBe(48);
    expect(firstOfMonth).toEqual(['2025-01-02', '2025-02-05', '2025-03-03']);
    // 上午 and 下午 of the daily round, the 软件巡检列表, and the monthly 运维检查表
    expect(summary.runs).toBe(3 * working + firstOfMonth.length);
    const byTemplate = core.runtime.sqlite.prepare('SELECT t.code, COUNT(*) AS n FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id GROUP BY t.code ORDER BY t.code').all();
    expect(byTemplate).toEqual([{ code: 'daily', n: 2 * working }, { code: 'ops-check', n: firstOfMonth.length }, { code: 'software', n: working }]);
    const ops = core.runtime.sqlite
      .prepare("SELECT r.biz_date AS d, r.slot, r.status, COUNT(x.id) AS n FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id LEFT JOIN inspection_results x ON x.run_id = r.id WHERE t.code = 'ops-check' GROUP BY r.id ORDER BY r.biz_date")
      .all() as Array<{ d: string; slot: string; status: string; n: number }>;
    expect(ops.map((r) => [r.d, r.slot, r.status])).toEqual(firstOfMonth.map((d) => [d, 'month', 'done']));
    const assets = (core.runtime.sqlite.prepare('SELECT COUNT(*) AS n FROM assets WHERE deleted_at IS NULL').get() as { n: number }).n;
    for (const r of ops) expect(r.n).toBe(5 * assets); // CPU, 内存, 磁盘, 系统服务, 补丁与安全日志 of every asset
    // The data exchange checks (08:30, 17:00) are recorded as the scheduler records them.
    expect(summary.sweeps).toBe(2 * working);
    const sched = core.runtime.sqlite
      .prepare(
        `SELECT s.slot, s.due_at AS dueAt, s.ran_at AS ranAt, w.trigger, w.status, w.total, w.normal + w.warning + w.severe AS counted,
                (SELECT COUNT(*) FROM probe_results p WHERE p.sweep_id = s.sweep_id) AS results, r.slot AS runSlot, r.biz_date AS runDate
         FROM inspection_schedule s JOIN probe_sweeps w ON w.id = s.sweep_id JOIN inspection_runs r ON r.id = s.run_id
         WHERE s.kind = 'sweep' AND s.biz_date = '2025-03-12' ORDER BY s.slot`,
      )
      .all();
    expect(sched).toEqual([
      { slot: 'am', dueAt: '2025-03-12T00:30:00.000Z', ranAt: '2025-03-12T00:30:00.000Z', trigger: 'schedule', status: 'done', total: expect.any(Number), counted: expect.any(Number), results: expect.any(Number), runSlot: 'am', runDate: '2025-03-12' },
      { slot: 'pm', dueAt: '2025-03-12T09:00:00.000Z', ranAt: '2025-03-12T09:00:00.000Z', trigger: 'schedule', status: 'done', total: expect.any(Number), counted: expect.any(Number), results: expect.any(Number), runSlot: 'pm', runDate: '2025-03-12' },
    ]);
    for (const r of sched as Array<{ total: number; counted: number; results: number }>) {
      expect(r.results).toBeGreaterThan(0);
      expect(r.total).toBe(r.results);
      expect(r.counted).toBe(r.results);
    }
    const allSched = core.runtime.sqlite.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT sweep_id) AS sweeps, COUNT(run_id) AS runs FROM inspection_schedule WHERE kind = 'sweep'").get();
    expect(allSched).toEqual({ n: 2 * working, sweeps: 2 * working, runs: 2 * working });
    const rows = core.runtime.sqlite.prepare('SELECT level, COUNT(*) AS n FROM inspection_results GROUP BY level').all() as Array<{ level: string; n: number }>;
    const n = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(n.normal).toBeGreaterThan(0.9 * summary.results);
    expect(n.warning).toBeGreaterThan(0);
    expect(n.severe).toBeGreaterThan(0);
    const linked = core.runtime.sqlite.prepare('SELECT COUNT(*) AS n FROM inspection_results WHERE probe_result_id IS NOT NULL').get() as { n: number };
    expect(linked.n).toBeGreaterThan(1000);
    const today = (await call('inspections/today', { date: '2025-03-14' })) as { done: number; total: number; slots: Array<{ run: { status: string } | null }> };
    expect(today).toMatchObject({ done: 1, total: 2 });
    expect(today.slots.map((s) => s.run?.status)).toEqual(['done', 'open']);
    const sweeps = (today.slots as unknown as Array<{ sweep: { late: boolean; status: string; ranAt: string } | null }>).map((s) => s.sweep && { late: s.sweep.late, status: s.sweep.status, ranAt: s.sweep.ranAt });
    expect(sweeps).toEqual([
      { late: false, status: 'done', ranAt: '2025-03-14T00:30:00.000Z' },
      { late: false, status: 'done', ranAt: '2025-03-14T09:00:00.000Z' },
    ]);
    const paused = core.runtime.sqlite.prepare("SELECT COUNT(*) AS n FROM inspection_runs WHERE decision = 'continue'").get() as { n: number };
    expect(paused.n).toBeGreaterThan(0);
    // the forms print from them
    const f = (await call('forms/export', { kind: 'weekly-inspection', params: { date: '2025-03-12' }, format: 'pdf' })) as { dataBase64: string };
    expect(Buffer.from(f.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const sw = (await call('forms/export', { kind: 'software-inspection', params: { date: '2025-03-14' }, format: 'xlsx' })) as { dataBase64: string };
    expect(Buffer.from(sw.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  }, 120_000);
});
