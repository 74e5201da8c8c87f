import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { bizDayRange } from '../../../shared/time';
import type { Sqlite } from '../db/open';

export interface AuditEntry {
  at: string;
  userId: string | null;
  username: string;
  face: string;
  channel: string;
  entity: string | null;
  entityId: string | null;
  before: string | null;
  after: string | null;
  outcome: 'ok' | 'error' | 'denied';
  errorCode: string | null;
}

const GENESIS = '0'.repeat(64);
const FIELDS = ['id', 'at', 'userId', 'username', 'face', 'channel', 'entity', 'entityId', 'before', 'after', 'outcome', 'errorCode'] as const;

/** The hash of a row covers every field and the previous row's hash. */
export function rowHash(prevHash: string, row: Record<(typeof FIELDS)[number], string | null>): string {
  const h = crypto.createHash('sha256');
  h.update(prevHash);
  for (const f of FIELDS) {
    const v = row[f];
    h.update('\u001f');
    h.update(v === null ? '\u0000' : v);
  }
  return h.digest('hex');
}

const SECRET_KEYS = /^(password|passwordHash|newPassword|oldPassword|secret|secretEnc|privateKey|passphrase|token)$/i;

/** JSON for the audit log with secrets replaced, long strings cut. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const s = JSON.stringify(value, (k, v: unknown) => {
    if (SECRET_KEYS.test(k)) return '***';
    if (typeof v === 'string' && v.length > 2000) return `${v.slice(0, 2000)}…(${v.length})`;
    if (Buffer.isBuffer(v)) return `<${v.length} bytes>`;
    return v;
  });
  return s.length > 100_000 ? s.slice(0, 100_000) : s;
}

/** Appends one row, chained to the last one. Call inside the caller's transaction. */
export function appendAudit(sqlite: Sqlite, e: AuditEntry): void {
  const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS;
  const row = { id: uuidv7(), ...e };
  const hash = rowHash(prevHash, row);
  sqlite
    .prepare(
      `INSERT INTO audit_log (id, at, user_id, username, face, channel, entity, entity_id, before, after, outcome, error_code, prev_hash, hash)
       VALUES (@id, @at, @userId, @username, @face, @channel, @entity, @entityId, @before, @after, @outcome, @errorCode, @prevHash, @hash)`,
    )
    .run({ ...row, prevHash, hash });
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** Channel name of the audit row a purge writes about itself (not a contract channel: CLI only). */
export const PURGE_CHANNEL = 'audit/purge';

/**
 * Walks the chain in order; names the first row whose hash or link does not match. A chain
 * that does not start at the genesis hash must have been cut by a recorded purge: some purge
 * row still in the log names the first row's `prev_hash` as its anchor (reason 'anchor'
 * otherwise, so rows deleted from the start without a purge record are detected too).
 */
export function verifyAuditChain(sqlite: Sqlite): ChainReport {
  const stmt = sqlite.prepare(
    `SELECT seq, id, at, user_id AS userId, username, face, channel, entity, entity_id AS entityId, before, after, outcome,
            error_code AS errorCode, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
  );
  let prev: string | null = null;
  let first: { seq: number; prevHash: string } | null = null;
  const anchors = new Set<string>();
  let rows = 0;
  for (const r of stmt.iterate() as Iterable<Record<string, string | null> & { seq: number; prevHash: string; hash: string }>) {
    rows++;
    first ??= { seq: r.seq, prevHash: r.prevHash };
    if (prev !== null && r.prevHash !== prev) return { ok: false, rows, firstBroken: { seq: r.seq, reason: 'link' } };
    const expect = rowHash(r.prevHash, r as unknown as Record<(typeof FIELDS)[number], string | null>);
    if (expect !== r.hash) return { ok: false, rows, firstBroken: { seq: r.seq, reason: 'hash' } };
    if (r.channel === PURGE_CHANNEL && r.outcome === 'ok' && r.after) {
      try {
        const anchor = (JSON.parse(r.after) as { anchorHash?: unknown }).anchorHash;
        if (typeof anchor === 'string') anchors.add(anchor);
      } catch {
        // not a purge record this code wrote; it anchors nothing
      }
    }
    prev = r.hash;
  }
  if (first && first.prevHash !== GENESIS && !anchors.has(first.prevHash)) return { ok: false, rows, firstBroken: { seq: first.seq, reason: 'anchor' } };
  return { ok: true, rows, firstBroken: null };
}

export interface AuditListFilter {
  before?: number | undefined;
  limit: number;
  channel?: string | undefined;
  username?: string | undefined;
  outcome?: string | undefined;
  /** Business dates (Asia/Shanghai), both included. */
  from?: string | undefined;
  to?: string | undefined;
}

/** A row as the viewer lists it: the entry without the user id, with its sequence number. */
export type AuditListRow = Omit<AuditEntry, 'userId' | 'outcome'> & { seq: number; outcome: string };

/** WHERE clause and arguments of the audit viewer's filters (paging by `before` not included). */
export function auditWhere(f: Omit<AuditListFilter, 'limit' | 'before'>): { where: string[]; args: Array<string | number> } {
  const where: string[] = [];
  const args: Array<string | number> = [];
  for (const [col, v] of [['channel', f.channel], ['username', f.username], ['outcome', f.outcome]] as const) {
    if (v) {
      where.push(`${col} = ?`);
      args.push(v);
    }
  }
  // Instants are stored as UTC ISO-8601: a business day is [Shanghai midnight, next midnight).
  if (f.from) {
    where.push('at >= ?');
    args.push(bizDayRange(f.from).start);
  }
  if (f.to) {
    where.push('at < ?');
    args.push(bizDayRange(f.to).end);
  }
  return { where, args };
}

/** The audit log newest first, filtered, paged by `before` (a seq); total counts the filter. */
export function listAudit(sqlite: Sqlite, f: AuditListFilter): { rows: AuditListRow[]; total: number } {
  const { where, args } = auditWhere(f);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (sqlite.prepare(`SELECT COUNT(*) AS n FROM audit_log ${filter}`).get(...args) as { n: number }).n;
  const page = f.before !== undefined ? `${filter ? `${filter} AND` : 'WHERE'} seq < ?` : filter;
  const rows = sqlite
    .prepare(
      `SELECT seq, at, username, face, channel, entity, entity_id AS entityId, before, after, outcome, error_code AS errorCode
       FROM audit_log ${page} ORDER BY seq DESC LIMIT ?`,
    )
    .all(...args, ...(f.before !== undefined ? [f.before] : []), f.limit) as AuditListRow[];
  return { rows, total };
}
