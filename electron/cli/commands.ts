import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contract, CHANNELS } from '../../shared/contract';
import { isBizDate } from '../../shared/time';
import { cliActor, openCore, type Core } from '../core/api';
import { AUDIT_KEEP_DAYS, latestPurgeDate, planAuditPurge, purgeAudit, type PurgePlan } from '../core/audit/purge';
import { verifyAuditChain } from '../core/audit/service';
import { backupName, createBackup, preMigrationBackup, restoreFile, verifyBackupFile } from '../core/backup/service';
import { checkDatabase, headerProblem, openDatabase } from '../core/db/open';
import { dataDirFor, defaultDbPath } from '../core/paths';
import { appVersion } from '../core/version';
import { fail, info, printJson, progressLine } from './io';

type Values = Record<string, string | boolean | undefined>;
type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;

export interface Command {
  options: OptionSpec;
  /** Lines for `owb --help`: usage first, in Chinese (see helpText). */
  help: string[];
  run(values: Values, positionals: string[]): Promise<number> | number;
}

const dbOpt = { db: { type: 'string' as const } };

export function dbPathOf(values: Values): string {
  return path.resolve(typeof values.db === 'string' ? values.db : defaultDbPath());
}

/** Opens the core for a CLI command; progress events go to stderr. */
export function coreFor(values: Values): Core {
  const dbPath = dbPathOf(values);
  const core = openCore({ dbPath, dataDir: dataDirFor(dbPath), version: appVersion() });
  core.onEvent((e) => {
    if (e.type === 'progress') progressLine(e.done, e.total, e.message);
  });
  return core;
}

function requireString(values: Values, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v.length === 0) fail(`缺少参数 --${key}`, 2);
  return v;
}

function schemaOf(s: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(s, { io, unrepresentable: 'any' });
}

function chainReason(reason: string | undefined): string {
  if (reason === 'link') return '链接断开';
  if (reason === 'anchor') return '开头的记录被删除且没有清除记录';
  return '内容被改动';
}

/**
 * `owb audit purge`: refuses a date within 180 days (exit 2) and a broken chain (exit 1);
 * without --yes only counts; with --yes takes a verified backup, then purges in one
 * transaction that also writes the purge's own audit row (see core/audit/purge.ts).
 */
async function auditPurge(file: string, values: Values): Promise<number> {
  const before = requireString(values, 'before');
  if (!isBizDate(before)) fail(`--before 应为 YYYY-MM-DD 格式的日期：${before}`, 2);
  const now = new Date();
  const latest = latestPurgeDate(now);
  if (before > latest) fail(`审计记录须保留 ${AUDIT_KEEP_DAYS} 天，--before 最晚可为 ${latest}（北京时间），${before} 会删除未满 ${AUDIT_KEEP_DAYS} 天的记录。未删除任何记录。`, 2);
  const dryRun = values.yes !== true;
  const h = dryRun ? openDatabase(file, { readonly: true }) : openDatabase(file, { beforeMigrate: (s) => preMigrationBackup(s, path.join(dataDirFor(file), 'backups'), now) });
  try {
    if (h.state !== 'ok') fail(`数据库已损坏：${h.problems.join('; ')}`, 2);
    const plan = planAuditPurge(h.sqlite, before, now);
    const refused = purgeRefusal(plan);
    if (refused) return refused;
    if (!plan.ok) return 1;
    const kept = plan.keptOld > 0 ? `；另有 ${plan.keptOld} 条早于该日期的记录排在较新的记录之后，予以保留` : '';
    if (dryRun) {
      info(`将清除 ${before}（北京时间）之前的审计记录 ${plan.rows} 条，保留 ${plan.total - plan.rows} 条${kept}。未删除任何记录；确认请加 --yes。`);
      return 0;
    }
    if (plan.rows === 0) {
      info(`${before}（北京时间）之前没有可清除的审计记录，共 ${plan.total} 条，未删除任何记录。`);
      return 0;
    }
    const backup = await createBackup(h.sqlite, path.join(dataDirFor(file), 'backups', backupName(now, 'manual')));
    const { plan: done, result } = purgeAudit(h.sqlite, before, now, { userId: null, username: cliActor().username, face: 'cli' }, { backup: backup.name });
    const again = purgeRefusal(done);
    if (again) return again;
    if (!result) return 1;
    info(`已清除 ${before}（北京时间）之前的审计记录 ${result.deleted} 条${kept}；现有 ${result.remaining} 条（含本次清除记录），审计链校验通过。清除前的备份：${backup.file}`);
    return 0;
  } finally {
    h.sqlite.close();
  }
}

function purgeRefusal(plan: PurgePlan): number {
  if (plan.ok) return 0;
  if (plan.reason === 'date') fail(`--before 应为 YYYY-MM-DD 格式的日期：${plan.detail}`, 2);
  if (plan.reason === 'tooRecent') fail(`审计记录须保留 ${AUDIT_KEEP_DAYS} 天，--before 最晚可为 ${plan.latest}（北京时间）。未删除任何记录。`, 2);
  info(`错误：审计日志校验失败：第 ${plan.chain.firstBroken?.seq} 条记录（${chainReason(plan.chain.firstBroken?.reason)}），拒绝清除。未删除任何记录。`);
  return 1;
}

export const baseCommands: Record<string, Command> = {
  channels: {
    help: ['owb channels [--json]                         列出全部通道（--json: 含输入输出的 JSON Schema）'],
    options: { json: { type: 'boolean' } },
    run(values) {
      if (values.json) {
        printJson(
          CHANNELS.map((name) => {
            const d = contract[name];
            return { name, summary: d.summary, access: d.access, mutates: d.mutates, job: d.job === true, input: schemaOf(d.input, 'input'), output: schemaOf(d.output, 'output') };
          }),
        );
      } else {
        for (const name of CHANNELS) process.stdout.write(`${name.padEnd(32)} ${contract[name].summary}\n`);
      }
      return 0;
    },
  },
  call: {
    help: ['owb call <通道> --input <JSON> [--db 文件]     调用一个通道'],
    options: { ...dbOpt, input: { type: 'string' } },
    async run(values, positionals) {
      const channel = positionals[0];
      if (!channel) fail('缺少通道名称，例如：owb call dashboard/summary --input {}', 2);
      let input: unknown = {};
      if (typeof values.input === 'string') {
        try {
          input = JSON.parse(values.input);
        } catch (e) {
          fail(`--input 不是有效的 JSON：${(e as Error).message}`, 2);
        }
      }
      const core = coreFor(values);
      try {
        const r = await core.call({ channel, input }, 'cli');
        if (!r.ok) {
          process.stderr.write(`错误（${r.error.code}）：${r.error.message}\n`);
          for (const i of r.error.issues ?? []) process.stderr.write(`  - ${i.path || '(输入)'}：${i.message}\n`);
          return 1;
        }
        printJson(r.data);
        return 0;
      } finally {
        core.close();
      }
    },
  },
  check: {
    help: ['owb check --db 文件 [--full]                   检查数据库完整性、外键和审计链'],
    options: { ...dbOpt, full: { type: 'boolean' } },
    run(values) {
      const file = dbPathOf(values);
      if (!fs.existsSync(file)) fail(`数据库文件不存在：${file}`, 2);
      const hp = headerProblem(file);
      if (hp) {
        info(`数据库已损坏：${hp}`);
        return 1;
      }
      const h = openDatabase(file, { readonly: true });
      try {
        const problems = h.state === 'ok' ? checkDatabase(h.sqlite, values.full === true) : h.problems;
        const chain = problems.length === 0 ? verifyAuditChain(h.sqlite) : null;
        if (chain && !chain.ok) problems.push(`审计日志第 ${chain.firstBroken?.seq} 条校验失败`);
        if (problems.length > 0) {
          info(`数据库检查未通过：\n  ${problems.join('\n  ')}`);
          return 1;
        }
        info(`数据库检查通过：${file}`);
        return 0;
      } finally {
        h.sqlite.close();
      }
    },
  },
  backup: {
    help: ['owb backup --db 文件 --out 备份文件            在线备份并校验'],
    options: { ...dbOpt, out: { type: 'string' } },
    async run(values) {
      const file = dbPathOf(values);
      const out = path.resolve(requireString(values, 'out'));
      if (!fs.existsSync(file)) fail(`数据库文件不存在：${file}`, 2);
      const h = openDatabase(file, { readonly: true });
      try {
        if (h.state !== 'ok') fail(`数据库已损坏，无法备份：${h.problems.join('; ')}`, 1);
        const b = await createBackup(h.sqlite, out, progressLine);
        info(`备份完成并已校验：${b.file}（${b.size} 字节）`);
        return 0;
      } finally {
        h.sqlite.close();
      }
    },
  },
  restore: {
    help: ['owb restore --from 备份文件 --db 文件          从备份恢复（原文件保留）'],
    options: { ...dbOpt, from: { type: 'string' } },
    run(values) {
      const file = dbPathOf(values);
      const from = path.resolve(requireString(values, 'from'));
      const problems = verifyBackupFile(from);
      if (problems.length > 0) fail(`备份文件不可用：${problems.join('; ')}`, 1);
      const { kept } = restoreFile(from, file, new Date());
      info(`已从 ${from} 恢复到 ${file}${kept ? `；原文件保留为 ${kept}` : ''}`);
      return 0;
    },
  },
  demo: {
    help: ['owb demo --db 文件 [--years N] [--until YYYY-MM-DD] [--seed S]   生成演示数据（只写入新文件）'],
    options: { ...dbOpt, years: { type: 'string', default: '1' }, until: { type: 'string' }, seed: { type: 'string', default: 'demo' } },
    async run(values) {
      const { generateDemo } = await import('../core/demo/generate');
      const file = dbPathOf(values);
      const years = Number(values.years);
      if (!Number.isInteger(years) || years < 1 || years > 10) fail('--years 应为 1 到 10 的整数', 2);
      const until = typeof values.until === 'string' ? values.until : new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until))) fail('--until 应为 YYYY-MM-DD', 2);
      if (fs.existsSync(file) && fs.statSync(file).size > 0) fail(`演示数据只写入新文件，${file} 已存在。`, 2);
      const t0 = Date.now();
      const summary = generateDemo({ dbPath: file, dataDir: dataDirFor(file), years, until, seed: String(values.seed), onProgress: (d, n, m) => progressLine(d, n, m) });
      process.stderr.write('\n');
      printJson(summary);
      info(`演示数据已生成（${((Date.now() - t0) / 1000).toFixed(1)} 秒）：${file}`);
      return 0;
    },
  },
  audit: {
    help: [
      'owb audit verify --db 文件                     校验审计日志哈希链，指出第一条被改动的记录',
      'owb audit purge --db 文件 --before YYYY-MM-DD [--yes]   清除该日期（北京时间）之前的审计记录（须早于 180 天；不加 --yes 只统计）',
    ],
    options: { ...dbOpt, before: { type: 'string' }, yes: { type: 'boolean' } },
    async run(values, positionals) {
      const sub = positionals[0];
      if (sub !== 'verify' && sub !== 'purge') fail('用法：owb audit verify --db 文件 | owb audit purge --db 文件 --before YYYY-MM-DD [--yes]', 2);
      const file = dbPathOf(values);
      if (!fs.existsSync(file)) fail(`数据库文件不存在：${file}`, 2);
      if (sub === 'purge') return auditPurge(file, values);
      const h = openDatabase(file, { readonly: true });
      try {
        if (h.state !== 'ok') fail(`数据库已损坏：${h.problems.join('; ')}`, 2);
        const r = verifyAuditChain(h.sqlite);
        if (!r.ok) {
          info(`审计日志校验失败：第 ${r.firstBroken?.seq} 条记录（${chainReason(r.firstBroken?.reason)}）`);
          return 1;
        }
        info(`审计日志校验通过，共 ${r.rows} 条。`);
        return 0;
      } finally {
        h.sqlite.close();
      }
    },
  },
};

/** Every owb command; features register theirs in electron/cli/<feature>.ts. */
export const commands: Record<string, Command> = { ...baseCommands };

/** `owb --help`: every registered command's own lines, so the help cannot drift from the code. */
export function helpText(): string {
  const lines = Object.values(commands).flatMap((c) => c.help.map((l) => (l.startsWith('owb ') ? `  ${l}` : `    ${l}`)));
  return ['owb — 驻场运维工作台命令行', '', '用法:', ...lines, '', '所有访问数据的命令都接受 --db（默认：应用数据目录中的数据库）。', ''].join('\n');
}

/** Called once by main.ts: feature modules import this file, so they are merged late. */
export function registerCommands(more: Record<string, Command>): void {
  Object.assign(commands, more);
}
