import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FORM_FORMATS } from '../../shared/contract/forms';
import { formKinds } from '../core/forms/registry';
import type { Command } from './commands';
import { coreFor } from './commands';
import { fail, info, table } from './io';

/** The options every form kind's parameters may use (`--id`, `--date`, `--month`…), from the registry. */
function paramNames(): string[] {
  const names = new Set<string>();
  for (const k of formKinds()) if (k.params instanceof z.ZodObject) for (const key of Object.keys(k.params.shape as Record<string, unknown>)) names.add(key);
  return [...names].sort();
}

const FIXED = ['db', 'kind', 'format', 'out', 'list', 'force'];

function usage(): string {
  const kinds = formKinds().map((k) => `    ${k.kind.padEnd(20)} ${k.label}  ${k.usage}`);
  return ['用法：owb export form --kind 类型 [参数] --format pdf|xlsx --out 文件 [--force] [--db 文件]', '  类型：', ...kinds].join('\n');
}

/** Writes beside the target and renames into place: never a half-written form. */
function writeAtomic(file: string, bytes: Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

const exportCommand: Command = {
  help: ['owb export form --kind 类型 [参数] --format pdf|xlsx --out 文件 [--force] [--db 文件]   导出单张表单（--list 列出类型）'],
  // A getter: the form kinds have registered themselves by the time the CLI parses arguments.
  get options() {
    const opts: Command['options'] = {
      db: { type: 'string' },
      kind: { type: 'string' },
      format: { type: 'string', default: 'pdf' },
      out: { type: 'string' },
      list: { type: 'boolean' },
      force: { type: 'boolean' },
    };
    for (const p of paramNames()) if (!FIXED.includes(p)) opts[p] = { type: 'string' };
    return opts;
  },
  async run(values, positionals) {
    if (positionals[0] !== 'form') fail(usage(), 2);
    if (values.list) {
      process.stdout.write(`${table(['类型', '表单', '参数'], formKinds().map((k) => [k.kind, k.label, k.usage]))}\n`);
      return 0;
    }
    const kind = typeof values.kind === 'string' ? values.kind : fail(`缺少参数 --kind\n${usage()}`, 2);
    const format = String(values.format);
    if (!(FORM_FORMATS as readonly string[]).includes(format)) fail(`--format 应为 ${FORM_FORMATS.join(' 或 ')}`, 2);
    const out = typeof values.out === 'string' ? path.resolve(values.out) : fail('缺少参数 --out（输出文件）', 2);
    if (!fs.existsSync(path.dirname(out))) fail(`输出目录不存在：${path.dirname(out)}`, 2);
    if (fs.existsSync(out) && !values.force) fail(`文件已存在：${out}（加 --force 覆盖）`, 2);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (!FIXED.includes(k) && typeof v === 'string') params[k] = v;
    const core = coreFor(values);
    try {
      const r = await core.call({ channel: 'forms/export', input: { kind, params, format } }, 'cli');
      if (!r.ok) {
        process.stderr.write(`错误（${r.error.code}）：${r.error.message}\n`);
        return 1;
      }
      const file = r.data as { fileName: string; dataBase64: string };
      const bytes = Buffer.from(file.dataBase64, 'base64');
      writeAtomic(out, bytes);
      info(`已导出 ${file.fileName}：${out}（${bytes.length} 字节）`);
      return 0;
    } finally {
      core.close();
    }
  },
};

/** owb commands of the faults feature: `owb export form --kind fault|workorder|… --id … --format pdf|xlsx --out FILE`. */
export const faultCommands: Record<string, Command> = { export: exportCommand };
