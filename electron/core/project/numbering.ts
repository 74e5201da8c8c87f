import type { Sqlite } from '../db/open';

/**
 * Next 文档编号 for a kind: the counter row is bumped in the caller's transaction, so a number
 * is unique and never reused (a rolled-back insert gives its number back with it).
 * Rule tokens: {YYYY} {YY} {MM} {SEQ:n}. The sequence restarts per year when the rule has {YYYY}/{YY}.
 */
export function nextDocNo(sqlite: Sqlite, projectId: string, kind: string, rule: string, bizDate: string): string {
  const yyyy = bizDate.slice(0, 4);
  const mm = bizDate.slice(5, 7);
  const scope = /\{YY(YY)?\}/.test(rule) ? (/\{MM\}/.test(rule) ? `${yyyy}-${mm}` : yyyy) : 'all';
  const row = sqlite
    .prepare(
      `INSERT INTO doc_counters (project_id, kind, scope, last_seq) VALUES (?, ?, ?, 1)
       ON CONFLICT(project_id, kind, scope) DO UPDATE SET last_seq = last_seq + 1
       RETURNING last_seq`,
    )
    .get(projectId, kind, scope) as { last_seq: number };
  return rule
    .replace(/\{YYYY\}/g, yyyy)
    .replace(/\{YY\}/g, yyyy.slice(2))
    .replace(/\{MM\}/g, mm)
    .replace(/\{SEQ(?::(\d+))?\}/g, (_, n: string | undefined) => String(row.last_seq).padStart(Number(n ?? 4), '0'));
}
