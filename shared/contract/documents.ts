import { z } from 'zod';
import { channel, R, zEmpty, zId } from './define';

export const DOCUMENT_CONTROL = ['controlled', 'uncontrolled', 'void'] as const;

export const zDocument = z.object({
  id: zId,
  docNo: z.string(),
  title: z.string(),
  kind: z.string(),
  version: z.string(),
  control: z.enum(DOCUMENT_CONTROL),
  attachmentId: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  changes: z.array(z.object({ version: z.string(), summary: z.string(), at: z.string(), by: z.string() })),
});

/** The document register (编目): manuals and other delivered documents with versions. */
export const documentChannels = {
  'documents/list': channel({ summary: 'The document register with change history.', access: R.recordsRead, mutates: false, input: zEmpty, output: z.array(zDocument) }),
  'documents/save': channel({
    summary: 'Register a document, or record a new version of one (with a change summary).',
    access: R.records,
    mutates: true,
    input: z.object({
      id: zId.optional(),
      title: z.string().trim().min(1).max(200),
      kind: z.string().trim().min(1).max(40),
      version: z.string().trim().min(1).max(20),
      control: z.enum(DOCUMENT_CONTROL),
      changeSummary: z.string().trim().min(1).max(500),
      attachmentId: zId.nullable().optional(),
    }),
    output: zDocument,
  }),
} as const;
