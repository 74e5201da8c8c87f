/** The 月报 channels: text stored per month, figures computed, roles enforced, audited. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonthlyReport } from '../../../shared/contract/reports';
import { adminSession, makeCore, sessionWithRoles, type TestCore } from '../test-utils';

let t: TestCore;
let admin: string;
let engineer: string;
let auditor: string;

beforeEach(async () => {
  t = makeCore({ start: '2024-07-02T02:00:00.000Z' });
  admin = await adminSession(t);
  engineer = await sessionWithRoles(t, admin, 'eng1', ['engineer']);
  auditor = await sessionWithRoles(t, admin, 'aud1', ['auditor']);
});
afterEach(() => t.close());

const fault = (reportedAt: string, severity: 'normal' | 'serious' | 'critical', respondedAfterMin: number | null) => {
  const id = `f-${reportedAt}`;
  const respondedAt = respondedAfterMin === null ? null : new Date(Date.parse(reportedAt) + respondedAfterMin * 60_000).toISOString();
  t.core.runtime.sqlite
    .prepare(
      `INSERT INTO faults (id, created_at, updated_at, updated_by, project_id, doc_no, title, reporter_name, report_date, fault_date, category, severity, description, status, reported_at, responded_at, engineer_name)
       VALUES (?, ?, ?, 'test', (SELECT id FROM projects LIMIT 1), ?, '数据库连接数耗尽', '张伟', ?, ?, 'database', ?, '连接数满', ?, ?, ?, '张伟')`,
    )
    .run(id, reportedAt, reportedAt, `GZ-${reportedAt.slice(0, 10)}`, reportedAt.slice(0, 10), reportedAt.slice(0, 10), severity, respondedAt ? 'responded' : 'reported', reportedAt, respondedAt);
};

describe('reports/monthly-*', () => {
  it('computes the figures of the month and offers drafts until text is saved', async () => {
    fault('2024-06-03T02:00:00.000Z', 'serious', 10);
    fault('2024-06-20T02:00:00.000Z', 'normal', 45); // late response
    fault('2024-05-31T15:59:00.000Z', 'normal', 5); // 2024-05-31 23:59 Shanghai: May
    const r = (await t.call('reports/monthly-get', { month: '2024-06' }, engineer)) as MonthlyReport;
    expect(r.saved).toBe(false);
    expect(r.figures.faults.total).toBe(2);
    expect(r.figures.faults.byCategory.find((c) => c.key === 'database')?.count).toBe(2);
    expect(r.figures.sla.byClock.find((c) => c.key === 'response')).toMatchObject({ met: 1, breached: 1 });
    expect(r.figures.sla.byEngineer[0]).toMatchObject({ engineer: '张伟', faults: 2 });
    expect(r.figures.typicalFaults[0]?.severity).toBe('严重');
    expect(r.drafts.summary).toContain('共处理故障 2 起');
    expect(r.drafts.typicalFaults).toContain('数据库连接数耗尽');
  });

  it('saves the text (engineer), keeps one row per month, and audits it', async () => {
    const first = (await t.call('reports/monthly-save', { month: '2024-06', summary: '六月总结', typicalFaults: '', suggestions: '多巡检' }, engineer)) as MonthlyReport;
    expect(first).toMatchObject({ saved: true, summary: '六月总结', suggestions: '多巡检', updatedBy: 'eng1' });
    await t.call('reports/monthly-save', { month: '2024-06', summary: '六月总结（修订）', typicalFaults: '无', suggestions: '多巡检', statistics: { tables: [{ title: '双公示归集情况统计表', columns: ['部门', '中心记录数'], rows: [['市场监管局', 120]] }] } }, engineer);
    const again = (await t.call('reports/monthly-get', { month: '2024-06' }, auditor)) as MonthlyReport;
    expect(again.summary).toBe('六月总结（修订）');
    expect(again.statistics.tables[0]?.rows[0]).toEqual(['市场监管局', 120]);
    expect((t.core.runtime.sqlite.prepare('SELECT COUNT(*) AS n FROM monthly_reports').get() as { n: number }).n).toBe(1);
    const audit = t.core.runtime.sqlite.prepare("SELECT channel, entity FROM audit_log WHERE channel = 'reports/monthly-save'").all();
    expect(audit).toHaveLength(2);
    const list = (await t.call('reports/monthly-list', { from: '2024-05', to: '2024-07' }, engineer)) as Array<{ month: string; saved: boolean }>;
    expect(list.map((x) => `${x.month}:${x.saved}`)).toEqual(['2024-05:false', '2024-06:true', '2024-07:false']);
  });

  it('refuses the auditor and the admin, and bad input, changing nothing', async () => {
    await expect(t.call('reports/monthly-save', { month: '2024-06', summary: 'x', typicalFaults: '', suggestions: '' }, auditor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.call('reports/monthly-save', { month: '2024-06', summary: 'x', typicalFaults: '', suggestions: '' }, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.call('reports/monthly-save', { month: '2024-13', summary: 'x', typicalFaults: '', suggestions: '' }, engineer)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.call('reports/monthly-save', { month: '2024-06', summary: 'x'.repeat(20_001), typicalFaults: '', suggestions: '' }, engineer)).rejects.toThrow(/服务总结最多 20000 个字/);
    expect((t.core.runtime.sqlite.prepare('SELECT COUNT(*) AS n FROM monthly_reports').get() as { n: number }).n).toBe(0);
  });
});
