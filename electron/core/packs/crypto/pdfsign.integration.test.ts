/** PDF signatures checked by poppler's pdfsig, openssl cms and our own checker. */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importP12, loadOrCreateIdentity, type SigningIdentity } from './identity';
import { addSignaturePlaceholder, pdfkitToBuffer } from './pdfsign';
import { checkPdfSignatures } from './pdfverify';
import { makeCaP12, run, signedPdf, tempDir } from './testkit';

const VALID = 'Signature Validation: Signature is Valid.';
const WHOLE = 'Total document signed';

let work: string;
let selfIssued: SigningIdentity;
let n = 0;

beforeAll(async () => {
  work = tempDir('owb-pdfsign-');
  selfIssued = await loadOrCreateIdentity(path.join(work, 'self'), { commonName: '徐州信用平台运维工作站', organization: '南京莱斯信息技术股份有限公司' });
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** pdfsig exits 0 even on "Digest Mismatch": only its words count. */
function pdfsig(pdf: Buffer): string {
  const f = path.join(work, `p${++n}.pdf`);
  fs.writeFileSync(f, pdf);
  const r = run('pdfsig', [f]);
  return r.stdout + r.stderr;
}

/** The PKCS#7 blob and the signed bytes of a PDF's (only) signature, for openssl cms. */
function extract(pdf: Buffer): { p7: string; content: string } {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(pdf.toString('latin1'));
  const [a, b, c, d] = (m?.slice(1) ?? []).map(Number) as [number, number, number, number];
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  const len = der[1] === 0x82 ? 4 + der.readUInt16BE(2) : der[1] === 0x83 ? 5 + der.readUIntBE(2, 3) : 2 + (der[1] ?? 0);
  const p7 = path.join(work, `s${++n}.p7`);
  const content = path.join(work, `c${n}.bin`);
  fs.writeFileSync(p7, der.subarray(0, len));
  fs.writeFileSync(content, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
  return { p7, content };
}

describe('signPdf', () => {
  it('signs a pdfkit PDF (CJK font): pdfsig says valid and whole document; self-issued cert untrusted as expected', async () => {
    const pdf = await signedPdf(selfIssued, '2024年6月 月度运维报告', { cjk: true, pages: 3 });
    const out = pdfsig(pdf);
    expect(out).toContain(VALID);
    expect(out).toContain(WHOLE);
    expect(out).toContain('Signer Certificate Common Name: 徐州信用平台运维工作站');
    expect(out).toMatch(/Certificate Validation: Certificate (issuer (isn't Trusted|is unknown)|.*[Uu]ntrusted)/);
    const report = checkPdfSignatures(pdf);
    expect(report).toMatchObject({ count: 1, wholeDocument: true, problems: [] });
    expect(report.signers[0]?.certificateFingerprint).toBe(selfIssued.certificate.fingerprint);
    const { p7, content } = extract(pdf);
    expect(run('openssl', ['cms', '-verify', '-inform', 'DER', '-in', p7, '-binary', '-content', content, '-noverify', '-out', '/dev/null']).stderr).toContain('Verification successful');
  });

  it('a byte changed after signing: pdfsig stops saying valid, we report a digest mismatch', async () => {
    const pdf = await signedPdf(selfIssued, 'tamper me');
    // A byte of the page content stream: the PDF still parses, only the digest changes.
    const at = pdf.indexOf('stream\n', pdf.indexOf('/Contents ') + 20000) + 20;
    pdf[at] = (pdf[at] ?? 0) ^ 0x01;
    const out = pdfsig(pdf);
    expect(out).not.toContain(VALID);
    expect(out).toMatch(/Digest Mismatch/);
    expect(checkPdfSignatures(pdf).problems.map((p) => p.code)).toEqual(['digest']);
  });

  it('bytes appended after signing: no longer the whole document', async () => {
    const pdf = Buffer.concat([await signedPdf(selfIssued, 'append'), Buffer.from('\n%%appended\n')]);
    expect(pdfsig(pdf)).not.toContain(WHOLE);
    expect(checkPdfSignatures(pdf).problems.map((p) => p.code)).toEqual(['not_whole']);
  });

  it('with a CA-issued certificate (imported .p12), openssl validates the chain up to the CA', async () => {
    const ca = makeCaP12(fs.mkdtempSync(path.join(work, 'ca-')), 'pw');
    const id = await importP12(path.join(work, 'ca-data'), fs.readFileSync(ca.p12), 'pw');
    const pdf = await signedPdf(id, '年度验收报告', { cjk: true });
    const out = pdfsig(pdf);
    expect(out).toContain(VALID);
    expect(out).toContain(WHOLE);
    const { p7, content } = extract(pdf);
    const r = run('openssl', ['cms', '-verify', '-inform', 'DER', '-in', p7, '-binary', '-content', content, '-CAfile', ca.caPem, '-purpose', 'any', '-out', '/dev/null']);
    expect(r.stderr).toContain('Verification successful');
    expect(checkPdfSignatures(pdf).problems).toEqual([]);
  });

  it('why IdentitySigner: P12Signer double-encodes Chinese issuer names, which every validator rejects', async () => {
    const doc = new PDFDocument();
    doc.text('P12Signer');
    addSignaturePlaceholder(doc, { name: 'n', location: 'l', contactInfo: 'c' });
    const pdf = await new SignPdf().sign(await pdfkitToBuffer(doc), new P12Signer(selfIssued.p12.der, { passphrase: selfIssued.p12.passphrase }));
    expect(pdfsig(pdf)).not.toContain(VALID);
    expect(checkPdfSignatures(pdf).problems.map((p) => p.code)).toEqual(['invalid']);
  });

  it('placeholders never signed and PDFs without signatures', async () => {
    const doc = new PDFDocument();
    doc.text('unsigned placeholder');
    addSignaturePlaceholder(doc, { name: 'n', location: 'l', contactInfo: 'c' });
    expect(checkPdfSignatures(await pdfkitToBuffer(doc)).problems.map((p) => p.code)).toEqual(['empty']);
    const plain = new PDFDocument();
    plain.text('no signature');
    expect(checkPdfSignatures(await pdfkitToBuffer(plain))).toMatchObject({ count: 0, problems: [] });
  });
});
