import { z } from 'zod';

// Validation messages in Chinese for every face (core, renderer, CLI).
z.config(z.locales.zhCN());

/** Roles of DOMAIN.md §8. `manager` is a 运维工程师 who is also the project manager. */
export const ROLES = ['admin', 'engineer', 'manager', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call a channel. `public` needs no login (login itself, app info);
 * otherwise the list of roles allowed.
 */
export type Access = 'public' | readonly Role[];

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Mutating channels run in one transaction with one audit row. */
  mutates: boolean;
  access: Access;
  /** Long work: reports progress events and may be cancelled by `jobs/cancel`. */
  job?: boolean;
  summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

/** Role sets used by most channels. */
export const R = {
  records: ['engineer', 'manager'] as const,
  recordsRead: ['engineer', 'manager', 'admin'] as const,
  manager: ['manager'] as const,
  admin: ['admin'] as const,
  auditor: ['auditor'] as const,
  anyone: ['admin', 'engineer', 'manager', 'auditor'] as const,
} satisfies Record<string, readonly Role[]>;

// Reusable field schemas
export const zId = z.string().min(1).max(64);
export const zDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
export const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });
export const zInstant = z.iso.datetime({ offset: true });
export const zText = (max = 2000) => z.string().max(max);
export const zName = z.string().trim().min(1).max(200);
export const zEmpty = z.object({}).strict();
export const zJobId = z.string().min(1).max(64).optional();
