import { eq } from 'drizzle-orm';
import type { attachmentChannels } from '../../../shared/contract/attachments';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { HandlerMap } from '../handler-types';
import type { PolicyRows } from '../accounts/policy-types';
import { attachments } from './schema';
import { addAttachment, listAttachments, readAttachment } from './service';

export const attachmentHandlers = {
  'attachments/add': (ctx, input) => addAttachment(ctx, { ...input, bytes: Buffer.from(input.dataBase64, 'base64') }),
  'attachments/list': (ctx, input) => listAttachments(ctx, input.entity, input.entityId),
  'attachments/get': (ctx, input) => {
    const a = ctx.db.select().from(attachments).where(eq(attachments.id, input.id)).get();
    if (!a) throw new AppError('NOT_FOUND', t('error.notFound', { what: '附件' }));
    return { name: a.originalName, mime: a.mime, dataBase64: readAttachment(ctx.dataDir, a.sha256).toString('base64') };
  },
} satisfies HandlerMap<typeof attachmentChannels>;

export const attachmentPolicy: PolicyRows = { 'attachments/add': 'em', 'attachments/list': 'aem', 'attachments/get': 'aem' };
