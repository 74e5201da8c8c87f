/**
 * `owb export` is one command shared by two features: `form` (faults feature) and
 * `monthly` / `annual` (packs). The packs module wraps the faults command; both keep working.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

describe('owb verify: exit codes for bad input', { timeout: 300_000 }, () => {
  it('garbage, a missing path, no argument: exit 2 with a Chinese reason; an empty folder: exit 1 naming manifest.json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'owb-verify-2-'));
    try {
      const garbage = path.join(dir, 'received.zip');
      fs.writeFileSync(garbage, Buffer.from('not a zip at all '.repeat(100)));
      const empty = path.join(dir, 'empty');
      fs.mkdirSync(empty);
      const [g, missing, folder, none] = await Promise.all([owb(['verify', garbage]), owb(['verify', path.join(dir, 'nope.zip')]), owb(['verify', empty]), owb(['verify'])]);
      expect(g.code, g.stderr).toBe(2);
      expect(g.stderr).toContain('无法读取');
      expect(missing.code, missing.stderr).toBe(2);
      expect(missing.stderr).toContain('找不到');
      // A readable folder that is not a pack: exit 1, naming the missing manifest.
      expect(folder.code, folder.stderr).toBe(1);
      expect(folder.stderr).toContain('找不到清单文件 manifest.json');
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('用法：owb verify');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
