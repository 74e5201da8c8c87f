import { counterScope, formatDocNo } from '../../../shared/numbering';
import type { Sqlite } from '../db/open';

/**
 * Next 文档编号 for a kind: the counter row is bumped in the caller's transaction, so a number
 * is unique and never reused (a rolled-back insert gives its number back with it).
 * Rule tokens: {YYYY} {YY} {MM} {SEQ:n}. The sequence restarts per year when the rule has {YYYY}/{YY}.
 */
export function nextDocNo(sqlite: Sqlite, projectId: string, kind: string, rule: string, bizDate: string): string {
  const scope = counterScope(rule, bizDate);
  const row = sqlite
    .prepare(
      `INSERT INTO doc_counters (project_id, kind, scope, last_seq) VALUES (?, ?, ?, 1)
       ON CONFLICT(project_id, kind, scope) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    )
    .get(projectId, kind, scope) as { last_seq: number };
  return formatDocNo(rule, bizDate, row.last_seq);
}
