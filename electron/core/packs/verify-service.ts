/**
 * The app's pack check: a pack of this workstation (by id), or a zip received from others
 * (bytes from the renderer, written to a temp file in the data dir while checking, then
 * deleted) — the same verifyPack as `owb verify`.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { VerifyReport } from '../../../shared/contract/packs';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CallContext } from '../context';
import { verifyPack, type TrustedKeys, type VerifyResult } from './crypto';
import { workstationIdentity } from './identity';
import { packRow } from './store';

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

export async function verifyUploadedPack(ctx: CallContext, input: { fileName: string; dataBase64: string; trusted?: TrustedKeys | undefined }): Promise<VerifyReport> {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw new AppError('VALIDATION', t('pack.uploadNotZip'));
  const dir = path.join(ctx.dataDir, 'tmp');
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `verify-${randomBytes(8).toString('hex')}.zip`);
  await fsp.writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
  try {
    const trusted: TrustedKeys = {};
    if (input.trusted?.ed25519?.length) trusted.ed25519 = input.trusted.ed25519;
    if (input.trusted?.sm2?.length) trusted.sm2 = input.trusted.sm2;
    return toReport(await verifyPack(file, { trustedKeys: trusted }), await ownKeys(ctx));
  } finally {
    await fsp.rm(file, { force: true });
  }
}
