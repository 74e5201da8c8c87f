/**
 * PDF signatures with @signpdf v3 (RSA, PKCS#7 detached, SHA-256), using the identity's
 * PKCS#12. Usage with a pdfkit document:
 *
 *   addSignaturePlaceholder(doc, { name, location, contactInfo }); // before doc.end()
 *   const signed = await signPdf(await pdfkitToBuffer(doc), identity);
 *
 * In v3 the placeholder ends its own refs: never call .end() on what it returns.
 *
 * Why not @signpdf/signer-p12's P12Signer: it hands forge the certificate parsed from the
 * .p12, whose UTF8String names (Chinese CN/O) forge keeps as raw UTF-8 bytes and then
 * UTF-8-encodes again when writing the SignerInfo issuer. The issuer then matches no
 * certificate and every validator fails ("Unknown Validation Failure" in pdfsig, "signer
 * certificate not found" in openssl cms). IdentitySigner does the same PKCS#7 signing with
 * the names decoded first.
 */
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import type PDFDocument from 'pdfkit';
import { parseP12, type SigningIdentity } from './identity';

type PdfKitDocument = InstanceType<typeof PDFDocument>;

/**
 * Bytes reserved for the PKCS#7 blob (hex-encoded in the file, so twice this). One 2048-bit
 * self-issued certificate needs ~1.5 KB; a CA chain of three or four certificates fits too.
 */
export const DEFAULT_PDF_SIGNATURE_BYTES = 16384;

export interface PdfSignatureFields {
  /** Shown as the reason by PDF readers. Default `验收资料`. */
  reason?: string;
  /** Signer's name (engineer / company). */
  name: string;
  location: string;
  contactInfo: string;
  /** The /M time written in the signature dictionary (use the same clock as signPdf). */
  signingTime?: Date;
  signatureLength?: number;
}

/**
 * Adds the invisible signature field and the /Contents placeholder to the current page of
 * a pdfkit document. Call once, after the last page is added and before `doc.end()`.
 */
export function addSignaturePlaceholder(doc: PdfKitDocument, fields: PdfSignatureFields): void {
  pdfkitAddPlaceholder({
    pdf: doc,
    pdfBuffer: Buffer.alloc(0), // unused by the pdfkit placeholder, required by its types
    reason: fields.reason ?? '验收资料',
    name: fields.name,
    location: fields.location,
    contactInfo: fields.contactInfo,
    signatureLength: fields.signatureLength ?? DEFAULT_PDF_SIGNATURE_BYTES,
    ...(fields.signingTime ? { signingTime: fields.signingTime } : {}),
  });
}

/** Ends a pdfkit document and collects its bytes. */
export function pdfkitToBuffer(doc: PdfKitDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Signs a PDF that has a placeholder (see addSignaturePlaceholder). Returns the signed bytes. */
export async function signPdf(pdf: Buffer, identity: SigningIdentity, opts: { signingTime?: Date } = {}): Promise<Buffer> {
  return new SignPdf().sign(pdf, new IdentitySigner(identity), opts.signingTime);
}

/** PKCS#7 detached, SHA-256, RSA, with the whole certificate chain: what Adobe.PPKLite expects. */
export class IdentitySigner extends Signer {
  private readonly key: forge.pki.rsa.PrivateKey;
  private readonly cert: forge.pki.Certificate;
  private readonly chain: forge.pki.Certificate[];

  constructor(identity: SigningIdentity) {
    super();
    const parsed = parseP12(identity.p12.der, identity.p12.passphrase);
    this.key = parsed.key;
    this.cert = parsed.cert;
    this.chain = parsed.chain;
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const oids = forge.pki.oids;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    // Certificates keep their original DER (forge reuses the parsed TBSCertificate).
    p7.addCertificate(this.cert);
    for (const c of this.chain) p7.addCertificate(c);
    const issuerView: forge.pki.Certificate = {
      ...this.cert,
      issuer: { ...this.cert.issuer, attributes: this.cert.issuer.attributes.map(decodedAttribute) },
    };
    p7.addSigner({
      key: this.key,
      certificate: issuerView,
      digestAlgorithm: oid(oids.sha256),
      // Order matters for EU DSS validation (as in @signpdf/signer-p12).
      authenticatedAttributes: [
        { type: oid(oids.contentType), value: oid(oids.data) },
        { type: oid(oids.signingTime), value: (signingTime ?? new Date()).toISOString() },
        { type: oid(oids.messageDigest) },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

function oid(value: string | undefined): string {
  if (!value) throw new Error('forge OID table incomplete');
  return value;
}

/** A name attribute whose UTF8String value is a JS string again (forge re-encodes it). */
function decodedAttribute(attr: forge.pki.CertificateField): forge.pki.CertificateField {
  if (Number(attr.valueTagClass) === Number(forge.asn1.Type.UTF8) && typeof attr.value === 'string') {
    try {
      return { ...attr, value: forge.util.decodeUtf8(attr.value) };
    } catch {
      return attr;
    }
  }
  return attr;
}
