/**
 * verifyPack: checks a pack folder or zip against its signed manifest and names every
 * altered, missing or extra file, every bad signature and every bad embedded PDF signature.
 * Cannot read the input at all → throws PackReadError (CLI exit 2); a readable pack with
 * problems → `ok: false` (exit 1).
 */
import { verify as edVerify } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { errorText } from './errors';
import {
  ED25519_RAW_SIG_FILE,
  MANIFEST_FILE,
  PACK_META_FILES,
  SIGNATURE_FILE,
  SIGNER_CERT_FILE,
  SIGNER_ED25519_FILE,
  SIGNER_SM2_HEX_FILE,
  SIGNER_SM2_PEM_FILE,
  SM2_RAW_SIG_FILE,
  SUMS_FILE,
  manifestSchema,
  sha256SumsText,
  signatureFileSchema,
  unsafePathReason,
  type ManifestSignatureFile,
} from './format';
import { digestStream } from './hashing';
import { certFingerprintFromPem, ed25519PublicFromPem, fromPem, isSm2PublicHex, normalizeFingerprint, sm2Fingerprint, sm2SpkiDer, spkiFingerprint } from './keys';
import { msg, what } from './messages';
import { checkPdfSignatures, type PdfSigProblemCode } from './pdfverify';
import { DEFAULT_LIMITS, openSource, type FileOpener, type PackSource, type SourceEntry, type VerifyLimits } from './sources';
import type { PackManifest, PackProblem } from './types';

export { DEFAULT_LIMITS, type VerifyLimits } from './sources';

/** Keys the verifier trusts: fingerprints (hex, colons allowed) or the keys themselves. */
export interface TrustedKeys {
  /** SHA-256 SPKI fingerprints, or SPKI PEM. */
  ed25519?: string[];
  /** SHA-256 SPKI fingerprints, or the `04…` public key hex. */
  sm2?: string[];
}

export interface VerifyOptions {
  trustedKeys?: TrustedKeys;
  limits?: Partial<VerifyLimits>;
  /** How a folder pack's files are read (the USB read-back bypasses the page cache). */
  open?: FileOpener;
}

export interface VerifyResult {
  ok: boolean;
  source: 'folder' | 'zip';
  problems: PackProblem[];
  manifest: PackManifest | null;
  signer: {
    fingerprints: { ed25519: string | null; sm2: string | null; certificate: string | null };
    certificateSubject: string | null;
    /** null: no trusted keys given (signature only checked against the keys in the pack). */
    trusted: boolean | null;
  };
  checked: { files: number; bytes: number; pdfSignatures: number };
  /** Notes that do not fail the check (ignored OS files, PDFs too large to check). */
  warnings: string[];
}

const SMALL_FILE_MAX = 1024 * 1024;

export async function verifyPack(input: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const limits: VerifyLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const source = await openSource(input, limits, opts.open);
  try {
    return await verifySource(source, limits, opts.trustedKeys);
  } finally {
    source.close();
  }
}

async function verifySource(source: PackSource, limits: VerifyLimits, trustedKeys: TrustedKeys | undefined): Promise<VerifyResult> {
  const problems: PackProblem[] = [...source.problems];
  const result: VerifyResult = {
    ok: false,
    source: source.kind,
    problems,
    manifest: null,
    signer: { fingerprints: { ed25519: null, sm2: null, certificate: null }, certificateSubject: null, trusted: null },
    checked: { files: 0, bytes: 0, pdfSignatures: 0 },
    warnings: [...source.warnings],
  };
  const finish = (): VerifyResult => {
    result.ok = problems.length === 0;
    return result;
  };

  const manifestEntry = source.entries.get(MANIFEST_FILE);
  if (!manifestEntry) {
    problems.push({ kind: 'missing', path: MANIFEST_FILE, message: msg.manifestMissing });
    return finish();
  }
  const manifestBytes = await readSmall(manifestEntry, limits.maxManifestBytes, problems);
  if (!manifestBytes) return finish();
  let manifest: PackManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestBytes.toString('utf8'))) as PackManifest;
  } catch (err) {
    problems.push({ kind: 'unreadable', path: MANIFEST_FILE, message: msg.manifestUnreadable(errorText(err).slice(0, 300)) });
    return finish();
  }
  result.manifest = manifest;

  await checkSignatures(source, manifestBytes, trustedKeys, result);

  // Members listed in the manifest.
  const listed = new Set<string>();
  for (const e of manifest.entries) {
    if (unsafePathReason(e.path) || listed.has(e.path)) {
      problems.push({ kind: 'unreadable', path: e.path, message: msg.manifestBadEntry(e.path) });
      continue;
    }
    listed.add(e.path);
    const member = source.entries.get(e.path);
    if (!member) {
      problems.push({ kind: 'missing', path: e.path, message: msg.missing(e.path) });
      continue;
    }
    const isPdf = /\.pdf$/i.test(e.path);
    let d;
    try {
      d = await digestStream(await member.open(), { maxBytes: limits.maxEntryBytes, ...(isPdf ? { keepUpTo: limits.maxPdfCheckBytes } : {}) });
    } catch (err) {
      problems.push({ kind: 'unreadable', path: e.path, message: msg.readFailed(e.path, errorText(err)) });
      continue;
    }
    result.checked.files += 1;
    result.checked.bytes += d.size;
    if (d.size !== e.size) problems.push({ kind: 'altered', path: e.path, message: msg.alteredSize(e.path, e.size, d.size) });
    else if (d.sha256 !== e.sha256 || d.sm3 !== e.sm3) problems.push({ kind: 'altered', path: e.path, message: msg.altered(e.path) });
    if (isPdf) {
      if (!d.bytes) result.warnings.push(msg.pdfTooLarge(e.path, limits.maxPdfCheckBytes));
      else result.checked.pdfSignatures += checkPdf(e.path, d.bytes, problems);
    }
  }

  // Everything else in the pack.
  for (const p of [...source.entries.keys()].sort()) {
    if (!listed.has(p) && !PACK_META_FILES.has(p)) problems.push({ kind: 'extra', path: p, message: msg.extra(p) });
  }

  // SHA256SUMS is unsigned: it must say exactly what the signed manifest says.
  const sums = source.entries.get(SUMS_FILE);
  if (!sums) problems.push({ kind: 'missing', path: SUMS_FILE, message: msg.sumsMissing });
  else {
    const bytes = await readSmall(sums, limits.maxManifestBytes, problems);
    if (bytes && bytes.toString('utf8') !== sha256SumsText(manifest.entries)) {
      problems.push({ kind: 'altered', path: SUMS_FILE, message: msg.sumsAltered });
    }
  }
  return finish();
}

function checkPdf(path: string, bytes: Buffer, problems: PackProblem[]): number {
  const report = checkPdfSignatures(bytes);
  const text: Record<PdfSigProblemCode, (p: string) => string> = {
    parse: (p) => msg.pdfSigParse(p, ''),
    empty: msg.pdfSigEmpty,
    range: msg.pdfSigRange,
    not_whole: msg.pdfSigNotWhole,
    digest: msg.pdfSigDigest,
    invalid: msg.pdfSigInvalid,
  };
  for (const pr of report.problems) {
    const message = pr.code === 'parse' ? msg.pdfSigParse(path, pr.detail) : text[pr.code](path);
    problems.push({ kind: 'bad_pdf_signature', path, message });
  }
  return report.count;
}

async function checkSignatures(source: PackSource, manifestBytes: Buffer, trusted: TrustedKeys | undefined, result: VerifyResult): Promise<void> {
  const problems = result.problems;
  const bad = (message: string, path?: string): void => {
    problems.push(path ? { kind: 'bad_signature', path, message } : { kind: 'bad_signature', message });
  };
  const readText = async (p: string): Promise<string | null> => {
    const entry = source.entries.get(p);
    if (!entry) {
      problems.push({ kind: 'missing', path: p, message: msg.sigMissing(p) });
      return null;
    }
    const b = await readSmall(entry, SMALL_FILE_MAX, problems);
    return b ? b.toString('utf8') : null;
  };
  const readBytes = async (p: string): Promise<Buffer | null> => {
    const entry = source.entries.get(p);
    if (!entry) {
      problems.push({ kind: 'missing', path: p, message: msg.sigMissing(p) });
      return null;
    }
    return readSmall(entry, SMALL_FILE_MAX, problems);
  };

  let sig: ManifestSignatureFile | null = null;
  const sigText = await readText(SIGNATURE_FILE);
  if (sigText !== null) {
    try {
      sig = signatureFileSchema.parse(JSON.parse(sigText));
    } catch (err) {
      bad(msg.sigUnreadable(SIGNATURE_FILE, errorText(err).slice(0, 200)), SIGNATURE_FILE);
    }
  } else bad(msg.unsigned);

  // Ed25519
  const edPem = await readText(SIGNER_ED25519_FILE);
  if (edPem !== null) {
    try {
      const key = ed25519PublicFromPem(edPem);
      const fp = spkiFingerprint(key);
      result.signer.fingerprints.ed25519 = fp;
      if (sig && fp !== sig.fingerprints.ed25519) bad(msg.fingerprintMismatch(what.ed25519), SIGNER_ED25519_FILE);
      if (sig && !edVerify(null, manifestBytes, key, Buffer.from(sig.ed25519, 'base64'))) bad(msg.ed25519Bad, SIGNATURE_FILE);
      const raw = await readBytes(ED25519_RAW_SIG_FILE);
      if (raw && !edVerify(null, manifestBytes, key, raw)) bad(msg.rawSigBad(ED25519_RAW_SIG_FILE), ED25519_RAW_SIG_FILE);
      const list = trusted?.ed25519 ?? [];
      if (list.length > 0 && !list.some((t) => trustedFingerprint(t, 'ed25519') === fp)) bad(msg.untrusted(what.ed25519, fp), SIGNER_ED25519_FILE);
    } catch (err) {
      bad(msg.sigUnreadable(SIGNER_ED25519_FILE, errorText(err)), SIGNER_ED25519_FILE);
    }
  }

  // SM2 (SM3 digest with Z, default user id unless the signature file says otherwise)
  const smHex = (await readText(SIGNER_SM2_HEX_FILE))?.trim().toLowerCase() ?? null;
  if (smHex !== null) {
    if (!isSm2PublicHex(smHex)) bad(msg.sigUnreadable(SIGNER_SM2_HEX_FILE, '不是 04 开头的 130 位十六进制公钥'), SIGNER_SM2_HEX_FILE);
    else {
      const fp = sm2Fingerprint(smHex);
      result.signer.fingerprints.sm2 = fp;
      if (sig && fp !== sig.fingerprints.sm2) bad(msg.fingerprintMismatch(what.sm2), SIGNER_SM2_HEX_FILE);
      const data = new Uint8Array(manifestBytes);
      const sm2Ok = (sigHex: string): boolean => {
        try {
          return sm2.doVerifySignature(data, sigHex, smHex, { der: true, hash: true, userId: sig?.sm2Params.userId ?? '1234567812345678' });
        } catch {
          return false;
        }
      };
      if (sig && !sm2Ok(sig.sm2)) bad(msg.sm2Bad, SIGNATURE_FILE);
      const raw = await readBytes(SM2_RAW_SIG_FILE);
      if (raw && !sm2Ok(raw.toString('hex'))) bad(msg.rawSigBad(SM2_RAW_SIG_FILE), SM2_RAW_SIG_FILE);
      const pem = await readText(SIGNER_SM2_PEM_FILE);
      if (pem !== null && !fromPem(pem, 'PUBLIC KEY')?.equals(sm2SpkiDer(smHex))) bad(msg.fingerprintMismatch(what.sm2), SIGNER_SM2_PEM_FILE);
      const list = trusted?.sm2 ?? [];
      if (list.length > 0 && !list.some((t) => trustedFingerprint(t, 'sm2') === fp)) bad(msg.untrusted(what.sm2, fp), SIGNER_SM2_HEX_FILE);
    }
  }

  // Certificate used for the PDF signatures: must be the one the signature file names.
  const certPem = await readText(SIGNER_CERT_FILE);
  if (certPem !== null) {
    try {
      const fp = certFingerprintFromPem(certPem);
      result.signer.fingerprints.certificate = fp;
      result.signer.certificateSubject = sig?.certificate.subject ?? null;
      if (sig && fp !== sig.fingerprints.certificate) bad(msg.fingerprintMismatch(what.certificate), SIGNER_CERT_FILE);
    } catch (err) {
      bad(msg.sigUnreadable(SIGNER_CERT_FILE, errorText(err)), SIGNER_CERT_FILE);
    }
  }

  if (trusted && ((trusted.ed25519?.length ?? 0) > 0 || (trusted.sm2?.length ?? 0) > 0)) {
    result.signer.trusted = !problems.some((p) => p.kind === 'bad_signature');
  }
}

/** Fingerprint of a trusted-key entry: a fingerprint as is, or the key it was given as. */
function trustedFingerprint(entry: string, kind: 'ed25519' | 'sm2'): string {
  const s = entry.trim();
  try {
    if (kind === 'ed25519' && s.includes('BEGIN PUBLIC KEY')) return spkiFingerprint(ed25519PublicFromPem(s));
    if (kind === 'sm2' && isSm2PublicHex(s.toLowerCase())) return sm2Fingerprint(s.toLowerCase());
  } catch {
    return '';
  }
  return normalizeFingerprint(s);
}

async function readSmall(entry: SourceEntry, max: number, problems: PackProblem[]): Promise<Buffer | null> {
  try {
    const d = await digestStream(await entry.open(), { keepUpTo: max, maxBytes: max });
    return d.bytes;
  } catch (err) {
    problems.push({ kind: 'unreadable', path: entry.path, message: msg.readFailed(entry.path, errorText(err)) });
    return null;
  }
}
