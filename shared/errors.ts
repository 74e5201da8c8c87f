/** Error codes every face understands. Messages live in i18n/ (zh-CN first). */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'DB_DAMAGED',
  'CANCELLED',
  'IO',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Issue {
  path: string;
  message: string;
}

export interface AppErrorShape {
  code: ErrorCode;
  /** Already localized (zh-CN) message for the user. */
  message: string;
  issues?: Issue[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: Issue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
  toJSON(): AppErrorShape {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
