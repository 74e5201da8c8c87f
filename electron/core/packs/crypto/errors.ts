import { AppError } from '../../../../shared/errors';

/** Why a pack could not be read at all (as opposed to a readable pack that has problems). */
export type PackReadReason =
  | 'not_found' // the path does not exist
  | 'not_a_pack' // neither a folder nor a zip file
  | 'zip_invalid' // not a zip, truncated or corrupt central directory
  | 'zip_limits' // refused: too many entries, too large once inflated, overlapping entries
  | 'io'; // any other read error

/**
 * The input cannot be read: the CLI maps this to exit code 2 (a pack with problems is
 * `ok: false` in the result and exits 1).
 */
export class PackReadError extends AppError {
  readonly reason: PackReadReason;
  constructor(reason: PackReadReason, message: string, options?: { cause?: unknown }) {
    super('IO', message);
    this.name = 'PackReadError';
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The signing identity is missing, damaged, or an imported certificate is unusable. */
export type IdentityErrorReason =
  | 'corrupt' // files on disk do not match each other or cannot be parsed
  | 'p12_password' // wrong passphrase (or damaged file)
  | 'p12_invalid' // not a PKCS#12 file
  | 'p12_no_key'
  | 'p12_no_cert'
  | 'p12_not_rsa'
  | 'p12_key_mismatch'
  | 'p12_not_valid_now'
  | 'p12_key_usage'
  | 'invalid_input';

export class IdentityError extends AppError {
  readonly reason: IdentityErrorReason;
  constructor(reason: IdentityErrorReason, message: string, options?: { cause?: unknown }) {
    super(reason === 'corrupt' ? 'IO' : 'VALIDATION', message);
    this.name = 'IdentityError';
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** A pack cannot be built or signed (unsafe file name, symlink, missing manifest...). */
export class PackBuildError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('VALIDATION', message);
    this.name = 'PackBuildError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** Message of an unknown thrown value, for logs and `cause` chains. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
