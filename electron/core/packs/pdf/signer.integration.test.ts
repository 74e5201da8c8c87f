/**
 * Every PDF of a pack is signed: ours through the pdfkit placeholder, everyone else's (scans,
 * manuals, other features' forms) through an incremental update. Checked by poppler's pdfsig
 * and our own checker; the original bytes stay a prefix of the signed file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Paper } from '../../paper/pdf';
import { checkPdfSignatures, loadOrCreateIdentity, type SigningIdentity } from '../crypto';
import { run, tempDir } from '../crypto/testkit';
import { finishSigned, pdfPageCount } from '../content/paper-doc';
import { canUpdateIncrementally } from './incremental';
import { PdfFile, PdfParseError } from './objects';
import { PackPdfSigner } from './signer';
import { xrefStreamPdf } from './testkit';

let work: string;
let id: SigningIdentity;
let signer: PackPdfSigner;
const AT = new Date('2024-07-01T02:00:00.000Z');

beforeAll(async () => {
  work = tempDir('owb-pdfsign-');
  id = await loadOrCreateIdentity(path.join(work, 'data'), { commonName: '徐州市公共信用信息系统平台运维工作站', organization: '南京莱斯信息技术股份有限公司' });
  signer = new PackPdfSigner(id, { reason: '月度验收资料 2024-06', name: '南京莱斯信息技术股份有限公司', location: '徐州市发展和改革委员会', contactInfo: '运维项目' }, AT);
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function pdfsig(bytes: Buffer, name: string): string {
  const f = path.join(work, name);
  fs.writeFileSync(f, bytes);
  return run('pdfsig', [f]).stdout;
}

function expectSignedWhole(bytes: Buffer, name: string): void {
  const out = pdfsig(bytes, name);
  expect(out).toContain('Signature is Valid.');
  expect(out).toContain('Total document signed');
  expect(out).toContain('CN=徐州市公共信用信息系统平台运维工作站');
  const own = checkPdfSignatures(bytes);
  expect(own.problems).toEqual([]);
  expect(own.wholeDocument).toBe(true);
}

async function paperPdf(lines: string[]): Promise<Buffer> {
  const paper = new Paper({ info: { title: '测试', creationDate: AT } });
  for (const l of lines) paper.paragraph(l);
  return paper.finish();
}

describe('PackPdfSigner', () => {
  it('reserves room for its own signature only (not a fixed 16 KB)', () => {
    expect(signer.signatureLength).toBeGreaterThanOrEqual(4096);
    expect(signer.signatureLength).toBeLessThan(8192);
  });

  it('signs a Paper document through the pdfkit placeholder', async () => {
    const paper = new Paper({ info: { title: '运维月报', creationDate: AT } });
    paper.title('徐州市公共信用信息系统平台运维月报');
    paper.paragraph('本月系统运行平稳。');
    const signed = await finishSigned(paper, signer);
    expect(signed.pages).toBe(1);
    expectSignedWhole(signed.bytes, 'paper.pdf');
  });

  it('signs a finished pdfkit PDF by an incremental update, keeping its bytes as a prefix', async () => {
    const original = await paperPdf(['第一段', '第二段']);
    const signed = await signer.signAny(original);
    expect(signed.subarray(0, original.length).equals(original)).toBe(true);
    expectSignedWhole(signed, 'incremental.pdf');
    expect(pdfPageCount(signed)).toBe(1);
    expect(run('pdftotext', [path.join(work, 'incremental.pdf'), '-']).stdout).toContain('第一段');
  });

  it('signs a PDF 1.5 with object streams and a cross-reference stream (scanner style)', async () => {
    const original = xrefStreamPdf('Signed paper scan');
    // poppler reads the hand-made original
    fs.writeFileSync(path.join(work, 'xs-orig.pdf'), original);
    expect(run('pdfinfo', [path.join(work, 'xs-orig.pdf')]).stdout).toMatch(/Pages:\s+1/);
    const pdf = new PdfFile(original);
    expect(pdf.usesXrefStream).toBe(true);
    expect(canUpdateIncrementally(original)).toBe(true);
    const signed = await signer.signAny(original);
    expectSignedWhole(signed, 'xs.pdf');
    expect(run('pdftotext', [path.join(work, 'xs.pdf'), '-']).stdout).toContain('Signed paper scan');
    // The widget went into the existing indirect /Annots array and /AcroForm object.
    const after = new PdfFile(signed);
    const annots = after.get(6);
    expect(annots?.t === 'array' && annots.items.length).toBe(1);
    const form = after.get(8);
    expect(form?.t === 'dict' && form.entries.get('SigFlags')).toEqual({ t: 'num', raw: '3' });
    expect(pdfPageCount(signed)).toBe(1);
  });

  it('signs an already signed PDF a second time: both signatures stay valid, the last covers all', async () => {
    const once = await signer.signAny(await paperPdf(['两次签名']));
    const twice = await signer.signAny(once);
    const out = pdfsig(twice, 'twice.pdf');
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    const own = checkPdfSignatures(twice);
    expect(own.count).toBe(2);
    expect(own.problems).toEqual([]);
    expect(own.wholeDocument).toBe(true);
  });

  it('refuses what it cannot update: not a PDF, encrypted, no cross-reference', async () => {
    await expect(signer.signAny(Buffer.from('JFIF not a pdf'))).rejects.toBeInstanceOf(PdfParseError);
    const head = '%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\n';
    const enc = Buffer.from(`${head}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer <</Size 2/Root 1 0 R/Encrypt 3 0 R>>\nstartxref\n${head.length}\n%%EOF\n`, 'latin1');
    await expect(signer.signAny(enc)).rejects.toThrow(/encrypted/);
    await expect(signer.signAny(Buffer.from('%PDF-1.4\nno xref here\n'))).rejects.toBeInstanceOf(PdfParseError);
  });

  it('is fast: node:crypto RSA, PKCS#12 parsed once (≥ 20 signatures/s on a 2-page PDF)', async () => {
    const pdf = await paperPdf(Array.from({ length: 80 }, (_, i) => `第 ${i} 行 测试文字`));
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await signer.signAny(pdf);
    const cpuMs = (performance.now() - t0) / 20;
    expect(cpuMs).toBeLessThan(500); // wall clock on a loaded 2-core box; ~10–30 ms idle
  });
});
