/** The on-disk format of a signed pack: file names, manifest and signature shapes. */
import { z } from 'zod';
import type { ManifestEntry } from './types';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const ED25519_RAW_SIG_FILE = 'manifest.json.ed25519.sig';
export const SM2_RAW_SIG_FILE = 'manifest.json.sm2.sig';
export const SUMS_FILE = 'SHA256SUMS';
export const SIGNER_ED25519_FILE = 'signer/ed25519.pub.pem';
export const SIGNER_SM2_HEX_FILE = 'signer/sm2.pub.hex';
export const SIGNER_SM2_PEM_FILE = 'signer/sm2.pub.pem';
export const SIGNER_CERT_FILE = 'signer/cert.pem';
export const VERIFY_HTML_FILE = 'verify.html';
export const README_FILE = '校验说明.txt';

/** Files that describe or check the pack and so are not listed in its manifest. */
export const PACK_META_FILES: ReadonlySet<string> = new Set([
  MANIFEST_FILE,
  SIGNATURE_FILE,
  ED25519_RAW_SIG_FILE,
  SM2_RAW_SIG_FILE,
  SUMS_FILE,
  SIGNER_ED25519_FILE,
  SIGNER_SM2_HEX_FILE,
  SIGNER_SM2_PEM_FILE,
  SIGNER_CERT_FILE,
  VERIFY_HTML_FILE,
  README_FILE,
]);

export const MANIFEST_FORMAT = 'owb-pack-manifest/1';
export const SIGNATURE_FORMAT = 'owb-pack-signature/1';
/** SM2 default distinguishing identifier (GM/T 0009), the one `openssl -pkeyopt distid:` uses. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

export const manifestEntrySchema = z.object({
  path: z.string().min(1).max(1024),
  size: z.number().int().nonnegative(),
  sha256: hex64,
  sm3: hex64,
});

export const packMetaSchema = z.object({
  kind: z.enum(['monthly', 'annual']),
  period: z.string().trim().min(1).max(64),
  project: z.string().trim().min(1).max(200),
  createdAt: isoInstant,
  softwareVersion: z.string().trim().min(1).max(64),
});

export const manifestSchema = packMetaSchema.extend({
  format: z.literal(MANIFEST_FORMAT),
  hashAlgorithms: z.tuple([z.literal('sha256'), z.literal('sm3')]),
  totals: z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  entries: z.array(manifestEntrySchema),
});

export const signatureFileSchema = z.object({
  format: z.literal(SIGNATURE_FORMAT),
  manifest: z.object({ sha256: hex64, sm3: hex64 }),
  /** Ed25519 over the exact bytes of manifest.json, base64. */
  ed25519: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
  /** SM2 over the exact bytes of manifest.json (SM3 with Z, user id below), DER, hex. */
  sm2: z.string().regex(/^[0-9a-f]+$/),
  sm2Params: z.object({ digest: z.literal('sm3'), userId: z.string(), encoding: z.literal('der') }),
  fingerprints: z.object({ ed25519: hex64, sm2: hex64, certificate: hex64 }),
  certificate: z.object({ subject: z.string(), issuer: z.string(), notAfter: z.string(), selfIssued: z.boolean() }),
});
export type ManifestSignatureFile = z.infer<typeof signatureFileSchema>;

/**
 * Why a path may not be read or written as a pack member, or null if it is safe:
 * relative, posix separators, no `.`/`..`/empty segments, no control characters.
 */
export function unsafePathReason(p: string): string | null {
  if (p.length === 0) return '空文件名';
  if (p.includes('\\')) return '包含反斜杠';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return '包含控制字符';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return '绝对路径';
  const segs = p.split('/');
  if (segs.some((s) => s === '..')) return '路径穿越（..）';
  if (segs.some((s) => s === '' || s === '.')) return '路径中有空段或“.”';
  return null;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Stricter check when building: the pack must also copy and open on Windows. */
export function unportablePathReason(p: string): string | null {
  const unsafe = unsafePathReason(p);
  if (unsafe) return unsafe;
  for (const seg of p.split('/')) {
    if (/[<>:"|?*]/.test(seg)) return '包含 Windows 不允许的字符 < > : " | ? *';
    if (/[. ]$/.test(seg)) return '以点或空格结尾';
    if (WINDOWS_RESERVED.test(seg)) return 'Windows 保留名称';
  }
  if (Buffer.byteLength(p, 'utf8') > 1024) return '路径过长';
  return null;
}

const OS_FILES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'ehthumbs.db']);
const OS_DIRS = new Set(['__macosx', 'system volume information', '$recycle.bin', '.spotlight-v100', '.trashes', '.fseventsd']);

/** Files an OS drops into folders it shows (Finder, Explorer): not part of any pack. */
export function isOsMetadataPath(p: string): boolean {
  const segs = p.split('/');
  const base = (segs[segs.length - 1] ?? '').toLowerCase();
  if (OS_FILES.has(base) || base.startsWith('._')) return true;
  return segs.slice(0, -1).some((s) => OS_DIRS.has(s.toLowerCase()));
}

/**
 * The text of SHA256SUMS in GNU `sha256sum` format: `<hex>  <path>\n` (two spaces = text
 * mode, identical to binary on Linux). Paths are already checked to have no backslash or
 * newline, so no escaping is ever needed.
 */
export function sha256SumsText(entries: readonly ManifestEntry[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

/** The exact bytes written to manifest.json (and signed). */
export function serializeManifest(manifest: object): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}
