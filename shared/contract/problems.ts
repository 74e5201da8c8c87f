import { z } from 'zod';
import { channel, R, zId } from './define';
import { PERSON_MAX, zAt, zLongText, zLongTextRequired, zPaging, zPerson, zTitle } from './faults';

/** Problem requests (§1.5.3): 咨询类 closed on the spot; 系统缺陷类 through a workflow. */
export const PROBLEM_KINDS = ['consult', 'defect'] as const;
export const PROBLEM_KIND_LABELS: Record<(typeof PROBLEM_KINDS)[number], string> = { consult: '咨询类', defect: '系统缺陷类' };
export const PROBLEM_SEVERITIES = ['minor', 'major', 'critical', 'fatal'] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];
export const PROBLEM_SEVERITY_LABELS: Record<ProblemSeverity, string> = { minor: '微小', major: '一般', critical: '严重', fatal: '致命' };
export const PROBLEM_STATUSES = ['submitted', 'assigned', 'confirmed', 'rejected', 'fixed', 'retested', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  submitted: '已提交',
  assigned: '已分派',
  confirmed: '已确认',
  rejected: '已拒绝',
  fixed: '已修复',
  retested: '已复测',
  closed: '已关闭',
};
/** The contract's three phases: Open / Fixed / Closed. */
export const PROBLEM_PHASE: Record<ProblemStatus, 'open' | 'fixed' | 'closed'> = {
  submitted: 'open',
  assigned: 'open',
  confirmed: 'open',
  rejected: 'closed',
  fixed: 'fixed',
  retested: 'fixed',
  closed: 'closed',
};
export const PROBLEM_ACTIONS = ['assign', 'confirm', 'reject', 'fix', 'retest_pass', 'retest_fail', 'close'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];
/** The defect workflow: action → (from statuses) → to status. */
export const PROBLEM_FLOW: Record<ProblemAction, { from: readonly ProblemStatus[]; to: ProblemStatus; label: string }> = {
  assign: { from: ['submitted', 'assigned'], to: 'assigned', label: '分派' },
  confirm: { from: ['assigned'], to: 'confirmed', label: '确认缺陷' },
  reject: { from: ['assigned'], to: 'rejected', label: '拒绝' },
  fix: { from: ['confirmed'], to: 'fixed', label: '修复' },
  retest_pass: { from: ['fixed'], to: 'retested', label: '复测通过' },
  retest_fail: { from: ['fixed'], to: 'confirmed', label: '复测未通过' },
  close: { from: ['retested', 'rejected'], to: 'closed', label: '关闭' },
};

export const zProblemRow = z.object({
  id: zId,
  docNo: z.string(),
  kind: z.enum(PROBLEM_KINDS),
  severity: z.enum(PROBLEM_SEVERITIES).nullable(),
  status: z.enum(PROBLEM_STATUSES),
  title: z.string(),
  submitterName: z.string(),
  assigneeName: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
export const zProblem = zProblemRow.extend({
  description: z.string(),
  answer: z.string(),
  events: z.array(z.object({ id: zId, fromStatus: z.string().nullable(), toStatus: z.string(), note: z.string(), at: z.string(), by: z.string() })),
  updatedAt: z.string(),
});
export type Problem = z.infer<typeof zProblem>;

export const problemChannels = {
  'problems/list': channel({
    summary: 'Problem tickets, newest first, filtered and paged.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({
      ...zPaging,
      kind: z.enum(PROBLEM_KINDS).optional(),
      status: z.array(z.enum(PROBLEM_STATUSES)).max(PROBLEM_STATUSES.length).optional(),
      severity: z.enum(PROBLEM_SEVERITIES).optional(),
      q: z.string().trim().max(100).optional(),
    }),
    output: z.object({ rows: z.array(zProblemRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  }),
  'problems/get': channel({ summary: 'One ticket with its event history.', access: R.recordsRead, mutates: false, input: z.object({ id: zId }), output: zProblem }),
  'problems/create': channel({
    summary: 'A 咨询类 ticket (answered and closed on the spot) or a 系统缺陷类 ticket (submitted, with a severity).',
    access: R.records,
    mutates: true,
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('consult'), title: zTitle('问题标题'), description: zLongTextRequired('问题描述'), submitterName: zPerson('提出人'), answer: zLongTextRequired('解答'), openedAt: zAt.optional() }),
      z.object({
        kind: z.literal('defect'),
        title: zTitle('问题标题'),
        description: zLongTextRequired('问题描述'),
        submitterName: zPerson('提出人'),
        severity: z.enum(PROBLEM_SEVERITIES, { message: '严重程度应为：微小、一般、严重或致命' }),
        openedAt: zAt.optional(),
      }),
    ]),
    output: zProblem,
  }),
  'problems/transition': channel({
    summary: 'One step of the defect workflow (assign, confirm/reject, fix, retest, close), kept in the history.',
    access: R.records,
    mutates: true,
    input: z.object({
      id: zId,
      action: z.enum(PROBLEM_ACTIONS),
      assigneeName: z.string().trim().min(1).max(PERSON_MAX).optional(),
      note: zLongText('说明').default(''),
      at: zAt.optional(),
    }),
    output: zProblem,
  }),
} as const;
