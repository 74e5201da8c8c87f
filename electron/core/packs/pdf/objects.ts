/**
 * Just enough of a PDF reader to append an incremental update to a PDF someone else made
 * (a scanned, signed paper form; a manual from the document register; a form rendered by
 * another feature): the cross-reference (classic tables and PDF 1.5 xref streams with object
 * streams, following /Prev), the trailer, and any object as a small syntax tree that can be
 * written back. Strings keep their raw bytes, so nothing is re-encoded.
 */
import { inflateSync } from 'node:zlib';

export type PdfValue =
  | { t: 'dict'; entries: Map<string, PdfValue> }
  | { t: 'array'; items: PdfValue[] }
  | { t: 'name'; v: string }
  | { t: 'num'; raw: string }
  | { t: 'str'; raw: string }
  | { t: 'ref'; num: number; gen: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' };

export type PdfDict = Extract<PdfValue, { t: 'dict' }>;

export class PdfParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfParseError';
  }
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

function isRegular(c: number): boolean {
  return !WS.has(c) && !DELIM.has(c);
}

/** A cursor over the bytes of a PDF (a latin1 view, one char per byte). */
export class Lexer {
  pos: number;
  constructor(
    readonly s: string,
    pos = 0,
  ) {
    this.pos = pos;
  }

  skipWs(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        // comment to end of line
        while (this.pos < s.length && s.charCodeAt(this.pos) !== 0x0a && s.charCodeAt(this.pos) !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** The next regular token (keyword or number) without consuming it. */
  peekWord(): string {
    this.skipWs();
    let e = this.pos;
    while (e < this.s.length && isRegular(this.s.charCodeAt(e))) e++;
    return this.s.slice(this.pos, e);
  }

  word(): string {
    const w = this.peekWord();
    this.pos += w.length;
    return w;
  }

  expect(word: string): void {
    const w = this.word();
    if (w !== word) throw new PdfParseError(`expected "${word}" at ${this.pos - w.length}, found "${w.slice(0, 20)}"`);
  }

  value(): PdfValue {
    this.skipWs();
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (Number.isNaN(c)) throw new PdfParseError('unexpected end of data');
    if (c === 0x3c && s.charCodeAt(this.pos + 1) === 0x3c) return this.dict();
    if (c === 0x3c) {
      const end = s.indexOf('>', this.pos);
      if (end < 0) throw new PdfParseError('unterminated hex string');
      const raw = s.slice(this.pos, end + 1);
      this.pos = end + 1;
      return { t: 'str', raw };
    }
    if (c === 0x28) return { t: 'str', raw: this.literal() };
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (s.charCodeAt(this.pos) === 0x5d) {
          this.pos++;
          return { t: 'array', items };
        }
        if (this.pos >= s.length) throw new PdfParseError('unterminated array');
        items.push(this.value());
      }
    }
    if (c === 0x2f) {
      this.pos++;
      let e = this.pos;
      while (e < s.length && isRegular(s.charCodeAt(e))) e++;
      const v = s.slice(this.pos, e);
      this.pos = e;
      return { t: 'name', v };
    }
    const w = this.word();
    if (w === '') throw new PdfParseError(`unexpected character at ${this.pos}`);
    if (w === 'true' || w === 'false') return { t: 'bool', v: w === 'true' };
    if (w === 'null') return { t: 'null' };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      // "N G R" is a reference
      if (/^\d+$/.test(w)) {
        const save = this.pos;
        const g = this.word();
        if (/^\d+$/.test(g) && this.word() === 'R') return { t: 'ref', num: Number(w), gen: Number(g) };
        this.pos = save;
      }
      return { t: 'num', raw: w };
    }
    throw new PdfParseError(`unexpected token "${w.slice(0, 20)}"`);
  }

  private dict(): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipWs();
      const s = this.s;
      if (s.charCodeAt(this.pos) === 0x3e && s.charCodeAt(this.pos + 1) === 0x3e) {
        this.pos += 2;
        return { t: 'dict', entries };
      }
      if (this.pos >= s.length) throw new PdfParseError('unterminated dictionary');
      const key = this.value();
      if (key.t !== 'name') throw new PdfParseError(`dictionary key is not a name at ${this.pos}`);
      entries.set(key.v, this.value());
    }
  }

  private literal(): string {
    const s = this.s;
    const start = this.pos;
    let depth = 0;
    for (let i = this.pos; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x28) depth++;
      else if (c === 0x29) {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return s.slice(start, i + 1);
        }
      }
    }
    throw new PdfParseError('unterminated string');
  }
}

export function serialize(v: PdfValue): string {
  switch (v.t) {
    case 'dict':
      return `<<${[...v.entries].map(([k, x]) => `/${k} ${serialize(x)}`).join(' ')}>>`;
    case 'array':
      return `[${v.items.map(serialize).join(' ')}]`;
    case 'name':
      return `/${v.v}`;
    case 'num':
      return v.raw;
    case 'str':
      return v.raw;
    case 'ref':
      return `${v.num} ${v.gen} R`;
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

export const ref = (num: number, gen = 0): PdfValue => ({ t: 'ref', num, gen });
export const name = (v: string): PdfValue => ({ t: 'name', v });
export const num = (n: number): PdfValue => ({ t: 'num', raw: String(n) });

/** A PDF text string: plain ASCII as a literal, anything else as UTF-16BE with a BOM (hex). */
export function textString(text: string): PdfValue {
  if (/^[\x20-\x7e]*$/.test(text)) return { t: 'str', raw: `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})` };
  const be = Buffer.from(text, 'utf16le').swap16();
  return { t: 'str', raw: `<FEFF${be.toString('hex').toUpperCase()}>` };
}

type XrefEntry = { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number };

interface Stream {
  dict: PdfDict;
  data: Buffer;
}

/** The newest cross-reference of a PDF and its objects. */
export class PdfFile {
  readonly s: string;
  readonly trailer: PdfDict;
  /** Offset of the newest cross-reference section (the /Prev of an update). */
  readonly startXref: number;
  readonly usesXrefStream: boolean;
  private readonly xref = new Map<number, XrefEntry>();
  private readonly objStmCache = new Map<number, { first: number; offsets: Map<number, number>; text: string }>();

  constructor(readonly bytes: Buffer) {
    if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) throw new PdfParseError('not a PDF (no %PDF- header)');
    this.s = bytes.toString('latin1');
    const tail = this.s.lastIndexOf('startxref');
    if (tail < 0) throw new PdfParseError('no startxref');
    const lx = new Lexer(this.s, tail + 'startxref'.length);
    const off = Number(lx.word());
    if (!Number.isInteger(off) || off <= 0 || off >= bytes.length) throw new PdfParseError('bad startxref offset');
    this.startXref = off;
    let trailer: PdfDict | null = null;
    let usesStream = false;
    const seen = new Set<number>();
    const queue: number[] = [off];
    while (queue.length) {
      const at = queue.shift() as number;
      if (seen.has(at) || seen.size > 500) continue;
      seen.add(at);
      const section = this.readSection(at);
      if (!trailer) {
        trailer = section.trailer;
        usesStream = section.stream;
      }
      const xs = section.trailer.entries.get('XRefStm');
      if (xs?.t === 'num') queue.unshift(Number(xs.raw));
      const prev = section.trailer.entries.get('Prev');
      if (prev?.t === 'num') queue.push(Number(prev.raw));
    }
    if (!trailer) throw new PdfParseError('no trailer');
    this.trailer = trailer;
    this.usesXrefStream = usesStream;
  }

  /** Largest object number in use + 1 (the trailer's /Size, or more if the table says so). */
  get size(): number {
    const sz = this.trailer.entries.get('Size');
    let n = sz?.t === 'num' ? Number(sz.raw) : 0;
    for (const k of this.xref.keys()) n = Math.max(n, k + 1);
    return n;
  }

  private readSection(at: number): { trailer: PdfDict; stream: boolean } {
    const lx = new Lexer(this.s, at);
    if (lx.peekWord() === 'xref') {
      lx.word();
      for (;;) {
        const w = lx.peekWord();
        if (w === 'trailer') {
          lx.word();
          const t = lx.value();
          if (t.t !== 'dict') throw new PdfParseError('trailer is not a dictionary');
          return { trailer: t, stream: false };
        }
        const start = Number(lx.word());
        const count = Number(lx.word());
        if (!Number.isInteger(start) || !Number.isInteger(count) || count < 0) throw new PdfParseError('bad xref subsection');
        for (let i = 0; i < count; i++) {
          const o = lx.word();
          const g = lx.word();
          const kind = lx.word();
          const n = start + i;
          if (kind === 'n' && !this.xref.has(n)) this.xref.set(n, { type: 1, offset: Number(o), gen: Number(g) });
          else if (kind === 'f' && !this.xref.has(n)) this.xref.set(n, { type: 1, offset: -1, gen: Number(g) });
        }
      }
    }
    // A cross-reference stream: "N G obj << /Type /XRef … >> stream … endstream"
    const obj = this.parseIndirectAt(at);
    if (!obj.stream) throw new PdfParseError('startxref does not point at a cross-reference');
    const d = obj.stream.dict;
    const w = d.entries.get('W');
    if (w?.t !== 'array' || w.items.length !== 3) throw new PdfParseError('xref stream without /W');
    const widths = w.items.map((x) => (x.t === 'num' ? Number(x.raw) : 0));
    const sizeV = d.entries.get('Size');
    const size = sizeV?.t === 'num' ? Number(sizeV.raw) : 0;
    const idx = d.entries.get('Index');
    const ranges: number[] = idx?.t === 'array' ? idx.items.map((x) => (x.t === 'num' ? Number(x.raw) : 0)) : [0, size];
    const data = this.decode(obj.stream);
    const rowLen = widths.reduce((a, b) => a + b, 0);
    const field = (row: number, i: number): number => {
      let off = row * rowLen;
      for (let k = 0; k < i; k++) off += widths[k] ?? 0;
      let v = 0;
      for (let k = 0; k < (widths[i] ?? 0); k++) v = v * 256 + (data[off + k] ?? 0);
      return v;
    };
    let row = 0;
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      const start = ranges[r] ?? 0;
      const count = ranges[r + 1] ?? 0;
      for (let i = 0; i < count; i++, row++) {
        if ((row + 1) * rowLen > data.length) break;
        const n = start + i;
        const type = widths[0] === 0 ? 1 : field(row, 0);
        if (this.xref.has(n)) continue;
        if (type === 1) this.xref.set(n, { type: 1, offset: field(row, 1), gen: field(row, 2) });
        else if (type === 2) this.xref.set(n, { type: 2, stream: field(row, 1), index: field(row, 2) });
        else this.xref.set(n, { type: 1, offset: -1, gen: 0 });
      }
    }
    return { trailer: d, stream: true };
  }

  private parseIndirectAt(at: number): { num: number; gen: number; value: PdfValue; stream: Stream | null } {
    const lx = new Lexer(this.s, at);
    const n = Number(lx.word());
    const g = Number(lx.word());
    lx.expect('obj');
    const value = lx.value();
    const after = lx.peekWord();
    if (after === 'stream' && value.t === 'dict') {
      lx.word();
      let p = lx.pos;
      if (this.s.charCodeAt(p) === 0x0d) p++;
      if (this.s.charCodeAt(p) === 0x0a) p++;
      const lenV = value.entries.get('Length');
      let len = lenV?.t === 'num' ? Number(lenV.raw) : lenV?.t === 'ref' ? this.lengthOf(lenV.num) : -1;
      if (!(len >= 0) || this.s.slice(p + len, p + len + 20).trimStart().slice(0, 9) !== 'endstream') {
        const end = this.s.indexOf('endstream', p);
        if (end < 0) throw new PdfParseError('unterminated stream');
        len = end - p;
        while (len > 0 && (this.s.charCodeAt(p + len - 1) === 0x0a || this.s.charCodeAt(p + len - 1) === 0x0d)) len--;
      }
      return { num: n, gen: g, value, stream: { dict: value, data: this.bytes.subarray(p, p + len) } };
    }
    return { num: n, gen: g, value, stream: null };
  }

  private lengthOf(objNum: number): number {
    const e = this.xref.get(objNum);
    if (e?.type !== 1 || e.offset < 0) return -1;
    const v = this.parseIndirectAt(e.offset).value;
    return v.t === 'num' ? Number(v.raw) : -1;
  }

  private decode(st: Stream): Buffer {
    const f = st.dict.entries.get('Filter');
    const filters = f === undefined ? [] : f.t === 'name' ? [f.v] : f.t === 'array' ? f.items.map((x) => (x.t === 'name' ? x.v : '?')) : ['?'];
    let data: Buffer = st.data;
    for (const name of filters) {
      if (name !== 'FlateDecode') throw new PdfParseError(`unsupported stream filter ${name}`);
      data = inflateSync(data);
    }
    const dp = st.dict.entries.get('DecodeParms');
    const parms = dp?.t === 'dict' ? dp : dp?.t === 'array' && dp.items[0]?.t === 'dict' ? dp.items[0] : null;
    const pred = parms?.entries.get('Predictor');
    const predictor = pred?.t === 'num' ? Number(pred.raw) : 1;
    if (predictor >= 10) {
      const colsV = parms?.entries.get('Columns');
      const cols = colsV?.t === 'num' ? Number(colsV.raw) : 1;
      data = unpredictPng(data, cols);
    } else if (predictor !== 1) throw new PdfParseError(`unsupported predictor ${predictor}`);
    return data;
  }

  /** Object `num` (newest version), or null when free or missing. */
  get(num: number): PdfValue | null {
    const e = this.xref.get(num);
    if (!e) return null;
    if (e.type === 1) {
      if (e.offset < 0) return null;
      return this.parseIndirectAt(e.offset).value;
    }
    const stm = this.objStm(e.stream);
    const off = stm.offsets.get(num);
    if (off === undefined) return null;
    return new Lexer(stm.text, stm.first + off).value();
  }

  generation(num: number): number {
    const e = this.xref.get(num);
    return e?.type === 1 ? e.gen : 0;
  }

  /** The value, following a reference. */
  resolve(v: PdfValue | undefined): PdfValue | null {
    if (!v) return null;
    return v.t === 'ref' ? this.get(v.num) : v;
  }

  private objStm(num: number): { first: number; offsets: Map<number, number>; text: string } {
    const cached = this.objStmCache.get(num);
    if (cached) return cached;
    const e = this.xref.get(num);
    if (e?.type !== 1 || e.offset < 0) throw new PdfParseError(`object stream ${num} missing`);
    const obj = this.parseIndirectAt(e.offset);
    if (!obj.stream) throw new PdfParseError(`object ${num} is not a stream`);
    const text = this.decode(obj.stream).toString('latin1');
    const nV = obj.stream.dict.entries.get('N');
    const fV = obj.stream.dict.entries.get('First');
    const n = nV?.t === 'num' ? Number(nV.raw) : 0;
    const first = fV?.t === 'num' ? Number(fV.raw) : 0;
    const lx = new Lexer(text, 0);
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const objNum = Number(lx.word());
      const off = Number(lx.word());
      offsets.set(objNum, off);
    }
    const out = { first, offsets, text };
    this.objStmCache.set(num, out);
    return out;
  }
}

/** Reverses the PNG row predictors (None/Sub/Up/Average/Paeth) of a Flate stream. */
function unpredictPng(data: Buffer, columns: number): Buffer {
  const rowLen = columns + 1;
  const rows = Math.floor(data.length / rowLen);
  const out = Buffer.alloc(rows * columns);
  const prev = Buffer.alloc(columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * rowLen] ?? 0;
    const cur = out.subarray(r * columns, (r + 1) * columns);
    for (let i = 0; i < columns; i++) {
      const x = data[r * rowLen + 1 + i] ?? 0;
      const a = i > 0 ? (cur[i - 1] ?? 0) : 0;
      const b = prev[i] ?? 0;
      const c = i > 0 ? (prev[i - 1] ?? 0) : 0;
      let v: number;
      switch (type) {
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + Math.floor((a + b) / 2);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          v = x;
      }
      cur[i] = v & 0xff;
    }
    cur.copy(prev);
  }
  return out;
}
