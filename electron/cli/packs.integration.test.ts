/**
 * `owb export` is one command shared by two features: `form` (faults feature) and
 * `monthly` / `annual` (packs). The packs module wraps the faults command; both keep working.
 */
import { describe, expect, it } from 'vitest';
import { packCommands } from './packs';
import { faultCommands } from './faults';
import { owb } from '../core/packs/testkit';

describe('owb export', { timeout: 300_000 }, () => {
  it('one command with the options of both features', () => {
    const opts = packCommands.export?.options ?? {};
    for (const k of ['db', 'out', 'month', 'year', 'kind', 'format', 'list', 'force', 'id']) expect(opts, k).toHaveProperty(k);
    expect(Object.keys(faultCommands.export?.options ?? {}).every((k) => k in opts)).toBe(true);
  });

  it('delegates `form` to the faults command, answers usage errors with exit 2', async () => {
    const [list, bad, noMonth, badYear] = await Promise.all([
      owb(['export', 'form', '--list']),
      owb(['export', 'weekly']),
      owb(['export', 'monthly', '--out', '/tmp']),
      owb(['export', 'annual', '--year', 'x', '--out', '/tmp']),
    ]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('workorder');
    expect(list.stdout).toContain('运维实施工单');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('owb export monthly');
    expect(bad.stderr).toContain('owb export form');
    expect(noMonth.code).toBe(2);
    expect(noMonth.stderr).toContain('缺少参数 --month');
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('--year 应为服务年度序号');
  });
});
