/**
 * Reading a file back from the drive it was just written to, past the page cache: on Linux the
 * file is opened with O_DIRECT, so each read goes to the device (the kernel first writes back
 * any dirty pages of the range, then reads from the drive; a drive's own cache is beyond
 * reach). Otherwise a plain read would be served from the pages the copy itself just filled,
 * and would not prove the bytes reached the drive.
 *
 * O_DIRECT wants the buffer address, the file offset and the length aligned to the device's
 * logical block size. Offsets and lengths are multiples of 1 MiB here (a short read at the end
 * of the file is allowed); the buffer is a WebAssembly.Memory, which V8 maps page-aligned, so
 * it is 4096-aligned whatever the device's block size (512 or 4096).
 *
 * A filesystem that refuses O_DIRECT (EINVAL: ramfs, some FUSE and network filesystems, tmpfs
 * before Linux 6.6) and systems without the flag (Windows) are read normally; the reader
 * counts which way every file was read so the result can say so.
 */
import { constants, createReadStream, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';

export type ReadBackMode = 'direct' | 'page-cache' | 'mixed';

/** Bytes per read: a multiple of every logical block size in use (512, 4096). */
const CHUNK = 1 << 20;
/** A WebAssembly page is 64 KiB. */
const WASM_PAGE = 64 * 1024;

function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
}

export class DirectReader {
  /** Files read with O_DIRECT / through the page cache. */
  direct = 0;
  cached = 0;
  /** Why the last file read through the page cache was not read directly. */
  reason: string | null = null;
  private buf: Buffer | null = null;
  private lock: Promise<void> = Promise.resolve();

  /** O_DIRECT exists here (Linux); elsewhere every file is read through the page cache. */
  static readonly supported = typeof constants.O_DIRECT === 'number' && constants.O_DIRECT > 0;

  get mode(): ReadBackMode {
    if (this.cached === 0) return 'direct';
    return this.direct === 0 ? 'page-cache' : 'mixed';
  }

  private aligned(): Buffer {
    this.buf ??= Buffer.from(new WebAssembly.Memory({ initial: CHUNK / WASM_PAGE, maximum: CHUNK / WASM_PAGE }).buffer);
    return this.buf;
  }

  /** A stream of the file's bytes, read past the page cache when the filesystem allows it. */
  open = (file: string): Readable => Readable.from(this.chunks(file), { objectMode: false });

  /** The whole file (small files: the tests). */
  async read(file: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const c of this.chunks(file)) parts.push(c);
    return Buffer.concat(parts);
  }

  private async *cachedChunks(file: string, reason: string): AsyncGenerator<Buffer> {
    this.cached++;
    this.reason = reason;
    for await (const c of createReadStream(file, { highWaterMark: CHUNK })) yield c as Buffer;
  }

  private async *chunks(file: string): AsyncGenerator<Buffer> {
    if (!DirectReader.supported) {
      yield* this.cachedChunks(file, 'O_DIRECT unsupported on this system');
      return;
    }
    let fh: FileHandle;
    try {
      fh = await fsp.open(file, constants.O_RDONLY | constants.O_DIRECT);
    } catch (e) {
      if (errCode(e) !== 'EINVAL') throw e;
      yield* this.cachedChunks(file, 'the filesystem refuses O_DIRECT (EINVAL)');
      return;
    }
    try {
      let pos = 0;
      for (;;) {
        let chunk: Buffer;
        try {
          chunk = await this.readAt(fh, pos);
        } catch (e) {
          // Refused at the first read (some filesystems accept the flag but not the I/O).
          if (pos === 0 && errCode(e) === 'EINVAL') {
            await fh.close();
            yield* this.cachedChunks(file, 'the filesystem refuses O_DIRECT reads (EINVAL)');
            return;
          }
          throw e;
        }
        if (pos === 0) this.direct++;
        if (chunk.length) yield chunk;
        pos += chunk.length;
        if (chunk.length < CHUNK) break;
      }
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  /** One aligned read into the shared buffer, copied out (reads of concurrent streams take turns). */
  private readAt(fh: FileHandle, pos: number): Promise<Buffer> {
    const run = this.lock.then(async () => {
      const buf = this.aligned();
      let n = 0;
      // A read may return less than asked before the end (signals); continue at the aligned offset.
      while (n < CHUNK) {
        const { bytesRead } = await fh.read(buf, n, CHUNK - n, pos + n);
        if (bytesRead === 0) break;
        n += bytesRead;
        if (n % 4096 !== 0) break; // a short, unaligned count only happens at the end of the file
      }
      return Buffer.from(buf.subarray(0, n));
    });
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
