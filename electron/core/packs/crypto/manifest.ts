/**
 * Manifest of a pack folder (every file with size, SHA-256 and SM3), SHA256SUMS, and the
 * Ed25519 + SM2 signatures over the exact bytes of manifest.json.
 */
import { createPublicKey, sign as edSign, verify as edVerify } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { PackBuildError, errorText } from './errors';
import {
  ED25519_RAW_SIG_FILE,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  PACK_META_FILES,
  README_FILE,
  SIGNATURE_FILE,
  SIGNATURE_FORMAT,
  SIGNER_CERT_FILE,
  SIGNER_ED25519_FILE,
  SIGNER_SM2_HEX_FILE,
  SIGNER_SM2_PEM_FILE,
  SM2_DEFAULT_USER_ID,
  SM2_RAW_SIG_FILE,
  SUMS_FILE,
  isOsMetadataPath,
  manifestSchema,
  packMetaSchema,
  serializeManifest,
  sha256SumsText,
  unportablePathReason,
  type ManifestSignatureFile,
} from './format';
import { walkFiles, writeFileAtomic } from './fsutil';
import { digestFile } from './hashing';
import type { SigningIdentity } from './identity';
import { sha256Hex } from './keys';
import { msg } from './messages';
import { sm3Hex } from './sm3';
import type { ManifestEntry, PackManifest, PackMeta } from './types';

/** Our own temp files (fsutil.tempNameFor) never belong in a manifest. */
const TEMP_FILE = /(^|\/)\.[^/]*\.tmp-[0-9a-f]{12}$/;

/** Walks `folder` and hashes every file that belongs to the pack, in deterministic order. */
export async function buildManifest(folder: string, meta: PackMeta): Promise<PackManifest> {
  const parsedMeta = packMetaSchema.safeParse(meta);
  if (!parsedMeta.success) {
    throw new PackBuildError(msg.buildBadMeta(parsedMeta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；')));
  }
  const st = await fsp.stat(folder).catch(() => null);
  if (!st?.isDirectory()) throw new PackBuildError(msg.buildNoFolder(folder));
  const walked = await walkFiles(folder);
  const firstSpecial = walked.special[0];
  if (firstSpecial !== undefined) throw new PackBuildError(msg.buildSymlink(firstSpecial));

  const members = walked.files.filter((f) => !PACK_META_FILES.has(f.path) && !isOsMetadataPath(f.path) && !TEMP_FILE.test(f.path));
  const seen = new Map<string, string>();
  for (const f of members) {
    const why = unportablePathReason(f.path);
    if (why) throw new PackBuildError(msg.buildUnsafeName(f.path, why));
    const folded = f.path.normalize('NFC').toLowerCase();
    const prev = seen.get(folded);
    if (prev !== undefined) throw new PackBuildError(msg.buildCaseDuplicate(`${prev} / ${f.path}`));
    seen.set(folded, f.path);
  }

  const entries: ManifestEntry[] = [];
  for (const f of members) {
    const d = await digestFile(f.abs);
    entries.push({ path: f.path, size: d.size, sha256: d.sha256, sm3: d.sm3 });
  }
  const m = parsedMeta.data;
  return {
    format: MANIFEST_FORMAT,
    kind: m.kind,
    period: m.period,
    project: m.project,
    createdAt: m.createdAt,
    softwareVersion: m.softwareVersion,
    hashAlgorithms: ['sha256', 'sm3'],
    totals: { files: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) },
    entries,
  };
}

/** Writes manifest.json (atomically) and returns the exact bytes written, which get signed. */
export async function writeManifest(folder: string, manifest: PackManifest): Promise<Buffer> {
  const bytes = serializeManifest(manifest);
  await writeFileAtomic(path.join(folder, MANIFEST_FILE), bytes);
  return bytes;
}

/** Writes SHA256SUMS so that `sha256sum -c SHA256SUMS` run in the pack folder checks every file. */
export async function writeSha256Sums(folder: string, entries: readonly ManifestEntry[]): Promise<void> {
  await writeFileAtomic(path.join(folder, SUMS_FILE), sha256SumsText(entries));
}

/**
 * Signs `folder/manifest.json` as it is on disk and writes, beside it:
 * manifest.sig (JSON), manifest.json.ed25519.sig (raw 64 bytes), manifest.json.sm2.sig
 * (DER), signer/ed25519.pub.pem, signer/sm2.pub.hex, signer/sm2.pub.pem, signer/cert.pem
 * and 校验说明.txt (how to check the pack with sha256sum/openssl).
 */
export async function signManifest(folder: string, identity: SigningIdentity): Promise<ManifestSignatureFile> {
  const manifestPath = path.join(folder, MANIFEST_FILE);
  const bytes = await fsp.readFile(manifestPath).catch((err: unknown) => {
    throw new PackBuildError(msg.buildNoManifest(manifestPath), { cause: err });
  });
  let manifest: PackManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(bytes.toString('utf8'))) as PackManifest;
  } catch (err) {
    throw new PackBuildError(msg.manifestUnreadable(errorText(err)), { cause: err });
  }

  const edSig = edSign(null, bytes, identity.ed25519.privateKey);
  const sm2SigHex = sm2.doSignature(new Uint8Array(bytes), identity.sm2.privateKeyHex, {
    der: true,
    hash: true,
    publicKey: identity.sm2.publicKeyHex,
    userId: SM2_DEFAULT_USER_ID,
  });
  // Self-check before anything is written: a pack must never leave with a bad signature.
  const edOk = edVerify(null, bytes, createPublicKey(identity.ed25519.publicKeyPem), edSig);
  const smOk = sm2.doVerifySignature(new Uint8Array(bytes), sm2SigHex, identity.sm2.publicKeyHex, { der: true, hash: true, userId: SM2_DEFAULT_USER_ID });
  if (!edOk || !smOk) throw new Error('signature self-check failed');

  const sig: ManifestSignatureFile = {
    format: SIGNATURE_FORMAT,
    manifest: { sha256: sha256Hex(bytes), sm3: sm3Hex(bytes) },
    ed25519: edSig.toString('base64'),
    sm2: sm2SigHex,
    sm2Params: { digest: 'sm3', userId: SM2_DEFAULT_USER_ID, encoding: 'der' },
    fingerprints: { ed25519: identity.ed25519.fingerprint, sm2: identity.sm2.fingerprint, certificate: identity.certificate.fingerprint },
    certificate: {
      subject: identity.certificate.subject,
      issuer: identity.certificate.issuer,
      notAfter: identity.certificate.notAfter,
      selfIssued: identity.certificate.selfIssued,
    },
  };

  await fsp.mkdir(path.join(folder, 'signer'), { recursive: true });
  await writeFileAtomic(path.join(folder, SIGNER_ED25519_FILE), identity.ed25519.publicKeyPem);
  await writeFileAtomic(path.join(folder, SIGNER_SM2_HEX_FILE), `${identity.sm2.publicKeyHex}\n`);
  await writeFileAtomic(path.join(folder, SIGNER_SM2_PEM_FILE), identity.sm2.publicKeyPem);
  await writeFileAtomic(path.join(folder, SIGNER_CERT_FILE), identity.certificate.pem);
  await writeFileAtomic(path.join(folder, ED25519_RAW_SIG_FILE), edSig);
  await writeFileAtomic(path.join(folder, SM2_RAW_SIG_FILE), Buffer.from(sm2SigHex, 'hex'));
  await writeFileAtomic(path.join(folder, SIGNATURE_FILE), `${JSON.stringify(sig, null, 2)}\n`);
  await writeFileAtomic(path.join(folder, README_FILE), readmeText(manifest, sig));
  return sig;
}

/** 校验说明.txt: UTF-8 with BOM and CRLF so every Windows Notepad shows it right. */
function readmeText(m: PackManifest, sig: ManifestSignatureFile): string {
  const kind = m.kind === 'monthly' ? '月度' : '年度';
  const lines = [
    `${m.project} ${kind}验收资料（${m.period}）`,
    `生成时间（UTC）：${m.createdAt}    文件数：${m.totals.files}`,
    '',
    '本资料包由“驻场运维工作台”生成并签名。manifest.json 记录了每个文件的大小、SHA-256 和 SM3 值，',
    '并用 Ed25519 与 SM2 两种算法签名。任何文件被修改、删除或增加都可以被发现。',
    '',
    '一、最简便：用浏览器（Chrome / Edge / Firefox 新版）打开 verify.html，选择本文件夹。',
    '',
    '二、命令行（Linux / 装有 OpenSSL 3 的电脑），在本文件夹中执行：',
    '  sha256sum -c SHA256SUMS',
    `  openssl pkeyutl -verify -pubin -inkey ${SIGNER_ED25519_FILE} -rawin -in ${MANIFEST_FILE} -sigfile ${ED25519_RAW_SIG_FILE}`,
    `  openssl pkeyutl -verify -pubin -inkey ${SIGNER_SM2_PEM_FILE} -rawin -in ${MANIFEST_FILE} -sigfile ${SM2_RAW_SIG_FILE} -digest sm3 -pkeyopt distid:${SM2_DEFAULT_USER_ID}`,
    '  （Windows 可用 certutil -hashfile 文件名 SHA256 逐个核对）',
    '',
    '三、签名者公钥指纹（SHA-256，请与乙方另行提供的指纹核对，以确认资料未被他人重新签名）：',
    `  Ed25519：${sig.fingerprints.ed25519}`,
    `  SM2：    ${sig.fingerprints.sm2}`,
    `  证书：   ${sig.fingerprints.certificate}`,
    `  证书主题：${sig.certificate.subject}`,
    '',
  ];
  return `\uFEFF${lines.join('\r\n')}`;
}
