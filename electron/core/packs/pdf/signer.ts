/**
 * Signs every PDF of a pack with the workstation certificate (PKCS#7 detached, SHA-256, RSA),
 * fast enough for hundreds of documents:
 *
 * - the PKCS#12 is parsed once per pack (forge's PBKDF2 is slow), not once per PDF;
 * - the RSA operation runs in node:crypto (forge's JavaScript RSA takes ~110 ms per
 *   signature, node's ~1 ms); forge still builds the CMS structure, with the Chinese issuer
 *   names decoded as crypto/pdfsign.ts's IdentitySigner does;
 * - the /Contents placeholder is sized to this identity's signature (+ margin) instead of a
 *   fixed 16 KB, which would double the size of a one-page form.
 *
 * Two ways in: PDFs we draw get the placeholder from pdfkit before they end
 * (`placeholder(doc)`); PDFs made elsewhere (scans, manuals, other features' forms) get an
 * incremental update that adds the signature field (`signAny`), leaving their bytes intact.
 */
import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { addSignaturePlaceholder } from '../crypto';
import { parseP12, type SigningIdentity } from '../crypto/identity';
import type { PdfDoc } from '../../paper/pdf';
import { addIncrementalPlaceholder } from './incremental';

/** DigestInfo prefix of SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export interface SignatureFields {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
}

class FastCmsSigner extends Signer {
  readonly cert: forge.pki.Certificate;
  private readonly chain: forge.pki.Certificate[];
  private readonly key: KeyObject;
  private readonly issuerView: forge.pki.Certificate;

  constructor(identity: SigningIdentity) {
    super();
    const parsed = parseP12(identity.p12.der, identity.p12.passphrase);
    this.cert = parsed.cert;
    this.chain = parsed.chain;
    this.key = createPrivateKey(forge.pki.privateKeyToPem(parsed.key));
    this.issuerView = { ...parsed.cert, issuer: { ...parsed.cert.issuer, attributes: parsed.cert.issuer.attributes.map(decodedAttribute) } };
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return Promise.resolve(this.signSync(pdfBuffer, signingTime));
  }

  signSync(content: Buffer, signingTime?: Date): Buffer {
    const oids = forge.pki.oids;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(content.toString('binary'));
    p7.addCertificate(this.cert);
    for (const c of this.chain) p7.addCertificate(c);
    const nodeKey = this.key;
    // forge calls key.sign(md, 'RSASSA-PKCS1-V1_5') and expects a binary string back.
    const rsa = {
      sign(md: forge.md.MessageDigest): string {
        const digest = Buffer.from(md.digest().getBytes(), 'binary');
        return privateEncrypt({ key: nodeKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])).toString('binary');
      },
    };
    p7.addSigner({
      key: rsa as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.issuerView,
      digestAlgorithm: oid(oids.sha256),
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

/** Parsing the PKCS#12 (forge PBKDF2) takes ~0.5 s: once per identity object, which identity.ts caches. */
const CMS_SIGNERS = new WeakMap<SigningIdentity, FastCmsSigner>();

export class PackPdfSigner {
  private readonly cms: FastCmsSigner;
  /** Bytes reserved for the PKCS#7 blob in every PDF. */
  readonly signatureLength: number;
  signed = 0;

  constructor(
    identity: SigningIdentity,
    readonly fields: SignatureFields,
    readonly signingTime: Date,
  ) {
    let cms = CMS_SIGNERS.get(identity);
    if (!cms) {
      cms = new FastCmsSigner(identity);
      CMS_SIGNERS.set(identity, cms);
    }
    this.cms = cms;
    const probe = this.cms.signSync(Buffer.from('probe'), signingTime).length;
    // Round up with room for DER length growth; never less than 4 KB.
    this.signatureLength = Math.max(4096, Math.ceil((probe + 1024) / 512) * 512);
  }

  /** For pdfkit documents we draw: add the field before `doc.end()` (Paper.finish's beforeEnd). */
  placeholder(doc: PdfDoc): void {
    addSignaturePlaceholder(doc, { ...this.fields, signingTime: this.signingTime, signatureLength: this.signatureLength });
  }

  /** Milliseconds spent signing (for the bench's breakdown). */
  signMs = 0;

  /** Signs a PDF that has our placeholder. */
  async signPlaceheld(pdf: Buffer): Promise<Buffer> {
    const t0 = performance.now();
    const out = await new SignPdf().sign(pdf, this.cms, this.signingTime);
    this.signed++;
    this.signMs += performance.now() - t0;
    return out;
  }

  /** Signs any PDF: adds the signature field by an incremental update, then signs it. */
  async signAny(pdf: Buffer): Promise<Buffer> {
    const t0 = performance.now();
    const withField = addIncrementalPlaceholder(pdf, { ...this.fields, signingTime: this.signingTime, signatureLength: this.signatureLength });
    this.signMs += performance.now() - t0;
    return this.signPlaceheld(withField);
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
