import { z } from 'zod';
import { channel, R, zEmpty, zId } from './define';
import { ROLES } from './define';

export const zUser = z.object({
  id: zId,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
});
export type User = z.infer<typeof zUser>;

export const zSession = z.object({ token: z.string(), user: zUser, idleLockMinutes: z.number().int() });

export const appChannels = {
  'app/info': channel({
    summary: 'Version, data file, whether first-run setup is needed, and the project name.',
    access: 'public',
    mutates: false,
    input: zEmpty,
    output: z.object({
      version: z.string(),
      dbPath: z.string(),
      needsSetup: z.boolean(),
      projectName: z.string(),
      dbState: z.enum(['ok', 'damaged']),
    }),
  }),
  'auth/setup-admin': channel({
    summary: 'First start: create the administrator account (no default passwords).',
    access: 'public',
    mutates: true,
    input: z.object({
      username: z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9_.-]+$/),
      displayName: z.string().trim().min(1).max(50),
      password: z.string().min(1).max(128),
    }),
    output: zSession,
  }),
  'auth/login': channel({
    summary: 'Log in; 5 failures lock the account (survives restart).',
    access: 'public',
    mutates: true,
    input: z.object({ username: z.string().trim().min(1).max(32), password: z.string().min(1).max(128) }),
    output: zSession,
  }),
  'auth/logout': channel({
    summary: 'End the session.',
    access: R.anyone,
    mutates: false,
    input: zEmpty,
    output: z.object({ ok: z.literal(true) }),
  }),
  'auth/unlock': channel({
    summary: 'Unlock an idle-locked session with the password.',
    access: R.anyone,
    mutates: false,
    input: z.object({ password: z.string().min(1).max(128) }),
    output: zSession,
  }),
  'auth/me': channel({
    summary: 'The current user.',
    access: R.anyone,
    mutates: false,
    input: zEmpty,
    output: zUser,
  }),
  'dashboard/summary': channel({
    summary: 'Counts for the 工作台 page.',
    access: R.recordsRead,
    mutates: false,
    input: zEmpty,
    output: z.object({
      assets: z.number().int(),
      openFaults: z.number().int(),
      breachedFaults: z.number().int(),
      openWorkOrders: z.number().int(),
      todayInspections: z.object({ done: z.number().int(), total: z.number().int() }),
      pendingLeave: z.number().int(),
      faultClocks: z.array(
        z.object({ id: zId, docNo: z.string(), title: z.string(), severity: z.string(), nextDeadline: z.string().nullable(), state: z.string() }),
      ),
    }),
  }),
  'jobs/cancel': channel({
    summary: 'Cancel a running long job (sweep, export) by its job id.',
    access: R.anyone,
    mutates: false,
    input: z.object({ jobId: zId }),
    output: z.object({ cancelled: z.boolean() }),
  }),
} as const;
