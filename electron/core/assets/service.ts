import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Asset, AssetFields, Credential, CredentialKind } from '../../../shared/contract/assets';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { isResultLevel, worst, type ResultLevel } from '../../../shared/levels';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { probeChecks } from '../probes/schema';
import { assets, credentials } from './schema';
import { secretBoxFor } from './secrets';

type AssetRow = typeof assets.$inferSelect;
type CredentialRow = typeof credentials.$inferSelect;
type Ctx = Pick<CallContext, 'db' | 'sqlite' | 'project'>;

/** The fields a user edits, from a row (what the audit log records). */
export function assetFields(r: AssetRow): AssetFields {
  return {
    name: r.name,
    nodeGroup: r.nodeGroup,
    ip: r.ip,
    os: r.os,
    systemShort: r.systemShort,
    model: r.model,
    purpose: r.purpose,
    location: r.location,
    category: r.category,
    contentCategory: r.contentCategory,
    owner: r.owner,
    note: r.note,
    sort: r.sort,
    credentialId: r.credentialId,
  };
}

interface ProbeState {
  level: ResultLevel | null;
  at: string | null;
  checks: number;
}

/**
 * Per asset: the worst level of the latest result of each enabled check. The inner query walks
 * probe_results_check_time_idx backwards once per check.
 */
export function probeStates(ctx: Pick<CallContext, 'sqlite'>, projectId: string, assetId?: string): Map<string, ProbeState> {
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.asset_id AS assetId, r.level AS level, r.started_at AS at
       FROM probe_checks c JOIN assets a ON a.id = c.asset_id
       LEFT JOIN probe_results r ON r.id = (
         SELECT id FROM probe_results WHERE check_id = c.id AND deleted_at IS NULL ORDER BY started_at DESC LIMIT 1)
       WHERE c.deleted_at IS NULL AND c.enabled = 1 AND a.project_id = ? ${assetId ? 'AND c.asset_id = ?' : ''}`,
    )
    .all(...(assetId ? [projectId, assetId] : [projectId])) as Array<{ assetId: string; level: string | null; at: string | null }>;
  const out = new Map<string, ProbeState>();
  for (const r of rows) {
    const s = out.get(r.assetId) ?? { level: null, at: null, checks: 0 };
    s.checks++;
    if (r.level && isResultLevel(r.level)) s.level = s.level ? worst([s.level, r.level]) : r.level;
    if (r.at && (!s.at || r.at > s.at)) s.at = r.at;
    out.set(r.assetId, s);
  }
  return out;
}

function credentialLabels(ctx: Ctx): Map<string, string> {
  const rows = ctx.db
    .select({ id: credentials.id, label: credentials.label })
    .from(credentials)
    .where(and(eq(credentials.projectId, ctx.project().id), isNull(credentials.deletedAt)))
    .all();
  return new Map(rows.map((r) => [r.id, r.label]));
}

function view(r: AssetRow, labels: Map<string, string>, state: ProbeState | undefined): Asset {
  return {
    ...assetFields(r),
    id: r.id,
    credentialLabel: r.credentialId ? (labels.get(r.credentialId) ?? null) : null,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    level: state?.level ?? null,
    lastProbeAt: state?.at ?? null,
    checks: state?.checks ?? 0,
  };
}

/** Live assets of the project in the order of the forms: node group, sort, name. */
export function assetRows(ctx: Pick<CallContext, 'db' | 'project'>): AssetRow[] {
  return ctx.db
    .select()
    .from(assets)
    .where(and(eq(assets.projectId, ctx.project().id), isNull(assets.deletedAt)))
    .orderBy(asc(assets.sort), asc(assets.nodeGroup), asc(assets.name))
    .all();
}

export function listAssets(ctx: Ctx, search?: string): Asset[] {
  const labels = credentialLabels(ctx);
  const states = probeStates(ctx, ctx.project().id);
  const q = search?.trim().toLowerCase();
  return assetRows(ctx)
    .filter((r) => !q || [r.name, r.ip, r.nodeGroup, r.os, r.purpose, r.systemShort, r.owner].some((v) => v.toLowerCase().includes(q)))
    .map((r) => view(r, labels, states.get(r.id)));
}

export function assetRow(ctx: Pick<CallContext, 'db' | 'project'>, id: string): AssetRow {
  const r = ctx.db
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), eq(assets.projectId, ctx.project().id), isNull(assets.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', t('asset.notFound'));
  return r;
}

export function getAsset(ctx: Ctx, id: string): Asset {
  const r = assetRow(ctx, id);
  return view(r, credentialLabels(ctx), probeStates(ctx, ctx.project().id, id).get(id));
}

function assertNameFree(ctx: Ctx, name: string, exceptId: string | null): void {
  const clash = ctx.db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.projectId, ctx.project().id), isNull(assets.deletedAt), eq(assets.name, name), exceptId ? ne(assets.id, exceptId) : sql`1`))
    .get();
  if (clash) throw new AppError('CONFLICT', t('asset.nameTaken', { name }));
}

function assertCredential(ctx: Ctx, id: string | null): void {
  if (!id) return;
  const c = ctx.db
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.id, id), eq(credentials.projectId, ctx.project().id), isNull(credentials.deletedAt)))
    .get();
  if (!c) throw new AppError('VALIDATION', t('asset.unknownCredential', { id }), [{ path: 'credentialId', message: t('asset.unknownCredential', { id }) }]);
}

export function saveAsset(ctx: CallContext, input: AssetFields & { id?: string | undefined }): Asset {
  const { id, ...fields } = input;
  assertNameFree(ctx, fields.name, id ?? null);
  assertCredential(ctx, fields.credentialId);
  if (id) {
    const before = assetRow(ctx, id);
    ctx.db.update(assets).set({ ...fields, ...stampUpdate(ctx) }).where(eq(assets.id, id)).run();
    const after = assetRow(ctx, id);
    ctx.track('asset', id, assetFields(before), assetFields(after));
    return getAsset(ctx, id);
  }
  const row = { ...stampNew(ctx), projectId: ctx.project().id, ...fields };
  ctx.db.insert(assets).values(row).run();
  ctx.track('asset', row.id, null, fields);
  return getAsset(ctx, row.id);
}

export function deleteAsset(ctx: CallContext, id: string): { id: string } {
  const before = assetRow(ctx, id);
  const at = ctx.nowIso();
  ctx.db.update(assets).set({ deletedAt: at, ...stampUpdate(ctx) }).where(eq(assets.id, id)).run();
  ctx.db
    .update(probeChecks)
    .set({ deletedAt: at, ...stampUpdate(ctx) })
    .where(and(eq(probeChecks.assetId, id), isNull(probeChecks.deletedAt)))
    .run();
  ctx.track('asset', id, assetFields(before), null);
  return { id };
}

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

function credentialView(r: CredentialRow, usedBy: number): Credential {
  return { id: r.id, label: r.label, kind: r.kind as CredentialKind, username: r.username, hasSecret: r.secretEnc !== null && r.secretEnc.length > 0, usedBy, updatedAt: r.updatedAt };
}

function usage(ctx: Ctx): Map<string, number> {
  const rows = ctx.sqlite
    .prepare('SELECT credential_id AS id, COUNT(*) AS n FROM assets WHERE project_id = ? AND deleted_at IS NULL AND credential_id IS NOT NULL GROUP BY credential_id')
    .all(ctx.project().id) as Array<{ id: string; n: number }>;
  return new Map(rows.map((r) => [r.id, r.n]));
}

function credentialRow(ctx: Ctx, id: string): CredentialRow {
  const r = ctx.db
    .select()
    .from(credentials)
    .where(and(eq(credentials.id, id), eq(credentials.projectId, ctx.project().id), isNull(credentials.deletedAt)))
    .get();
  if (!r) throw new AppError('NOT_FOUND', t('credential.notFound'));
  return r;
}

export function listCredentials(ctx: Ctx): Credential[] {
  const used = usage(ctx);
  return ctx.db
    .select()
    .from(credentials)
    .where(and(eq(credentials.projectId, ctx.project().id), isNull(credentials.deletedAt)))
    .orderBy(asc(credentials.label))
    .all()
    .map((r) => credentialView(r, used.get(r.id) ?? 0));
}

/** What is sealed: the secret and, for an encrypted key, its passphrase. */
interface SecretPayload {
  secret: string;
  passphrase?: string;
}

export interface CredentialInput {
  id?: string | undefined;
  label: string;
  kind: CredentialKind;
  username: string;
  secret?: string | undefined;
  passphrase?: string | undefined;
}

export function saveCredential(ctx: CallContext, input: CredentialInput): Credential {
  const box = secretBoxFor(ctx.dataDir);
  const projectId = ctx.project().id;
  const clash = ctx.db
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.projectId, projectId), isNull(credentials.deletedAt), eq(credentials.label, input.label), input.id ? ne(credentials.id, input.id) : sql`1`))
    .get();
  if (clash) throw new AppError('CONFLICT', t('credential.labelTaken', { label: input.label }));
  const payload = (secret: string): string => JSON.stringify({ secret, ...(input.passphrase ? { passphrase: input.passphrase } : {}) } satisfies SecretPayload);
  if (input.id) {
    const before = credentialRow(ctx, input.id);
    const set: Partial<typeof credentials.$inferInsert> = { label: input.label, kind: input.kind, username: input.username, ...stampUpdate(ctx) };
    if (input.secret !== undefined) set.secretEnc = box.seal(payload(input.secret), before.id);
    ctx.db.update(credentials).set(set).where(eq(credentials.id, before.id)).run();
    const after = credentialRow(ctx, before.id);
    const used = usage(ctx).get(before.id) ?? 0;
    // Views carry no secret; the audit row says whether it changed, not what it is.
    ctx.track('credential', before.id, credentialView(before, used), { ...credentialView(after, used), secretChanged: input.secret !== undefined });
    return credentialView(after, used);
  }
  if (input.secret === undefined) throw new AppError('VALIDATION', t('credential.secretRequired'), [{ path: 'secret', message: t('credential.secretRequired') }]);
  const base = stampNew(ctx);
  const row = { ...base, projectId, label: input.label, kind: input.kind, username: input.username, secretEnc: box.seal(payload(input.secret), base.id) };
  ctx.db.insert(credentials).values(row).run();
  const v = credentialView(row, 0);
  ctx.track('credential', row.id, null, v);
  return v;
}

export function deleteCredential(ctx: CallContext, id: string): { id: string } {
  const before = credentialRow(ctx, id);
  const used = usage(ctx).get(id) ?? 0;
  if (used > 0) throw new AppError('CONFLICT', t('credential.inUse', { label: before.label, count: used }));
  // The sealed secret is dropped with the record, not kept in a soft-deleted row.
  ctx.db.update(credentials).set({ deletedAt: ctx.nowIso(), secretEnc: null, ...stampUpdate(ctx) }).where(eq(credentials.id, id)).run();
  ctx.track('credential', id, credentialView(before, 0), null);
  return { id };
}

/** A credential opened for a probe (core only: never returned through a channel, never logged). */
export interface OpenedCredential {
  id: string;
  label: string;
  kind: CredentialKind;
  username: string;
  secret: string;
  passphrase?: string;
}

/** Opens the credentials of the given ids; unreadable ones come back as errors by id. */
export function openCredentials(ctx: Pick<CallContext, 'db' | 'project' | 'dataDir'>, ids: readonly string[]): { opened: Map<string, OpenedCredential>; errors: Map<string, string> } {
  const opened = new Map<string, OpenedCredential>();
  const errors = new Map<string, string>();
  if (ids.length === 0) return { opened, errors };
  const box = secretBoxFor(ctx.dataDir);
  const want = new Set(ids);
  const rows = ctx.db
    .select()
    .from(credentials)
    .where(and(eq(credentials.projectId, ctx.project().id), isNull(credentials.deletedAt)))
    .all()
    .filter((r) => want.has(r.id));
  for (const r of rows) {
    try {
      if (!r.secretEnc) throw new Error('no secret');
      const p = JSON.parse(box.open(r.secretEnc, r.id)) as SecretPayload;
      const o: OpenedCredential = { id: r.id, label: r.label, kind: r.kind as CredentialKind, username: r.username, secret: p.secret };
      if (p.passphrase) o.passphrase = p.passphrase;
      opened.set(r.id, o);
    } catch {
      errors.set(r.id, t('credential.unreadable', { label: r.label }));
    }
  }
  return { opened, errors };
}
