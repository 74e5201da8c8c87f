import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import {
  PROBLEM_FLOW,
  PROBLEM_STATUS_LABELS,
  type Problem,
  type ProblemSeverity,
  type ProblemStatus,
  type problemChannels,
} from '../../../shared/contract/problems';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { toBizDate } from '../../../shared/time';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { issueDocNo } from '../faults/docno';
import { likePattern } from '../faults/list';
import { actorName, displayNames } from '../faults/repo';
import { formatBizDateTime } from '../../../shared/time';
import { FUTURE_TOLERANCE_MS, normIso } from '../faults/stamps';
import { problemEvents, problemTickets } from './schema';

type In<C extends keyof typeof problemChannels> = z.output<(typeof problemChannels)[C]['input']>;
type Ticket = typeof problemTickets.$inferSelect;

export const DEFAULT_PROBLEM_RULE = 'WT-{YYYY}-{SEQ:4}';

function mustLoad(ctx: CallContext, id: string): Ticket {
  const p = ctx.db
    .select()
    .from(problemTickets)
    .where(and(eq(problemTickets.id, id), eq(problemTickets.projectId, ctx.project().id), isNull(problemTickets.deletedAt)))
    .get();
  if (!p) throw new AppError('NOT_FOUND', t('problem.notFound'));
  return p;
}

function view(ctx: CallContext, p: Ticket): Problem {
  const events = ctx.db
    .select()
    .from(problemEvents)
    .where(and(eq(problemEvents.ticketId, p.id), isNull(problemEvents.deletedAt)))
    .orderBy(asc(problemEvents.createdAt), asc(problemEvents.id))
    .all();
  const nameOf = displayNames(ctx, events.map((e) => e.updatedBy));
  return {
    id: p.id,
    docNo: p.docNo,
    kind: p.kind as Problem['kind'],
    severity: (p.severity as ProblemSeverity | null) ?? null,
    status: p.status as ProblemStatus,
    title: p.title,
    description: p.description,
    submitterName: p.submitterName,
    assigneeName: p.assigneeName,
    answer: p.answer,
    openedAt: p.openedAt,
    closedAt: p.closedAt,
    updatedAt: p.updatedAt,
    events: events.map((e) => ({ id: e.id, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, at: e.createdAt, by: nameOf(e.updatedBy) })),
  };
}

function event(ctx: CallContext, ticketId: string, fromStatus: string | null, toStatus: string, note: string, at: string): void {
  ctx.db.insert(problemEvents).values({ ...stampNew(ctx), createdAt: at, ticketId, fromStatus, toStatus, note }).run();
}

/** An event time: not in the future, not before the ticket's previous event. */
function checkTime(ctx: CallContext, at: string, prev: string | null): void {
  if (Date.parse(at) > ctx.now().getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('VALIDATION', t('problem.futureTime', { at: formatBizDateTime(at) }), [{ path: 'at', message: t('problem.futureTime', { at: formatBizDateTime(at) }) }]);
  }
  if (prev && Date.parse(at) < Date.parse(prev)) {
    const msg = t('problem.beforePrevious', { at: formatBizDateTime(at), prev: formatBizDateTime(prev) });
    throw new AppError('VALIDATION', msg, [{ path: 'at', message: msg }]);
  }
}

function openedAtOf(ctx: CallContext, given: string | undefined): string {
  const at = normIso(given ?? ctx.nowIso());
  checkTime(ctx, at, null);
  return at;
}

export function createProblem(ctx: CallContext, input: In<'problems/create'>): Problem {
  const project = ctx.project();
  const openedAt = openedAtOf(ctx, input.openedAt);
  const docNo = issueDocNo(ctx, 'problem', 'problem_tickets', project.settings.numbering.problem ?? DEFAULT_PROBLEM_RULE, toBizDate(openedAt));
  const base = { ...stampNew(ctx), projectId: project.id, docNo, kind: input.kind, title: input.title, description: input.description, submitterName: input.submitterName, openedAt };
  const me = actorName(ctx);
  const row: typeof problemTickets.$inferInsert =
    input.kind === 'consult'
      ? { ...base, severity: null, status: 'closed', assigneeName: me, answer: input.answer, closedAt: openedAt }
      : { ...base, severity: input.severity, status: 'submitted', assigneeName: null, answer: '', closedAt: null };
  ctx.db.insert(problemTickets).values(row).run();
  event(ctx, row.id!, null, 'submitted', input.kind === 'consult' ? '咨询' : '提交缺陷', openedAt);
  if (input.kind === 'consult') event(ctx, row.id!, 'submitted', 'closed', `当场解答：${input.answer.slice(0, 500)}`, openedAt);
  const saved = mustLoad(ctx, row.id!);
  ctx.track('problem', saved.id, null, saved);
  return view(ctx, saved);
}

export function transitionProblem(ctx: CallContext, input: In<'problems/transition'>): Problem {
  const before = mustLoad(ctx, input.id);
  if (before.kind === 'consult') throw new AppError('CONFLICT', t('problem.consultNoFlow'));
  const flow = PROBLEM_FLOW[input.action];
  const status = before.status as ProblemStatus;
  if (!flow.from.includes(status)) throw new AppError('CONFLICT', t('problem.badAction', { status: PROBLEM_STATUS_LABELS[status] ?? status, action: flow.label }));
  if (input.action === 'assign' && !input.assigneeName) throw new AppError('VALIDATION', t('problem.needAssignee'), [{ path: 'assigneeName', message: t('problem.needAssignee') }]);
  if ((input.action === 'reject' || input.action === 'fix' || input.action === 'retest_fail') && !input.note.trim()) {
    throw new AppError('VALIDATION', t('problem.needNote', { action: flow.label }), [{ path: 'note', message: t('problem.needNote', { action: flow.label }) }]);
  }
  const at = normIso(input.at ?? ctx.nowIso());
  const last = ctx.db.select({ at: problemEvents.createdAt }).from(problemEvents).where(eq(problemEvents.ticketId, before.id)).all().map((e) => e.at).sort().at(-1) ?? before.openedAt;
  checkTime(ctx, at, last);
  ctx.db
    .update(problemTickets)
    .set({
      status: flow.to,
      ...(input.action === 'assign' ? { assigneeName: input.assigneeName } : {}),
      ...(input.action === 'fix' ? { answer: input.note } : {}),
      closedAt: flow.to === 'closed' ? at : null,
      ...stampUpdate(ctx),
    })
    .where(eq(problemTickets.id, before.id))
    .run();
  const note = input.action === 'assign' ? `分派给 ${input.assigneeName}${input.note ? `：${input.note}` : ''}` : input.note;
  event(ctx, before.id, before.status, flow.to, note, at);
  const after = mustLoad(ctx, before.id);
  ctx.track('problem', before.id, before, after);
  return view(ctx, after);
}

export function getProblem(ctx: CallContext, id: string): Problem {
  return view(ctx, mustLoad(ctx, id));
}

export function listProblems(ctx: CallContext, input: In<'problems/list'>) {
  const where = ['p.project_id = ?', 'p.deleted_at IS NULL'];
  const args: Array<string | number> = [ctx.project().id];
  if (input.kind) {
    where.push('p.kind = ?');
    args.push(input.kind);
  }
  if (input.status?.length) {
    where.push(`p.status IN (${input.status.map(() => '?').join(', ')})`);
    args.push(...input.status);
  }
  if (input.severity) {
    where.push('p.severity = ?');
    args.push(input.severity);
  }
  if (input.q) {
    where.push("(p.doc_no LIKE ? ESCAPE '\\' OR p.title LIKE ? ESCAPE '\\' OR p.description LIKE ? ESCAPE '\\')");
    const pat = likePattern(input.q);
    args.push(pat, pat, pat);
  }
  const sql = where.join(' AND ');
  const total = (ctx.sqlite.prepare(`SELECT COUNT(*) AS n FROM problem_tickets p WHERE ${sql}`).get(...args) as { n: number }).n;
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id, p.doc_no AS docNo, p.kind, p.severity, p.status, p.title, p.submitter_name AS submitterName, p.assignee_name AS assigneeName,
              p.opened_at AS openedAt, p.closed_at AS closedAt
       FROM problem_tickets p WHERE ${sql} ORDER BY p.opened_at DESC, p.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, input.pageSize, (input.page - 1) * input.pageSize) as Array<{ id: string; docNo: string; kind: Problem['kind']; severity: ProblemSeverity | null; status: ProblemStatus; title: string; submitterName: string; assigneeName: string | null; openedAt: string; closedAt: string | null }>;
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
