import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRow } from '../../../shared/contract/faults';
import { computeSla } from '../../../shared/sla';
import { countSql, listWhere, pageSql, stampsSql } from './list';
import { STATS_SQL } from './stats';
import { recordsFixture, seedFaults, SEED_ENGINEERS, type RecordsFixture } from './test-helpers';

const N = 5000;
const NOW = '2026-03-02T01:00:00.000Z';
let f: RecordsFixture;
let projectId: string;
let assetIds: string[];

beforeAll(async () => {
  f = await recordsFixture(NOW);
  seedFaults(f.t.core.runtime.sqlite, N, NOW);
  projectId = (await f.call('project/get', {})).id;
  assetIds = await f.assetIds();
}, 120_000);
afterAll(() => f.close());

function plan(sql: string, args: Array<string | number>): string {
  const rows = f.t.core.runtime.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('\n');
}

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

describe(`the fault list on ${N} faults`, () => {
  it('uses its indexes (EXPLAIN QUERY PLAN) for every filter', () => {
    const cases: Array<[string, Parameters<typeof listWhere>[1], RegExp]> = [
      ['default', {}, /SEARCH f USING INDEX faults_project_reported_idx \(project_id=\?\)/],
      ['dates', { from: '2026-01-01', to: '2026-01-31' }, /SEARCH f USING INDEX faults_project_reported_idx \(project_id=\? AND reported_at>\? AND reported_at<\?\)/],
      ['severity', { severity: 'critical' }, /SEARCH f USING INDEX faults_project_severity_idx \(project_id=\? AND severity=\?\)/],
      ['engineer', { engineer: '王工' }, /SEARCH f USING INDEX faults_project_engineer_idx \(project_id=\? AND engineer_name=\?\)/],
      ['status', { status: ['reported', 'responded'] }, /SEARCH f USING INDEX faults_project_status_idx \(project_id=\? AND status=\?\)/],
      ['open', { open: true }, /SEARCH f USING INDEX faults_project_status_idx \(project_id=\? AND status=\?\)/],
      ['asset', { assetId: 'x' }, /fault_assets_asset_idx/],
    ];
    for (const [name, filters, expected] of cases) {
      const w = listWhere(projectId, filters);
      const page = plan(pageSql(w, 'reported_desc'), [...w.args, 20, 0]);
      expect(page, `${name}: ${page}`).toMatch(expected);
      expect(page, `${name}: a full scan`).not.toMatch(/^SCAN f\b/m);
      expect(plan(countSql(w), w.args), `${name} count`).not.toMatch(/^SCAN f\b/m);
      expect(plan(stampsSql(w, 'reported_desc'), w.args), `${name} stamps`).not.toMatch(/^SCAN f\b/m);
    }
    // one index value per filter gives the order itself: no sort step
    for (const filters of [{}, { severity: 'critical' as const }, { engineer: '王工' }, { from: '2026-01-01' }]) {
      const w = listWhere(projectId, filters);
      expect(plan(pageSql(w, 'reported_desc'), [...w.args, 20, 0]), JSON.stringify(filters)).not.toMatch(/TEMP B-TREE/);
    }
    expect(plan(STATS_SQL, [projectId, 'a', 'b'])).toMatch(/SEARCH f USING INDEX faults_project_reported_idx/);
  });

  it('filters and pages the same as a brute-force reading of every row', async () => {
    const all = (await f.call('faults/list', { pageSize: 200 })).total;
    expect(all).toBe(N);
    const rows: FaultRow[] = [];
    for (let page = 1; page <= Math.ceil(N / 200); page++) rows.push(...(await f.call('faults/list', { pageSize: 200, page })).rows);
    expect(new Set(rows.map((r) => r.id)).size).toBe(N);
    expect(rows.map((r) => r.reportedAt)).toEqual([...rows.map((r) => r.reportedAt)].sort().reverse());
    const now = new Date(NOW);
    const settings = (await f.call('project/get', {})).settings.sla;
    const expectCount = async (input: Parameters<RecordsFixture['call']>[1], pred: (r: FaultRow) => boolean) => {
      const got = await f.call('faults/list', { ...(input as object), pageSize: 5 });
      expect(got.total, JSON.stringify(input)).toBe(rows.filter(pred).length);
      for (const r of got.rows) expect(pred(r), JSON.stringify(input)).toBe(true);
    };
    await expectCount({ severity: 'critical' }, (r) => r.severity === 'critical');
    await expectCount({ engineer: SEED_ENGINEERS[1] }, (r) => r.engineerName === SEED_ENGINEERS[1]);
    await expectCount({ status: ['resolved'] }, (r) => r.status === 'resolved');
    await expectCount({ open: true, severity: 'serious' }, (r) => ['reported', 'responded', 'on_site'].includes(r.status) && r.severity === 'serious');
    await expectCount({ from: '2025-12-31', to: '2026-01-01' }, (r) => r.reportedAt >= '2025-12-30T16:00:00.000Z' && r.reportedAt < '2026-01-01T16:00:00.000Z');
    const breached = (r: FaultRow) => computeSla(r, settings, now).breached;
    await expectCount({ slaState: 'breached' }, breached);
    await expectCount({ slaState: 'met' }, (r) => r.sla.bucket === 'met');
    await expectCount({ slaState: 'breached', engineer: '赵工' }, (r) => breached(r) && r.engineerName === '赵工');
    const assetRows = (await f.call('faults/list', { assetId: assetIds[0]!, pageSize: 200 })).total;
    expect(assetRows).toBeGreaterThan(N / assetIds.length - 1);
    await expectCount({ q: '故障 4999 号' }, (r) => r.title === '故障 4999 号');
  });

  it('answers a page in well under a second: p95 over filters (figure printed)', async () => {
    const inputs: Array<Parameters<RecordsFixture['call']>[1]> = [{}, { page: 100 }, { severity: 'serious' }, { engineer: '钱工' }, { open: true }, { slaState: 'breached' }, { slaState: 'due_soon' }, { assetId: assetIds[2]! }, { from: '2025-06-01', to: '2025-06-30' }, { q: '故障 12' }];
    const timings: Record<string, number[]> = {};
    for (let round = 0; round < 15; round++) {
      for (const input of inputs) {
        const t0 = performance.now();
        await f.call('faults/list', { ...(input as object), pageSize: 20 });
        (timings[JSON.stringify(input)] ??= []).push(performance.now() - t0);
      }
    }
    const all = Object.values(timings).flat();
    const report = Object.entries(timings).map(([k, v]) => `${k.padEnd(44)} p95 ${p95(v).toFixed(1)} ms`);
    console.log(`faults/list on ${N} faults (through the dispatcher, session checked):\n  ${report.join('\n  ')}\n  overall p95 ${p95(all).toFixed(1)} ms`);
    expect(p95(all)).toBeLessThan(400);
  });
});
