import path from 'node:path';
import { PackReadError, verifyPack } from '../core/packs/crypto';
import type { Command } from './commands';
import { fail, info } from './io';

/**
 * `owb verify PATH` (a pack folder or its .zip): exit 0 when intact, 1 naming every altered,
 * missing or extra file and any bad signature, 2 when the input cannot be read.
 */
const verify: Command = {
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

/** owb commands of the packs feature. */
export const packCommands: Record<string, Command> = { verify };
