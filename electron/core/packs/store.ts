/** The packs table: which packs were built, where, with the digest of their manifest. */
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { PackSummary } from '../../../shared/contract/packs';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { packs } from './schema';

export type PackRow = typeof packs.$inferSelect;

export const zipPathOf = (folder: string): string => `${folder}.zip`;

export function packSummary(row: PackRow): PackSummary {
  const zip = zipPathOf(row.path);
  let zipBytes: number | null = null;
  try {
    zipBytes = fs.statSync(zip).size;
  } catch {
    zipBytes = null;
  }
  return {
    id: row.id,
    kind: row.kind === 'annual' ? 'annual' : 'monthly',
    period: row.period,
    name: path.basename(row.path),
    files: row.files,
    manifestSha256: row.manifestSha256,
    createdAt: row.createdAt,
    createdBy: row.updatedBy,
    present: fs.existsSync(path.join(row.path, 'manifest.json')) && zipBytes !== null,
    zipBytes,
  };
}

export function listPacks(ctx: CallContext, kind?: string): PackSummary[] {
  const conds = [eq(packs.projectId, ctx.project().id), isNull(packs.deletedAt)];
  if (kind) conds.push(eq(packs.kind, kind));
  return ctx.db.select().from(packs).where(and(...conds)).orderBy(desc(packs.createdAt)).limit(500).all().map(packSummary);
}

export function packRow(ctx: CallContext, id: string): PackRow {
  const row = ctx.db.select().from(packs).where(and(eq(packs.id, id), eq(packs.projectId, ctx.project().id), isNull(packs.deletedAt))).get();
  if (!row) throw new AppError('NOT_FOUND', t('pack.notFound'));
  return row;
}

/** A pack row whose folder and zip are still there. */
export function presentPack(ctx: CallContext, id: string): PackRow {
  const row = packRow(ctx, id);
  if (!fs.existsSync(path.join(row.path, 'manifest.json')) || !fs.existsSync(zipPathOf(row.path))) throw new AppError('NOT_FOUND', t('pack.gone', { path: row.path }));
  return row;
}

/** Records a new pack; earlier rows for the same folder (replaced on disk) are retired. */
export function recordPack(ctx: CallContext, p: { kind: string; period: string; path: string; files: number; manifestSha256: string }): PackRow {
  return ctx.tx(() => {
    const old = ctx.db.select().from(packs).where(and(eq(packs.projectId, ctx.project().id), eq(packs.path, p.path), isNull(packs.deletedAt))).all();
    for (const o of old) ctx.db.update(packs).set({ deletedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(eq(packs.id, o.id)).run();
    const row: PackRow = { ...stampNew(ctx), projectId: ctx.project().id, ...p };
    ctx.db.insert(packs).values(row).run();
    ctx.track('pack', row.id, old.length ? { replaced: old.map((o) => o.id) } : null, { kind: p.kind, period: p.period, path: p.path, files: p.files, manifestSha256: p.manifestSha256 });
    return row;
  });
}
