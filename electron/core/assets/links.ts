/**
 * Links between a record (a fault, a work order) and assets, in a link table with the standard
 * columns: linking exactly a set of assets unlinks the others by a soft delete and revives a
 * previously unlinked one, so the rows keep their ids for merging records across PCs.
 */
import { stampNew, stampUpdate, type CallContext } from '../context';

/** The link tables, with the column naming their parent record. */
const LINK_TABLES = {
  fault: { table: 'fault_assets', parent: 'fault_id' },
  workorder: { table: 'work_order_assets', parent: 'work_order_id' },
} as const;

export type LinkOwner = keyof typeof LINK_TABLES;

/** Links exactly `assetIds` (duplicates ignored) to the record. Call inside the write's transaction. */
export function setLinkedAssets(ctx: Pick<CallContext, 'sqlite' | 'nowIso' | 'actor' | 'newId'>, owner: LinkOwner, parentId: string, assetIds: readonly string[]): void {
  const { table, parent } = LINK_TABLES[owner];
  const unique = [...new Set(assetIds)];
  const stamp = stampUpdate(ctx);
  ctx.sqlite
    .prepare(
      `UPDATE ${table} SET deleted_at = @at, updated_at = @at, updated_by = @by
       WHERE ${parent} = @parentId AND deleted_at IS NULL AND asset_id NOT IN (SELECT value FROM json_each(@keep))`,
    )
    .run({ at: stamp.updatedAt, by: stamp.updatedBy, parentId, keep: JSON.stringify(unique) });
  const link = ctx.sqlite.prepare(
    `INSERT INTO ${table} (id, created_at, updated_at, updated_by, deleted_at, ${parent}, asset_id)
     VALUES (@id, @createdAt, @updatedAt, @updatedBy, NULL, @parentId, @assetId)
     ON CONFLICT (${parent}, asset_id) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at, updated_by = excluded.updated_by
     WHERE deleted_at IS NOT NULL`,
  );
  for (const assetId of unique) {
    const s = stampNew(ctx);
    link.run({ id: s.id, createdAt: s.createdAt, updatedAt: s.updatedAt, updatedBy: s.updatedBy, parentId, assetId });
  }
}

/** The ids of the assets linked to the record now, in the order they were linked. */
export function linkedAssetIds(ctx: Pick<CallContext, 'sqlite'>, owner: LinkOwner, parentId: string): string[] {
  const { table, parent } = LINK_TABLES[owner];
  return (
    ctx.sqlite
      .prepare(`SELECT asset_id AS id FROM ${table} WHERE ${parent} = ? AND deleted_at IS NULL ORDER BY created_at, asset_id`)
      .all(parentId) as Array<{ id: string }>
  ).map((r) => r.id);
}
