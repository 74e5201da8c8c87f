import type { z } from 'zod';
import type { AppErrorShape, ErrorCode, Issue } from '../../shared/errors';
import { ERROR_CODES } from '../../shared/errors';
import { i18next } from '../i18n';
import { TransportError } from './transport';

/** Codes the client may raise: the core's, plus TRANSPORT when the core cannot be reached. */
export type ClientErrorCode = ErrorCode | 'TRANSPORT';

/** Every failed call ends as one of these: a code, a Chinese message, and field issues. */
export class ClientError extends Error {
  readonly code: ClientErrorCode;
  readonly issues: Issue[];
  constructor(code: ClientErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'ClientError';
    this.code = code;
    this.issues = issues;
  }
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The core's `{ ok: false, error }` as a ClientError (message shown as the core wrote it). */
export function fromAppError(error: AppErrorShape): ClientError {
  const code: ClientErrorCode = isErrorCode(error.code) ? error.code : 'INTERNAL';
  const issues = Array.isArray(error.issues)
    ? error.issues.filter((i): i is Issue => typeof i?.path === 'string' && typeof i?.message === 'string')
    : [];
  return new ClientError(code, error.message, issues);
}

/** Any thrown value (transport failure, bug) as a ClientError with a Chinese message. */
export function toClientError(e: unknown): ClientError {
  if (e instanceof ClientError) return e;
  if (e instanceof TransportError) {
    if (e.reason === 'bad-response') return new ClientError('TRANSPORT', i18next.t('errors.badResponse', { status: e.status ?? 0 }));
    return new ClientError('TRANSPORT', i18next.t('errors.transport', { detail: e.message }));
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new ClientError('INTERNAL', i18next.t('errors.unknown', { detail }));
}

function num(v: number | bigint): number {
  return typeof v === 'bigint' ? Number(v) : v;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A user-facing Chinese message for one zod issue. `value` is the field's value when known
 * (to tell "missing" from "wrong"). Falls back to zod's own message (zh-CN locale is set in
 * shared/contract/define.ts), which also carries messages written in the contract.
 */
export function issueMessage(issue: z.core.$ZodIssue, value?: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (isBlank(value)) return i18next.t('validation.requiredShort');
      if (issue.expected === 'int') return i18next.t('validation.integer');
      return issue.message;
    case 'too_small':
      if (issue.origin === 'string') {
        return num(issue.minimum) <= 1 || isBlank(value)
          ? i18next.t('validation.requiredShort')
          : i18next.t('validation.tooShort', { min: num(issue.minimum) });
      }
      if (issue.origin === 'number' || issue.origin === 'int') return i18next.t('validation.tooSmall', { min: num(issue.minimum) });
      if (issue.origin === 'array' && num(issue.minimum) <= 1) return i18next.t('validation.requiredShort');
      return issue.message;
    case 'too_big':
      if (issue.origin === 'string') return i18next.t('validation.tooLong', { max: num(issue.maximum) });
      if (issue.origin === 'number' || issue.origin === 'int') return i18next.t('validation.tooBig', { max: num(issue.maximum) });
      return issue.message;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** zod issues in the core's shape (`path` joined with dots), messages made friendly. */
export function zodIssues(error: z.ZodError, input: unknown): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: issueMessage(i, valueAt(input, i.path)) }));
}

/** A VALIDATION ClientError from zod issues, worded like the core's own. */
export function validationError(issues: Issue[]): ClientError {
  const detail = issues
    .slice(0, 5)
    .map((i) => (i.path ? i18next.t('errors.issue', { path: i.path, message: i.message }) : i.message))
    .join(i18next.t('errors.issueSeparator'));
  return new ClientError('VALIDATION', i18next.t('errors.validation', { detail }), issues);
}
