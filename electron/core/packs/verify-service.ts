/**
 * The app's pack check: a pack of this workstation (by id), or a zip received from others
 * (sent first in chunks with uploads/*, checked in its temp file, then deleted) — the same verifyPack as `owb verify`.
 */
import { promises as fsp } from 'node:fs';
import type { VerifyReport } from '../../../shared/contract/packs';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CallContext } from '../context';
import { verifyPack, type TrustedKeys, type VerifyResult } from './crypto';
import { workstationIdentity } from './identity';
import { packRow } from './store';
import { completedUpload, discardUpload } from '../uploads/service';

export function toReport(r: VerifyResult, own: { ed25519: string; sm2: string }): VerifyReport {
  const m = r.manifest;
  return {
    ok: r.ok,
    source: r.source,
    problems: r.problems.map((p) => ({ kind: p.kind, ...(p.path !== undefined ? { path: p.path } : {}), message: p.message })),
    manifest: m ? { kind: m.kind, period: m.period, project: m.project, createdAt: m.createdAt, files: m.totals.files, bytes: m.totals.bytes } : null,
    signer: {
      fingerprints: r.signer.fingerprints,
      certificateSubject: r.signer.certificateSubject,
      trusted: r.signer.trusted,
      thisWorkstation: r.signer.fingerprints.ed25519 === own.ed25519 && r.signer.fingerprints.sm2 === own.sm2,
    },
    checked: r.checked,
    warnings: r.warnings,
  };
}

async function ownKeys(ctx: CallContext): Promise<{ ed25519: string; sm2: string }> {
  const id = await workstationIdentity(ctx);
  return { ed25519: id.ed25519.fingerprint, sm2: id.sm2.fingerprint };
}

export async function verifyStoredPack(ctx: CallContext, id: string): Promise<VerifyReport> {
  const row = packRow(ctx, id);
  const own = await ownKeys(ctx);
  // Our own pack: hold it to this workstation's keys.
  return toReport(await verifyPack(row.path, { trustedKeys: { ed25519: [own.ed25519], sm2: [own.sm2] } }), own);
}

export async function verifyUploadedPack(ctx: CallContext, input: { uploadId: string; trusted?: TrustedKeys | undefined }): Promise<VerifyReport> {
  const upload = await completedUpload(ctx, input.uploadId);
  try {
    const head = Buffer.alloc(4);
    const fh = await fsp.open(upload.file, 'r');
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
    if (upload.size < 22 || head.readUInt32LE(0) !== 0x04034b50) throw new AppError('VALIDATION', t('pack.uploadNotZip'));
    const trusted: TrustedKeys = {};
    if (input.trusted?.ed25519?.length) trusted.ed25519 = input.trusted.ed25519;
    if (input.trusted?.sm2?.length) trusted.sm2 = input.trusted.sm2;
    return toReport(await verifyPack(upload.file, { trustedKeys: trusted }), await ownKeys(ctx));
  } finally {
    // A received pack is checked once; its temp copy never lingers.
    await discardUpload(ctx, upload.id);
  }
}
