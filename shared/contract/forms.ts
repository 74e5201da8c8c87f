import { z } from 'zod';
import { channel, R } from './define';

/**
 * Paper forms (electron/core/forms): one channel for every kind a feature registers —
 * 故障报告单, 运维实施工单, 日常巡检表, 考勤表 … — as an A4 PDF or an Excel file.
 */

/** A generated paper form: bytes as base64 (the browser downloads it, Electron saves/prints it). */
export const zFormFile = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });
export type FormFile = z.infer<typeof zFormFile>;
export const FORM_FORMATS = ['pdf', 'xlsx'] as const;
export const zFormFormat = z.enum(FORM_FORMATS);

export const formChannels = {
  'forms/export': channel({
    summary: 'A paper form (故障报告单, 运维实施工单, and the kinds other features register) as an A4 PDF or Excel file (base64).',
    access: R.recordsRead,
    mutates: false,
    input: z.object({
      kind: z.string().trim().min(1).max(40),
      /** The kind's own parameters, e.g. { id } for a fault or a work order. */
      params: z.record(z.string().max(40), z.string().max(200)).default({}),
      format: zFormFormat,
    }),
    output: zFormFile,
  }),
} as const;
