import { z } from 'zod';
import { zResultRow } from '../../shared/contract/probes';
import { RESULT_LEVEL_LABELS } from '../../shared/levels';
import type { Command } from './commands';
import { coreFor } from './commands';
import { fail, info, printJson, table } from './io';

const zSweepOut = z.object({ id: z.string(), status: z.string(), total: z.number(), done: z.number(), counts: z.object({ normal: z.number(), warning: z.number(), severe: z.number() }), durationMs: z.number().nullable(), results: z.array(zResultRow) });
const zAssets = z.array(z.object({ id: z.string(), name: z.string(), ip: z.string() }));

/**
 * `owb probe --db F [--asset 名称或IP] [--add-defaults] [--json]`: runs every enabled check now
 * (or one asset's), stores the results, prints a table. Exit 0 whatever the hosts answered;
 * 1 when the command itself failed (database, arguments); Ctrl-C cancels the sweep.
 */
const probeCommand: Command = {
  help: ['owb probe --db 文件 [--asset 名称或IP] [--add-defaults] [--json]   立即检测并保存结果（主机异常仍返回 0）'],
  options: { db: { type: 'string' }, asset: { type: 'string' }, 'add-defaults': { type: 'boolean' }, json: { type: 'boolean' } },
  async run(values) {
    const core = coreFor(values);
    const jobId = `cli-probe-${process.pid}-${Date.now()}`;
    const onSigint = (): void => {
      info('\n正在取消探测……');
      void core.call({ channel: 'jobs/cancel', input: { jobId } }, 'cli');
    };
    process.once('SIGINT', onSigint);
    try {
      const list = await core.call({ channel: 'assets/list', input: {} }, 'cli');
      if (!list.ok) fail(list.error.message, 1);
      const assets = zAssets.parse(list.data);
      let assetId: string | undefined;
      if (typeof values.asset === 'string') {
        const want = values.asset.trim();
        const a = assets.find((x) => x.name === want) ?? assets.find((x) => x.ip === want);
        if (!a) fail(`未找到资产“${want}”。可用：${assets.map((x) => x.name).join('、')}`, 2);
        assetId = a.id;
      }
      if (values['add-defaults']) {
        for (const a of assets.filter((x) => !assetId || x.id === assetId)) {
          const r = await core.call({ channel: 'probes/add-defaults', input: { assetId: a.id } }, 'cli');
          if (!r.ok) info(`${a.name}：${r.error.message}`);
        }
      }
      const r = await core.call({ channel: 'probes/sweep', input: { jobId, ...(assetId ? { assetId } : {}) } }, 'cli');
      if (!r.ok) {
        process.stderr.write(`错误（${r.error.code}）：${r.error.message}\n`);
        return 1;
      }
      const out = zSweepOut.parse(r.data);
      if (values.json) {
        printJson(out);
        return 0;
      }
      if (out.total === 0) {
        info('没有可运行的探测项。可先运行：owb probe --add-defaults（为资产添加 ping、远程端口等常用探测）');
        return 0;
      }
      process.stdout.write(
        `${table(
          ['资产', '检查', '目标', '结果', '延迟', '说明'],
          out.results.map((x) => [x.assetName, x.checkLabel, x.target, RESULT_LEVEL_LABELS[x.level], x.latencyMs === null ? '—' : `${x.latencyMs} ms`, x.summary.slice(0, 60)]),
        )}\n`,
      );
      const secs = out.durationMs === null ? '' : `，用时 ${(out.durationMs / 1000).toFixed(1)} 秒`;
      info(`${out.status === 'cancelled' ? '已取消' : '完成'}：${out.done}/${out.total} 项，正常 ${out.counts.normal}，警告 ${out.counts.warning}，严重 ${out.counts.severe}${secs}。结果已保存。`);
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
      core.close();
    }
  },
};

/** owb commands of the probes feature. */
export const probeCommands: Record<string, Command> = { probe: probeCommand };
