/**
 * Chunked uploads (see shared/contract/uploads.ts): a temp file per upload under
 * <dataDir>/tmp/uploads, owned by the user who began it, appended in order, deleted by
 * discard, by its consumer, or after a day. Nothing here touches the database.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from '../../../shared/contract/uploads';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CallContext } from '../context';

const STALE_MS = 24 * 3_600_000;
/** Room kept free on the data disk beyond the upload itself. */
const HEADROOM = 64 * 1024 * 1024;

interface Meta {
  owner: string;
  fileName: string;
  size: number;
  createdAt: string;
}

export interface CompletedUpload {
  id: string;
  file: string;
  fileName: string;
  size: number;
}

type Ctx = Pick<CallContext, 'dataDir' | 'actor' | 'nowIso'>;

function dirOf(ctx: Pick<CallContext, 'dataDir'>): string {
  return path.join(ctx.dataDir, 'tmp', 'uploads');
}

function paths(ctx: Pick<CallContext, 'dataDir'>, id: string): { meta: string; part: string } {
  if (!/^[0-9a-f]{32}$/.test(id)) throw new AppError('VALIDATION', t('upload.notFound'));
  const dir = dirOf(ctx);
  return { meta: path.join(dir, `${id}.json`), part: path.join(dir, `${id}.part`) };
}

function ownerOf(ctx: Ctx): string {
  return ctx.actor.userId ?? ctx.actor.username;
}

async function readMeta(ctx: Ctx, id: string): Promise<{ meta: Meta; part: string; metaFile: string }> {
  const p = paths(ctx, id);
  let meta: Meta;
  try {
    meta = JSON.parse(await fsp.readFile(p.meta, 'utf8')) as Meta;
  } catch {
    throw new AppError('NOT_FOUND', t('upload.notFound'));
  }
  // Another user's upload is as good as absent.
  if (meta.owner !== ownerOf(ctx)) throw new AppError('NOT_FOUND', t('upload.notFound'));
  return { meta, part: p.part, metaFile: p.meta };
}

async function sweepStale(dir: string, now: number): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const f = path.join(dir, n);
    try {
      const st = await fsp.stat(f);
      if (now - st.mtimeMs > STALE_MS) await fsp.rm(f, { force: true });
    } catch {
      // Gone meanwhile.
    }
  }
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export async function beginUpload(ctx: Ctx, input: { fileName: string; size: number }): Promise<{ id: string; chunkBytes: number }> {
  if (input.size > MAX_UPLOAD_BYTES) throw new AppError('VALIDATION', t('upload.tooLarge', { size: mb(input.size), max: mb(MAX_UPLOAD_BYTES) }));
  const dir = dirOf(ctx);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  await sweepStale(dir, Date.parse(ctx.nowIso()));
  const st = await fsp.statfs(dir);
  const free = st.bavail * st.bsize;
  if (free < input.size + HEADROOM) throw new AppError('IO', t('upload.diskFull', { need: mb(input.size), free: mb(free) }));
  const id = randomBytes(16).toString('hex');
  const p = paths(ctx, id);
  const meta: Meta = { owner: ownerOf(ctx), fileName: path.basename(input.fileName), size: input.size, createdAt: ctx.nowIso() };
  await fsp.writeFile(p.part, Buffer.alloc(0), { flag: 'wx', mode: 0o600 });
  await fsp.writeFile(p.meta, JSON.stringify(meta), { flag: 'wx', mode: 0o600 });
  return { id, chunkBytes: UPLOAD_CHUNK_BYTES };
}

/** Chunks of one upload are appended one at a time (two calls with the same offset must not both append). */
const appending = new Map<string, Promise<unknown>>();

export function appendChunk(ctx: Ctx, input: { id: string; offset: number; dataBase64: string }): Promise<{ received: number; complete: boolean }> {
  const prev = appending.get(input.id) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => appendNow(ctx, input));
  appending.set(input.id, next);
  void next.finally(() => {
    if (appending.get(input.id) === next) appending.delete(input.id);
  }).catch(() => undefined);
  return next;
}

async function appendNow(ctx: Ctx, input: { id: string; offset: number; dataBase64: string }): Promise<{ received: number; complete: boolean }> {
  const { meta, part } = await readMeta(ctx, input.id);
  const have = (await fsp.stat(part)).size;
  if (input.offset !== have) throw new AppError('CONFLICT', t('upload.outOfOrder', { expected: have, got: input.offset }));
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0 || bytes.length > UPLOAD_CHUNK_BYTES) throw new AppError('VALIDATION', t('upload.badChunk'));
  if (have + bytes.length > meta.size) throw new AppError('VALIDATION', t('upload.overrun', { size: meta.size }));
  await fsp.appendFile(part, bytes);
  const received = have + bytes.length;
  return { received, complete: received === meta.size };
}

export async function discardUpload(ctx: Ctx, id: string): Promise<{ discarded: boolean }> {
  let found: { part: string; metaFile: string };
  try {
    found = await readMeta(ctx, id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { discarded: false };
    throw e;
  }
  await fsp.rm(found.part, { force: true });
  await fsp.rm(found.metaFile, { force: true });
  return { discarded: true };
}

/** A finished upload of the caller, for a consumer that deletes it (discardUpload) when done. */
export async function completedUpload(ctx: Ctx, id: string): Promise<CompletedUpload> {
  const { meta, part } = await readMeta(ctx, id);
  const size = (await fsp.stat(part)).size;
  if (size !== meta.size) throw new AppError('VALIDATION', t('upload.incomplete', { received: mb(size), size: mb(meta.size) }));
  return { id, file: part, fileName: meta.fileName, size };
}
