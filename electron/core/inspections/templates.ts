/**
 * Inspection templates: the six forms of DOMAIN.md §3 as data, seeded for a project from
 * resources/inspection-templates.json. A template's `title` holds the key of its title in
 * settings.formTitles (so the titles stay editable project data); `{平台名称}` is replaced by
 * the project's platform name when printed.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Project } from '../../../shared/contract/project';
import { CADENCES, zAspect, zTemplateLayout, type ItemDef, type Template, type TemplateLayout } from '../../../shared/contract/inspections';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { newId, type CallContext } from '../context';
import type { Db } from '../db/open';
import { readResourceJson } from '../resources';
import { inspectionTemplates } from './schema';

const zSeed = z.object({
  aspects: z.record(zAspect, z.string()),
  templates: z.array(z.object({ code: z.string(), titleKey: z.string(), formKind: z.string(), cadence: z.enum(CADENCES), layout: zTemplateLayout })),
});
export type TemplateSeed = z.infer<typeof zSeed>;

let cachedSeed: TemplateSeed | null = null;
export function readTemplateSeed(): TemplateSeed {
  cachedSeed ??= zSeed.parse(readResourceJson('inspection-templates.json'));
  return cachedSeed;
}

/** Adds the templates a project lacks (by code). Returns how many were added. Call inside a transaction. */
export function seedInspectionTemplates(db: Db, projectId: string, at: string, by = 'system:seed'): number {
  const have = new Set(
    db
      .select({ code: inspectionTemplates.code })
      .from(inspectionTemplates)
      .where(eq(inspectionTemplates.projectId, projectId))
      .all()
      .map((r) => r.code),
  );
  let n = 0;
  for (const tpl of readTemplateSeed().templates) {
    if (have.has(tpl.code)) continue;
    db.insert(inspectionTemplates)
      .values({ id: newId(), createdAt: at, updatedAt: at, updatedBy: by, projectId, code: tpl.code, title: tpl.titleKey, formKind: tpl.formKind, cadence: tpl.cadence, layout: tpl.layout })
      .run();
    n++;
  }
  return n;
}

/** A form title from settings.formTitles: `{平台名称}` → the platform name. */
export function formTitle(project: Project, key: string, fallback = key): string {
  const tpl = project.settings.formTitles[key] ?? fallback;
  return tpl.replaceAll('{平台名称}', project.platformName);
}

type Head = Pick<typeof inspectionTemplates.$inferSelect, 'id' | 'code' | 'title' | 'formKind' | 'cadence' | 'updatedAt'>;

/**
 * Validated layouts by template id and version (updated_at). Checking a layout against the
 * schema was a fifth of a runs-list call; a template changes only through a write that moves
 * its updated_at. The cached layouts are frozen: a caller that changed one would change it
 * for every later call.
 */
const layouts = new Map<string, { updatedAt: string; layout: TemplateLayout }>();

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function layoutOf(ctx: Pick<CallContext, 'db'>, r: Head): TemplateLayout {
  const hit = layouts.get(r.id);
  if (hit && hit.updatedAt === r.updatedAt) return hit.layout;
  const row = ctx.db.select({ layout: inspectionTemplates.layout }).from(inspectionTemplates).where(eq(inspectionTemplates.id, r.id)).get();
  const layout = deepFreeze(zTemplateLayout.parse(row?.layout));
  if (layouts.size > 256) layouts.clear();
  layouts.set(r.id, { updatedAt: r.updatedAt, layout });
  return layout;
}

function view(ctx: Pick<CallContext, 'db'>, project: Project, r: Head): Template {
  return {
    id: r.id,
    code: r.code,
    title: formTitle(project, r.title),
    formKind: r.formKind,
    cadence: CADENCES.find((c) => c === r.cadence) ?? 'any',
    layout: layoutOf(ctx, r),
  };
}

/** The project's templates (seeded on first use for databases made before they existed). */
export function listTemplates(ctx: Pick<CallContext, 'db' | 'sqlite' | 'project' | 'nowIso'>): Template[] {
  const project = ctx.project();
  const q = () =>
    ctx.db
      .select({
        id: inspectionTemplates.id,
        code: inspectionTemplates.code,
        title: inspectionTemplates.title,
        formKind: inspectionTemplates.formKind,
        cadence: inspectionTemplates.cadence,
        updatedAt: inspectionTemplates.updatedAt,
      })
      .from(inspectionTemplates)
      .where(and(eq(inspectionTemplates.projectId, project.id), isNull(inspectionTemplates.deletedAt)))
      .orderBy(asc(inspectionTemplates.createdAt))
      .all();
  let rows = q();
  if (rows.length === 0) {
    ctx.sqlite.transaction(() => seedInspectionTemplates(ctx.db, project.id, ctx.nowIso()))();
    rows = q();
  }
  const order = new Map(readTemplateSeed().templates.map((x, i) => [x.code, i]));
  return rows.map((r) => view(ctx, project, r)).sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99));
}

export function templateByCode(ctx: Pick<CallContext, 'db' | 'sqlite' | 'project' | 'nowIso'>, code: string): Template {
  const tpl = listTemplates(ctx).find((x) => x.code === code);
  if (!tpl) throw new AppError('NOT_FOUND', t('inspection.noTemplate', { code }));
  return tpl;
}

/** The item of a per-asset definition for an asset of a given 内容分类 (null: not applicable). */
export function itemForAsset(def: ItemDef, contentCategory: string): { label: string; aspects: ItemDef['aspects']; steps: string } | null {
  const v = def.variants?.[contentCategory];
  if (v === null) return null;
  if (v) return { label: v.label, aspects: v.aspects, steps: v.steps ?? def.steps };
  return { label: def.label, aspects: def.aspects, steps: def.steps };
}

export function slotsOf(layout: TemplateLayout): NonNullable<TemplateLayout['slots']> {
  return layout.slots ?? [];
}

export function aspectLabels(): Record<string, string> {
  return readTemplateSeed().aspects;
}
