import { z } from 'zod';
import { channel, R } from './define';

/**
 * Large files from the renderer (a received pack .zip of hundreds of MB) travel in chunks into
 * a temp file of the core, so no single call is large (the bridge caps bodies at 8 MB), memory
 * stays bounded, and the page can show progress and cancel. Other channels then take the
 * upload's id instead of the bytes. No file path ever comes from the renderer.
 */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_CHUNK_BASE64 = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;

export const zUploadId = z.string().regex(/^[0-9a-f]{32}$/, { message: '上传编号无效' });

export const uploadChannels = {
  'uploads/begin': channel({
    summary: 'Start a chunked upload of one file (name and size); returns its id and the chunk size.',
    access: R.anyone,
    mutates: false,
    input: z.object({ fileName: z.string().trim().min(1).max(255), size: z.number().int().min(1).max(MAX_UPLOAD_BYTES) }),
    output: z.object({ id: zUploadId, chunkBytes: z.number().int() }),
  }),
  'uploads/chunk': channel({
    summary: 'Append the next chunk (base64) at the given offset; chunks must come in order.',
    access: R.anyone,
    mutates: false,
    input: z.object({
      id: zUploadId,
      offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
      dataBase64: z.string().min(4).max(MAX_CHUNK_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: '文件内容编码无效' }),
    }),
    output: z.object({ received: z.number().int(), complete: z.boolean() }),
  }),
  'uploads/discard': channel({
    summary: 'Drop an unfinished or unused upload (cancel).',
    access: R.anyone,
    mutates: false,
    input: z.object({ id: zUploadId }),
    output: z.object({ discarded: z.boolean() }),
  }),
} as const;

