import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Sm3 } from './sm3';

export interface StreamDigest {
  size: number;
  sha256: string;
  sm3: string;
  /** The whole content, when asked for and not larger than `keepUpTo`. */
  bytes: Buffer | null;
}

/**
 * Hashes a stream with SHA-256 and SM3 in one pass. Keeps the bytes in memory only when
 * `keepUpTo` is given and the stream stays within it. Stops with an error past `maxBytes`.
 */
export async function digestStream(stream: Readable, opts: { keepUpTo?: number; maxBytes?: number } = {}): Promise<StreamDigest> {
  const sha = createHash('sha256');
  const sm3 = new Sm3();
  let size = 0;
  let kept: Buffer[] | null = opts.keepUpTo !== undefined ? [] : null;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (opts.maxBytes !== undefined && size > opts.maxBytes) {
      stream.destroy();
      throw new Error(`larger than ${opts.maxBytes} bytes`);
    }
    sha.update(buf);
    sm3.update(buf);
    if (kept) {
      if (size <= (opts.keepUpTo ?? 0)) kept.push(buf);
      else kept = null;
    }
  }
  return { size, sha256: sha.digest('hex'), sm3: sm3.digestHex(), bytes: kept ? Buffer.concat(kept) : null };
}

export function digestFile(file: string, opts: { keepUpTo?: number } = {}): Promise<StreamDigest> {
  return digestStream(createReadStream(file, { highWaterMark: 1 << 20 }), opts);
}
