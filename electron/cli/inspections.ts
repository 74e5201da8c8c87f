import { zToday } from '../../shared/contract/inspections';
import { RUN_STATUS_LABELS } from '../../shared/contract/inspections';
import { RESULT_LEVEL_LABELS } from '../../shared/levels';
import { formatBizDateTime } from '../../shared/time';
import { startScheduler } from '../core/inspections/scheduler';
import type { Command } from './commands';
import { coreFor } from './commands';
import { fail, info, printJson, table } from './io';

/** `owb inspections today [--date YYYY-MM-DD] [--json]`: the round of a day at a glance. */
const inspectionsCommand: Command = {
  help: ['owb inspections today [--date YYYY-MM-DD] [--json] [--db 文件]   当天巡检一览：已完成、异常、逾期'],
  options: { db: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    if (positionals[0] !== 'today') fail('用法：owb inspections today [--date YYYY-MM-DD] [--json] [--db 文件]', 2);
    const core = coreFor(values);
    try {
      const r = await core.call({ channel: 'inspections/today', input: typeof values.date === 'string' ? { date: values.date } : {} }, 'cli');
      if (!r.ok) {
        process.stderr.write(`错误（${r.error.code}）：${r.error.message}\n`);
        return 1;
      }
      const d = zToday.parse(r.data);
      if (values.json) {
        printJson(d);
        return 0;
      }
      info(`${d.bizDate}${d.working ? '' : '（非工作日）'}：日常巡检已完成 ${d.done}/${d.total}，截止 ${formatBizDateTime(d.dueAt)}`);
      process.stdout.write(
        `${table(
          ['时段', '计划时间', '数据交换检查', '巡检', '进度', '逾期'],
          d.slots.map((s) => [
            s.label,
            formatBizDateTime(s.at).slice(-5),
            s.sweep ? `${s.sweep.late ? '补做 ' : ''}${formatBizDateTime(s.sweep.ranAt).slice(-5)}（警告 ${s.sweep.counts.warning}，严重 ${s.sweep.counts.severe}）` : '未进行',
            s.run ? RUN_STATUS_LABELS[s.run.status] : '未开始',
            s.run ? `${s.run.filled}/${s.run.items}` : '—',
            s.run?.late ? '是' : '',
          ]),
        )}\n`,
      );
      if (d.failing.length) process.stdout.write(`\n${table(['资产', '项目', '结果', '说明'], d.failing.map((f) => [f.assetName, f.label, RESULT_LEVEL_LABELS[f.level], f.value]))}\n`);
      return 0;
    } finally {
      core.close();
    }
  },
};

/**
 * `owb schedule --db F`: runs the inspection scheduler in the foreground (a workstation
 * without the desktop app): sweeps at the exchange-check times, opens the runs, reminds and
 * marks late; a slot missed while it was not running runs at start (late). Ctrl-C stops it.
 */
const scheduleCommand: Command = {
  help: ['owb schedule --db 文件                         前台运行巡检计划（按时检查、提醒、标记逾期；Ctrl+C 停止）'],
  options: { db: { type: 'string' } },
  async run(values) {
    const core = coreFor(values);
    core.onEvent((e) => {
      if (e.type === 'notify') info(`[${new Date().toISOString()}] ${e.level === 'severe' ? '严重' : e.level === 'warn' ? '警告' : '提示'}：${e.title}\n  ${e.body.replace(/\n/g, '\n  ')}`);
    });
    const s = startScheduler({ core, onError: (e) => info(`调度出错：${e instanceof Error ? e.message : String(e)}`) });
    const first = await s.tick();
    info(`巡检调度已启动${first.sweeps.length ? `，补做 ${first.sweeps.length} 次数据交换检查` : ''}。下一次：${s.nextDue() ? formatBizDateTime(s.nextDue()!) : '—'}。按 Ctrl-C 停止。`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    s.stop();
    core.close();
    info('巡检调度已停止。');
    return 0;
  },
};

/** owb commands of the inspections feature. */
export const inspectionCommands: Record<string, Command> = { inspections: inspectionsCommand, schedule: scheduleCommand };
