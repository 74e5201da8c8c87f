/** Test support: PDFs shaped like the ones other programs write (not a test file itself). */
import { deflateSync } from 'node:zlib';

/**
 * A PDF 1.5 file the way scanners and office suites write it: catalog and page tree inside a
 * compressed object stream, a cross-reference *stream* with the PNG "Up" predictor, the page's
 * /Annots an indirect (empty) array and an existing /AcroForm object.
 */
export function xrefStreamPdf(text = 'Scanned page'): Buffer {
  const parts: Buffer[] = [];
  const offsets = new Map<number, number>();
  let pos = 0;
  const push = (b: Buffer | string): void => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    pos += buf.length;
  };
  push('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');

  // Object stream with 2 (catalog), 3 (pages) and 8 (acroform).
  const objs: Array<[number, string]> = [
    [2, '<</Type/Catalog/Pages 3 0 R/AcroForm 8 0 R>>'],
    [3, '<</Type/Pages/Kids[4 0 R]/Count 1>>'],
    [8, '<</Fields[]/DA(/Helv 0 Tf 0 g)>>'],
  ];
  let header = '';
  let body = '';
  for (const [n, s] of objs) {
    header += `${n} ${body.length} `;
    body += `${s}\n`;
  }
  const first = header.length;
  const stm = deflateSync(Buffer.from(header + body, 'latin1'));
  offsets.set(1, pos);
  push(`1 0 obj\n<</Type/ObjStm/N ${objs.length}/First ${first}/Filter/FlateDecode/Length ${stm.length}>>\nstream\n`);
  push(stm);
  push('\nendstream\nendobj\n');

  const content = Buffer.from(`BT /F1 18 Tf 20 100 Td (${text}) Tj ET`, 'latin1');
  offsets.set(4, pos);
  push('4 0 obj\n<</Type/Page/Parent 3 0 R/MediaBox[0 0 300 200]/Resources<</Font<</F1 9 0 R>>>>/Contents 5 0 R/Annots 6 0 R>>\nendobj\n');
  offsets.set(5, pos);
  push(`5 0 obj\n<</Length ${content.length}>>\nstream\n`);
  push(content);
  push('\nendstream\nendobj\n');
  offsets.set(6, pos);
  push('6 0 obj\n[]\nendobj\n');
  offsets.set(9, pos);
  push('9 0 obj\n<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>\nendobj\n');

  // Cross-reference stream (object 7): W [1 4 2], rows PNG-Up predicted.
  const size = 10;
  const xrefAt = pos;
  offsets.set(7, xrefAt);
  const rows: Buffer[] = [];
  for (let n = 0; n < size; n++) {
    const r = Buffer.alloc(7);
    if (n === 0) {
      r[0] = 0;
      r.writeUInt32BE(0, 1);
      r.writeUInt16BE(65535, 5);
    } else if (objs.some(([k]) => k === n)) {
      r[0] = 2;
      r.writeUInt32BE(1, 1);
      r.writeUInt16BE(objs.findIndex(([k]) => k === n), 5);
    } else {
      r[0] = 1;
      r.writeUInt32BE(offsets.get(n) ?? 0, 1);
      r.writeUInt16BE(0, 5);
    }
    rows.push(r);
  }
  const predicted: Buffer[] = [];
  let prev: Buffer = Buffer.alloc(7);
  for (const r of rows) {
    const out = Buffer.alloc(8);
    out[0] = 2; // Up
    for (let i = 0; i < 7; i++) out[i + 1] = ((r[i] ?? 0) - (prev[i] ?? 0)) & 0xff;
    predicted.push(out);
    prev = r;
  }
  const xs = deflateSync(Buffer.concat(predicted));
  push(`7 0 obj\n<</Type/XRef/Size ${size}/W[1 4 2]/Index[0 ${size}]/Root 2 0 R/Filter/FlateDecode/DecodeParms<</Columns 7/Predictor 12>>/Length ${xs.length}>>\nstream\n`);
  push(xs);
  push(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(parts);
}
