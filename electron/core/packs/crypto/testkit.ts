/** Test support for the pack crypto tests (not a test file itself). */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { SigningIdentity } from './identity';
import { addSignaturePlaceholder, pdfkitToBuffer, signPdf } from './pdfsign';
import type { PackMeta } from './types';

export { tempDir } from '../../test-tmp';

export const CJK_FONT = path.resolve('node_modules/node-source-han-sans-sc/SourceHanSansSC-Regular.otf');
let cjkFont: Buffer | null = null;
/** The CJK font read once per process (STACK.md: load and register each face once). */
function font(): Buffer {
  cjkFont ??= fs.readFileSync(CJK_FONT);
  return cjkFont;
}

export const SAMPLE_META: PackMeta = {
  kind: 'monthly',
  period: '2024-06',
  project: '徐州市公共信用信息系统平台运维',
  createdAt: '2024-07-01T02:30:00.000Z',
  softwareVersion: '0.1.0',
};

export const SIGNING_TIME = new Date('2024-07-01T02:29:00.000Z');

/** A pdfkit PDF with a signature placeholder, signed by `identity`. */
export async function signedPdf(identity: SigningIdentity, title: string, opts: { cjk?: boolean; pages?: number } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: title, CreationDate: SIGNING_TIME } });
  if (opts.cjk) {
    doc.registerFont('cjk', font());
    doc.font('cjk');
  } else doc.font('Helvetica');
  for (let p = 0; p < (opts.pages ?? 1); p++) {
    if (p > 0) doc.addPage();
    doc.fontSize(16).text(title).moveDown().fontSize(11).text(`第 ${p + 1} 页 page ${p + 1}`);
  }
  addSignaturePlaceholder(doc, { name: '驻场工程师 张三', location: '江苏省徐州市', contactInfo: 'ops@example.invalid', signingTime: SIGNING_TIME });
  return signPdf(await pdfkitToBuffer(doc), identity, { signingTime: SIGNING_TIME });
}

export async function sampleXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('部门信息归集');
  ws.addRow(['部门名称', '提供文件数量', '原始记录数']);
  ws.addRow(['市场监管局', 12, 3456]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Relative paths of the sample pack members. */
export const SAMPLE = {
  report: '月报/2024-06 月度运维报告.pdf',
  workorder: '工单/WO-2024-0601.pdf',
  xlsx: '统计/部门信息归集统计表.xlsx',
  scan: '扫描件/考勤表-甲方确认.jpg',
} as const;

/** Writes the sample pack contents (not yet sealed) into `folder`. */
export async function writeSampleContents(folder: string, identity: SigningIdentity): Promise<void> {
  const put = (rel: string, data: Buffer): void => {
    const abs = path.join(folder, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, data);
  };
  put(SAMPLE.report, await signedPdf(identity, '2024年6月 月度运维报告', { cjk: true, pages: 2 }));
  put(SAMPLE.workorder, await signedPdf(identity, 'Work order WO-2024-0601'));
  put(SAMPLE.xlsx, await sampleXlsx());
  put(SAMPLE.scan, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300 * 1024), Buffer.from([0xff, 0xd9])]));
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], cwd?: string): RunResult {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function copyDir(src: string, dst: string): string {
  fs.cpSync(src, dst, { recursive: true });
  return dst;
}

/** Inverts one byte of a file (default: the middle one). */
export function flipByte(file: string, offset?: number): void {
  const b = fs.readFileSync(file);
  const at = offset ?? Math.floor(b.length / 2);
  b[at] = (b[at] ?? 0) ^ 0xff;
  fs.writeFileSync(file, b);
}

export interface CraftEntry {
  name: string | Buffer;
  data: Buffer;
  /** General purpose flags (0x800 = UTF-8 names). Default 0x800. */
  flags?: number;
  /** Point the central directory at the local header of entry N (overlap bomb). */
  sameDataAs?: number;
  /** Declared uncompressed size in the central directory (lie for bomb tests). */
  declaredSize?: number;
  /** Deflate instead of store. */
  deflate?: boolean;
}

/** A minimal zip writer for hostile test inputs yazl refuses to make. */
export function craftZip(entries: readonly CraftEntry[]): Buffer {
  const packed = entries.map((e) => (e.deflate ? deflateRawSync(e.data) : e.data));
  const locals: Buffer[] = [];
  const offsets: number[] = [];
  let pos = 0;
  const names = entries.map((e) => (typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name));
  entries.forEach((e, i) => {
    const name = names[i] ?? Buffer.alloc(0);
    if (e.sameDataAs !== undefined) {
      offsets.push(offsets[e.sameDataAs] ?? 0);
      return;
    }
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.flags ?? 0x800, 6);
    const body = packed[i] ?? e.data;
    h.writeUInt16LE(e.deflate ? 8 : 0, 8);
    h.writeUInt32LE(0x00210000, 10); // 1980-01-01
    h.writeUInt32LE(crc32(e.data), 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(e.data.length, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    offsets.push(pos);
    locals.push(h, name, body);
    pos += 30 + name.length + body.length;
  });
  const central: Buffer[] = [];
  let cdSize = 0;
  entries.forEach((e, i) => {
    const name = names[i] ?? Buffer.alloc(0);
    const srcIndex = e.sameDataAs ?? i;
    const src = entries[srcIndex];
    const data = src?.data ?? Buffer.alloc(0);
    const body = packed[srcIndex] ?? data;
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.flags ?? 0x800, 8);
    c.writeUInt16LE(src?.deflate ? 8 : 0, 10);
    c.writeUInt32LE(0x00210000, 12);
    c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(e.declaredSize ?? data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offsets[i] ?? 0, 42);
    central.push(c, name);
    cdSize += 46 + name.length;
  });
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(pos, 16);
  return Buffer.concat([...locals, ...central, end]);
}

export interface CaFiles {
  caPem: string;
  p12: string;
  leafPem: string;
  leafKey: string;
}

/**
 * A CA and a leaf certificate it issued (Chinese names, UTF-8), exported as a PKCS#12 with
 * the chain, by openssl 3 with its default (AES-256, PBKDF2-SHA256, SHA-256 MAC) encryption.
 */
export function makeCaP12(dir: string, passphrase: string, opts: { leafDays?: number; keyUsage?: string; ec?: boolean; noKeys?: boolean } = {}): CaFiles {
  const f = (n: string): string => path.join(dir, n);
  const must = (args: string[]): void => {
    const r = run('openssl', args, dir);
    if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  must(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '3650', '-utf8', '-subj', '/CN=测试根证书 CA/O=测试数字认证中心']);
  const keyArgs = opts.ec ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  must(['req', '-new', ...keyArgs, '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-utf8', '-subj', '/CN=徐州信用平台运维组/O=南京莱斯信息技术股份有限公司']);
  fs.writeFileSync(f('ext.cnf'), `basicConstraints=CA:FALSE\nkeyUsage=critical,${opts.keyUsage ?? 'digitalSignature,nonRepudiation'}\n`);
  must(['x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', String(opts.leafDays ?? 365), '-extfile', f('ext.cnf')]);
  const exportArgs = opts.noKeys
    ? ['pkcs12', '-export', '-nokeys', '-in', f('leaf.pem'), '-certfile', f('ca.pem'), '-out', f('leaf.p12'), '-passout', `pass:${passphrase}`]
    : ['pkcs12', '-export', '-inkey', f('leaf.key'), '-in', f('leaf.pem'), '-certfile', f('ca.pem'), '-out', f('leaf.p12'), '-passout', `pass:${passphrase}`];
  must(exportArgs);
  return { caPem: f('ca.pem'), p12: f('leaf.p12'), leafPem: f('leaf.pem'), leafKey: f('leaf.key') };
}
