/**
 * Probe checks per asset: kind + config + thresholds as data (probe_checks), and their
 * translation into the engine's check definitions (host from the asset, SSH login from the
 * asset's credential, per-check thresholds over the project's).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { zCheckConfig, zCheckThresholds, type Check, type CheckConfig, type CheckThresholds } from '../../../shared/contract/probes';
import type { Aspect } from '../../../shared/contract/inspections';
import type { Project } from '../../../shared/contract/project';
import { AppError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { isResultLevel } from '../../../shared/levels';
import { stampNew, stampUpdate, type CallContext } from '../context';
import { assets } from '../assets/schema';
import { assetRow } from '../assets/service';
import { checkAspects, isAspect } from './aspects';
import { mergeThresholds, thresholdsFromProject, validateCheck, type CheckDef, type SshItem, type Thresholds } from './engine';
import { probeChecks } from './schema';

type CheckRow = typeof probeChecks.$inferSelect;
type Ctx = Pick<CallContext, 'db' | 'sqlite' | 'project'>;

/** A stored config, read leniently: rows written by older versions (the demo's `{ host }`) gain their kind. */
export function parseConfig(kind: string, config: unknown): CheckConfig | null {
  const raw = config && typeof config === 'object' ? { ...(config as Record<string, unknown>), kind } : { kind };
  const r = zCheckConfig.safeParse(raw);
  return r.success ? r.data : null;
}

export function parseThresholds(v: unknown): CheckThresholds | null {
  if (v === null || v === undefined) return null;
  const r = zCheckThresholds.safeParse(v);
  return r.success ? r.data : null;
}

/** The project's thresholds (settings.thresholds) with a check's overrides. */
export function engineThresholds(project: Project, over: CheckThresholds | null): Thresholds {
  const base = thresholdsFromProject(project.settings.thresholds);
  if (!over) return base;
  return mergeThresholds(base, {
    disk: { warn: over.diskWarnPct, severe: over.diskSeverePct },
    memory: { warn: over.memWarnPct, severe: over.memSeverePct },
    cert: { warnDays: over.certWarnDays, severeDays: over.certSevereDays },
    latency: { warnMs: over.latencyWarnMs },
    http: { slowWarnMs: over.httpSlowWarnMs },
    loadPerCpu: { warn: over.loadWarnPerCpu, severe: over.loadSeverePerCpu },
    log: { warn: over.logWarnLines, severe: over.logSevereLines },
  });
}

function lastResults(ctx: Ctx, checkIds: string[]): Map<string, Check['last']> {
  const out = new Map<string, Check['last']>();
  const stmt = ctx.sqlite.prepare('SELECT id, level, summary, started_at AS at, latency_ms AS latencyMs FROM probe_results WHERE check_id = ? AND deleted_at IS NULL ORDER BY started_at DESC LIMIT 1');
  for (const id of checkIds) {
    const r = stmt.get(id) as { id: string; level: string; summary: string; at: string; latencyMs: number | null } | undefined;
    if (r && isResultLevel(r.level)) out.set(id, { resultId: r.id, level: r.level, summary: r.summary, at: r.at, latencyMs: r.latencyMs });
  }
  return out;
}

function view(r: CheckRow, config: CheckConfig, last: Check['last'] | undefined): Check {
  const aspect = r.aspect && isAspect(r.aspect) ? r.aspect : null;
  return {
    id: r.id,
    assetId: r.assetId,
    label: r.label,
    config,
    thresholds: parseThresholds(r.thresholds),
    enabled: r.enabled,
    aspect,
    aspects: aspectsOfCheck(config, aspect),
    sort: r.sort,
    last: last ?? null,
  };
}

/** What a check pre-fills: an SSH check speaks through its parts (one per item). */
export function aspectsOfCheck(config: CheckConfig, aspect: Aspect | null): Aspect[] {
  if (config.kind !== 'ssh') return checkAspects(config.kind, config, aspect);
  const out = new Set<Aspect>(['login']);
  for (const it of config.items) out.add(itemAspect(it.kind, aspect));
  return [...out];
}

/** The inspection aspect of an SSH item's result. */
export function itemAspect(kind: SshItem['kind'], checkAspect: Aspect | null): Aspect {
  switch (kind) {
    case 'disk':
      return 'disk';
    case 'memory':
      return 'memory';
    case 'load':
      return 'cpu';
    case 'uptime':
      return 'login';
    case 'service':
      return 'app';
    case 'log':
      return 'log';
    case 'custom':
      return checkAspect ?? 'app';
  }
}

function checkRows(ctx: Ctx, assetId?: string): CheckRow[] {
  return ctx.db
    .select()
    .from(probeChecks)
    .where(and(isNull(probeChecks.deletedAt), assetId ? eq(probeChecks.assetId, assetId) : undefined))
    .orderBy(asc(probeChecks.sort), asc(probeChecks.createdAt))
    .all();
}

export function listChecks(ctx: Ctx, assetId: string): Check[] {
  assetRow(ctx, assetId);
  const rows = checkRows(ctx, assetId);
  const last = lastResults(ctx, rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const config = parseConfig(r.kind, r.config);
    return config ? [view(r, config, last.get(r.id))] : [];
  });
}

function checkRow(ctx: Ctx, id: string): CheckRow {
  const r = ctx.db.select().from(probeChecks).where(and(eq(probeChecks.id, id), isNull(probeChecks.deletedAt))).get();
  if (!r) throw new AppError('NOT_FOUND', t('probe.checkNotFound'));
  assetRow(ctx, r.assetId);
  return r;
}

/** Stored form of a config (the kind lives in its own column). */
function storedConfig(c: CheckConfig): Record<string, unknown> {
  const { kind: _kind, ...rest } = c;
  return rest;
}

export interface CheckInput {
  id?: string | undefined;
  assetId: string;
  label: string;
  config: CheckConfig;
  thresholds: CheckThresholds | null;
  enabled: boolean;
  aspect: Aspect | null;
  sort: number;
}

/** The engine's own validation with a placeholder host and login: catches what the contract cannot. */
function assertEngineAccepts(c: CheckConfig, host: string): void {
  const def = toCheckDef(c, { host: host || '127.0.0.1', login: { username: 'probe', auth: { password: 'x' } }, logOffsets: {} });
  const v = validateCheck(def);
  if (!v.ok) throw new AppError('VALIDATION', t('probe.badConfig', { fields: v.fields.join('、') }));
}

export function saveCheck(ctx: CallContext, input: CheckInput): Check {
  const asset = assetRow(ctx, input.assetId);
  assertEngineAccepts(input.config, input.config.kind === 'http' ? '' : (input.config.host ?? asset.ip));
  if (input.config.kind !== 'http' && !input.config.host && !asset.ip) throw new AppError('VALIDATION', t('probe.noHost', { name: asset.name }));
  const fields = { assetId: asset.id, kind: input.config.kind, label: input.label, config: storedConfig(input.config), thresholds: input.thresholds, enabled: input.enabled, aspect: input.aspect, sort: input.sort };
  let id: string;
  if (input.id) {
    const before = checkRow(ctx, input.id);
    if (before.assetId !== asset.id) throw new AppError('VALIDATION', t('probe.checkNotFound'));
    ctx.db.update(probeChecks).set({ ...fields, ...stampUpdate(ctx) }).where(eq(probeChecks.id, before.id)).run();
    ctx.track('probe_check', before.id, { kind: before.kind, label: before.label, config: before.config, thresholds: before.thresholds, enabled: before.enabled }, fields);
    id = before.id;
  } else {
    const row = { ...stampNew(ctx), ...fields };
    ctx.db.insert(probeChecks).values(row).run();
    ctx.track('probe_check', row.id, null, fields);
    id = row.id;
  }
  const saved = listChecks(ctx, asset.id).find((c) => c.id === id);
  if (!saved) throw new AppError('NOT_FOUND', t('probe.checkNotFound'));
  return saved;
}

export function deleteCheck(ctx: CallContext, id: string): { id: string } {
  const before = checkRow(ctx, id);
  ctx.db.update(probeChecks).set({ deletedAt: ctx.nowIso(), ...stampUpdate(ctx) }).where(eq(probeChecks.id, id)).run();
  ctx.track('probe_check', id, { kind: before.kind, label: before.label, config: before.config }, null);
  return { id };
}

/** The usual checks of a server: ping, its remote port (3389 on Windows, 22 otherwise), an SSH round on Linux with a login. */
export function addDefaultChecks(ctx: CallContext, assetId: string): Check[] {
  const a = assetRow(ctx, assetId);
  const have = checkRows(ctx, a.id);
  const kinds = new Set(have.map((r) => r.kind));
  const windows = /windows/i.test(a.os);
  const adds: CheckInput[] = [];
  if (!a.ip) throw new AppError('VALIDATION', t('probe.noHost', { name: a.name }));
  if (!kinds.has('ping')) adds.push({ assetId: a.id, label: 'ping', config: { kind: 'ping' }, thresholds: null, enabled: true, aspect: null, sort: 0 });
  if (!kinds.has('tcp')) adds.push({ assetId: a.id, label: windows ? '远程桌面' : 'SSH 端口', config: { kind: 'tcp', port: windows ? 3389 : 22 }, thresholds: null, enabled: true, aspect: null, sort: 1 });
  if (!kinds.has('ssh') && !windows && a.credentialId) {
    adds.push({
      assetId: a.id,
      label: 'SSH 巡检',
      config: { kind: 'ssh', port: 22, items: [{ kind: 'disk' }, { kind: 'memory' }, { kind: 'load' }, { kind: 'uptime' }] },
      thresholds: null,
      enabled: true,
      aspect: null,
      sort: 2,
    });
  }
  if (!kinds.has('http') && /网站|web/i.test(`${a.category} ${a.contentCategory}`)) {
    adds.push({ assetId: a.id, label: '网站', config: { kind: 'http', url: `http://${a.ip.includes(':') ? `[${a.ip}]` : a.ip}/` }, thresholds: null, enabled: true, aspect: null, sort: 3 });
  }
  for (const c of adds) {
    const row = { ...stampNew(ctx), assetId: c.assetId, kind: c.config.kind, label: c.label, config: storedConfig(c.config), thresholds: null, enabled: true, aspect: null, sort: c.sort };
    ctx.db.insert(probeChecks).values(row).run();
    ctx.track('probe_check', row.id, null, { assetId: row.assetId, kind: row.kind, label: row.label, config: row.config });
  }
  return listChecks(ctx, a.id);
}

// ---------------------------------------------------------------------------------------------
// Engine check definitions
// ---------------------------------------------------------------------------------------------

export interface SshLogin {
  username: string;
  auth: { password: string } | { privateKey: string; passphrase?: string };
}

/** The engine's check for a stored config; host defaults to the asset's IP. */
export function toCheckDef(c: CheckConfig, o: { id?: string; host: string; login: SshLogin | null; logOffsets: Record<string, number>; timeoutMs?: number }): CheckDef {
  const base = { ...(o.id ? { id: o.id } : {}), ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) };
  switch (c.kind) {
    case 'ping':
      return { ...base, kind: 'ping', host: c.host || o.host, ...(c.count ? { count: c.count } : {}) };
    case 'tcp':
      return { ...base, kind: 'tcp', host: c.host || o.host, port: c.port };
    case 'http':
      return { ...base, kind: 'http', url: c.url, ...(c.expectStatus ? { expectStatus: c.expectStatus } : {}), ...(c.keyword ? { keyword: c.keyword } : {}) };
    case 'ssh': {
      const items: SshItem[] = c.items.map((it): SshItem => {
        if (it.kind === 'log') return { kind: 'log', path: it.path, pattern: it.pattern, fromOffset: o.logOffsets[it.path] ?? 0, ...(it.ignoreCase ? { ignoreCase: true } : {}) };
        if (it.kind === 'custom') return { kind: 'custom', command: it.command, parser: it.parser, ...(it.label ? { label: it.label } : {}) };
        return it;
      });
      const login = o.login ?? { username: 'nobody', auth: { password: '' } };
      return { ...base, kind: 'ssh', host: c.host || o.host, port: c.port, username: login.username, auth: login.auth, items };
    }
  }
}

/** Assets' names and IPs by id, for sweeps and views. */
export function assetIndex(ctx: Pick<CallContext, 'db' | 'project'>): Map<string, typeof assets.$inferSelect> {
  return new Map(
    ctx.db
      .select()
      .from(assets)
      .where(eq(assets.projectId, ctx.project().id))
      .all()
      .map((a) => [a.id, a]),
  );
}
