import { z } from 'zod';
import { channel, R, ROLES, zEmpty, zId, zJobId } from './define';
import { zUser } from './app';
import { zRealDate } from './faults';

const zRole = z.enum(ROLES);
const zUsername = z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9_.-]+$/, { message: '用户名只能包含字母、数字、下划线、点和短横线' });

export const zAccount = zUser.extend({
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedCount: z.number().int(),
  lastLoginAt: z.string().nullable(),
  staffId: z.string().nullable(),
});

export const zAuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  username: z.string(),
  face: z.string(),
  channel: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  outcome: z.string(),
  errorCode: z.string().nullable(),
});

/** The audit viewer's filters; `from`/`to` are business dates (Asia/Shanghai), both included. */
export const zAuditListInput = z
  .object({
    before: z.number().int().optional(),
    limit: z.number().int().min(1).max(500).default(100),
    channel: z.string().max(80).optional(),
    username: z.string().max(80).optional(),
    outcome: z.enum(['ok', 'error', 'denied']).optional(),
    from: zRealDate.optional(),
    to: zRealDate.optional(),
  })
  .refine((x) => !x.from || !x.to || x.from <= x.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type AuditListInput = z.infer<typeof zAuditListInput>;

export const zBackup = z.object({ name: z.string(), at: z.string(), reason: z.string(), size: z.number().int() });

export const zWorkstationSettings = z.object({
  idleLockMinutes: z.number().int().min(1).max(120),
  lockoutMinutes: z.number().int().min(1).max(24 * 60),
  updaterUrl: z.string().max(500),
  dailyBackup: z.boolean(),
});
export type WorkstationSettings = z.infer<typeof zWorkstationSettings>;

export const zStaff = z.object({
  id: zId,
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().min(1).max(50),
  phone: z.string().max(30).nullable(),
  onSite: z.boolean(),
  isManager: z.boolean(),
  sort: z.number().int(),
});

export const adminChannels = {
  'accounts/list': channel({ summary: 'All local accounts.', access: R.admin, mutates: false, input: zEmpty, output: z.array(zAccount) }),
  'accounts/create': channel({
    summary: 'Create an account (admin).',
    access: R.admin,
    mutates: true,
    input: z.object({ username: zUsername, displayName: z.string().trim().min(1).max(50), password: z.string().min(1).max(128), roles: z.array(zRole).min(1), staffId: zId.nullable().optional() }),
    output: zAccount,
  }),
  'accounts/update': channel({
    summary: 'Change roles, name or disabled flag (admin). Ends the user’s sessions.',
    access: R.admin,
    mutates: true,
    input: z.object({ id: zId, displayName: z.string().trim().min(1).max(50).optional(), roles: z.array(zRole).min(1).optional(), disabled: z.boolean().optional(), staffId: zId.nullable().optional() }),
    output: zAccount,
  }),
  'accounts/reset-password': channel({
    summary: 'Set a new password for a user and clear the lockout (admin).',
    access: R.admin,
    mutates: true,
    input: z.object({ id: zId, password: z.string().min(1).max(128) }),
    output: zAccount,
  }),
  'accounts/change-password': channel({
    summary: 'Change one’s own password.',
    access: R.anyone,
    mutates: true,
    input: z.object({ oldPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'settings/get': channel({ summary: 'Workstation settings.', access: R.anyone, mutates: false, input: zEmpty, output: zWorkstationSettings }),
  'settings/update': channel({ summary: 'Edit workstation settings (admin).', access: R.admin, mutates: true, input: zWorkstationSettings, output: zWorkstationSettings }),
  'staff/list': channel({ summary: 'The team.', access: R.anyone, mutates: false, input: zEmpty, output: z.array(zStaff) }),
  'staff/save': channel({
    summary: 'Add or edit a team member.',
    access: ['admin', 'manager'],
    mutates: true,
    input: zStaff.omit({ id: true }).extend({ id: zId.optional() }),
    output: zStaff,
  }),
  'audit/list': channel({
    summary: 'Audit log, newest first, filtered by channel, user, outcome and business dates (auditor).',
    access: R.auditor,
    mutates: false,
    input: zAuditListInput,
    output: z.object({ rows: z.array(zAuditRow), total: z.number().int() }),
  }),
  'audit/verify': channel({
    summary: 'Check the audit hash chain (auditor).',
    access: R.auditor,
    mutates: false,
    input: zEmpty,
    output: z.object({ ok: z.boolean(), rows: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(), message: z.string() }),
  }),
  'backup/list': channel({
    summary: 'Backups in the data folder, newest first, and the database state.',
    access: R.admin,
    mutates: false,
    input: zEmpty,
    output: z.object({ backups: z.array(zBackup), dbState: z.enum(['ok', 'damaged']), problems: z.array(z.string()) }),
  }),
  'backup/create': channel({
    summary: 'Take a verified online backup now.',
    access: R.admin,
    mutates: true,
    job: true,
    input: z.object({ jobId: zJobId }),
    output: zBackup,
  }),
  'backup/restore': channel({
    summary: 'Replace the database by a backup from the list (the current file is kept).',
    access: R.admin,
    mutates: true,
    job: true,
    input: z.object({ name: z.string().regex(/^workbench-\d{8}T\d{6}Z-[a-z-]+\.sqlite$/, { message: '请选择列表中的备份' }), jobId: zJobId }),
    output: z.object({ restored: z.string(), kept: z.string().nullable() }),
  }),
} as const;
