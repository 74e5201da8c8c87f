/**
 * 文档编号 (DOMAIN.md §7, issue 4 part 6): one configurable rule per kind; every number unique
 * and never given twice — after a record is deleted, after the rule was changed, and when
 * several processes (the app, the CLI, a second window) create records at the same moment.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../shared/contract';
import { faultInput, recordsFixture, type RecordsFixture } from './test-helpers';

const exec = promisify(execFile);
const open: RecordsFixture[] = [];
async function fixture(start?: string): Promise<RecordsFixture> {
  const f = await recordsFixture(start);
  open.push(f);
  return f;
}
afterEach(() => {
  for (const f of open.splice(0)) f.close();
});

const workOrder = (demand = '信用网站访问缓慢'): Input<'workorders/create'> => ({ technicians: ['王工'], demand, content: '排查并处理' });

async function setRules(f: RecordsFixture, rules: Partial<Record<'fault' | 'workorder' | 'problem', string>>): Promise<void> {
  const { id: _id, ...project } = await f.call('project/get', {}, f.admin);
  await f.call('project/update', { ...project, settings: { ...project.settings, numbering: { ...project.settings.numbering, ...rules } } }, f.admin);
}

describe('document numbers', () => {
  it('follow the rule of each kind as configured in the project', async () => {
    const f = await fixture();
    await setRules(f, { fault: 'XZ-GZ{YY}{MM}-{SEQ:3}', workorder: 'GD{YYYY}{SEQ:5}' });
    expect((await f.call('faults/create', faultInput())).docNo).toBe('XZ-GZ2603-001');
    expect((await f.call('faults/create', faultInput())).docNo).toBe('XZ-GZ2603-002');
    expect((await f.call('workorders/create', workOrder())).docNo).toBe('GD202600001');
    expect((await f.call('problems/create', { kind: 'consult', title: '如何导出', description: '导出方法', submitterName: '刘科长', answer: '已当场演示' })).docNo).toBe('WT-2026-0001');
  });

  it('are never given again after a record is deleted', async () => {
    const f = await fixture();
    const a = await f.call('faults/create', faultInput());
    const b = await f.call('faults/create', faultInput({ title: '重复登记' }));
    // Only the manager deletes a fault, and only with a reason.
    expect((await f.fail('faults/delete', { id: b.id, reason: '重复登记' })).code).toBe('FORBIDDEN');
    expect((await f.fail('faults/delete', { id: b.id, reason: '' }, f.mgr)).message).toContain('请填写删除原因');
    expect(await f.call('faults/delete', { id: b.id, reason: '与 GZ-2026-0001 重复' }, f.mgr)).toEqual({ id: b.id, docNo: 'GZ-2026-0002' });
    expect((await f.fail('faults/get', { id: b.id })).code).toBe('NOT_FOUND');
    expect((await f.call('faults/list', {})).rows.map((r) => r.docNo)).toEqual([a.docNo]);
    expect((await f.call('faults/create', faultInput())).docNo).toBe('GZ-2026-0003');

    const w1 = await f.call('workorders/create', workOrder());
    expect(await f.call('workorders/delete', { id: w1.id, reason: '建错了' })).toEqual({ id: w1.id, docNo: 'GD-2026-0001' });
    const w2 = await f.call('workorders/create', workOrder());
    expect(w2.docNo).toBe('GD-2026-0002');
    // A started work order is not deleted: it is completed truthfully.
    await f.call('workorders/start', { id: w2.id });
    expect((await f.fail('workorders/delete', { id: w2.id })).message).toContain('只有草稿状态的工单可以删除');
    // Both deletions are in the audit with their reasons.
    const db = new Database(f.t.dbPath, { readonly: true });
    const rows = db.prepare("SELECT channel, entity_id AS id, after FROM audit_log WHERE channel IN ('faults/delete', 'workorders/delete') AND outcome = 'ok' ORDER BY seq").all() as Array<{ channel: string; id: string; after: string }>;
    db.close();
    expect(rows.map((r) => [r.channel, r.id])).toEqual([['faults/delete', b.id], ['workorders/delete', w1.id]]);
    expect(rows[0]!.after).toContain('与 GZ-2026-0001 重复');
  });

  it('skip numbers an earlier rule already issued, deleted ones included', async () => {
    const f = await fixture();
    const a = await f.call('faults/create', faultInput());
    const b = await f.call('faults/create', faultInput());
    await f.call('faults/delete', { id: b.id, reason: '误报' }, f.mgr);
    expect([a.docNo, b.docNo]).toEqual(['GZ-2026-0001', 'GZ-2026-0002']);
    // A rule without the year has a counter of its own that starts again at 1, and writes the
    // same numbers the old rule gave: those are skipped, the deleted one too.
    await setRules(f, { fault: 'GZ-2026-{SEQ:4}' });
    expect((await f.call('faults/create', faultInput())).docNo).toBe('GZ-2026-0003');
    expect((await f.call('faults/create', faultInput())).docNo).toBe('GZ-2026-0004');
    await setRules(f, { fault: 'GZ-{YYYY}-{SEQ:4}' });
    // Back to the old rule: its counter went on from 2 and 0003/0004 are taken.
    expect((await f.call('faults/create', faultInput())).docNo).toBe('GZ-2026-0005');
  });

  it('stay unique when three processes create records at the same moment', async () => {
    const f = await fixture();
    const tsx = path.resolve('node_modules/.bin/tsx');
    const script = path.resolve('electron/core/faults/docno-writer.fixture.ts');
    const per = 15;
    for (const kind of ['fault', 'workorder', 'problem'] as const) {
      const go = path.join(f.t.dir, `go-${kind}`);
      const children = [1, 2, 3].map(() => exec(tsx, [script, f.t.dbPath, kind, String(per), go, f.t.now.value.toISOString()], { encoding: 'utf8', timeout: 120_000 }));
      // Also this process, through its own core, while the children write.
      await new Promise((r) => setTimeout(r, 3000));
      fs.writeFileSync(go, '');
      const mine: string[] = [];
      for (let i = 0; i < per; i++) {
        const r =
          kind === 'fault'
            ? await f.call('faults/create', faultInput())
            : kind === 'workorder'
              ? await f.call('workorders/create', workOrder())
              : await f.call('problems/create', { kind: 'defect', title: `问题 ${i}`, description: '并发', submitterName: '王工', severity: 'major' });
        mine.push(r.docNo);
      }
      const outs = await Promise.all(children);
      const all = [...mine, ...outs.flatMap((o) => o.stdout.trim().split('\n'))];
      expect(all, kind).toHaveLength(4 * per);
      expect(new Set(all).size, kind).toBe(4 * per);
      // No gaps either: the counter moved once per record.
      const seqs = all.map((n) => Number(/(\d+)$/.exec(n)![1])).sort((x, y) => x - y);
      expect(seqs, kind).toEqual(Array.from({ length: 4 * per }, (_x, i) => i + 1));
    }
  }, 300_000);
});
