/** One call for the pack assembler: manifest → SHA256SUMS → signatures → verify.html → zip. */
import type { ManifestSignatureFile } from './format';
import type { SigningIdentity } from './identity';
import { sha256Hex } from './keys';
import { buildManifest, signManifest, writeManifest, writeSha256Sums } from './manifest';
import type { PackManifest, PackMeta } from './types';
import { writeVerifyHtml } from './verify-html';
import { zipFolder, type ZipResult } from './zip';

export interface SealedPack {
  manifest: PackManifest;
  /** SHA-256 of manifest.json: what the `packs` table stores. */
  manifestSha256: string;
  signature: ManifestSignatureFile;
  zip: ZipResult | null;
}

/**
 * Seals a pack folder whose contents are complete: writes manifest.json, SHA256SUMS,
 * manifest.sig (+ raw .sig files), signer/*, 校验说明.txt and verify.html; then, if asked,
 * the deterministic zip beside it.
 */
export async function sealPack(folder: string, meta: PackMeta, identity: SigningIdentity, opts: { zipTo?: string } = {}): Promise<SealedPack> {
  const manifest = await buildManifest(folder, meta);
  const bytes = await writeManifest(folder, manifest);
  await writeSha256Sums(folder, manifest.entries);
  const signature = await signManifest(folder, identity);
  await writeVerifyHtml(folder);
  const zip = opts.zipTo ? await zipFolder(folder, opts.zipTo, { mtime: new Date(manifest.createdAt) }) : null;
  return { manifest, manifestSha256: sha256Hex(bytes), signature, zip };
}
