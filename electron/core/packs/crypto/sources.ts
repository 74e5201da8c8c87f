/**
 * Read-only views of a pack to verify: a folder, or a zip read in place with yauzl (never
 * extracted). Both list members by safe posix path; unsafe or refused members become
 * problems, and a zip that cannot be read or trips the bomb limits throws PackReadError.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { PackReadError, errorText } from './errors';
import { MANIFEST_FILE, isOsMetadataPath, unsafePathReason } from './format';
import { walkFiles } from './fsutil';
import { msg } from './messages';
import type { PackProblem } from './types';

export interface VerifyLimits {
  /** Most entries a zip may declare. */
  maxEntries: number;
  /** Largest single member (declared size for zips). */
  maxEntryBytes: number;
  /** Largest sum of declared member sizes of a zip. */
  maxTotalBytes: number;
  /** Members over 64 MiB may not be compressed more than this ratio (zip bombs). */
  maxCompressionRatio: number;
  maxManifestBytes: number;
  /** PDFs up to this size have their embedded signatures checked. */
  maxPdfCheckBytes: number;
}

export const DEFAULT_LIMITS: VerifyLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 16 * 1024 ** 3,
  maxTotalBytes: 64 * 1024 ** 3,
  maxCompressionRatio: 500,
  maxManifestBytes: 64 * 1024 ** 2,
  maxPdfCheckBytes: 256 * 1024 ** 2,
};

export interface SourceEntry {
  path: string;
  size: number;
  open(): Promise<Readable>;
}

export interface PackSource {
  kind: 'folder' | 'zip';
  entries: Map<string, SourceEntry>;
  problems: PackProblem[];
  warnings: string[];
  close(): void;
}

/** Opens a file of a folder pack for reading (default: a plain read stream). */
export type FileOpener = (abs: string) => Readable | Promise<Readable>;

const plainOpen: FileOpener = (abs) => createReadStream(abs, { highWaterMark: 1 << 20 });

export async function openFolderSource(root: string, open: FileOpener = plainOpen): Promise<PackSource> {
  const problems: PackProblem[] = [];
  const warnings: string[] = [];
  const entries = new Map<string, SourceEntry>();
  let walked;
  try {
    walked = await walkFiles(root);
  } catch (err) {
    throw new PackReadError('io', msg.ioError(root, errorText(err)), { cause: err });
  }
  for (const s of walked.special) problems.push({ kind: 'unreadable', path: s, message: msg.symlink(s) });
  for (const f of walked.files) {
    if (isOsMetadataPath(f.path)) {
      warnings.push(msg.ignoredOsFile(f.path));
      continue;
    }
    const why = unsafePathReason(f.path);
    if (why) {
      problems.push({ kind: 'unreadable', path: f.path, message: msg.unsafeName(f.path, why) });
      continue;
    }
    entries.set(f.path, { path: f.path, size: f.size, open: async () => open(f.abs) });
  }
  return { kind: 'folder', entries, problems, warnings, close: () => undefined };
}

export async function openZipSource(file: string, limits: VerifyLimits): Promise<PackSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
  } catch (err) {
    throw new PackReadError('zip_invalid', msg.zipInvalid(file, errorText(err)), { cause: err });
  }
  const close = (): void => {
    if (zip.isOpen) zip.close();
  };
  try {
    if (zip.entryCount > limits.maxEntries) throw new PackReadError('zip_limits', msg.zipTooManyEntries(zip.entryCount, limits.maxEntries));
    const raw: yauzl.Entry[] = [];
    try {
      for await (const e of zip.eachEntry()) raw.push(e);
    } catch (err) {
      throw new PackReadError('zip_invalid', msg.zipInvalid(file, errorText(err)), { cause: err });
    }
    checkOverlaps(raw);
    const declared = raw.reduce((n, e) => n + e.uncompressedSize, 0);
    if (declared > limits.maxTotalBytes) throw new PackReadError('zip_limits', msg.zipTooLarge(limits.maxTotalBytes));

    const problems: PackProblem[] = [];
    const warnings: string[] = [];
    const named: { name: string; entry: yauzl.Entry }[] = [];
    for (const e of raw) {
      const name = decodeName(e);
      if (name.endsWith('/')) {
        const why = unsafePathReason(name.slice(0, -1));
        if (why && name !== '/') problems.push({ kind: 'unreadable', path: name, message: msg.unsafeName(name, why) });
        continue;
      }
      named.push({ name, entry: e });
    }
    const prefix = commonPackPrefix(named.map((n) => n.name));
    const entries = new Map<string, SourceEntry>();
    for (const { name: fullName, entry } of named) {
      const name = fullName.slice(prefix.length);
      const why = unsafePathReason(fullName) ?? unsafePathReason(name);
      if (why) {
        problems.push({ kind: 'unreadable', path: fullName, message: msg.unsafeName(fullName, why) });
        continue;
      }
      if (isOsMetadataPath(name)) {
        warnings.push(msg.ignoredOsFile(name));
        continue;
      }
      if (entries.has(name)) {
        problems.push({ kind: 'unreadable', path: name, message: msg.duplicateName(name) });
        continue;
      }
      if (entry.isEncrypted()) {
        problems.push({ kind: 'unreadable', path: name, message: msg.encrypted(name) });
        continue;
      }
      if (!entry.canDecodeFileData()) {
        problems.push({ kind: 'unreadable', path: name, message: msg.unsupportedCompression(name) });
        continue;
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.maxEntryBytes || (entry.uncompressedSize > 64 * 1024 ** 2 && ratio > limits.maxCompressionRatio)) {
        problems.push({ kind: 'unreadable', path: name, message: msg.entryTooLarge(name, limits.maxEntryBytes) });
        continue;
      }
      entries.set(name, { path: name, size: entry.uncompressedSize, open: () => zip.openReadStreamPromise(entry) });
    }
    return { kind: 'zip', entries, problems, warnings, close };
  } catch (err) {
    close();
    throw err;
  }
}

/** Rejects entries whose data overlap (the "overlapping files" zip bomb). */
function checkOverlaps(entries: readonly yauzl.Entry[]): void {
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 0; i + 1 < byOffset.length; i++) {
    const cur = byOffset[i];
    const next = byOffset[i + 1];
    if (!cur || !next) continue;
    // A local header is at least 30 bytes plus the name.
    if (cur.relativeOffsetOfLocalHeader + 30 + cur.fileNameLength + cur.compressedSize > next.relativeOffsetOfLocalHeader) {
      throw new PackReadError('zip_limits', msg.zipOverlap);
    }
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
let gbk: TextDecoder | null | undefined;

/**
 * Entry name: UTF-8 when flagged (or given in an Info-ZIP Unicode Path field); otherwise
 * UTF-8 if it decodes, else GBK (zips made by Chinese Windows tools), else CP437.
 */
function decodeName(e: yauzl.Entry): string {
  const raw = e.fileNameRaw;
  const flagged = (e.generalPurposeBitFlag & 0x800) !== 0 || e.extraFields.some((f) => f.id === 0x7075);
  if (flagged || raw.every((b) => b < 0x80)) return yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, true);
  try {
    return utf8Strict.decode(raw);
  } catch {
    // not UTF-8
  }
  if (gbk === undefined) {
    try {
      gbk = new TextDecoder('gbk');
    } catch {
      gbk = null;
    }
  }
  return gbk ? gbk.decode(raw) : yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, raw, e.extraFields, true);
}

/** `name/` when the zip holds one folder with the pack in it (manifest.json not at the root). */
function commonPackPrefix(names: readonly string[]): string {
  if (names.includes(MANIFEST_FILE)) return '';
  const firsts = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')));
  if (firsts.size !== 1) return '';
  const [only] = [...firsts];
  return only && names.includes(`${only}${MANIFEST_FILE}`) ? only : '';
}

/** Folder, zip, or a typed error saying why neither can be read. */
export async function openSource(input: string, limits: VerifyLimits, open?: FileOpener): Promise<PackSource> {
  let st;
  try {
    st = await fsp.stat(input);
  } catch (err) {
    const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PackReadError('not_found', msg.notFound(input), { cause: err });
    throw new PackReadError('io', msg.ioError(input, errorText(err)), { cause: err });
  }
  if (st.isDirectory()) return openFolderSource(input, open);
  if (st.isFile()) return openZipSource(input, limits);
  throw new PackReadError('not_a_pack', msg.notAPack(input));
}
