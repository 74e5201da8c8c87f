import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openCore, type Core } from '../api';
import { generateDemo } from '../demo/generate';
import { tempDir } from '../test-tmp';
import { makeCore } from '../test-utils';
import { putSetting } from '../project/settings';

/**
 * The list calls the UI runs (the store bench's LIST_CALLS) use their indexes: every SQL
 * statement a call runs on a demo database is captured with its arguments and put through
 * EXPLAIN QUERY PLAN. No table that grows with the years is scanned, and the statements that
 * carry each list name the index they need.
 */
const dir = tempDir('owb-plans-');
let core: Core;
let assetId: string;
let checkId: string;

beforeAll(() => {
  const dbPath = path.join(dir, 'workbench.sqlite');
  generateDemo({ dbPath, dataDir: dir, years: 1, until: '2025-12-31', seed: 'plans' });
  core = openCore({ dbPath, dataDir: dir, version: 'test', seed: false, clock: () => new Date('2026-01-05T02:00:00.000Z') });
  const sq = core.runtime.sqlite;
  ({ assetId, checkId } = sq.prepare('SELECT asset_id AS assetId, check_id AS checkId FROM probe_results ORDER BY started_at DESC LIMIT 1').get() as { assetId: string; checkId: string });
}, 300_000);
afterAll(() => {
  core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Tables that grow with every working day: never read by a full scan in a list call. */
const GROWING = ['faults', 'work_orders', 'problems', 'inspection_runs', 'inspection_results', 'probe_results', 'attendance_marks', 'leave_requests'];

interface Step {
  sql: string;
  plan: string[];
}

/** Runs one call (CLI face), capturing each statement it runs with its arguments, then explains them. */
async function explainCall(channel: string, input: Record<string, unknown>): Promise<Step[]> {
  const sqlite = core.runtime.sqlite;
  const prepare = sqlite.prepare;
  const seen: Array<{ sql: string; args: unknown[] }> = [];
  sqlite.prepare = function capture(this: typeof sqlite, src: string) {
    const st = prepare.call(this, src);
    const methods = st as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['all', 'get', 'iterate', 'run']) {
      const f = methods[m]!;
      methods[m] = (...args: unknown[]) => {
        seen.push({ sql: src, args });
        return f.apply(st, args);
      };
    }
    return st;
  } as typeof prepare;
  let r: Awaited<ReturnType<Core['call']>>;
  try {
    r = await core.call({ channel, input } as never, 'cli');
  } finally {
    sqlite.prepare = prepare;
  }
  expect(r.ok, `${channel}: ${r.ok ? '' : r.error.message}`).toBe(true);
  return seen
    .filter((s) => /^\s*(select|with)\b/i.test(s.sql))
    .map((s) => ({
      sql: s.sql.replace(/\s+/g, ' '),
      plan: (sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.args as never[])) as Array<{ detail: string }>).map((x) => x.detail),
    }));
}

const text = (steps: Step[]) => steps.map((s) => `${s.sql.slice(0, 120)}\n    ${s.plan.join('\n    ')}`).join('\n');

function expectNoGrowingScan(steps: Step[]): void {
  for (const s of steps) {
    for (const line of s.plan) {
      const m = /^SCAN (\w+)/.exec(line);
      if (m) expect(GROWING, `full scan of ${m[1]} in: ${s.sql.slice(0, 160)}`).not.toContain(m[1]);
    }
  }
}

/** The statement reading `table`, with its plan. */
function stepOn(steps: Step[], re: RegExp): Step {
  const found = steps.filter((s) => re.test(s.sql));
  expect(found.length, `no statement matching ${re} among:\n${text(steps)}`).toBeGreaterThan(0);
  return found[0]!;
}

describe('list calls use their indexes (EXPLAIN QUERY PLAN of what each call runs)', () => {
  it('巡检记录 (inspections/runs for a month): runs by date, result counts by run', async () => {
    const steps = await explainCall('inspections/runs', { from: '2025-06-01', to: '2025-06-30' });
    expectNoGrowingScan(steps);
    const runs = stepOn(steps, /from "inspection_runs"/i);
    expect(runs.plan.join('\n')).toMatch(/SEARCH inspection_runs USING INDEX inspection_runs_date_idx \(biz_date>\? AND biz_date<\?\)/);
    const counts = stepOn(steps, /FROM inspection_results WHERE run_id IN/);
    expect(counts.plan.join('\n')).toMatch(/SEARCH inspection_results USING INDEX inspection_results_uq \(run_id=\?\)/);
    // No per-run statement: a month of runs is read with a constant number of statements.
    expect(steps.length).toBeLessThan(10);
  });

  it('探测历史 (probes/history): newest first from the asset/time or check/time index, no sort step', async () => {
    for (const [input, idx] of [
      [{ assetId, limit: 100 }, /SEARCH r USING INDEX probe_results_asset_time_idx \(asset_id=\?\)/],
      [{ assetId, limit: 100, before: '2025-06-01T00:00:00.000Z' }, /SEARCH r USING INDEX probe_results_asset_time_idx \(asset_id=\? AND started_at<\?\)/],
      [{ assetId, checkId, limit: 100 }, /SEARCH r USING INDEX probe_results_check_time_idx \(check_id=\?\)/],
    ] as const) {
      const steps = await explainCall('probes/history', input);
      expectNoGrowingScan(steps);
      const h = stepOn(steps, /FROM probe_results r/);
      expect(h.plan.join('\n'), JSON.stringify(input)).toMatch(idx);
      expect(h.plan.join('\n'), JSON.stringify(input)).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('考勤月表 (attendance/month): marks by project and date, leave by project and start date', async () => {
    const steps = await explainCall('attendance/month', { month: '2025-06' });
    expectNoGrowingScan(steps);
    expect(stepOn(steps, /from "attendance_marks"/i).plan.join('\n')).toMatch(/SEARCH attendance_marks USING INDEX attendance_marks_project_date_idx \(project_id=\? AND date>\? AND date<\?\)/);
    expect(stepOn(steps, /from "leave_requests"/i).plan.join('\n')).toMatch(/SEARCH leave_requests USING INDEX leave_requests_project_from_idx \(project_id=\? AND from_date<\?\)/);
    expect(stepOn(steps, /MIN\(date\)/).plan.join('\n')).toMatch(/attendance_marks_project_date_idx/);
  });

  it('审计日志 (audit/list): the page walks seq backwards; a date range uses the time index', async () => {
    const plain = await explainCall('audit/list', { limit: 100 });
    const page = stepOn(plain, /ORDER BY seq DESC/);
    // seq is the rowid: newest first without a sort, stopping after `limit` rows.
    expect(page.plan.join('\n')).not.toMatch(/TEMP B-TREE/);
    const dated = await explainCall('audit/list', { limit: 100, from: '2025-06-01', to: '2025-06-30' });
    for (const s of dated) expect(s.plan.join('\n'), s.sql).toMatch(/audit_log_at_idx \(at>\? AND at<\?\)/);
    const paged = await explainCall('audit/list', { limit: 100, from: '2025-06-01', before: 10 });
    expect(stepOn(paged, /ORDER BY seq DESC/).plan.join('\n')).not.toMatch(/^SCAN audit_log$/m);
  });

  it('故障列表 and 工单列表 (first page and filters) scan no growing table', async () => {
    for (const [channel, input] of [
      ['faults/list', { pageSize: 50 }],
      ['faults/list', { pageSize: 50, severity: 'serious' }],
      ['faults/list', { pageSize: 50, from: '2025-01-01', to: '2025-03-31' }],
      ['faults/list', { pageSize: 50, slaState: 'breached' }],
      ['workorders/list', { pageSize: 50 }],
      ['workorders/list', { pageSize: 50, status: ['done'] }],
    ] as const) {
      const steps = await explainCall(channel, input);
      expect(steps.length, channel).toBeGreaterThan(0);
      expectNoGrowingScan(steps);
    }
  });
});

/** Every IPv4 address and URL host in any text column of the file, other than 127.0.0.0/8. */
function addressesOffLoopback(sqlite: Database.Database): string[] {
  const ip = /(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g;
  const url = /\b(?:https?|ftp|ssh|ldap|smtp):\/\/(?:[^@/\s"']*@)?(\[[^\]]*\]|[^/\s"'<>:]+)/gi;
  const out = new Set<string>();
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
  let seen = 0;
  for (const table of tables) {
    const cols = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
    for (const row of sqlite.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
      for (const [col, v] of Object.entries(row)) {
        if (typeof v !== 'string') continue;
        for (const m of v.matchAll(ip)) {
          if (m.slice(1, 5).some((x) => Number(x) > 255)) continue; // a version number, not an address
          seen++;
          if (m[1] !== '127') out.add(`${table}.${col}: ${m[0]}`);
        }
        for (const m of v.matchAll(url)) {
          seen++;
          const host = m[1]!.toLowerCase();
          if (!/^127\./.test(host) && host !== 'localhost') out.add(`${table}.${col}: ${m[0]}`);
        }
      }
    }
  }
  // The scan found the addresses the demo does have (assets, checks, probe output).
  expect(seen).toBeGreaterThan(0);
  return [...out];
}

describe('every address in the demo database and in the seeded defaults is in 127.0.0.0/8', () => {
  it('the demo database: any text column of any table', () => {
    expect(addressesOffLoopback(core.runtime.sqlite)).toEqual([]);
  });

  it('a new database seeded from resources/', () => {
    const t = makeCore();
    try {
      const sq = t.core.runtime.sqlite;
      expect(addressesOffLoopback(sq)).toEqual([]);
      // The scan does see an address off the machine.
      putSetting(sq, 'probe.x', { host: '10.20.30.40', url: 'https://example.org/x' }, '2026-01-01T00:00:00.000Z', 'test');
      expect(addressesOffLoopback(sq)).toEqual(['settings.value: 10.20.30.40', 'settings.value: https://example.org']);
    } finally {
      t.close();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });
});
