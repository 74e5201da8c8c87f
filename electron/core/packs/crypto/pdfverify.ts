/**
 * Checks the signatures embedded in a PDF (adbe.pkcs7.detached / ETSI.CAdES.detached):
 * byte range sane and covering the whole file, PKCS#7 messageDigest equal to the digest of
 * the signed ranges, and the signature value valid for the embedded signer certificate.
 * ASN.1 is read with node-forge; digests and RSA/ECDSA checks use node:crypto, whose
 * X509Certificate also reads non-RSA certificates. Certificate trust is not judged here.
 */
import { X509Certificate, createHash, verify as cryptoVerify } from 'node:crypto';
import forge from 'node-forge';
import { Sm3 } from './sm3';

export type PdfSigProblemCode = 'parse' | 'empty' | 'range' | 'not_whole' | 'digest' | 'invalid';

export interface PdfSignatureReport {
  /** Signatures found (ByteRange dictionaries). */
  count: number;
  /** True when one valid signature covers the entire file. */
  wholeDocument: boolean;
  problems: { code: PdfSigProblemCode; detail: string }[];
  signers: { subject: string; certificateFingerprint: string }[];
}

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.2.156.10197.1.401': 'sm3',
};
const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';

const { Class, Type } = forge.asn1;

class PdfSigError extends Error {
  constructor(readonly code: PdfSigProblemCode, detail: string) {
    super(detail);
  }
}

export function checkPdfSignatures(pdf: Buffer): PdfSignatureReport {
  const report: PdfSignatureReport = { count: 0, wholeDocument: false, problems: [], signers: [] };
  const seen = new Set<string>();
  let pos = pdf.indexOf('/ByteRange');
  while (pos !== -1) {
    const head = pdf.subarray(pos, pos + 120).toString('latin1');
    const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(head);
    pos = pdf.indexOf('/ByteRange', pos + 10);
    if (!m) {
      // A placeholder never filled in (`/ByteRange [0 /********** ...]`) or garbage.
      report.count += 1;
      report.problems.push({ code: /\*{5,}/.test(head) ? 'empty' : 'range', detail: head.slice(0, 60) });
      continue;
    }
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as const;
    const key = range.join(' ');
    if (seen.has(key)) continue; // the same dictionary may be referenced twice
    seen.add(key);
    report.count += 1;
    try {
      const signer = checkOne(pdf, range);
      report.signers.push(signer);
      if (range[2] + range[3] === pdf.length) report.wholeDocument = true;
    } catch (err) {
      if (err instanceof PdfSigError) report.problems.push({ code: err.code, detail: err.message });
      else report.problems.push({ code: 'parse', detail: err instanceof Error ? err.message : String(err) });
    }
  }
  if (report.count > 0 && report.problems.length === 0 && !report.wholeDocument) {
    report.problems.push({ code: 'not_whole', detail: 'no signature covers the end of the file' });
  }
  return report;
}

function checkOne(pdf: Buffer, [a, b, c, d]: readonly [number, number, number, number]): { subject: string; certificateFingerprint: string } {
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) throw new PdfSigError('range', `ByteRange [${a} ${b} ${c} ${d}]`);
  const gap = pdf.subarray(b, c).toString('latin1');
  if (!/^<[0-9a-fA-F\s]*>$/.test(gap)) throw new PdfSigError('range', 'ByteRange gap is not the /Contents hex string');
  const der = Buffer.from(gap.slice(1, -1).replace(/\s+/g, ''), 'hex');
  if (der.every((x) => x === 0)) throw new PdfSigError('empty', 'empty /Contents');
  const p7 = forge.asn1.fromDer(exactDer(der).toString('binary'));

  const ci = children(p7);
  if (oid(ci[0]) !== OID_SIGNED_DATA) throw new PdfSigError('parse', 'not PKCS#7 signedData');
  const sd = children(children(ci[1])[0]);
  const certNode = sd.find((n) => n.tagClass === Class.CONTEXT_SPECIFIC && Number(n.type) === 0);
  const signerInfos = sd[sd.length - 1];
  const si = children(children(signerInfos)[0]);
  if (si.length < 5) throw new PdfSigError('parse', 'short SignerInfo');

  const certNodes = certNode ? children(certNode) : [];
  const certs = certNodes.map((n) => ({ x509: new X509Certificate(derOf(n)), issuerDer: certIssuerDer(n) }));
  const sid = si[1];
  const byIssuerSerial = sid && sid.tagClass === Class.UNIVERSAL && Number(sid.type) === Number(Type.SEQUENCE);
  const serial = byIssuerSerial ? integerHex(children(sid)[1]) : '';
  const sidIssuerDer = byIssuerSerial ? derOf(children(sid)[0]) : null;
  const digestName = DIGESTS[oid(children(si[2])[0])];
  if (!digestName) throw new PdfSigError('parse', 'unsupported digest algorithm');
  const hasAttrs = si[3]?.tagClass === Class.CONTEXT_SPECIFIC && Number(si[3].type) === 0;
  const attrsNode = hasAttrs ? si[3] : undefined;
  const sigAlgNode = si[hasAttrs ? 4 : 3];
  const sigValueNode = si[hasAttrs ? 5 : 4];
  if (oid(children(sigAlgNode)[0]) === OID_RSASSA_PSS) throw new PdfSigError('parse', 'RSASSA-PSS not supported');
  const sigValue = bytesOf(sigValueNode);

  const signedParts = [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
  const digest = digestOf(digestName, signedParts);
  let signedBytes: Buffer;
  if (attrsNode) {
    const attrs = children(attrsNode);
    const md = attrs.find((at) => oid(children(at)[0]) === OID_MESSAGE_DIGEST);
    if (!md) throw new PdfSigError('parse', 'no messageDigest attribute');
    const mdValue = bytesOf(children(children(md)[1])[0]);
    if (!mdValue.equals(digest)) throw new PdfSigError('digest', 'messageDigest differs from the signed ranges');
    // The signature is over the DER of the attributes with their SET tag.
    const set = forge.asn1.create(Class.UNIVERSAL, Type.SET, true, attrs);
    signedBytes = Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary');
  } else {
    signedBytes = Buffer.concat(signedParts);
  }

  const stripZeros = (h: string): string => h.toLowerCase().replace(/^0+/, '');
  const ordered = [...certs.filter((x) => serial && stripZeros(x.x509.serialNumber) === stripZeros(serial)), ...certs];
  for (const { x509, issuerDer } of ordered) {
    let ok = false;
    try {
      ok = cryptoVerify(digestName === 'sm3' ? null : digestName, signedBytes, x509.publicKey, sigValue);
    } catch {
      ok = false;
    }
    if (!ok) continue;
    // Validators find the signer certificate by issuer + serial: both must match exactly.
    if (sidIssuerDer && (!issuerDer.equals(sidIssuerDer) || stripZeros(x509.serialNumber) !== stripZeros(serial))) {
      throw new PdfSigError('invalid', 'the SignerInfo issuer/serial does not name the signing certificate');
    }
    return { subject: x509.subject.replace(/\n/g, ', '), certificateFingerprint: x509.fingerprint256.replace(/:/g, '').toLowerCase() };
  }
  throw new PdfSigError('invalid', certs.length === 0 ? 'no certificate in the signature' : 'signature value does not verify');
}

function derOf(node: forge.asn1.Asn1 | undefined): Buffer {
  if (!node) throw new PdfSigError('parse', 'missing ASN.1 element');
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

/** Issuer Name of a certificate, as DER (TBSCertificate: [0] version?, serial, sigAlg, issuer). */
function certIssuerDer(cert: forge.asn1.Asn1): Buffer {
  const tbs = children(children(cert)[0]);
  const first = tbs[0];
  const offset = first && first.tagClass === Class.CONTEXT_SPECIFIC ? 1 : 0;
  return derOf(tbs[offset + 2]);
}

function digestOf(name: string, parts: Buffer[]): Buffer {
  if (name === 'sm3') {
    const h = new Sm3();
    for (const p of parts) h.update(p);
    return Buffer.from(h.digestBytes());
  }
  const h = createHash(name);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** The DER object at the start of `buf`, without the zero padding of the placeholder. */
function exactDer(buf: Buffer): Buffer {
  if (buf.length < 2) throw new PdfSigError('parse', 'truncated PKCS#7');
  const first = buf[1] ?? 0;
  let len: number;
  let hdr: number;
  if (first < 0x80) {
    len = first;
    hdr = 2;
  } else {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || buf.length < 2 + n) throw new PdfSigError('parse', 'bad PKCS#7 length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[2 + i] ?? 0);
    hdr = 2 + n;
  }
  if (hdr + len > buf.length) throw new PdfSigError('parse', 'truncated PKCS#7');
  return buf.subarray(0, hdr + len);
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new PdfSigError('parse', 'unexpected ASN.1 structure');
  return node.value;
}

function bytesOf(node: forge.asn1.Asn1 | undefined): Buffer {
  if (!node || typeof node.value !== 'string') throw new PdfSigError('parse', 'unexpected ASN.1 value');
  return Buffer.from(node.value, 'binary');
}

function oid(node: forge.asn1.Asn1 | undefined): string {
  if (!node || Number(node.type) !== Number(Type.OID) || typeof node.value !== 'string') return '';
  return forge.asn1.derToOid(node.value);
}

function integerHex(node: forge.asn1.Asn1 | undefined): string {
  return node && typeof node.value === 'string' ? Buffer.from(node.value, 'binary').toString('hex') : '';
}
