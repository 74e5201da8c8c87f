import { afterEach, describe, expect, it } from 'vitest';
import { faultInput, recordsFixture, type RecordsFixture } from './test-helpers';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const open: RecordsFixture[] = [];
async function fixture(): Promise<RecordsFixture> {
  const f = await recordsFixture('2026-03-02T01:00:00.000Z');
  open.push(f);
  return f;
}
afterEach(() => {
  for (const f of open.splice(0)) f.close();
});

interface LinkRow {
  id: string;
  asset_id: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
}

const wo = { technicians: ['王工'], demand: '更换故障硬盘。', content: '更换数据盘并重建阵列。', standard: '阵列状态正常' };

/** The two link tables, each driven through its own service channels. */
const cases = [
  {
    name: 'fault ↔ asset (fault_assets)',
    table: 'fault_assets',
    owner: 'fault_id',
    create: async (f: RecordsFixture, assetIds: string[]) => (await f.call('faults/create', faultInput({ assetIds }))).id,
    update: async (f: RecordsFixture, id: string, assetIds: string[], session?: string) => (await f.call('faults/update', { id, assetIds }, session)).assets.map((a) => a.id),
    get: async (f: RecordsFixture, id: string) => (await f.call('faults/get', { id })).assets.map((a) => a.id),
    listByAsset: async (f: RecordsFixture, assetId: string) => (await f.call('faults/list', { assetId, page: 1, pageSize: 50 })).rows.map((r) => r.id),
    channel: 'faults/update',
  },
  {
    name: 'work order ↔ asset (work_order_assets)',
    table: 'work_order_assets',
    owner: 'work_order_id',
    create: async (f: RecordsFixture, assetIds: string[]) => (await f.call('workorders/create', { ...wo, assetIds })).id,
    update: async (f: RecordsFixture, id: string, assetIds: string[], session?: string) => (await f.call('workorders/update', { id, assetIds }, session)).assets.map((a) => a.id),
    get: async (f: RecordsFixture, id: string) => (await f.call('workorders/get', { id })).assets.map((a) => a.id),
    listByAsset: async (f: RecordsFixture, assetId: string) => (await f.call('workorders/list', { assetId, page: 1, pageSize: 50 })).rows.map((r) => r.id),
    channel: 'workorders/update',
  },
] as const;

describe.each(cases)('asset links: $name', (c) => {
  it('are written with the standard columns, unlinked by a soft delete and revived when linked again; readers see only live links', async () => {
    const f = await fixture();
    const [a1, a2, a3] = await f.assetIds();
    const sqlite = f.t.core.runtime.sqlite;
    const rows = (id: string) => sqlite.prepare(`SELECT id, asset_id, created_at, updated_at, updated_by, deleted_at FROM ${c.table} WHERE ${c.owner} = ? ORDER BY asset_id`).all(id) as LinkRow[];
    const byAsset = (id: string) => new Map(rows(id).map((r) => [r.asset_id, r]));
    const lastAudit = () => {
      const r = sqlite.prepare('SELECT before, after FROM audit_log WHERE channel = ? ORDER BY seq DESC LIMIT 1').get(c.channel) as { before: string; after: string };
      return { before: JSON.parse(r.before) as { assetIds?: string[] }, after: JSON.parse(r.after) as { assetIds?: string[] } };
    };

    // 1. Created with two assets: both rows carry the standard columns of the call.
    const id = await c.create(f, [a1!, a2!, a1!]);
    const created = byAsset(id);
    expect([...created.keys()].sort()).toEqual([a1, a2].sort());
    for (const r of created.values()) {
      expect(r.id).toMatch(UUID_V7);
      expect(r).toMatchObject({ created_at: '2026-03-02T01:00:00.000Z', updated_at: '2026-03-02T01:00:00.000Z', updated_by: 'wanggong', deleted_at: null });
    }
    expect(new Set([...created.values()].map((r) => r.id)).size).toBe(2);

    // 2. a1 unlinked, a3 linked, by the manager an hour later: a1's row stays, soft-deleted.
    await f.at('2026-03-02T02:00:00.000Z');
    expect((await c.update(f, id, [a2!, a3!], f.mgr)).sort()).toEqual([a2, a3].sort());
    const unlinked = byAsset(id);
    expect(unlinked.size).toBe(3);
    expect(unlinked.get(a1!)).toMatchObject({ id: created.get(a1!)!.id, created_at: '2026-03-02T01:00:00.000Z', updated_at: '2026-03-02T02:00:00.000Z', updated_by: 'lijingli', deleted_at: '2026-03-02T02:00:00.000Z' });
    expect(unlinked.get(a2!)).toEqual(created.get(a2!)); // an unchanged link is not touched
    expect(unlinked.get(a3!)).toMatchObject({ created_at: '2026-03-02T02:00:00.000Z', updated_by: 'lijingli', deleted_at: null });
    expect((await c.get(f, id)).sort()).toEqual([a2, a3].sort());
    expect(await c.listByAsset(f, a1!)).not.toContain(id);
    expect(await c.listByAsset(f, a2!)).toContain(id);
    expect(await c.listByAsset(f, a3!)).toContain(id);
    const audit = lastAudit();
    expect(audit.before.assetIds?.slice().sort()).toEqual([a1, a2].sort());
    expect(audit.after.assetIds?.slice().sort()).toEqual([a2, a3].sort());

    // 3. a1 linked again: the same row is revived, not a second one.
    await f.at('2026-03-02T03:00:00.000Z');
    expect((await c.update(f, id, [a1!, a2!])).sort()).toEqual([a1, a2].sort());
    const revived = byAsset(id);
    expect(revived.size).toBe(3);
    expect(revived.get(a1!)).toMatchObject({ id: created.get(a1!)!.id, created_at: '2026-03-02T01:00:00.000Z', updated_at: '2026-03-02T03:00:00.000Z', updated_by: 'wanggong', deleted_at: null });
    expect(revived.get(a3!)).toMatchObject({ deleted_at: '2026-03-02T03:00:00.000Z', updated_by: 'wanggong' });
    expect(await c.listByAsset(f, a1!)).toContain(id);
    expect(await c.listByAsset(f, a3!)).not.toContain(id);
    expect(lastAudit().before.assetIds?.slice().sort()).toEqual([a2, a3].sort());

    // 4. All unlinked: every row soft-deleted, nothing listed, nothing physically removed.
    await f.at('2026-03-02T04:00:00.000Z');
    expect(await c.update(f, id, [])).toEqual([]);
    const none = byAsset(id);
    expect(none.size).toBe(3);
    expect(none.get(a1!)!.deleted_at).toBe('2026-03-02T04:00:00.000Z');
    expect(none.get(a2!)!.deleted_at).toBe('2026-03-02T04:00:00.000Z');
    expect(none.get(a3!)!.deleted_at).toBe('2026-03-02T03:00:00.000Z'); // already unlinked: kept as it was
    expect(await c.get(f, id)).toEqual([]);
    for (const a of [a1!, a2!, a3!]) expect(await c.listByAsset(f, a)).not.toContain(id);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
