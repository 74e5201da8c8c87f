import { describe, expect, it } from 'vitest';
import {
  ALERT_LEVEL_LABELS,
  alertActionDetail,
  alertChecklist,
  alertLevelOf,
  defaultAlertLevels,
  suggestedAlertLevel,
  validateAlertLevels,
  type AlertLevelDef,
} from './alerts';

const at = (local: string) => new Date(local).toISOString();
const reportedAt = at('2026-03-10T09:00:00+08:00');

describe('default alert levels', () => {
  const levels = defaultAlertLevels();

  it('three levels with descriptions and actions, valid', () => {
    expect(levels.map((l) => l.label)).toEqual(['一级预警', '二级预警', '三级预警']);
    expect(levels[0]!.description).toBe('系统级出现故障，但不影响正常运转。');
    expect(levels[0]!.examples).toEqual(['主机性能降低', '数据备份出现异常', '异地备份出现异常', '某台服务器出现病毒', '监控软件出现故障']);
    expect(validateAlertLevels(levels)).toEqual([]);
    expect(ALERT_LEVEL_LABELS[2]).toBe('二级预警');
  });

  it('level 1 notifies the system owner and project lead; 2 and 3 report to leaders and file the 故障报告单', () => {
    const keys = (n: number) => alertLevelOf(levels, n)!.actions.map((a) => a.key);
    expect(keys(1)).toContain('notify_owner');
    expect(alertLevelOf(levels, 1)!.actions.find((a) => a.key === 'notify_owner')!.notify).toEqual(['系统负责人', '项目负责人']);
    expect(keys(2)).toEqual(expect.arrayContaining(['notify_leaders', 'file_report', 'vendor_onsite']));
    expect(keys(3)).toEqual(expect.arrayContaining(['notify_leaders', 'file_report', 'hardware_replacement']));
    expect(keys(2)).not.toContain('hardware_replacement');
    const hw = alertLevelOf(levels, 3)!.actions.find((a) => a.key === 'hardware_replacement')!;
    expect(hw.notify).toEqual(['运维中心主管人员']);
    expect(alertActionDetail(hw)).toBe('仅在硬件设备故障无法修复、需要更换时；通知：运维中心主管人员');
    expect(alertLevelOf(levels, 4)).toBeUndefined();
  });

  it('fresh copies', () => {
    defaultAlertLevels()[0]!.actions.pop();
    expect(defaultAlertLevels()[0]!.actions).toHaveLength(levels[0]!.actions.length);
  });

  it('a suggested level from the severity', () => {
    expect([suggestedAlertLevel('normal'), suggestedAlertLevel('serious'), suggestedAlertLevel('critical')]).toEqual([1, 2, 3]);
  });
});

describe('alertChecklist', () => {
  const level3 = alertLevelOf(defaultAlertLevels(), 3)!;

  it('a new fault: nothing done; the notification is due 10 minutes after the report', () => {
    const items = alertChecklist(level3, { reportedAt }, at('2026-03-10T09:05:00+08:00'));
    const notify = items.find((i) => i.key === 'notify_leaders')!;
    expect(notify).toMatchObject({ dueAt: at('2026-03-10T09:10:00+08:00'), done: false, overdue: false, auto: false });
    expect(notify.detail).toBe('通知：系统负责人、项目负责人、甲方相关领导（电话或当面）；报告后 10 分钟内');
    const report = items.find((i) => i.key === 'file_report')!;
    expect(report).toMatchObject({ dueAt: null, done: false, overdue: false });
    expect(report.detail).toBe('解决后 24 小时内');
  });

  it('overdue after the limit; conditional actions never overdue', () => {
    const items = alertChecklist(level3, { reportedAt }, at('2026-03-10T12:00:00+08:00'));
    expect(items.find((i) => i.key === 'notify_leaders')!.overdue).toBe(true);
    expect(items.find((i) => i.key === 'inspect')!.overdue).toBe(true);
    expect(items.find((i) => i.key === 'hardware_replacement')!.overdue).toBe(false);
    expect(items.find((i) => i.key === 'vendor_onsite')!.overdue).toBe(false);
  });

  it('ticks and stamps complete actions; late ones are marked doneLate', () => {
    const items = alertChecklist(
      level3,
      {
        reportedAt,
        respondedAt: at('2026-03-10T09:20:00+08:00'),
        resolvedAt: at('2026-03-10T11:00:00+08:00'),
        reportFiledAt: at('2026-03-12T12:00:00+08:00'),
        ticks: { notify_leaders: { at: at('2026-03-10T09:08:00+08:00'), by: '张伟' } },
      },
      at('2026-03-13T00:00:00+08:00'),
    );
    const by = (k: string) => items.find((i) => i.key === k)!;
    expect(by('notify_leaders')).toMatchObject({ done: true, doneBy: '张伟', doneLate: false, auto: false, overdue: false });
    expect(by('inspect')).toMatchObject({ done: true, auto: true, doneAt: at('2026-03-10T09:20:00+08:00'), doneLate: false });
    expect(by('resolve')).toMatchObject({ done: true, auto: true });
    expect(by('file_report')).toMatchObject({ done: true, dueAt: at('2026-03-11T11:00:00+08:00'), doneLate: true });
    expect(by('hardware_replacement')).toMatchObject({ done: false, overdue: false });
  });

  it('validation reports duplicates and bad limits in Chinese', () => {
    const bad: AlertLevelDef[] = [
      { level: 1, label: '一级预警', description: '', examples: [], actions: [
        { key: 'a', label: '甲', notify: [], via: null, withinMinutes: 0, from: 'reportedAt', doneWhen: null, condition: null },
        { key: 'a', label: '', notify: [], via: null, withinMinutes: null, from: 'reportedAt', doneWhen: null, condition: null },
      ] },
      { level: 1, label: '一级预警', description: '', examples: [], actions: [] },
    ];
    expect(validateAlertLevels(bad)).toEqual([
      '一级预警：处置事项“甲”的时限应为正整数分钟',
      '一级预警：处置事项代码“a”重复',
      '一级预警：处置事项“a”缺少说明',
      '一级预警 重复定义',
    ]);
  });
});
