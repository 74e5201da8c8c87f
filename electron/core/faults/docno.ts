import type { DocKind } from '../../../shared/numbering';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CallContext } from '../context';
import { nextDocNo } from '../project/numbering';

/** The tables whose rows carry a 文档编号 issued here (each has a unique index on doc_no). */
export type NumberedTable = 'faults' | 'work_orders' | 'problem_tickets';

/** How many taken numbers are skipped before giving up (a rule that only repeats itself). */
const MAX_SKIPS = 10_000;

/**
 * The next 文档编号 of a kind by the project's rule. The counter (doc_counters) only goes up, in
 * the caller's IMMEDIATE transaction, so two windows or the app and the CLI never get the same
 * number and a deleted record's number is never given again. After the rule was changed a fresh
 * counter can reach numbers an older rule already issued (e.g. `GZ-{YYYY}-{SEQ:4}` → a literal
 * `GZ-2026-{SEQ:4}`): such numbers — also those of deleted rows — are skipped, never reused.
 */
export function issueDocNo(ctx: CallContext, kind: DocKind, table: NumberedTable, rule: string, bizDate: string): string {
  const taken = ctx.sqlite.prepare(`SELECT 1 FROM ${table} WHERE doc_no = ? LIMIT 1`);
  for (let i = 0; i < MAX_SKIPS; i++) {
    const docNo = nextDocNo(ctx.sqlite, ctx.project().id, kind, rule, bizDate, { at: ctx.nowIso(), by: ctx.actor.username });
    if (!taken.get(docNo)) return docNo;
  }
  throw new AppError('CONFLICT', t('numbering.exhausted', { rule }));
}
