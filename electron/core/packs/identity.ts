/**
 * The workstation signing identity in the data dir (`<dataDir>/signing-identity/`), created on
 * first use with the project's names, replaceable by the organisation's .p12.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { IdentityInfo } from '../../../shared/contract/packs';
import type { CallContext } from '../context';
import { identityDir, importP12, loadOrCreateIdentity, type SigningIdentity } from './crypto';

/** Parsing the PKCS#12 takes a while: keep the identity per data dir until its files change. */
const cache = new Map<string, { stamp: string; id: SigningIdentity }>();

async function stampOf(dataDir: string): Promise<string> {
  const dir = identityDir(dataDir);
  const parts = await Promise.all(
    ['identity.json', 'signing.p12'].map((f) =>
      fsp.stat(path.join(dir, f)).then(
        (s) => `${s.size}:${s.mtimeMs}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
}

function names(ctx: CallContext): { commonName: string; organization: string } {
  const p = ctx.project();
  const cn = `${p.platformName}运维工作站`;
  return { commonName: cn.length <= 64 ? cn : cn.slice(0, 64), organization: (p.partyB || p.name).slice(0, 64) };
}

export async function workstationIdentity(ctx: CallContext): Promise<SigningIdentity> {
  const stamp = await stampOf(ctx.dataDir);
  const hit = cache.get(ctx.dataDir);
  if (hit && hit.stamp === stamp) return hit.id;
  const id = await loadOrCreateIdentity(ctx.dataDir, { ...names(ctx), now: ctx.now() });
  cache.set(ctx.dataDir, { stamp: await stampOf(ctx.dataDir), id });
  return id;
}

export function identityInfo(id: SigningIdentity): IdentityInfo {
  const c = id.certificate;
  return {
    fingerprints: { ed25519: id.ed25519.fingerprint, sm2: id.sm2.fingerprint, certificate: c.fingerprint },
    certificate: { subject: c.subject, issuer: c.issuer, notBefore: c.notBefore, notAfter: c.notAfter, selfIssued: c.selfIssued },
  };
}

export async function importOrganisationP12(ctx: CallContext, p12: Buffer, passphrase: string): Promise<IdentityInfo> {
  // Make sure the Ed25519/SM2 keys exist with this project's names before the certificate changes.
  await workstationIdentity(ctx);
  const id = await importP12(ctx.dataDir, p12, passphrase, { now: ctx.now() });
  cache.delete(ctx.dataDir);
  const info = identityInfo(id);
  ctx.track('signing_identity', 'workstation', null, { certificate: info.fingerprints.certificate, subject: info.certificate.subject, issuer: info.certificate.issuer });
  return info;
}
