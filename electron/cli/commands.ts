import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { contract, CHANNELS } from '../../shared/contract';
import { openCore, type Core } from '../core/api';
import { verifyAuditChain } from '../core/audit/service';
import { createBackup, restoreFile, verifyBackupFile } from '../core/backup/service';
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
    help: ['owb audit verify --db 文件                     校验审计日志哈希链，指出第一条被改动的记录'],
    options: { ...dbOpt },
    run(values, positionals) {
      if (positionals[0] !== 'verify') fail('用法：owb audit verify --db 文件', 2);
      const file = dbPathOf(values);
      if (!fs.existsSync(file)) fail(`数据库文件不存在：${file}`, 2);
      const h = openDatabase(file, { readonly: true });
      try {
        if (h.state !== 'ok') fail(`数据库已损坏：${h.problems.join('; ')}`, 2);
        const r = verifyAuditChain(h.sqlite);
        if (!r.ok) {
          info(`审计日志校验失败：第 ${r.firstBroken?.seq} 条记录（${r.firstBroken?.reason === 'link' ? '链接断开' : '内容被改动'}）`);
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
