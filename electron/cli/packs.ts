import fs from 'node:fs';
import path from 'node:path';
import type { PackTarget } from '../../shared/contract/packs';
import { AppError } from '../../shared/errors';
import { cliActor } from '../core/api';
import { newId, type TrackedChange } from '../core/context';
import { buildPack } from '../core/packs/build';
import { PackReadError, verifyPack } from '../core/packs/crypto';
import type { Command } from './commands';
import { coreFor } from './commands';
import { faultCommands } from './faults';
import { fail, info } from './io';

/**
 * `owb verify PATH` (a pack folder or its .zip): exit 0 when intact, 1 naming every altered,
 * missing or extra file and any bad signature, 2 when the input cannot be read.
 */
const verify: Command = {
  help: ['owb verify <资料包文件夹或 .zip> [--json]      校验资料包：0 完整，1 列出被改动/缺失/多出的文件和无效签名，2 无法读取'],
  options: { json: { type: 'boolean' } },
  async run(values, positionals) {
    const target = positionals[0];
    if (!target) fail('用法：owb verify <资料包文件夹或 .zip>', 2);
    let result;
    try {
      result = await verifyPack(path.resolve(target));
    } catch (e) {
      if (e instanceof PackReadError) {
        info(`无法读取资料包：${e.message}`);
        return 2;
      }
      throw e;
    }
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const m = result.manifest;
    if (m) info(`资料包：${m.project}  ${m.kind === 'monthly' ? '月度' : '年度'} ${m.period}  共 ${m.totals.files} 个文件  生成于 ${m.createdAt}`);
    if (result.signer?.fingerprints) info(`签名者指纹：${JSON.stringify(result.signer.fingerprints)}`);
    for (const w of result.warnings ?? []) info(`提示：${w}`);
    if (result.ok) {
      info('校验通过：所有文件完整，签名有效。');
      return 0;
    }
    info(`校验失败，发现 ${result.problems.length} 个问题：`);
    for (const p of result.problems) info(`  - ${p.path ? `${p.path}：` : ''}${p.message}`);
    return 1;
  },
};

const PACK_USAGE = [
  '用法：',
  '  owb export monthly --db 文件 --month YYYY-MM --out 目录    生成月度验收资料包（文件夹 + .zip）',
  '  owb export annual  --db 文件 --year N --out 目录           生成第 N 服务年度验收资料包',
  '  owb export form    --kind 类型 …                           导出单张表单（owb export form 查看用法）',
].join('\n');

/** `owb export monthly|annual`: builds the pack through the core with progress on stderr; Ctrl+C cancels. */
async function exportPack(values: Record<string, string | boolean | undefined>, kind: 'monthly' | 'annual'): Promise<number> {
  let target: PackTarget;
  if (kind === 'monthly') {
    const month = typeof values.month === 'string' ? values.month : fail(`缺少参数 --month\n${PACK_USAGE}`, 2);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) fail('--month 应为 YYYY-MM', 2);
    target = { kind, month };
  } else {
    const year = typeof values.year === 'string' ? Number(values.year) : fail(`缺少参数 --year\n${PACK_USAGE}`, 2);
    if (!Number.isInteger(year) || year < 1 || year > 20) fail('--year 应为服务年度序号（1、2、3…）', 2);
    target = { kind, year };
  }
  const out = typeof values.out === 'string' ? path.resolve(values.out) : fail(`缺少参数 --out（输出目录）\n${PACK_USAGE}`, 2);
  fs.mkdirSync(out, { recursive: true });
  if (typeof values.db === 'string' && !fs.existsSync(values.db)) fail(`数据库文件不存在：${path.resolve(values.db)}`, 2);

  const core = coreFor(values);
  const ac = new AbortController();
  const onSigint = (): void => {
    info('\n正在取消…');
    ac.abort();
  };
  process.once('SIGINT', onSigint);
  const actor = cliActor();
  const changes: TrackedChange[] = [];
  const jobId = newId();
  const ctx = core.runtime.context(actor, null, changes, ac.signal, jobId);
  try {
    const r = await buildPack(ctx, target, { outDir: out });
    core.runtime.auditStandalone(actor, 'cli', 'packs/build', changes, 'ok', null);
    for (const w of r.warnings) info(`提示：${w}`);
    info(`已生成 ${r.name}：${r.files} 个文件，PDF ${r.pdfs} 份共 ${r.pages} 页，${(r.bytes / 1024 / 1024).toFixed(1)} MB，用时 ${r.seconds} 秒`);
    info(`  文件夹：${r.folder}`);
    info(`  压缩包：${r.zip}`);
    process.stdout.write(`${JSON.stringify({ folder: r.folder, zip: r.zip, files: r.files, pdfs: r.pdfs, pages: r.pages, bytes: r.bytes, seconds: r.seconds, manifestSha256: r.manifestSha256 }, null, 2)}\n`);
    return 0;
  } catch (e) {
    const err = e instanceof AppError ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    core.runtime.auditStandalone(actor, 'cli', 'packs/build', changes, 'error', err.code);
    if (process.env.OWB_DEBUG) console.error(e);
    process.stderr.write(`\n错误（${err.code}）：${err.message}\n`);
    return err.code === 'CANCELLED' ? 130 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    core.close();
  }
}

/**
 * `owb export` is one command shared with the faults feature (`owb export form …`, defined in
 * electron/cli/faults.ts). This wrapper adds `monthly` and `annual` and hands every other
 * subcommand (form) to the faults command unchanged, options included. main.ts merges
 * packCommands after faultCommands, so this `export` is the one registered.
 */
const formExport = faultCommands.export;

const exportCommand: Command = {
  help: PACK_USAGE.split('\n').slice(1).map((l) => l.trim()),
  get options() {
    const opts: Command['options'] = { ...(formExport?.options ?? {}) };
    opts.db ??= { type: 'string' };
    opts.out ??= { type: 'string' };
    opts.month ??= { type: 'string' };
    opts.year ??= { type: 'string' };
    return opts;
  },
  run(values, positionals) {
    const sub = positionals[0];
    if (sub === 'monthly' || sub === 'annual') return exportPack(values, sub);
    if (sub === 'form' && formExport) return formExport.run(values, positionals);
    fail(PACK_USAGE, 2);
  },
};

/** owb commands of the packs feature. */
export const packCommands: Record<string, Command> = { verify, export: exportCommand };
