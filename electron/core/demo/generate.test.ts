import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-tmp';
import { generateDemo } from './generate';

const dir = tempDir('owb-demo-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function make(name: string, seed: string) {
  const d = path.join(dir, name);
  const file = path.join(d, 'workbench.sqlite');
  const summary = generateDemo({ dbPath: file, dataDir: d, years: 1, until: '2024-12-31', seed });
  return { file, summary };
}

describe('owb demo', () => {
  const a = make('a', 's1');
  const db = new Database(a.file, { readonly: true });
  afterAll(() => db.close());
  const rows = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];

  it('is deterministic for a seed and different for another', () => {
    const b = make('b', 's1');
    const c = make('c', 's2');
    const content = (file: string) => {
      const x = new Database(file, { readonly: true });
      try {
        return x.prepare('SELECT doc_no, reported_at, severity, status, responded_at, resolved_at FROM faults ORDER BY doc_no').all();
      } finally {
        x.close();
      }
    };
    expect(b.summary).toEqual(a.summary);
    expect(content(b.file)).toEqual(content(a.file));
    expect(content(c.file)).not.toEqual(content(a.file));
  });

  it('has the realistic mix: 6 staff, ~15 assets, faults of every severity with some SLA breaches, work orders', () => {
    expect(a.summary.staff).toBe(6);
    expect(a.summary.assets).toBeGreaterThanOrEqual(14);
    const sev = rows<{ severity: string; n: number }>('SELECT severity, COUNT(*) AS n FROM faults GROUP BY severity');
    expect(sev.map((s) => s.severity).sort()).toEqual(['critical', 'normal', 'serious']);
    const lateResponse = rows<{ n: number }>("SELECT COUNT(*) AS n FROM faults WHERE (julianday(responded_at) - julianday(reported_at)) * 1440 > 30")[0]!.n;
    expect(lateResponse).toBeGreaterThan(0);
    expect(a.summary.workOrders).toBeGreaterThan(100);
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM work_orders WHERE status = 'confirmed'")[0]!.n).toBeGreaterThan(0);
  });

  it('keeps every address in 127.0.0.0/8', () => {
    for (const r of rows<{ ip: string }>('SELECT ip FROM assets')) expect(r.ip).toMatch(/^127\./);
    for (const r of rows<{ config: string }>('SELECT config FROM probe_checks')) {
      const c = JSON.parse(r.config) as { host?: string; url?: string };
      expect(c.host ?? new URL(c.url!).hostname).toMatch(/^127\./);
    }
  });

  it('follows the holiday calendar including 调休: no work marks on National Day, marks on make-up Saturdays', () => {
    const onHoliday = rows<{ n: number }>("SELECT COUNT(*) AS n FROM attendance_marks WHERE date BETWEEN '2024-10-01' AND '2024-10-07' AND mark NOT IN ('overtime')")[0]!.n;
    expect(onHoliday).toBe(0);
    // 2024-10-12 (Saturday) was a make-up working day
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM attendance_marks WHERE date = '2024-10-12' AND mark != 'overtime'")[0]!.n).toBeGreaterThanOrEqual(5);
    // leave and lates exist
    expect(a.summary.leaveRequests).toBeGreaterThan(0);
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM attendance_marks WHERE mark = 'late'")[0]!.n).toBeGreaterThan(0);
  });

  it('has the daily rounds: 上午 and 下午 runs on the working days, on the make-up Saturday, none on National Day', () => {
    const working = rows<{ n: number }>("SELECT COUNT(DISTINCT biz_date) AS n FROM inspection_runs")[0]!.n;
    const months = rows<{ n: number }>("SELECT COUNT(DISTINCT substr(biz_date, 1, 7)) AS n FROM inspection_runs")[0]!.n;
    expect(a.summary.inspectionRuns).toBe(3 * working + months); // 上午, 下午, the 软件巡检列表, and the monthly 运维检查表
    expect(working).toBeGreaterThan(240);
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM inspection_runs WHERE biz_date BETWEEN '2024-10-01' AND '2024-10-07'")[0]!.n).toBe(0);
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM inspection_runs WHERE biz_date = '2024-10-12'")[0]!.n).toBe(3);
    // what the weekly sheet (设备型号) and the 运维检查表 (负责人) print is filled in for every server
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM assets WHERE model = '' OR owner = ''")[0]!.n).toBe(0);
  });

  it('refuses to write into a database that already has data', () => {
    expect(() => generateDemo({ dbPath: a.file, dataDir: path.dirname(a.file), years: 1, until: '2024-12-31', seed: 's1' })).toThrow(/already has staff/);
  });
});
