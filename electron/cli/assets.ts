import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Command } from './commands';
import { coreFor } from './commands';
import { fail, info, printJson, table } from './io';

const zAssets = z.array(z.object({ name: z.string(), nodeGroup: z.string(), ip: z.string(), os: z.string(), owner: z.string(), credentialLabel: z.string().nullable(), level: z.string().nullable(), checks: z.number() }));
const LEVEL: Record<string, string> = { normal: '正常', warning: '警告', severe: '严重' };

/**
 * `owb assets list|export|import --db F [--out FILE | --file FILE] [--json]`: the asset list,
 * Excel export (never a secret) and import (every row checked; one bad row changes nothing).
 */
const assetsCommand: Command = {
  help: ['owb assets list|export|import --db 文件 [--out 文件.xlsx | --file 文件.xlsx] [--force] [--json]', '资产清单；导出 Excel（不含任何口令）；导入 Excel（逐行校验，有错则不改动）'],
  options: { db: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    const sub = positionals[0];
    if (sub !== 'list' && sub !== 'export' && sub !== 'import') fail('用法：owb assets list|export|import --db 文件 [--out 文件.xlsx | --file 文件.xlsx]', 2);
    let input: Buffer | null = null;
    let out = '';
    if (sub === 'import') {
      if (typeof values.file !== 'string') fail('缺少参数 --file（要导入的 Excel 文件）', 2);
      if (!fs.existsSync(values.file)) fail(`文件不存在：${values.file}`, 2);
      input = fs.readFileSync(values.file);
    }
    if (sub === 'export') {
      if (typeof values.out !== 'string') fail('缺少参数 --out（输出的 Excel 文件）', 2);
      out = path.resolve(values.out);
      if (fs.existsSync(out) && !values.force) fail(`文件已存在：${out}（加 --force 覆盖）`, 2);
    }
    const core = coreFor(values);
    try {
      if (sub === 'list') {
        const r = await core.call({ channel: 'assets/list', input: {} }, 'cli');
        if (!r.ok) fail(r.error.message, 1);
        const list = zAssets.parse(r.data);
        if (values.json) printJson(r.data);
        else process.stdout.write(`${table(['节点', '服务器名称', 'IP地址', '操作系统', '负责人', '登录凭据', '探测项', '最近结果'], list.map((a) => [a.nodeGroup, a.name, a.ip, a.os, a.owner, a.credentialLabel ?? '', a.checks, a.level ? (LEVEL[a.level] ?? a.level) : '—']))}\n`);
        return 0;
      }
      if (sub === 'export') {
        const r = await core.call({ channel: 'assets/export', input: {} }, 'cli');
        if (!r.ok) fail(r.error.message, 1);
        const f = z.object({ dataBase64: z.string() }).parse(r.data);
        const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, Buffer.from(f.dataBase64, 'base64'));
        fs.renameSync(tmp, out);
        info(`已导出：${out}`);
        return 0;
      }
      const r = await core.call({ channel: 'assets/import', input: { dataBase64: input!.toString('base64') } }, 'cli');
      if (!r.ok) {
        process.stderr.write(`导入失败（${r.error.code}）：${r.error.message}\n`);
        for (const i of r.error.issues ?? []) process.stderr.write(`  - ${i.path}：${i.message}\n`);
        return 1;
      }
      const s = z.object({ rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number() }).parse(r.data);
      info(`已导入 ${s.rows} 行：新增 ${s.created}，更新 ${s.updated}，未变 ${s.unchanged}。`);
      return 0;
    } finally {
      core.close();
    }
  },
};

/** owb commands of the assets feature. */
export const assetCommands: Record<string, Command> = { assets: assetsCommand };
