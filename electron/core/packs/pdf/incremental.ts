/**
 * Adds an (empty) signature field to an existing PDF as an incremental update: the original
 * bytes stay untouched, and after them come a /Sig dictionary with the /ByteRange and
 * /Contents placeholders @signpdf fills in, a widget annotation on the first page, the new
 * /AcroForm, the catalog and page objects that point at them, and a cross-reference section
 * whose /Prev is the original one. The signature then covers the whole file, the original
 * included.
 */
import { PdfFile, PdfParseError, name, num, ref, serialize, textString, type PdfDict, type PdfValue } from './objects';

export interface PlaceholderOptions {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
  /** Bytes reserved for the PKCS#7 blob (written as twice as many hex digits). */
  signatureLength: number;
}

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

function dictOf(v: PdfValue | null, what: string): PdfDict {
  if (v?.t !== 'dict') throw new PdfParseError(`${what} is not a dictionary`);
  return { t: 'dict', entries: new Map(v.entries) };
}

/** The first page (leaf of the page tree) and its object number. */
function firstPage(pdf: PdfFile, pagesRef: PdfValue | undefined): { num: number; dict: PdfDict } {
  let node = pagesRef;
  for (let depth = 0; depth < 64; depth++) {
    if (node?.t !== 'ref') throw new PdfParseError('page tree node is not a reference');
    const d = pdf.get(node.num);
    if (d?.t !== 'dict') throw new PdfParseError('page tree node is not a dictionary');
    const type = d.entries.get('Type');
    const kids = pdf.resolve(d.entries.get('Kids'));
    if (type?.t === 'name' && type.v === 'Page') return { num: node.num, dict: dictOf(d, 'page') };
    if (kids?.t !== 'array' || kids.items.length === 0) {
      if (!kids) return { num: node.num, dict: dictOf(d, 'page') };
      throw new PdfParseError('empty page tree');
    }
    node = kids.items[0];
  }
  throw new PdfParseError('page tree too deep');
}

/** Returns the PDF with a signature placeholder appended (throws PdfParseError if it cannot). */
export function addIncrementalPlaceholder(bytes: Buffer, opts: PlaceholderOptions): Buffer {
  const pdf = new PdfFile(bytes);
  if (pdf.trailer.entries.has('Encrypt')) throw new PdfParseError('encrypted PDF');
  const rootRef = pdf.trailer.entries.get('Root');
  if (rootRef?.t !== 'ref') throw new PdfParseError('no /Root');
  const catalog = dictOf(pdf.get(rootRef.num), 'catalog');
  const page = firstPage(pdf, catalog.entries.get('Pages'));

  let next = pdf.size;
  const sigNum = next++;
  const widgetNum = next++;
  const objects = new Map<number, string>();

  // The AcroForm: inline in the catalog, a referenced object, or new.
  const acroRaw = catalog.entries.get('AcroForm');
  let acro: PdfDict;
  let acroNum: number | null = null;
  if (acroRaw?.t === 'ref') {
    acroNum = acroRaw.num;
    acro = dictOf(pdf.get(acroRaw.num), 'AcroForm');
  } else if (acroRaw?.t === 'dict') acro = dictOf(acroRaw, 'AcroForm');
  else {
    acroNum = next++;
    acro = { t: 'dict', entries: new Map() };
  }
  const fieldsRaw = acro.entries.get('Fields');
  let fieldCount = 0;
  if (fieldsRaw?.t === 'ref') {
    const arr = pdf.get(fieldsRaw.num);
    if (arr?.t !== 'array') throw new PdfParseError('/Fields is not an array');
    fieldCount = arr.items.length;
    objects.set(fieldsRaw.num, serialize({ t: 'array', items: [...arr.items, ref(widgetNum)] }));
  } else {
    const items = fieldsRaw?.t === 'array' ? fieldsRaw.items : [];
    fieldCount = items.length;
    acro.entries.set('Fields', { t: 'array', items: [...items, ref(widgetNum)] });
  }
  const flags = acro.entries.get('SigFlags');
  acro.entries.set('SigFlags', num((flags?.t === 'num' ? Number(flags.raw) : 0) | 3));
  if (acroNum !== null) {
    objects.set(acroNum, serialize(acro));
    catalog.entries.set('AcroForm', ref(acroNum));
  } else catalog.entries.set('AcroForm', acro);
  objects.set(rootRef.num, serialize(catalog));

  // The widget on the first page's /Annots (inline array, referenced array, or new).
  const annots = page.dict.entries.get('Annots');
  if (annots?.t === 'ref') {
    const arr = pdf.get(annots.num);
    if (arr?.t !== 'array') throw new PdfParseError('/Annots is not an array');
    objects.set(annots.num, serialize({ t: 'array', items: [...arr.items, ref(widgetNum)] }));
  } else {
    const items = annots?.t === 'array' ? annots.items : [];
    page.dict.entries.set('Annots', { t: 'array', items: [...items, ref(widgetNum)] });
    objects.set(page.num, serialize(page.dict));
  }

  const widget: PdfDict = {
    t: 'dict',
    entries: new Map<string, PdfValue>([
      ['Type', name('Annot')],
      ['Subtype', name('Widget')],
      ['FT', name('Sig')],
      ['Rect', { t: 'array', items: [num(0), num(0), num(0), num(0)] }],
      ['V', ref(sigNum)],
      ['T', textString(`Signature${fieldCount + 1}`)],
      ['F', num(132)],
      ['P', ref(page.num, pdf.generation(page.num))],
    ]),
  };
  objects.set(widgetNum, serialize(widget));
  // /ByteRange and /Contents first and in this order: @signpdf finds the placeholder there.
  const sig =
    `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached ${BYTE_RANGE_PLACEHOLDER} ` +
    `/Contents <${'0'.repeat(opts.signatureLength * 2)}> ` +
    `/Reason ${serialize(textString(opts.reason))} /M ${pdfDate(opts.signingTime)} /ContactInfo ${serialize(textString(opts.contactInfo))} ` +
    `/Name ${serialize(textString(opts.name))} /Location ${serialize(textString(opts.location))} /Prop_Build <</Filter <</Name /Adobe.PPKLite>>>>>>`;
  objects.set(sigNum, sig);

  // Write the update.
  const head = bytes[bytes.length - 1] === 0x0a || bytes[bytes.length - 1] === 0x0d ? '' : '\n';
  let body = head;
  const offsets = new Map<number, number>();
  const base = bytes.length;
  const nums = [...objects.keys()].sort((a, b) => a - b);
  for (const n of nums) {
    offsets.set(n, base + Buffer.byteLength(body, 'latin1'));
    const gen = n < pdf.size ? pdf.generation(n) : 0;
    body += `${n} ${gen} obj\n${objects.get(n) ?? ''}\nendobj\n`;
  }
  const xrefAt = base + Buffer.byteLength(body, 'latin1');
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const n of nums) {
    const gen = n < pdf.size ? pdf.generation(n) : 0;
    xref += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} ${String(gen).padStart(5, '0')} n \n`;
  }
  const trailer: PdfDict = { t: 'dict', entries: new Map<string, PdfValue>([['Size', num(Math.max(next, pdf.size))], ['Root', rootRef], ['Prev', num(pdf.startXref)]]) };
  for (const k of ['Info', 'ID']) {
    const v = pdf.trailer.entries.get(k);
    if (v) trailer.entries.set(k, v);
  }
  body += `${xref}trailer\n${serialize(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([bytes, Buffer.from(body, 'latin1')]);
}

/** True when the PDF parses well enough to get a signature field (used by tests). */
export function canUpdateIncrementally(bytes: Buffer): boolean {
  try {
    const pdf = new PdfFile(bytes);
    const root = pdf.trailer.entries.get('Root');
    return !pdf.trailer.entries.has('Encrypt') && root?.t === 'ref' && pdf.get(root.num)?.t === 'dict';
  } catch {
    return false;
  }
}

