import { bizDayRange, isBizDate, toBizDate } from '../../../shared/time';
import type { Sqlite } from '../db/open';
import { appendAudit, auditJson, PURGE_CHANNEL, verifyAuditChain, type ChainReport } from './service';

/** Audit rows younger than this may not be purged (the trigger in migration 0001 enforces it too). */
export const AUDIT_KEEP_DAYS = 180;
export { PURGE_CHANNEL };

/** The latest `--before` business date whose purge touches no row younger than 180 days. */
export function latestPurgeDate(now: Date): string {
  // Rows purged are those before Shanghai midnight of `before`; that midnight must lie at or
  // before now − 180 days, i.e. `before` is at most the business date of now − 180 days.
  return toBizDate(new Date(now.getTime() - AUDIT_KEEP_DAYS * 86_400_000));
}

export type PurgePlan =
  | { ok: false; reason: 'date'; detail: string }
  | { ok: false; reason: 'tooRecent'; latest: string }
  | { ok: false; reason: 'broken'; chain: ChainReport }
  | {
      ok: true;
      before: string;
      /** UTC instant: rows with `at` before it are old enough. */
      cutoff: string;
      latest: string;
      rows: number;
      /** Old rows kept because a younger row precedes them in the chain (a clock set back). */
      keptOld: number;
      firstSeq: number | null;
      lastSeq: number | null;
      lastHash: string | null;
      total: number;
    };

/**
 * What `purge --before` would delete: the leading run of the chain (by seq) whose rows are all
 * older than Shanghai midnight of `before`. Only a prefix is cut, so what remains is one chain
 * anchored at the hash of the last purged row. Refuses a date that reaches into the last 180
 * days, and a chain that is already broken.
 */
export function planAuditPurge(sqlite: Sqlite, before: string, now: Date): PurgePlan {
  if (!isBizDate(before)) return { ok: false, reason: 'date', detail: before };
  const latest = latestPurgeDate(now);
  if (before > latest) return { ok: false, reason: 'tooRecent', latest };
  const chain = verifyAuditChain(sqlite);
  if (!chain.ok) return { ok: false, reason: 'broken', chain };
  const cutoff = bizDayRange(before).start;
  const firstYoung = sqlite.prepare('SELECT MIN(seq) AS seq FROM audit_log WHERE at >= ?').get(cutoff) as { seq: number | null };
  const limit = firstYoung.seq ?? Number.MAX_SAFE_INTEGER;
  const span = sqlite.prepare('SELECT COUNT(*) AS n, MIN(seq) AS first, MAX(seq) AS last FROM audit_log WHERE seq < ?').get(limit) as {
    n: number;
    first: number | null;
    last: number | null;
  };
  const lastHash = span.last === null ? null : (sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(span.last) as { hash: string }).hash;
  const old = (sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE at < ?').get(cutoff) as { n: number }).n;
  return {
    ok: true,
    before,
    cutoff,
    latest,
    rows: span.n,
    keptOld: old - span.n,
    firstSeq: span.first,
    lastSeq: span.last,
    lastHash,
    total: chain.rows,
  };
}

export interface PurgeResult {
  deleted: number;
  /** Hash of the last purged row: the `prev_hash` the first remaining row links to. */
  anchorHash: string | null;
  remaining: number;
}

/**
 * Purges per `planAuditPurge` in one IMMEDIATE transaction: the purge's own audit row is
 * appended first (chained to the current last row, recording who, the date, how many rows and
 * the anchor hash), then the old rows are deleted and the chain verified; any failure rolls
 * everything back.
 */
export function purgeAudit(
  sqlite: Sqlite,
  before: string,
  now: Date,
  actor: { userId: string | null; username: string; face: string },
  note: Record<string, unknown> = {},
): { plan: PurgePlan; result: PurgeResult | null } {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const plan = planAuditPurge(sqlite, before, now);
    if (!plan.ok || plan.rows === 0 || plan.lastSeq === null) {
      sqlite.exec('ROLLBACK');
      return { plan, result: null };
    }
    appendAudit(sqlite, {
      at: now.toISOString(),
      userId: actor.userId,
      username: actor.username,
      face: actor.face,
      channel: PURGE_CHANNEL,
      entity: 'audit_log',
      entityId: null,
      before: auditJson({ rows: plan.rows, firstSeq: plan.firstSeq, lastSeq: plan.lastSeq }),
      after: auditJson({ purgedBefore: plan.before, cutoff: plan.cutoff, deleted: plan.rows, anchorHash: plan.lastHash, ...note }),
      outcome: 'ok',
      errorCode: null,
    });
    const deleted = sqlite.prepare('DELETE FROM audit_log WHERE seq <= ?').run(plan.lastSeq).changes;
    if (deleted !== plan.rows) throw new Error(`audit purge deleted ${deleted} rows, planned ${plan.rows}`);
    const after = verifyAuditChain(sqlite);
    if (!after.ok) throw new Error(`audit chain broken after purge at row ${after.firstBroken?.seq} (${after.firstBroken?.reason})`);
    sqlite.exec('COMMIT');
    return { plan, result: { deleted, anchorHash: plan.lastHash, remaining: after.rows } };
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw e;
  }
}
