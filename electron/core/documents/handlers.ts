import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { documentChannels } from '../../../shared/contract/documents';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { stampNew, stampUpdate, type CallContext } from '../context';
import type { HandlerMap } from '../handler-types';
import { nextDocNo } from '../project/numbering';
import { toBizDate } from '../../../shared/time';
import { documentChanges, documents } from './schema';

type DocRow = typeof documents.$inferSelect;

function view(ctx: CallContext, d: DocRow) {
  const changes = ctx.db
    .select()
    .from(documentChanges)
    .where(and(eq(documentChanges.documentId, d.id), isNull(documentChanges.deletedAt)))
    .orderBy(desc(documentChanges.createdAt))
    .all()
    .map((c) => ({ version: c.version, summary: c.summary, at: c.createdAt, by: c.updatedBy }));
  return { id: d.id, docNo: d.docNo, title: d.title, kind: d.kind, version: d.version, control: d.control as 'controlled' | 'uncontrolled' | 'void', attachmentId: d.attachmentId, updatedAt: d.updatedAt, updatedBy: d.updatedBy, changes };
}

export const documentHandlers = {
  'documents/list': (ctx) =>
    ctx.db.select().from(documents).where(and(eq(documents.projectId, ctx.project().id), isNull(documents.deletedAt))).orderBy(asc(documents.docNo)).all().map((d) => view(ctx, d)),
  'documents/save': (ctx, input) => {
    const project = ctx.project();
    const { changeSummary, id, ...fields } = input;
    let row: DocRow;
    if (id) {
      const before = ctx.db.select().from(documents).where(and(eq(documents.id, id), isNull(documents.deletedAt))).get();
      if (!before) throw new AppError('NOT_FOUND', t('error.notFound', { what: '文档' }));
      ctx.db.update(documents).set({ ...fields, attachmentId: fields.attachmentId ?? before.attachmentId, ...stampUpdate(ctx) }).where(eq(documents.id, id)).run();
      row = ctx.db.select().from(documents).where(eq(documents.id, id)).get()!;
      ctx.track('document', id, view(ctx, before), { ...fields, changeSummary });
    } else {
      const docNo = nextDocNo(ctx.sqlite, project.id, 'document', project.settings.numbering.document ?? 'WD-{YYYY}-{SEQ:3}', toBizDate(ctx.nowIso()), { at: ctx.nowIso(), by: ctx.actor.username });
      row = { ...stampNew(ctx), projectId: project.id, docNo, ...fields, attachmentId: fields.attachmentId ?? null };
      ctx.db.insert(documents).values(row).run();
      ctx.track('document', row.id, null, { ...fields, docNo });
    }
    ctx.db.insert(documentChanges).values({ ...stampNew(ctx), documentId: row.id, version: fields.version, summary: changeSummary }).run();
    return view(ctx, row);
  },
} satisfies HandlerMap<typeof documentChannels>;
