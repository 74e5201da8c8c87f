import { z } from 'zod';
import { RESULT_LEVELS } from '../levels';
import { channel, R, zEmpty, zId, zJobId } from './define';
import { ASPECTS } from './inspections';

// ---------------------------------------------------------------------------------------------
// Probe checks per asset (kind + config + thresholds as data), sweeps (a job with progress and
// cancel), results with bounded raw evidence, trends, and the pinned SSH host keys. The host of
// a check defaults to the asset's IP; SSH logs in with the asset's credential (never shown).
// ---------------------------------------------------------------------------------------------

export const CHECK_KINDS = ['ping', 'tcp', 'http', 'ssh'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_KIND_LABELS: Record<CheckKind, string> = { ping: 'Ping', tcp: 'TCP 端口', http: 'HTTP(S)', ssh: 'SSH 巡检' };

const zHost = z
  .string()
  .trim()
  .max(253)
  .regex(/^[A-Za-z0-9_.:%[\]-]*$/, { message: '主机地址只能包含字母、数字和 . : - _ [ ]' })
  .refine((h) => !h.startsWith('-'), { message: '主机地址不能以 - 开头' })
  .optional();
const zPort = z.number().int().min(1, { message: '端口应在 1–65535 之间' }).max(65535, { message: '端口应在 1–65535 之间' });
const zTimeout = z.number().int().min(100).max(600_000).optional();

const SERVICE_NAME = /^[A-Za-z0-9@_.:-]{1,128}$/;

export const zSshItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disk') }),
  z.object({ kind: z.literal('memory') }),
  z.object({ kind: z.literal('load') }),
  z.object({ kind: z.literal('uptime') }),
  z.object({ kind: z.literal('service'), name: z.string().regex(SERVICE_NAME, { message: '服务名只能包含字母、数字和 @ _ . : -' }) }),
  z.object({
    kind: z.literal('log'),
    path: z.string().min(1).max(1024).refine((p) => p.startsWith('/'), { message: '日志文件须为绝对路径' }),
    pattern: z.string().min(1).max(1000),
    ignoreCase: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('custom'),
    command: z.string().min(1).max(8000),
    label: z.string().max(100).optional(),
    parser: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('number'), warnAbove: z.number().optional(), severeAbove: z.number().optional() }),
      z.object({ kind: z.literal('regex'), pattern: z.string().min(1).max(1000), severeIfMatch: z.boolean() }),
      z.object({ kind: z.literal('exitCode') }),
    ]),
  }),
]);
export type SshItemConfig = z.infer<typeof zSshItem>;

export const zCheckConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ping'), host: zHost, count: z.number().int().min(1).max(10).optional(), timeoutMs: zTimeout }),
  z.object({ kind: z.literal('tcp'), host: zHost, port: zPort, timeoutMs: zTimeout }),
  z.object({
    kind: z.literal('http'),
    url: z
      .string()
      .trim()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), { message: '网址应以 http:// 或 https:// 开头' }),
    expectStatus: z.number().int().min(100).max(599).optional(),
    keyword: z.string().max(500).optional(),
    timeoutMs: zTimeout,
  }),
  z.object({ kind: z.literal('ssh'), host: zHost, port: zPort.default(22), items: z.array(zSshItem).min(1, { message: '请至少选择一项 SSH 检查内容' }).max(50), timeoutMs: zTimeout }),
]);
export type CheckConfig = z.infer<typeof zCheckConfig>;

/** Per-check overrides of the project's thresholds (settings.thresholds); absent → project value. */
export const zCheckThresholds = z
  .object({
    diskWarnPct: z.number().min(1).max(100),
    diskSeverePct: z.number().min(1).max(100),
    memWarnPct: z.number().min(1).max(100),
    memSeverePct: z.number().min(1).max(100),
    certWarnDays: z.number().int().min(0).max(3650),
    certSevereDays: z.number().int().min(0).max(3650),
    latencyWarnMs: z.number().int().min(1).max(600_000),
    httpSlowWarnMs: z.number().int().min(1).max(600_000),
    loadWarnPerCpu: z.number().min(0.1).max(100),
    loadSeverePerCpu: z.number().min(0.1).max(100),
    logWarnLines: z.number().int().min(1).max(1_000_000),
    logSevereLines: z.number().int().min(1).max(1_000_000),
  })
  .partial();
export type CheckThresholds = z.infer<typeof zCheckThresholds>;

export const zLevel = z.enum(RESULT_LEVELS);

export const zCheck = z.object({
  id: zId,
  assetId: zId,
  label: z.string(),
  config: zCheckConfig,
  thresholds: zCheckThresholds.nullable(),
  enabled: z.boolean(),
  aspect: z.enum(ASPECTS).nullable(),
  /** The aspects its results pre-fill (named, or from kind and config). */
  aspects: z.array(z.enum(ASPECTS)),
  sort: z.number().int(),
  last: z.object({ resultId: zId, level: zLevel, summary: z.string(), at: z.string(), latencyMs: z.number().nullable() }).nullable(),
});
export type Check = z.infer<typeof zCheck>;

export const zCheckInput = z.object({
  id: zId.optional(),
  assetId: zId,
  label: z.string().trim().min(1, { message: '请填写检查名称' }).max(60),
  config: zCheckConfig,
  thresholds: zCheckThresholds.nullable().default(null),
  enabled: z.boolean().default(true),
  aspect: z.enum(ASPECTS).nullable().default(null),
  sort: z.number().int().min(0).max(10_000).default(0),
});

export const zResultRow = z.object({
  id: zId,
  checkId: zId,
  assetId: zId,
  assetName: z.string(),
  checkLabel: z.string(),
  kind: z.string(),
  target: z.string(),
  sweepId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  level: zLevel,
  summary: z.string(),
  latencyMs: z.number().nullable(),
});
export type ResultRow = z.infer<typeof zResultRow>;

export const zResultDetail = zResultRow.extend({ metrics: z.record(z.string(), z.unknown()).nullable(), raw: z.string().nullable() });

const zCounts = z.object({ normal: z.number().int(), warning: z.number().int(), severe: z.number().int() });

export const SWEEP_STATUSES = ['running', 'done', 'cancelled', 'failed'] as const;
export const zSweep = z.object({
  id: zId,
  trigger: z.string(),
  assetId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(SWEEP_STATUSES),
  total: z.number().int(),
  done: z.number().int(),
  counts: zCounts,
  durationMs: z.number().nullable(),
});
export type Sweep = z.infer<typeof zSweep>;

export const zHostKey = z.object({ hostPort: z.string(), fingerprint: z.string(), pinnedAt: z.string(), pinnedBy: z.string() });

export const TREND_METRICS = ['disk', 'memory', 'cpu', 'latency'] as const;
export const zTrend = z.object({
  metric: z.enum(TREND_METRICS),
  unit: z.string(),
  warn: z.number().nullable(),
  severe: z.number().nullable(),
  series: z.array(z.object({ name: z.string(), points: z.array(z.object({ at: z.string(), value: z.number() })) })),
});
export type Trend = z.infer<typeof zTrend>;

export const probeChannels = {
  'probes/checks': channel({
    summary: 'The probe checks of an asset, with their last result.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ assetId: zId }),
    output: z.array(zCheck),
  }),
  'probes/check-save': channel({
    summary: 'Add or edit a probe check (kind, config and thresholds are data).',
    access: R.records,
    mutates: true,
    input: zCheckInput,
    output: zCheck,
  }),
  'probes/check-delete': channel({
    summary: 'Remove a probe check (its results stay as history).',
    access: R.records,
    mutates: true,
    input: z.object({ id: zId }),
    output: z.object({ id: zId }),
  }),
  'probes/add-defaults': channel({
    summary: 'Add the usual checks to an asset that has none of that kind: ping, remote port, SSH (Linux with a credential).',
    access: R.records,
    mutates: true,
    input: z.object({ assetId: zId }),
    output: z.array(zCheck),
  }),
  'probes/sweep': channel({
    summary: 'Run every enabled check of every asset (or one asset) now: bounded concurrency, a timeout per check, progress events, cancel with jobs/cancel.',
    access: R.records,
    mutates: true,
    job: true,
    input: z.object({ assetId: zId.optional(), jobId: zJobId }),
    output: zSweep.extend({ results: z.array(zResultRow) }),
  }),
  'probes/sweeps': channel({
    summary: 'Recent sweeps, newest first.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.array(zSweep),
  }),
  'probes/history': channel({
    summary: 'Probe results of an asset (or one check), newest first; `before` pages back.',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ assetId: zId, checkId: zId.optional(), before: z.string().max(40).optional(), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(zResultRow),
  }),
  'probes/result': channel({
    summary: 'One probe result with its metrics and raw output (the evidence).',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ id: zId }),
    output: zResultDetail,
  }),
  'probes/trend': channel({
    summary: 'A measured value of an asset over time (disk use per mount, memory, CPU load per core, latency).',
    access: R.recordsRead,
    mutates: false,
    input: z.object({ assetId: zId, metric: z.enum(TREND_METRICS), days: z.number().int().min(1).max(1100).default(30) }),
    output: zTrend,
  }),
  'probes/host-keys': channel({
    summary: 'SSH host keys pinned on first use.',
    access: R.recordsRead,
    mutates: false,
    input: zEmpty,
    output: z.array(zHostKey),
  }),
  'probes/host-key-forget': channel({
    summary: 'Forget a pinned host key (after a legitimate reinstall) so the next sweep pins the new one (project manager).',
    access: R.manager,
    mutates: true,
    input: z.object({ hostPort: z.string().min(1).max(300) }),
    output: z.object({ hostPort: z.string() }),
  }),
} as const;
