import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { adminChannels } from '../../../shared/contract/admin';
import type { projectChannels } from '../../../shared/contract/project';
import type { WorkstationSettings } from '../../../shared/contract/admin';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { listAudit, verifyAuditChain } from '../audit/service';
import { backupName, createBackup, listBackups, restoreFile, rotate } from '../backup/service';
import { stampNew, stampUpdate, type CallContext } from '../context';
import type { HandlerMap } from '../handler-types';
import { staff } from '../accounts/schema';
import { getSetting, putSetting } from '../project/settings';
import { updateProject } from '../project/service';

export function readWorkstationSettings(ctx: Pick<CallContext, 'sqlite'>): WorkstationSettings {
  return {
    idleLockMinutes: getSetting(ctx.sqlite, 'security.idleLockMinutes', 10),
    lockoutMinutes: getSetting(ctx.sqlite, 'security.lockoutMinutes', 30),
    updaterUrl: getSetting(ctx.sqlite, 'updater.url', ''),
    dailyBackup: getSetting(ctx.sqlite, 'backup.daily', true),
  };
}

function staffView(r: typeof staff.$inferSelect) {
  return { id: r.id, name: r.name, title: r.title, phone: r.phone, onSite: r.onSite, isManager: r.isManager, sort: r.sort };
}

export const adminHandlers = {
  'settings/get': (ctx) => readWorkstationSettings(ctx),
  'settings/update': (ctx, input) => {
    const before = readWorkstationSettings(ctx);
    const at = ctx.nowIso();
    const by = ctx.actor.username;
    putSetting(ctx.sqlite, 'security.idleLockMinutes', input.idleLockMinutes, at, by);
    putSetting(ctx.sqlite, 'security.lockoutMinutes', input.lockoutMinutes, at, by);
    putSetting(ctx.sqlite, 'updater.url', input.updaterUrl, at, by);
    putSetting(ctx.sqlite, 'backup.daily', input.dailyBackup, at, by);
    ctx.track('settings', 'workstation', before, input);
    return input;
  },
  'staff/list': (ctx) =>
    ctx.db.select().from(staff).where(and(eq(staff.projectId, ctx.project().id), isNull(staff.deletedAt))).orderBy(asc(staff.sort), asc(staff.name)).all().map(staffView),
  'staff/save': (ctx, input) => {
    const projectId = ctx.project().id;
    if (input.id) {
      const before = ctx.db.select().from(staff).where(and(eq(staff.id, input.id), isNull(staff.deletedAt))).get();
      if (!before) throw new AppError('NOT_FOUND', t('error.notFound', { what: '人员' }));
      ctx.db.update(staff).set({ ...input, id: before.id, ...stampUpdate(ctx) }).where(eq(staff.id, before.id)).run();
      const after = ctx.db.select().from(staff).where(eq(staff.id, before.id)).get()!;
      ctx.track('staff', before.id, staffView(before), staffView(after));
      return staffView(after);
    }
    const row = { ...stampNew(ctx), projectId, ...input, activeFrom: null, activeTo: null };
    ctx.db.insert(staff).values(row).run();
    ctx.track('staff', row.id, null, staffView(row));
    return staffView(row);
  },
  'audit/list': (ctx, input) => listAudit(ctx.sqlite, input),
  'audit/verify': (ctx) => {
    const r = verifyAuditChain(ctx.sqlite);
    return { ...r, message: r.ok ? `审计日志校验通过，共 ${r.rows} 条。` : t('audit.broken', { seq: r.firstBroken?.seq ?? 0 }) };
  },
  'backup/list': (ctx) => ({
    backups: listBackups(ctx.core.backupDir()).map(({ name, at, reason, size }) => ({ name, at, reason, size })),
    dbState: ctx.core.dbState(),
    problems: ctx.core.dbProblems(),
  }),
  'backup/create': async (ctx) => {
    const dir = ctx.core.backupDir();
    const info = await createBackup(ctx.sqlite, path.join(dir, backupName(ctx.now(), 'manual')), (d, n) => ctx.progress(d, n));
    rotate(dir);
    ctx.track('backup', info.name, null, { name: info.name, size: info.size });
    return { name: info.name, at: info.at, reason: info.reason, size: info.size };
  },
  'backup/restore': async (ctx, input) => {
    const dir = ctx.core.backupDir();
    const from = path.join(dir, input.name);
    if (!fs.existsSync(from)) throw new AppError('NOT_FOUND', t('backup.notFound', { file: input.name }));
    // Keep the current state as a backup first when it is readable, then swap files.
    if (ctx.core.dbState() === 'ok') await createBackup(ctx.sqlite, path.join(dir, backupName(ctx.now(), 'pre-restore')));
    ctx.sqlite.close();
    let kept: string | null = null;
    try {
      kept = restoreFile(from, ctx.core.dbPath, ctx.now()).kept;
    } finally {
      ctx.core.reopenDatabase();
    }
    ctx.track('backup', input.name, null, { restored: input.name, kept });
    return { restored: input.name, kept: kept ? path.basename(kept) : null };
  },
} satisfies HandlerMap<Omit<typeof adminChannels, 'accounts/list' | 'accounts/create' | 'accounts/update' | 'accounts/reset-password' | 'accounts/change-password'>>;

export const projectHandlers = {
  'project/get': (ctx) => ctx.project(),
  'project/update': (ctx, input) => updateProject(ctx, input),
} satisfies HandlerMap<typeof projectChannels>;
