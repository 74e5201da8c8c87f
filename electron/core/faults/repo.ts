import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
  slaViewOf,
  type Fault,
  type FaultCategory,
  type FaultRow,
  type FaultSeverity,
  type FaultStatus,
} from '../../../shared/contract/faults';
import type { SlaSettings } from '../../../shared/sla';
import type { CallContext } from '../context';
import { assets } from '../assets/schema';
import { users } from '../accounts/schema';
import { listAttachments } from '../attachments/service';
import { workOrders } from '../workorders/schema';
import { faultAssets, faults, faultStampHistory } from './schema';
import { alertChecklistOf, alertLevelLabel } from './alerts';

export type FaultRecord = typeof faults.$inferSelect;

/** The name written on forms for the caller: the account's display name (CLI: its user name). */
export function actorName(ctx: Pick<CallContext, 'db' | 'actor'>): string {
  if (ctx.actor.userId) {
    const u = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId)).get();
    if (u) return u.displayName;
  }
  return ctx.actor.username;
}

/** Display names of accounts by user name (rows store who changed them by user name); unknown names stay as they are. */
export function displayNames(ctx: Pick<CallContext, 'db'>, usernames: readonly string[]): (username: string) => string {
  const unique = [...new Set(usernames)];
  const map = new Map<string, string>();
  if (unique.length) {
    for (const u of ctx.db.select({ username: users.username, displayName: users.displayName }).from(users).where(inArray(users.username, unique)).all()) map.set(u.username, u.displayName);
  }
  return (username) => map.get(username) ?? username;
}

export function slaSettings(ctx: Pick<CallContext, 'project'>): SlaSettings {
  const s = ctx.project().settings.sla;
  return {
    responseMinutes: s.responseMinutes,
    onSiteMinutes: s.onSiteMinutes,
    resolveMinutesBySeverity: { normal: s.resolveMinutesBySeverity.normal, serious: s.resolveMinutesBySeverity.serious, critical: s.resolveMinutesBySeverity.critical },
    reportMinutes: s.reportMinutes,
    dueSoonMinutes: s.dueSoonMinutes,
  };
}

/** Columns of a list row, in SQL (the list never loads the long texts). */
export const ROW_COLUMNS = `f.id, f.doc_no AS docNo, f.title, f.category, f.severity, f.alert_level AS alertLevel, f.status, f.solved,
  f.reporter_name AS reporterName, f.engineer_name AS engineerName, f.report_date AS reportDate, f.fault_date AS faultDate,
  f.reported_at AS reportedAt, f.responded_at AS respondedAt, f.on_site_at AS onSiteAt, f.resolved_at AS resolvedAt,
  f.report_filed_at AS reportFiledAt, f.reviewed_at AS reviewedAt`;

export interface RawRow {
  id: string;
  docNo: string;
  title: string;
  category: string;
  severity: string;
  alertLevel: number;
  status: string;
  solved: number;
  reporterName: string;
  engineerName: string | null;
  reportDate: string;
  faultDate: string;
  reportedAt: string;
  respondedAt: string | null;
  onSiteAt: string | null;
  resolvedAt: string | null;
  reportFiledAt: string | null;
  reviewedAt: string | null;
}

export function toRow(r: RawRow, sla: SlaSettings, now: Date): FaultRow {
  const severity = r.severity as FaultSeverity;
  return {
    id: r.id,
    docNo: r.docNo,
    title: r.title,
    category: r.category as FaultCategory,
    severity,
    alertLevel: r.alertLevel,
    status: r.status as FaultStatus,
    solved: Boolean(r.solved),
    reporterName: r.reporterName,
    engineerName: r.engineerName,
    reportDate: r.reportDate,
    faultDate: r.faultDate,
    reportedAt: r.reportedAt,
    respondedAt: r.respondedAt,
    onSiteAt: r.onSiteAt,
    resolvedAt: r.resolvedAt,
    reportFiledAt: r.reportFiledAt,
    reviewedAt: r.reviewedAt,
    sla: slaViewOf({ ...r, severity }, sla, now),
  };
}

export function loadFault(ctx: Pick<CallContext, 'db' | 'project'>, id: string): FaultRecord | undefined {
  return ctx.db
    .select()
    .from(faults)
    .where(and(eq(faults.id, id), eq(faults.projectId, ctx.project().id), isNull(faults.deletedAt)))
    .get();
}

export function faultAssetRefs(ctx: Pick<CallContext, 'db'>, faultId: string) {
  return ctx.db
    .select({ id: assets.id, name: assets.name, ip: assets.ip })
    .from(faultAssets)
    .innerJoin(assets, eq(assets.id, faultAssets.assetId))
    .where(and(eq(faultAssets.faultId, faultId), isNull(faultAssets.deletedAt)))
    .orderBy(asc(assets.sort), asc(assets.name))
    .all();
}

export function signedScans(ctx: Pick<CallContext, 'db'>, entity: 'fault' | 'workorder', id: string) {
  return listAttachments(ctx, entity, id)
    .filter((a) => a.role === 'signed_scan')
    .map((a) => ({ id: a.id, linkId: a.linkId, name: a.name, addedAt: a.addedAt }));
}

/** The record's other attachments (screenshots, logs, photos): the 附件 of the 故障报告单. */
export function otherAttachments(ctx: Pick<CallContext, 'db'>, entity: 'fault' | 'workorder', id: string) {
  return listAttachments(ctx, entity, id)
    .filter((a) => a.role !== 'signed_scan')
    .map((a) => ({ id: a.id, linkId: a.linkId, name: a.name, addedAt: a.addedAt }));
}

/** The whole record as faults/get returns it. */
export function faultView(ctx: Pick<CallContext, 'db' | 'project' | 'now'>, f: FaultRecord): Fault {
  const row = toRow({ ...f, solved: f.solved ? 1 : 0 }, slaSettings(ctx), ctx.now());
  const rows = ctx.db
    .select()
    .from(faultStampHistory)
    .where(and(eq(faultStampHistory.faultId, f.id), isNull(faultStampHistory.deletedAt)))
    .orderBy(asc(faultStampHistory.createdAt), asc(faultStampHistory.id))
    .all();
  const nameOf = displayNames(ctx, rows.map((h) => h.updatedBy));
  const history = rows.map((h) => ({ id: h.id, field: h.field, oldValue: h.oldValue, newValue: h.newValue, reason: h.reason, at: h.createdAt, by: nameOf(h.updatedBy) }));
  const wos = ctx.db
    .select({ id: workOrders.id, docNo: workOrders.docNo, status: workOrders.status })
    .from(workOrders)
    .where(and(eq(workOrders.faultId, f.id), isNull(workOrders.deletedAt)))
    .orderBy(asc(workOrders.docNo))
    .all();
  return {
    ...row,
    reporterId: f.reporterId,
    description: f.description,
    solution: f.solution,
    causeAnalysis: f.causeAnalysis,
    handlingProcess: f.handlingProcess,
    preventiveMeasures: f.preventiveMeasures,
    source: f.source as Fault['source'],
    sourceRef: f.sourceRef,
    respondedBy: f.respondedBy,
    onSiteBy: f.onSiteBy,
    resolvedBy: f.resolvedBy,
    reportFiledBy: f.reportFiledBy,
    reviewerName: f.reviewerName,
    reviewedBy: f.reviewedBy,
    assets: faultAssetRefs(ctx, f.id),
    history,
    alertLevelLabel: alertLevelLabel(f.alertLevel),
    alertChecklist: alertChecklistOf(f, ctx.now()),
    workOrders: wos,
    signedScans: signedScans(ctx, 'fault', f.id),
    attachments: otherAttachments(ctx, 'fault', f.id),
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    updatedBy: f.updatedBy,
  };
}

/** Checks that every id names an asset of the project (a clear error names the first one that does not). */
export function missingAsset(ctx: Pick<CallContext, 'db' | 'project'>, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  const found = new Set(
    ctx.db
      .select({ id: assets.id })
      .from(assets)
      .where(and(inArray(assets.id, [...ids]), eq(assets.projectId, ctx.project().id), isNull(assets.deletedAt)))
      .all()
      .map((a) => a.id),
  );
  return ids.find((id) => !found.has(id)) ?? null;
}
