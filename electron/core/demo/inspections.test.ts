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
  return { core, summary, working: days.filter((x) => isWorkingDay(x)).length };
}

describe('demo inspection runs', () => {
  const { core, summary, working } = make('a', 's1');
  afterAll(() => core.close());
  const call = async (channel: string, input: unknown) => {
    const r = await core.call({ channel, input }, 'cli');
    if (!r.ok) throw new Error(r.error.message);
    return r.data as never;
  };

  it('writes AM and PM runs on working days, mostly 正常 with some 警告 and 严重, linked to the probe evidence', async () => {
    // 2025-01-01 … 03-14 by the statutory calendar (New Year, Spring Festival, its 调休 weekend days)
    expect(working).toBe(48);
    expect(summary.runs).toBe(3 * working); // 上午 and 下午 of the daily round, and the 软件巡检列表
    const byTemplate = core.runtime.sqlite.prepare('SELECT t.code, COUNT(*) AS n FROM inspection_runs r JOIN inspection_templates t ON t.id = r.template_id GROUP BY t.code ORDER BY t.code').all();
    expect(byTemplate).toEqual([{ code: 'daily', n: 2 * working }, { code: 'software', n: working }]);
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
    const paused = core.runtime.sqlite.prepare("SELECT COUNT(*) AS n FROM inspection_runs WHERE decision = 'continue'").get() as { n: number };
    expect(paused.n).toBeGreaterThan(0);
    // the forms print from them
    const f = (await call('forms/export', { kind: 'weekly-inspection', params: { date: '2025-03-12' }, format: 'pdf' })) as { dataBase64: string };
    expect(Buffer.from(f.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const sw = (await call('forms/export', { kind: 'software-inspection', params: { date: '2025-03-14' }, format: 'xlsx' })) as { dataBase64: string };
    expect(Buffer.from(sw.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  }, 120_000);
});
