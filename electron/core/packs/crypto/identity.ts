/**
 * The workstation signing identity: Ed25519 + SM2 keys for the manifest, and an RSA key
 * with an X.509 certificate (self-issued, or imported from the organisation's CA) packed
 * as PKCS#12 for PDF signatures (@signpdf is RSA only).
 *
 * Layout, under the directory the caller gives (the app data dir):
 *   signing-identity/identity.json   format, names, p12 passphrase, public key checks (0600)
 *   signing-identity/ed25519.key.pem PKCS#8 private key (0600)
 *   signing-identity/sm2.key.hex     SM2 private key, 64 hex digits (0600)
 *   signing-identity/signing.p12     RSA key + certificate (+ CA chain) (0600)
 * The folder is created complete under a temp name and renamed into place, so a crash or
 * a concurrent first start never leaves half an identity.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { sm2 } from 'sm-crypto-v2';
import { IdentityError, errorText } from './errors';
import { fsyncDir, writeFileAtomic } from './fsutil';
import { certFingerprintFromPem, isSm2PublicHex, sm2Fingerprint, sm2PublicPem, spkiFingerprint } from './keys';
import { msg } from './messages';

export const IDENTITY_SUBDIR = 'signing-identity';
const META_FILE = 'identity.json';
const ED25519_FILE = 'ed25519.key.pem';
const SM2_FILE = 'sm2.key.hex';
const P12_FILE = 'signing.p12';
const IDENTITY_FORMAT = 'owb-signing-identity/1';
const PRIVATE_MODE = 0o600;
const CERT_YEARS = 10;

export interface IdentityOptions {
  /** Certificate CN: workstation or project name. */
  commonName: string;
  organization: string;
  /** Clock for the certificate validity (tests). */
  now?: Date;
}

export interface CertificateInfo {
  pem: string;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  selfIssued: boolean;
}

export interface SigningIdentity {
  /** The identity folder (`<dir>/signing-identity`). */
  dir: string;
  ed25519: { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string; fingerprint: string };
  sm2: { privateKeyHex: string; publicKeyHex: string; publicKeyPem: string; fingerprint: string };
  /** PKCS#12 (RSA key + certificate + chain) and its passphrase, for @signpdf/signer-p12. */
  p12: { der: Buffer; passphrase: string };
  certificate: CertificateInfo;
}

/** What may leave the workstation: public keys, certificate and fingerprints. */
export interface PublicIdentity {
  ed25519PublicKeyPem: string;
  sm2PublicKeyHex: string;
  sm2PublicKeyPem: string;
  certificatePem: string;
  fingerprints: { ed25519: string; sm2: string; certificate: string };
}

interface IdentityMetaFile {
  format: typeof IDENTITY_FORMAT;
  createdAt: string;
  commonName: string;
  organization: string;
  p12Passphrase: string;
  ed25519Fingerprint: string;
  sm2PublicKey: string;
}

export function identityDir(dir: string): string {
  return path.join(dir, IDENTITY_SUBDIR);
}

export function publicIdentity(id: SigningIdentity): PublicIdentity {
  return {
    ed25519PublicKeyPem: id.ed25519.publicKeyPem,
    sm2PublicKeyHex: id.sm2.publicKeyHex,
    sm2PublicKeyPem: id.sm2.publicKeyPem,
    certificatePem: id.certificate.pem,
    fingerprints: { ed25519: id.ed25519.fingerprint, sm2: id.sm2.fingerprint, certificate: id.certificate.fingerprint },
  };
}

/** Loads the identity in `dir`, creating it on first use. */
export async function loadOrCreateIdentity(dir: string, opts: IdentityOptions): Promise<SigningIdentity> {
  const commonName = opts.commonName.trim();
  const organization = opts.organization.trim();
  if (!commonName || commonName.length > 64) throw new IdentityError('invalid_input', msg.identityBadInput('证书名称（CN）须为 1–64 个字符'));
  if (!organization || organization.length > 64) throw new IdentityError('invalid_input', msg.identityBadInput('单位名称须为 1–64 个字符'));
  const existing = await loadIdentity(dir);
  if (existing) return existing;

  const now = opts.now ?? new Date();
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${IDENTITY_SUBDIR}.tmp-${randomBytes(6).toString('hex')}`);
  await fsp.mkdir(tmp, { mode: 0o700 });
  try {
    const ed = generateKeyPairSync('ed25519');
    const sm2Keys = sm2.generateKeyPairHex();
    const passphrase = randomBytes(24).toString('base64url');
    const rsaPem = await generateRsaPem();
    const key = forge.pki.privateKeyFromPem(rsaPem) as forge.pki.rsa.PrivateKey;
    const cert = selfIssuedCertificate(key, commonName, organization, now);
    const meta: IdentityMetaFile = {
      format: IDENTITY_FORMAT,
      createdAt: now.toISOString(),
      commonName,
      organization,
      p12Passphrase: passphrase,
      ed25519Fingerprint: spkiFingerprint(ed.publicKey),
      sm2PublicKey: sm2Keys.publicKey,
    };
    await writeFileAtomic(path.join(tmp, ED25519_FILE), ed.privateKey.export({ type: 'pkcs8', format: 'pem' }), PRIVATE_MODE);
    await writeFileAtomic(path.join(tmp, SM2_FILE), `${sm2Keys.privateKey}\n`, PRIVATE_MODE);
    await writeFileAtomic(path.join(tmp, P12_FILE), packP12(key, [cert], passphrase), PRIVATE_MODE);
    await writeFileAtomic(path.join(tmp, META_FILE), `${JSON.stringify(meta, null, 2)}\n`, PRIVATE_MODE);
    await fsp.rename(tmp, identityDir(dir));
    await fsyncDir(dir);
  } catch (err) {
    await fsp.rm(tmp, { recursive: true, force: true });
    // Lost a race against another first start: use the identity that won.
    const winner = await loadIdentity(dir).catch(() => null);
    if (winner) return winner;
    throw err;
  }
  const created = await loadIdentity(dir);
  if (!created) throw new IdentityError('corrupt', msg.identityCorrupt('创建后无法读取'));
  return created;
}

/** Loads the identity in `dir`; null when there is none yet. Throws IdentityError if damaged. */
export async function loadIdentity(dir: string): Promise<SigningIdentity | null> {
  const idDir = identityDir(dir);
  let metaText: string;
  try {
    metaText = await fsp.readFile(path.join(idDir, META_FILE), 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) {
      const dirExists = await fsp.stat(idDir).then(() => true, () => false);
      if (!dirExists) return null;
      throw new IdentityError('corrupt', msg.identityCorrupt(`缺少 ${META_FILE}`), { cause: err });
    }
    throw err;
  }
  try {
    const meta = parseMeta(metaText);
    const edPem = await fsp.readFile(path.join(idDir, ED25519_FILE), 'utf8');
    const edPrivate = createPrivateKey({ key: edPem, format: 'pem' });
    if (edPrivate.asymmetricKeyType !== 'ed25519') throw new Error('ed25519.key.pem is not Ed25519');
    const edPublic = createPublicKey(edPrivate);
    const edFp = spkiFingerprint(edPublic);
    if (edFp !== meta.ed25519Fingerprint) throw new Error('Ed25519 key does not match identity.json');
    const sm2Private = (await fsp.readFile(path.join(idDir, SM2_FILE), 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(sm2Private)) throw new Error('sm2.key.hex is not 64 hex digits');
    const sm2Public = sm2.getPublicKeyFromPrivateKey(sm2Private);
    if (sm2Public !== meta.sm2PublicKey) throw new Error('SM2 key does not match identity.json');
    const p12 = await fsp.readFile(path.join(idDir, P12_FILE));
    const parsed = parseP12(p12, meta.p12Passphrase);
    return {
      dir: idDir,
      ed25519: {
        privateKey: edPrivate,
        publicKey: edPublic,
        publicKeyPem: edPublic.export({ type: 'spki', format: 'pem' }).toString(),
        fingerprint: edFp,
      },
      sm2: { privateKeyHex: sm2Private, publicKeyHex: sm2Public, publicKeyPem: sm2PublicPem(sm2Public), fingerprint: sm2Fingerprint(sm2Public) },
      p12: { der: p12, passphrase: meta.p12Passphrase },
      certificate: certificateInfo(parsed.cert),
    };
  } catch (err) {
    if (err instanceof IdentityError && err.reason === 'corrupt') throw err;
    throw new IdentityError('corrupt', msg.identityCorrupt(errorText(err)), { cause: err });
  }
}

/**
 * Replaces the PDF signing key + certificate by one from the organisation's CA (.p12/.pfx).
 * Checks it holds an RSA private key and the certificate that matches it, valid now and
 * usable for signatures; the CA chain in the file is kept. Ed25519/SM2 keys are unchanged
 * (created if the identity does not exist yet).
 */
export async function importP12(dir: string, p12: Buffer, passphrase: string, opts: { now?: Date } = {}): Promise<SigningIdentity> {
  const parsed = parseP12(p12, passphrase);
  const now = opts.now ?? new Date();
  const { cert } = parsed;
  if (now < cert.validity.notBefore) throw new IdentityError('p12_not_valid_now', msg.p12NotYetValid(cert.validity.notBefore.toISOString()));
  if (now > cert.validity.notAfter) throw new IdentityError('p12_not_valid_now', msg.p12Expired(cert.validity.notAfter.toISOString()));
  const ku = cert.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | null;
  if (ku && !ku.digitalSignature && !ku.nonRepudiation) throw new IdentityError('p12_key_usage', msg.p12KeyUsage);

  const info = certificateInfo(cert);
  const cn = attrValue(cert.subject.getField('CN')) || info.subject.slice(0, 64) || 'imported';
  const org = attrValue(cert.subject.getField('O')) || cn;
  const base = await loadOrCreateIdentity(dir, { commonName: cn.slice(0, 64), organization: org.slice(0, 64), now });
  const der = packP12(parsed.key, [cert, ...parsed.chain], base.p12.passphrase);
  await writeFileAtomic(path.join(base.dir, P12_FILE), der, PRIVATE_MODE);
  const loaded = await loadIdentity(dir);
  if (!loaded) throw new IdentityError('corrupt', msg.identityCorrupt('导入后无法读取'));
  return loaded;
}

// ---------------------------------------------------------------------------------------

async function generateRsaPem(): Promise<string> {
  const gen = promisify(generateKeyPair);
  const { privateKey } = await gen('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return privateKey;
}

/** Certificate attribute encoded as UTF8String (forge defaults to PrintableString). */
function utf8Attr(shortName: string, value: string): forge.pki.CertificateField {
  const utf8: number = forge.asn1.Type.UTF8;
  return { shortName, value, valueTagClass: utf8 }; // forge UTF-8-encodes UTF8String values itself
}

function selfIssuedCertificate(key: forge.pki.rsa.PrivateKey, commonName: string, organization: string, now: Date): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01; // positive, non-zero, 16 bytes
  cert.serialNumber = serial.toString('hex');
  const notBefore = new Date(now.getTime() - 24 * 3600 * 1000); // tolerate clock skew
  const notAfter = new Date(notBefore.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERT_YEARS);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const attrs = [utf8Attr('CN', commonName), utf8Attr('O', organization)];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return cert;
}

function packP12(key: forge.pki.rsa.PrivateKey, certs: forge.pki.Certificate[], passphrase: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, {
    algorithm: 'aes256',
    friendlyName: 'owb-pdf-signing',
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

const OID_KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';

interface ParsedP12 {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
}

/** Parses and checks a PKCS#12: one RSA private key and the certificate that matches it. */
export function parseP12(der: Buffer, passphrase: string): ParsedP12 {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(der.toString('binary'));
  } catch (err) {
    throw new IdentityError('p12_invalid', msg.p12Invalid, { cause: err });
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = pkcs12FromAsn1Utf8(asn1, passphrase);
  } catch (err) {
    const text = errorText(err);
    if (/password|MAC could not be verified|decrypt/i.test(text)) throw new IdentityError('p12_password', msg.p12Password, { cause: err });
    if (/RSA/i.test(text)) throw new IdentityError('p12_not_rsa', msg.p12NotRsa, { cause: err });
    throw new IdentityError('p12_invalid', msg.p12Invalid, { cause: err });
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bags(OID_SHROUDED_KEY_BAG), ...bags(OID_KEY_BAG)];
  const certBags = bags(OID_CERT_BAG);
  if (keyBags.length === 0) throw new IdentityError('p12_no_key', msg.p12NoKey);
  if (certBags.length === 0) throw new IdentityError('p12_no_cert', msg.p12NoCert);
  const keys = keyBags.map((b) => b.key).filter((k): k is forge.pki.rsa.PrivateKey => !!k && 'n' in k);
  if (keys.length === 0) throw new IdentityError('p12_not_rsa', msg.p12NotRsa);
  const certs = certBags.map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  if (certs.length === 0) throw new IdentityError('p12_not_rsa', msg.p12NotRsa);
  for (const key of keys) {
    const cert = certs.find((c) => {
      const pub = c.publicKey as forge.pki.rsa.PublicKey;
      return pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
    });
    if (cert) return { key, cert, chain: certs.filter((c) => c !== cert) };
  }
  throw new IdentityError('p12_key_mismatch', msg.p12KeyMismatch);
}

/**
 * forge derives PKCS#12 keys from the BMPString of the passphrase (right for the MAC and
 * the legacy PBE), but feeds PBES2/PBKDF2 (openssl 3 and Windows AES exports) the JS string
 * instead of its UTF-8 bytes, so a Chinese passphrase fails to decrypt. forge checks the MAC
 * before decrypting: if decryption fails after that, the passphrase was right; retry without
 * the (already verified) MAC and with the UTF-8 bytes, as openssl does.
 */
function pkcs12FromAsn1Utf8(asn1: forge.asn1.Asn1, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (err) {
    const ascii = [...passphrase].every((c) => c.charCodeAt(0) < 0x80);
    if (ascii || !/Failed to decrypt|ShroudedKeyBag/i.test(errorText(err)) || !Array.isArray(asn1.value)) throw err;
    const withoutMac = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SEQUENCE, true, asn1.value.slice(0, 2));
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(passphrase));
  }
}

function attrValue(field: unknown): string {
  if (!field || typeof field !== 'object') return '';
  const f = field as { value?: unknown; valueTagClass?: number };
  if (typeof f.value !== 'string') return '';
  if (f.valueTagClass === forge.asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(f.value);
    } catch {
      return f.value;
    }
  }
  if (f.valueTagClass === forge.asn1.Type.BMPSTRING) {
    let out = '';
    for (let i = 0; i + 1 < f.value.length; i += 2) out += String.fromCharCode((f.value.charCodeAt(i) << 8) | f.value.charCodeAt(i + 1));
    return out;
  }
  return f.value;
}

function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name ?? a.type ?? '?'}=${attrValue(a)}`).join(', ');
}

export function certificateInfo(cert: forge.pki.Certificate): CertificateInfo {
  const pem = forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
  let selfIssued = false;
  try {
    selfIssued = cert.isIssuer(cert) && cert.verify(cert);
  } catch {
    selfIssued = false;
  }
  return {
    pem,
    fingerprint: certFingerprintFromPem(pem),
    subject: dn(cert.subject.attributes),
    issuer: dn(cert.issuer.attributes),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    selfIssued,
  };
}

function parseMeta(text: string): IdentityMetaFile {
  const raw: unknown = JSON.parse(text);
  if (!raw || typeof raw !== 'object') throw new Error('identity.json is not an object');
  const m = raw as Partial<Record<keyof IdentityMetaFile, unknown>>;
  const str = (k: keyof IdentityMetaFile): string => {
    const v = m[k];
    if (typeof v !== 'string' || !v) throw new Error(`identity.json: ${k} missing`);
    return v;
  };
  if (m.format !== IDENTITY_FORMAT) throw new Error(`identity.json: unknown format ${String(m.format)}`);
  const meta: IdentityMetaFile = {
    format: IDENTITY_FORMAT,
    createdAt: str('createdAt'),
    commonName: str('commonName'),
    organization: str('organization'),
    p12Passphrase: str('p12Passphrase'),
    ed25519Fingerprint: str('ed25519Fingerprint'),
    sm2PublicKey: str('sm2PublicKey'),
  };
  if (!isSm2PublicHex(meta.sm2PublicKey)) throw new Error('identity.json: sm2PublicKey malformed');
  return meta;
}

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
