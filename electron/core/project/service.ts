import { eq, isNull, and } from 'drizzle-orm';
import { z } from 'zod';
import { zProject, zProjectSettings, type Project } from '../../../shared/contract/project';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { newId, stampUpdate, type CallContext } from '../context';
import type { Db, Sqlite } from '../db/open';
import { readResourceJson } from '../resources';
import { projects } from './schema';
import { assets } from '../assets/schema';
import { documents } from '../documents/schema';
import { nextDocNo } from './numbering';
import { seedInspectionTemplates } from '../inspections/templates';

const zSeed = z.object({
  project: zProject.omit({ id: true }),
  assets: z.array(
    z.object({
      name: z.string(),
      nodeGroup: z.string(),
      ip: z.string(),
      os: z.string(),
      systemShort: z.string(),
      category: z.string(),
      contentCategory: z.string(),
      purpose: z.string(),
      model: z.string(),
      location: z.string(),
    }),
  ),
  documents: z.array(z.object({ title: z.string(), kind: z.string(), version: z.string() })),
});
export type DefaultProjectSeed = z.infer<typeof zSeed>;

export function readDefaultSeed(): DefaultProjectSeed {
  return zSeed.parse(readResourceJson('default-project.json'));
}

/** On an empty database: the default project from resources/, its servers and document register. */
export function seedDefaultProject(db: Db, sqlite: Sqlite, at: string): boolean {
  const existing = db.select({ id: projects.id }).from(projects).limit(1).all();
  if (existing.length > 0) return false;
  const seed = readDefaultSeed();
  const by = 'system:seed';
  sqlite.transaction(() => {
    const projectId = newId();
    db.insert(projects)
      .values({ id: projectId, createdAt: at, updatedAt: at, updatedBy: by, ...seed.project, settings: seed.project.settings, active: true })
      .run();
    seed.assets.forEach((a, i) => {
      db.insert(assets).values({ id: newId(), createdAt: at, updatedAt: at, updatedBy: by, projectId, sort: i, ...a }).run();
    });
    seedInspectionTemplates(db, projectId, at, by);
    const rule = seed.project.settings.numbering.document ?? 'WD-{YYYY}-{SEQ:3}';
    for (const d of seed.documents) {
      const docNo = nextDocNo(sqlite, projectId, 'document', rule, at.slice(0, 10), { at, by });
      db.insert(documents).values({ id: newId(), createdAt: at, updatedAt: at, updatedBy: by, projectId, docNo, control: 'controlled', ...d }).run();
    }
  })();
  return true;
}

export function loadActiveProject(db: Db): Project {
  const row = db.select().from(projects).where(and(eq(projects.active, true), isNull(projects.deletedAt))).limit(1).get();
  if (!row) throw new AppError('NOT_FOUND', t('error.notFound', { what: '项目' }));
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    platformName: row.platformName,
    partyA: row.partyA,
    partyB: row.partyB,
    signedOn: row.signedOn,
    serviceStart: row.serviceStart,
    serviceEnd: row.serviceEnd,
    settings: zProjectSettings.parse(row.settings),
  };
}

export function updateProject(ctx: CallContext, input: Omit<Project, 'id'>): Project {
  const before = ctx.project();
  ctx.db.update(projects).set({ ...input, settings: input.settings, ...stampUpdate(ctx) }).where(eq(projects.id, before.id)).run();
  const after = zProject.parse({ ...input, id: before.id });
  ctx.track('project', before.id, before, after);
  return after;
}
