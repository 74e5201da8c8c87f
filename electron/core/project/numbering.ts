import { counterScope, formatDocNo } from '../../../shared/numbering';
import { newId } from '../context';
import type { Sqlite } from '../db/open';

/** When and by whom a counter is bumped (the caller's clock and actor); `id` only for a new row. */
export interface CounterStamp {
  at: string;
  by: string;
  /** The id a new counter row gets (the demo passes its deterministic ids); a fresh UUIDv7 otherwise. */
  id?: string;
}

/**
 * Next 文档编号 for a kind: the counter row is bumped in the caller's transaction, so a number
 * is unique and never reused (a rolled-back insert gives its number back with it).
 * Rule tokens: {YYYY} {YY} {MM} {SEQ:n}. The sequence restarts per year when the rule has {YYYY}/{YY}.
 * A counter row is never deleted; one marked deleted would be revived with its count kept.
 */
export function nextDocNo(sqlite: Sqlite, projectId: string, kind: string, rule: string, bizDate: string, stamp: CounterStamp): string {
  const scope = counterScope(rule, bizDate);
  const row = sqlite
    .prepare(
      `INSERT INTO doc_counters (id, created_at, updated_at, updated_by, deleted_at, project_id, kind, scope, last_seq)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 1)
       ON CONFLICT(project_id, kind, scope) DO UPDATE SET last_seq = last_seq + 1,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, deleted_at = NULL
       RETURNING last_seq`,
    )
    .get(stamp.id ?? newId(), stamp.at, stamp.at, stamp.by, projectId, kind, scope) as { last_seq: number };
  return formatDocNo(rule, bizDate, row.last_seq);
}
