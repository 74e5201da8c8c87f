// Runtime validation of check definitions (they arrive as JSON from the database or the UI).
import { z } from 'zod';
import { isValidServiceName } from './ssh-script';
import type { CheckDef } from './types';

const host = z.string().min(1).max(253).regex(/^[A-Za-z0-9_.:%[\]-]+$/).refine((h) => !h.startsWith('-'));
const port = z.number().int().min(1).max(65535);
const base = {
  id: z.string().max(200).optional(),
  timeoutMs: z.number().int().min(50).max(600_000).optional(),
  connectTimeoutMs: z.number().int().min(50).max(600_000).optional(),
};

function isJsRegex(src: string): boolean {
  try {
    new RegExp(src, 'm');
    return true;
  } catch {
    return false;
  }
}

const customParser = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), warnAbove: z.number().optional(), severeAbove: z.number().optional() }),
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1).max(1000).refine(isJsRegex), severeIfMatch: z.boolean() }),
  z.object({ kind: z.literal('exitCode') }),
]);

const sshItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disk') }),
  z.object({ kind: z.literal('memory') }),
  z.object({ kind: z.literal('load') }),
  z.object({ kind: z.literal('uptime') }),
  z.object({ kind: z.literal('service'), name: z.string().refine(isValidServiceName) }),
  z.object({
    kind: z.literal('log'),
    path: z.string().min(1).max(1024).refine((p) => p.startsWith('/') && !p.includes('\0')),
    pattern: z.string().min(1).max(1000).refine((p) => !p.includes('\0')),
    fromOffset: z.number().int().min(0),
    ignoreCase: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('custom'),
    command: z.string().min(1).max(8000).refine((c) => !c.includes('\0')),
    parser: customParser,
    label: z.string().max(100).optional(),
  }),
]);

const sshAuth = z.union([
  z.object({ password: z.string().min(1) }),
  z.object({ privateKey: z.string().min(1), passphrase: z.string().optional() }),
]);

export const checkDefSchema: z.ZodType<CheckDef> = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('ping'), host, count: z.number().int().min(1).max(10).optional() }),
  z.object({ ...base, kind: z.literal('tcp'), host, port }),
  z.object({
    ...base,
    kind: z.literal('http'),
    url: z.string().max(2048).refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u)),
    expectStatus: z.number().int().min(100).max(599).optional(),
    keyword: z.string().max(500).optional(),
    ca: z.string().max(100_000).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('ssh'),
    host,
    port,
    username: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.@-]+$/),
    auth: sshAuth,
    items: z.array(sshItem).min(1).max(50),
  }),
]);

export type CheckValidation = { ok: true; check: CheckDef } | { ok: false; fields: string[] };

/** Validates a check; on failure lists the offending field paths (never their values). */
export function validateCheck(input: unknown): CheckValidation {
  const r = checkDefSchema.safeParse(input);
  if (r.success) return { ok: true, check: r.data };
  return { ok: false, fields: [...new Set(r.error.issues.map((i) => i.path.map(String).join('.') || '(根)'))] };
}
