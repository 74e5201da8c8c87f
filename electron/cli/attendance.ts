import type { Channel, Input, Output } from '../../shared/contract';
import type { Half } from '../../shared/attendance/marks';
import { totalsValue } from '../../shared/attendance/totals';
import type { MonthView } from '../../shared/contract/attendance';
import type { Core } from '../core/api';
import type { Command } from './commands';
import { coreFor } from './commands';
import { fail, info, printJson, table } from './io';

const USAGE = `用法：owb attendance <子命令> [--db 文件]
  show    --month YYYY-MM [--json]                      考勤月表：合计、违规、关账状态
  set     --month YYYY-MM --staff 姓名 --date YYYY-MM-DD --mark 代码|none
          [--half am|pm] [--note 备注] [--minutes-late N] [--overtime-hours N]
  suggest --month YYYY-MM [--accept]                     由工作记录生成的建议（--accept 全部确认）
  day     --date YYYY-MM-DD --kind holiday|workday|none [--name 名称]   手工设置节假日/工作日
  close   --month YYYY-MM                                关账
  reopen  --month YYYY-MM --reason 原因                  重新打开（记入审计日志）
导出考勤表：owb export form --kind attendance --month YYYY-MM --format pdf|xlsx --out 文件`;

class CallFailed extends Error {}

async function call<C extends Channel>(core: Core, channel: C, input: Input<C>): Promise<Output<C>> {
  const r = await core.call({ channel, input }, 'cli');
  if (!r.ok) {
    process.stderr.write(`错误（${r.error.code}）：${r.error.message}\n`);
    for (const i of r.error.issues ?? []) process.stderr.write(`  - ${i.path || '(输入)'}：${i.message}\n`);
    throw new CallFailed();
  }
  return r.data as Output<C>;
}

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const need = (values: Record<string, string | boolean | undefined>, key: string): string => str(values[key]) ?? fail(`缺少参数 --${key}\n${USAGE}`, 2);
const num = (v: string | undefined, key: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) fail(`--${key} 应为数字`, 2);
  return n;
};

function printMonth(v: MonthView): void {
  const totals = new Map(v.totals.map((x) => [x.staffId, x]));
  const rows = v.staff.map((p) => {
    const x = totals.get(p.id);
    return [p.name, ...v.totalsColumns.map((c) => (x ? totalsValue(x, c.key) : 0))];
  });
  process.stdout.write(`${v.title}\n\n${table(['姓名', ...v.totalsColumns.map((c) => c.label)], rows)}\n\n`);
  const state = { open: '进行中', due: '待提交', late: '已逾期', closed: '已关账' }[v.status.state];
  process.stdout.write(`状态：${state}（应于 ${v.status.dueDate} 前提交）${v.status.reminder ? `\n${v.status.reminder}` : ''}\n`);
  if (!v.calendarKnown) process.stdout.write(`注意：节假日库不包含 ${v.month.slice(0, 4)} 年，工作日按周一至周五计算，请手工补充节假日和调休（owb attendance day）。\n`);
  const errors = v.violations.filter((x) => x.severity === 'error');
  process.stdout.write(`违规 ${errors.length} 条，提醒 ${v.violations.length - errors.length} 条\n`);
  for (const x of v.violations) process.stdout.write(`  ${x.severity === 'error' ? '✗' : '!'} ${x.message}\n`);
}

const attendanceCommand: Command = {
  help: USAGE.split('\n').map((l) => l.replace(/^用法：/, '').replace(/^ {2}/, '')),
  options: {
    db: { type: 'string' },
    month: { type: 'string' },
    staff: { type: 'string' },
    date: { type: 'string' },
    mark: { type: 'string' },
    half: { type: 'string', default: 'full' },
    note: { type: 'string' },
    'minutes-late': { type: 'string' },
    'overtime-hours': { type: 'string' },
    accept: { type: 'boolean' },
    kind: { type: 'string' },
    name: { type: 'string', default: '' },
    reason: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals) {
    const sub = positionals[0];
    if (!sub || !['show', 'set', 'suggest', 'day', 'close', 'reopen'].includes(sub)) fail(USAGE, 2);
    const core = coreFor(values);
    try {
      switch (sub) {
        case 'show': {
          const v = await call(core, 'attendance/month', { month: need(values, 'month') });
          if (values.json) printJson(v);
          else printMonth(v);
          return 0;
        }
        case 'set': {
          const month = need(values, 'month');
          const who = need(values, 'staff');
          const staff = await call(core, 'staff/list', {});
          const person = staff.find((s) => s.id === who || s.name === who) ?? fail(`团队中没有“${who}”（可用：${staff.map((s) => s.name).join('、') || '—'}）`, 2);
          const mark = need(values, 'mark');
          const minutesLate = num(str(values['minutes-late']), 'minutes-late');
          const overtimeHours = num(str(values['overtime-hours']), 'overtime-hours');
          const note = str(values.note);
          const v = await call(core, 'attendance/set-marks', {
            month,
            cells: [
              {
                staffId: person.id,
                date: need(values, 'date'),
                half: String(values.half) as Half, // checked by the channel's schema
                mark: mark === 'none' ? null : mark,
                ...(note !== undefined ? { note } : {}),
                ...(minutesLate !== undefined ? { minutesLate } : {}),
                ...(overtimeHours !== undefined ? { overtimeHours } : {}),
              },
            ],
          });
          info(`已保存：${person.name} ${String(values.date)} ${mark === 'none' ? '已清除' : (v.markTypes.find((t) => t.code === mark)?.label ?? mark)}`);
          return 0;
        }
        case 'suggest': {
          const month = need(values, 'month');
          const list = await call(core, 'attendance/suggestions', { month });
          if (list.length === 0) {
            info('没有待确认的建议。');
            return 0;
          }
          process.stdout.write(`${table(['姓名', '日期', '建议', '加班小时', '依据'], list.map((s) => [s.staffName, s.date, s.markLabel, s.overtimeHours ?? '', s.reason]))}\n`);
          if (values.accept) {
            await call(core, 'attendance/accept-suggestions', { month, items: list.map((s) => ({ staffId: s.staffId, date: s.date })) });
            info(`已确认 ${list.length} 条建议。`);
          }
          return 0;
        }
        case 'day': {
          const kind = need(values, 'kind');
          if (!['holiday', 'workday', 'none'].includes(kind)) fail('--kind 应为 holiday、workday 或 none', 2);
          const date = need(values, 'date');
          await call(core, 'attendance/set-day', { date, kind: kind === 'none' ? null : (kind as 'holiday' | 'workday'), name: String(values.name) });
          info(`已设置：${date} ${kind === 'none' ? '恢复为节假日库的安排' : kind === 'holiday' ? '休息日' : '工作日'}`);
          return 0;
        }
        case 'close': {
          const v = await call(core, 'attendance/close', { month: need(values, 'month') });
          info(`${v.title}已关账${v.status.closedLate ? '（晚于应提交日期）' : ''}。`);
          return 0;
        }
        case 'reopen': {
          const v = await call(core, 'attendance/reopen', { month: need(values, 'month'), reason: need(values, 'reason') });
          info(`${v.title}已重新打开。`);
          return 0;
        }
        default:
          return fail(USAGE, 2);
      }
    } catch (e) {
      if (e instanceof CallFailed) return 1;
      throw e;
    } finally {
      core.close();
    }
  },
};

/** owb commands of the attendance feature (the sheet itself: `owb export form --kind attendance`). */
export const attendanceCommands: Record<string, Command> = { attendance: attendanceCommand };
