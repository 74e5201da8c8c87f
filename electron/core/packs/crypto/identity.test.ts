import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { IdentityError } from './errors';
import { identityDir, importP12, loadIdentity, loadOrCreateIdentity, parseP12, publicIdentity } from './identity';
import { makeCaP12, run, tempDir } from './testkit';

const dirs: string[] = [];
const fresh = (): string => {
  const d = tempDir('owb-identity-');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const NAMES = { commonName: '徐州信用平台运维工作站', organization: '南京莱斯信息技术股份有限公司' };
const NOW = new Date('2026-03-01T00:00:00Z');

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof IdentityError) return `${err.reason}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

describe('loadOrCreateIdentity', () => {
  it('creates Ed25519, SM2 and a 10-year self-issued RSA certificate, private files 0600', async () => {
    const dir = fresh();
    const id = await loadOrCreateIdentity(dir, { ...NAMES, now: NOW });
    const idDir = identityDir(dir);
    expect(fs.statSync(idDir).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(idDir)) expect(fs.statSync(path.join(idDir, f)).mode & 0o777, f).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['signing-identity']); // no temp leftovers

    expect(id.certificate.subject).toBe(`CN=${NAMES.commonName}, O=${NAMES.organization}`);
    expect(id.certificate.selfIssued).toBe(true);
    const years = (Date.parse(id.certificate.notAfter) - Date.parse(id.certificate.notBefore)) / (365.25 * 86400_000);
    expect(years).toBeCloseTo(10, 1);
    expect(Date.parse(id.certificate.notBefore)).toBeLessThan(NOW.getTime());

    const pub = publicIdentity(id);
    expect(pub.ed25519PublicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pub.sm2PublicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
    expect(pub.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);

    // Independent tools read what we wrote.
    const certFile = path.join(dir, 'cert.pem');
    fs.writeFileSync(certFile, pub.certificatePem);
    const x = run('openssl', ['x509', '-in', certFile, '-noout', '-subject', '-nameopt', 'utf8', '-ext', 'keyUsage,basicConstraints']);
    expect(x.code).toBe(0);
    expect(x.stdout).toContain(NAMES.commonName);
    expect(x.stdout).toContain('Digital Signature, Non Repudiation');
    const p12File = path.join(idDir, 'signing.p12');
    const p = run('openssl', ['pkcs12', '-in', p12File, '-passin', `pass:${id.p12.passphrase}`, '-nokeys', '-noout']);
    expect(p.code, p.stderr).toBe(0);
    const smPem = path.join(dir, 'sm2.pem');
    fs.writeFileSync(smPem, pub.sm2PublicKeyPem);
    expect(run('openssl', ['pkey', '-pubin', '-in', smPem, '-noout', '-text']).stdout).toContain('SM2');
  });

  it('loads the same identity again, and one identity wins concurrent first starts', async () => {
    const dir = fresh();
    const all = await Promise.all([1, 2, 3].map(() => loadOrCreateIdentity(dir, NAMES)));
    const fps = new Set(all.map((i) => `${i.ed25519.fingerprint}/${i.sm2.fingerprint}/${i.certificate.fingerprint}`));
    expect(fps.size).toBe(1);
    const again = await loadIdentity(dir);
    expect(again?.ed25519.fingerprint).toBe(all[0]?.ed25519.fingerprint);
    expect(fs.readdirSync(dir)).toEqual(['signing-identity']);
    expect(await loadIdentity(fresh())).toBeNull();
  });

  it('refuses a damaged identity with a clear error instead of silently making a new one', async () => {
    const dir = fresh();
    await loadOrCreateIdentity(dir, NAMES);
    fs.writeFileSync(path.join(identityDir(dir), 'sm2.key.hex'), `${'1'.repeat(64)}\n`);
    expect(await reason(loadOrCreateIdentity(dir, NAMES))).toMatch(/^corrupt: 签名身份文件已损坏/);
  });

  it('validates the names', async () => {
    expect(await reason(loadOrCreateIdentity(fresh(), { commonName: ' ', organization: 'x' }))).toMatch(/^invalid_input/);
  });
});

describe('importP12', () => {
  it('replaces the PDF certificate by a CA-issued one (openssl 3 defaults), keeps Ed25519/SM2 and the chain', async () => {
    const dir = fresh();
    const before = await loadOrCreateIdentity(dir, NAMES);
    const ca = makeCaP12(fresh(), '口令pass1');
    const after = await importP12(dir, fs.readFileSync(ca.p12), '口令pass1');
    expect(after.ed25519.fingerprint).toBe(before.ed25519.fingerprint);
    expect(after.sm2.fingerprint).toBe(before.sm2.fingerprint);
    expect(after.certificate.selfIssued).toBe(false);
    expect(after.certificate.subject).toBe('CN=徐州信用平台运维组, O=南京莱斯信息技术股份有限公司');
    expect(after.certificate.issuer).toBe('CN=测试根证书 CA, O=测试数字认证中心');
    expect(parseP12(after.p12.der, after.p12.passphrase).chain).toHaveLength(1);
    expect(fs.statSync(path.join(identityDir(dir), 'signing.p12')).mode & 0o777).toBe(0o600);
  });

  it('creates the identity when importing first', async () => {
    const dir = fresh();
    const ca = makeCaP12(fresh(), 'x');
    const id = await importP12(dir, fs.readFileSync(ca.p12), 'x');
    expect(id.certificate.selfIssued).toBe(false);
    expect((await loadIdentity(dir))?.ed25519.fingerprint).toBe(id.ed25519.fingerprint);
  });

  it('explains what is wrong with an unusable file, in Chinese, and changes nothing', async () => {
    const dir = fresh();
    const id = await loadOrCreateIdentity(dir, NAMES);
    const good = makeCaP12(fresh(), 'right');
    expect(await reason(importP12(dir, fs.readFileSync(good.p12), 'wrong'))).toBe('p12_password: 证书文件密码错误，或文件已损坏');
    expect(await reason(importP12(dir, Buffer.from('not a p12 at all'), 'x'))).toMatch(/^p12_invalid: 无法识别的证书文件/);
    const noKey = makeCaP12(fresh(), 'k', { noKeys: true });
    expect(await reason(importP12(dir, fs.readFileSync(noKey.p12), 'k'))).toMatch(/^p12_no_key: 证书文件中没有私钥/);
    const ec = makeCaP12(fresh(), 'k', { ec: true });
    expect(await reason(importP12(dir, fs.readFileSync(ec.p12), 'k'))).toMatch(/^p12_not_rsa: .*RSA/);
    expect(await reason(importP12(dir, fs.readFileSync(good.p12), 'right', { now: new Date(Date.now() + 2 * 365 * 86400_000) }))).toMatch(/^p12_not_valid_now: 证书已过期/);
    const encOnly = makeCaP12(fresh(), 'k', { keyUsage: 'keyEncipherment' });
    expect(await reason(importP12(dir, fs.readFileSync(encOnly.p12), 'k'))).toMatch(/^p12_key_usage/);

    // Key of one certificate packed with another certificate.
    const other = makeCaP12(fresh(), 'k');
    const key = forge.pki.privateKeyFromPem(fs.readFileSync(good.leafKey, 'utf8')) as forge.pki.rsa.PrivateKey;
    const cert = forge.pki.certificateFromPem(fs.readFileSync(other.leafPem, 'utf8'));
    const mixed = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], 'k', { algorithm: '3des' })).getBytes(), 'binary');
    expect(await reason(importP12(dir, mixed, 'k'))).toBe('p12_key_mismatch: 证书文件中的私钥与证书不匹配');

    expect((await loadIdentity(dir))?.certificate.fingerprint).toBe(id.certificate.fingerprint);
  });
});
