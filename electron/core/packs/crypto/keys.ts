/** Public key encodings and fingerprints shared by signing and verification. */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** DER prefix of an SM2 SubjectPublicKeyInfo: id-ecPublicKey + curve 1.2.156.10197.1.301. */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** PEM armour. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** First PEM block with `label` decoded, or null. */
export function fromPem(pem: string, label: string): Buffer | null {
  const re = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`);
  const m = re.exec(pem);
  return m?.[1] ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64') : null;
}

/** Uncompressed SM2 public key hex (`04` + X + Y, 130 hex digits). */
export function isSm2PublicHex(hex: string): boolean {
  return /^04[0-9a-f]{128}$/.test(hex);
}

export function sm2SpkiDer(publicKeyHex: string): Buffer {
  if (!isSm2PublicHex(publicKeyHex)) throw new Error('SM2 public key must be 04 + 128 hex digits');
  return Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]);
}

/** SPKI PEM of an SM2 public key, readable by `openssl pkey -pubin`. */
export function sm2PublicPem(publicKeyHex: string): string {
  return toPem('PUBLIC KEY', sm2SpkiDer(publicKeyHex));
}

/** Fingerprint of an SM2 public key: SHA-256 of its SPKI DER. */
export function sm2Fingerprint(publicKeyHex: string): string {
  return sha256Hex(sm2SpkiDer(publicKeyHex));
}

/** Fingerprint of any node public key (Ed25519 here): SHA-256 of its SPKI DER. */
export function spkiFingerprint(key: KeyObject): string {
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}

/** Ed25519 public key from its SPKI PEM; throws on anything else. */
export function ed25519PublicFromPem(pem: string): KeyObject {
  const key = createPublicKey({ key: pem, format: 'pem' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key: ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}

/** Certificate fingerprint: SHA-256 of the DER (what `openssl x509 -fingerprint -sha256` shows). */
export function certFingerprintFromPem(pem: string): string {
  const der = fromPem(pem, 'CERTIFICATE');
  if (!der) throw new Error('no CERTIFICATE block');
  return sha256Hex(der);
}

/** Normalizes a fingerprint a user typed or pasted: `AB:CD…` → `abcd…`. */
export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[\s:]/g, '').toLowerCase();
}
