import { and, eq } from 'drizzle-orm';
import type { attachmentChannels } from '../../../shared/contract/attachments';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { HandlerMap } from '../handler-types';
import type { PolicyRows } from '../accounts/policy-types';
import { attachmentLinks, attachments } from './schema';
import { addAttachment, linkName, listAttachments, readAttachment } from './service';

export const attachmentHandlers = {
  'attachments/add': (ctx, input) => addAttachment(ctx, { ...input, bytes: Buffer.from(input.dataBase64, 'base64') }),
  'attachments/list': (ctx, input) => listAttachments(ctx, input.entity, input.entityId),
  'attachments/get': (ctx, input) => {
    const a = ctx.db.select().from(attachments).where(eq(attachments.id, input.id)).get();
    if (!a) throw new AppError('NOT_FOUND', t('error.notFound', { what: '附件' }));
    // Through a link, the name it was attached under (the same bytes may be attached under two names).
    const link = input.linkId
      ? ctx.db.select({ name: linkName }).from(attachmentLinks).innerJoin(attachments, eq(attachments.id, attachmentLinks.attachmentId)).where(and(eq(attachmentLinks.id, input.linkId), eq(attachmentLinks.attachmentId, a.id))).get()
      : undefined;
    if (input.linkId && !link) throw new AppError('NOT_FOUND', t('error.notFound', { what: '附件' }));
    return { name: link?.name ?? a.originalName, mime: a.mime, dataBase64: readAttachment(ctx.dataDir, a.sha256).toString('base64') };
  },
} satisfies HandlerMap<typeof attachmentChannels>;

export const attachmentPolicy: PolicyRows = { 'attachments/add': 'em', 'attachments/list': 'aem', 'attachments/get': 'aem' };
