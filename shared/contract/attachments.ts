import { z } from 'zod';
import { channel, R, zId } from './define';

export const ATTACHMENT_ENTITIES = ['fault', 'workorder', 'problem', 'leave', 'document', 'inspection_run', 'attendance_month', 'monthly_report'] as const;
export const ATTACHMENT_ROLES = ['signed_scan', 'sick_note', 'document', 'evidence', 'other'] as const;

export const zAttachment = z.object({
  id: zId,
  linkId: zId,
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  name: z.string(),
  role: z.string(),
  addedAt: z.string().optional(),
});

/** Files travel as base64 in the call (no file paths ever come from the renderer). */
export const attachmentChannels = {
  'attachments/add': channel({
    summary: 'Attach a scan/photo/file to a record (stored by SHA-256).',
    access: R.records,
    mutates: true,
    input: z.object({
      entity: z.enum(ATTACHMENT_ENTITIES),
      entityId: zId,
      role: z.enum(ATTACHMENT_ROLES),
      name: z.string().trim().min(1).max(200),
      mime: z.string().max(120),
      dataBase64: z.string().min(4).max(28 * 1024 * 1024).regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: '文件内容编码无效' }),
    }),
    output: zAttachment,
  }),
  'attachments/list': channel({
    summary: 'Files attached to a record.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ entity: z.enum(ATTACHMENT_ENTITIES), entityId: zId }),
    output: z.array(zAttachment),
  }),
  'attachments/get': channel({
    summary: 'One attached file’s bytes (base64), checked against its digest.',
    access: R.recordsRead,
    mutates: false,
    /** linkId: read through that link, so the name is the one it was attached under. */
    input: z.object({ id: zId, linkId: zId.optional() }),
    output: z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() }),
  }),
} as const;
