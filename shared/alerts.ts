/**
 * Alert levels (应急预警, DOMAIN.md §4) as data, and the checklist of required actions of a
 * fault at its level.
 *
 * The contract defines 一级 (a system-level fault that does not stop normal operation) and the
 * handling flow of each level; what 二级 and 三级 cover is *our reading* (二级 = part of the
 * service affected: report to the leaders at once by phone or in person, file the 故障报告单;
 * 三级 = service down or data at risk: also hardware replacement through the ops manager).
 * The minutes are defaults of the project data, not contract numbers, except where noted.
 */
import type { Severity } from './sla';
import { addMinutes, instantMs } from './time';

export const ALERT_LEVEL_NUMBERS = [1, 2, 3] as const;
export type AlertLevelNo = (typeof ALERT_LEVEL_NUMBERS)[number];
export const ALERT_LEVEL_LABELS: Record<AlertLevelNo, string> = { 1: '一级预警', 2: '二级预警', 3: '三级预警' };

/** The fault stamp an action's time limit counts from. */
export type AlertAnchor = 'reportedAt' | 'respondedAt' | 'onSiteAt' | 'resolvedAt';
/** A fault stamp that, once set, completes an action by itself. */
export type AlertDoneStamp = 'respondedAt' | 'onSiteAt' | 'resolvedAt' | 'reportFiledAt';

export interface AlertAction {
  /** Stable key (the ticks of a fault refer to it). */
  key: string;
  /** What to do, in Chinese. */
  label: string;
  /** Who is told (roles as printed: 系统负责人, 项目负责人…); empty when nobody is notified. */
  notify: string[];
  /** How (电话或当面…), or null. */
  via: string | null;
  /** Time limit after `from`; null = no limit of its own. */
  withinMinutes: number | null;
  from: AlertAnchor;
  /** Completed by this stamp (e.g. the written report by reportFiledAt); else ticked by hand. */
  doneWhen: AlertDoneStamp | null;
  /** Only when this situation arises (e.g. 需要更换硬件时): never overdue, ticked by hand. */
  condition: string | null;
}

export interface AlertLevelDef {
  level: AlertLevelNo;
  label: string;
  /** What the level means. */
  description: string;
  /** Typical situations (from the contract's table for 一级). */
  examples: string[];
  actions: AlertAction[];
}

const action = (a: Partial<AlertAction> & Pick<AlertAction, 'key' | 'label'>): AlertAction => ({
  notify: [],
  via: null,
  withinMinutes: null,
  from: 'reportedAt',
  doneWhen: null,
  condition: null,
  ...a,
});

/** The default alert levels (contract §应急保障 and our reading of 二级/三级). */
export function defaultAlertLevels(): AlertLevelDef[] {
  const inspect = action({ key: 'inspect', label: '查看故障点状态并分析故障原因', withinMinutes: 30, doneWhen: 'respondedAt' });
  const resolve = action({ key: 'resolve', label: '立即着手排除故障', doneWhen: 'resolvedAt' });
  const vendor = action({
    key: 'vendor_onsite',
    label: '联系设备厂商技术工程师到现场排除故障',
    via: '电话',
    condition: '需要设备厂商技术人员到现场时',
  });
  const fileReport = action({
    key: 'file_report',
    label: '故障排查清楚后以书面形式递交《故障报告单》（原因、处理过程、解决方案）',
    from: 'resolvedAt',
    withinMinutes: 1440,
    doneWhen: 'reportFiledAt',
  });
  return [
    {
      level: 1,
      label: ALERT_LEVEL_LABELS[1],
      description: '系统级出现故障，但不影响正常运转。',
      examples: ['主机性能降低', '数据备份出现异常', '异地备份出现异常', '某台服务器出现病毒', '监控软件出现故障'],
      actions: [
        inspect,
        action({ key: 'notify_owner', label: '通知系统负责人和项目负责人', notify: ['系统负责人', '项目负责人'], withinMinutes: 30 }),
        resolve,
        action({ key: 'follow_up', label: '故障排除后对故障设备进行事后跟踪', from: 'resolvedAt', withinMinutes: 1440 }),
        action({ ...fileReport, key: 'explain', label: '对故障原因及解决办法进行详细说明' }),
      ],
    },
    {
      level: 2,
      label: ALERT_LEVEL_LABELS[2],
      description: '部分服务受到影响：立即向相关领导报告，排查清楚后递交故障报告单。',
      examples: ['部分业务功能不可用', '数据交换部分中断', '个别部门前置机无法连接'],
      actions: [
        action({ key: 'notify_leaders', label: '立即通过电话或当面向相关部门领导报告故障', notify: ['系统负责人', '项目负责人'], via: '电话或当面', withinMinutes: 10 }),
        inspect,
        resolve,
        vendor,
        fileReport,
      ],
    },
    {
      level: 3,
      label: ALERT_LEVEL_LABELS[3],
      description: '服务中断或数据面临风险：立即报告相关领导，需要时经运维中心主管人员办理硬件更换，排查清楚后递交故障报告单。',
      examples: ['平台整体无法访问', '数据库宕机', '存储设备故障', '数据丢失或损坏风险'],
      actions: [
        action({
          key: 'notify_leaders',
          label: '立即通过电话或当面向相关领导报告故障',
          notify: ['系统负责人', '项目负责人', '甲方相关领导'],
          via: '电话或当面',
          withinMinutes: 10,
        }),
        inspect,
        resolve,
        vendor,
        action({
          key: 'hardware_replacement',
          label: '报运维中心主管人员办理硬件更换',
          notify: ['运维中心主管人员'],
          condition: '硬件设备故障无法修复、需要更换时',
        }),
        fileReport,
      ],
    },
  ];
}

/** The level definition of a fault's level number, if the project defines it. */
export function alertLevelOf(levels: readonly AlertLevelDef[], level: number): AlertLevelDef | undefined {
  return levels.find((l) => l.level === level);
}

/** A starting point for the alert level of a new fault (the engineer decides). */
export function suggestedAlertLevel(severity: Severity): AlertLevelNo {
  return severity === 'critical' ? 3 : severity === 'serious' ? 2 : 1;
}

/** Problems of an alert level definition, in Chinese (empty when valid). */
export function validateAlertLevels(levels: readonly AlertLevelDef[]): string[] {
  const errors: string[] = [];
  const seen = new Set<number>();
  for (const l of levels) {
    if (seen.has(l.level)) errors.push(`${ALERT_LEVEL_LABELS[l.level] ?? l.level} 重复定义`);
    seen.add(l.level);
    const keys = new Set<string>();
    for (const a of l.actions) {
      if (!a.key.trim()) errors.push(`${l.label}：有处置事项缺少代码`);
      if (keys.has(a.key)) errors.push(`${l.label}：处置事项代码“${a.key}”重复`);
      keys.add(a.key);
      if (!a.label.trim()) errors.push(`${l.label}：处置事项“${a.key}”缺少说明`);
      if (a.withinMinutes !== null && (!Number.isInteger(a.withinMinutes) || a.withinMinutes < 1)) {
        errors.push(`${l.label}：处置事项“${a.label}”的时限应为正整数分钟`);
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Checklist
// ---------------------------------------------------------------------------------------------

export interface AlertTick {
  at: string;
  by?: string | null;
}

export interface AlertFaultState {
  reportedAt: string;
  respondedAt?: string | null;
  onSiteAt?: string | null;
  resolvedAt?: string | null;
  reportFiledAt?: string | null;
  /** Actions ticked by hand, by action key. */
  ticks?: Readonly<Record<string, AlertTick | null | undefined>>;
}

export interface AlertCheckItem {
  key: string;
  label: string;
  /** Who to notify, how and by when, in Chinese. */
  detail: string;
  notify: string[];
  condition: string | null;
  /** Null when there is no limit or its anchor stamp is missing. */
  dueAt: string | null;
  done: boolean;
  doneAt: string | null;
  doneBy: string | null;
  /** Done by a fault stamp rather than a tick. */
  auto: boolean;
  /** Not done and the limit has passed. */
  overdue: boolean;
  /** Done after the limit. */
  doneLate: boolean;
}

const ANCHOR_LABELS: Record<AlertAnchor, string> = { reportedAt: '报告后', respondedAt: '响应后', onSiteAt: '到场后', resolvedAt: '解决后' };

function limitText(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} 小时`;
  return `${minutes} 分钟`;
}

/** The detail line of an action: 通知：系统负责人、项目负责人（电话或当面）；报告后 10 分钟内. */
export function alertActionDetail(a: AlertAction): string {
  const parts: string[] = [];
  if (a.condition) parts.push(`仅在${a.condition}`);
  if (a.notify.length) parts.push(`通知：${a.notify.join('、')}${a.via ? `（${a.via}）` : ''}`);
  else if (a.via) parts.push(`方式：${a.via}`);
  if (a.withinMinutes !== null) parts.push(`${ANCHOR_LABELS[a.from]} ${limitText(a.withinMinutes)}内`);
  return parts.join('；');
}

/**
 * The required actions of a fault's alert level with their state at `now`: an action is done
 * when its completing stamp is set or it was ticked; it is overdue when not done after its
 * limit (conditional actions are never overdue).
 */
export function alertChecklist(level: AlertLevelDef, fault: AlertFaultState, now: Date | string): AlertCheckItem[] {
  const nowMs = instantMs(now);
  return level.actions.map((a) => {
    const anchor = fault[a.from] ?? null;
    const dueAt = a.withinMinutes !== null && anchor ? addMinutes(anchor, a.withinMinutes) : null;
    const stamp = a.doneWhen ? (fault[a.doneWhen] ?? null) : null;
    const tick = fault.ticks?.[a.key] ?? null;
    const doneAt = stamp ?? tick?.at ?? null;
    const done = doneAt !== null;
    const dueMs = dueAt === null ? null : Date.parse(dueAt);
    return {
      key: a.key,
      label: a.label,
      detail: alertActionDetail(a),
      notify: [...a.notify],
      condition: a.condition,
      dueAt,
      done,
      doneAt,
      doneBy: stamp ? null : (tick?.by ?? null),
      auto: stamp !== null,
      overdue: !done && a.condition === null && dueMs !== null && nowMs > dueMs,
      doneLate: done && dueMs !== null && instantMs(doneAt) > dueMs,
    };
  });
}
