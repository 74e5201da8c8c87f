import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { stampNew, type CallContext } from '../context';
import { attachmentLinks, attachments } from './schema';

/** Largest attachment accepted (a scan or photo of a signed form, a sick note, a manual). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const ALLOWED_MIME = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain']);

/** Where a blob lives: <dataDir>/attachments/ab/cdef… (content-addressed by SHA-256). */
export function blobPath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad sha256');
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256.slice(2));
}

/** Checks the first bytes against the declared type, so a renamed executable is refused. */
function sniff(bytes: Buffer, mime: string): boolean {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (mime) {
    case 'application/pdf':
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'image/jpeg':
      return starts([0xff, 0xd8, 0xff]);
    case 'image/png':
      return starts([0x89, 0x50, 0x4e, 0x47]);
    case 'image/tiff':
      return starts([0x49, 0x49, 0x2a, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2a]);
    default:
      return true;
  }
}

/**
 * Stores bytes (written to a temp file, fsynced, renamed: never a partial blob) and links
 * them to a record. Same content twice is stored once.
 */
export function addAttachment(ctx: CallContext, input: { entity: string; entityId: string; role: string; name: string; mime: string; bytes: Buffer }) {
  if (input.bytes.length === 0 || input.bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError('VALIDATION', `附件大小须在 1 字节到 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB 之间。`);
  }
  if (!ALLOWED_MIME.has(input.mime) || !sniff(input.bytes, input.mime)) {
    throw new AppError('VALIDATION', '附件类型不受支持或与文件内容不符（支持 PDF、JPEG、PNG、TIFF、Word、Excel、文本）。');
  }
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  const file = blobPath(ctx.dataDir, sha256);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, input.bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }
  let att = ctx.db.select().from(attachments).where(eq(attachments.sha256, sha256)).get();
  if (!att) {
    att = { ...stampNew(ctx), sha256, size: input.bytes.length, mime: input.mime, originalName: input.name.slice(0, 200) };
    ctx.db.insert(attachments).values(att).run();
  }
  const name = input.name.slice(0, 200);
  const link = { ...stampNew(ctx), attachmentId: att.id, entity: input.entity, entityId: input.entityId, role: input.role, name };
  ctx.db.insert(attachmentLinks).values(link).run();
  ctx.track('attachment', att.id, null, { sha256, size: att.size, entity: input.entity, entityId: input.entityId, role: input.role });
  return { id: att.id, linkId: link.id, sha256, size: att.size, mime: att.mime, name, role: input.role };
}

/** The name a file was attached under on its link (links made before names were kept: the first name). */
export const linkName = sql<string>`coalesce(${attachmentLinks.name}, ${attachments.originalName})`;

export function listAttachments(ctx: Pick<CallContext, 'db'>, entity: string, entityId: string) {
  return ctx.db
    .select({ id: attachments.id, linkId: attachmentLinks.id, sha256: attachments.sha256, size: attachments.size, mime: attachments.mime, name: linkName, role: attachmentLinks.role, addedAt: attachmentLinks.createdAt })
    .from(attachmentLinks)
    .innerJoin(attachments, eq(attachments.id, attachmentLinks.attachmentId))
    .where(and(eq(attachmentLinks.entity, entity), eq(attachmentLinks.entityId, entityId), isNull(attachmentLinks.deletedAt)))
    .all();
}

/** Reads a blob back and checks its digest (a damaged blob is an error, never silent). */
export function readAttachment(dataDir: string, sha256: string): Buffer {
  const bytes = fs.readFileSync(blobPath(dataDir, sha256));
  const got = crypto.createHash('sha256').update(bytes).digest('hex');
  if (got !== sha256) throw new AppError('IO', `附件内容校验失败（${sha256.slice(0, 12)}…）。`);
  return bytes;
}
